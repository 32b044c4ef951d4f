#!/usr/bin/env bash
# The tree follows .clang-format: lists every C++ file that clang-format would change and
# exits 1 if there is one (CTest: lint.format). To fix: bash deploy/check-format.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format is missing: bash deploy/install-deps.sh"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
else  # a source tarball: every C++ file outside build trees
  mapfile -t files < <(find . -path './build*' -prune -o -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cc' \) -print | sort)
fi
if [ "${1:-}" = "--fix" ]; then
  clang-format -i --style=file "${files[@]}"
  echo "reformatted ${#files[@]} files"; exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not formatted as .clang-format says: %s\n' "${bad[@]}"
  echo "${#bad[@]} of ${#files[@]} files; run: bash deploy/check-format.sh --fix"
  exit 1
fi
echo "all ${#files[@]} C++ files follow .clang-format"
