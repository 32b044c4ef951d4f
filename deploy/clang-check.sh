#!/bin/bash
# Compile-check C++ files with clang 14 and the sanitizer tree's flags (-Werror), the way CI's
# second tree builds them, without building anything: each file's own compile command with
# -fsyntax-only. Catches what GCC accepts and clang refuses (e.g. a structured binding captured
# in doctest's INFO) in a minute instead of 17 minutes into CI.
#
#   deploy/clang-check.sh                 files changed since main (committed or not)
#   deploy/clang-check.sh --base REV      files changed since REV
#   deploy/clang-check.sh FILE...         these files
#
# The clang tree is configured once in $BIANMIN_CLANG_CHECK_DIR (default build-clang-check).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BIANMIN_CLANG_CHECK_DIR:-build-clang-check}
base=main
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --base) base=$2; shift 2 ;;
        *) files+=("$1"); shift ;;
    esac
done
if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <( (git diff --name-only "$base" -- '*.cpp'; git ls-files --others --exclude-standard -- '*.cpp') | sort -u)
fi
if [ ${#files[@]} -eq 0 ]; then echo "clang-check: no changed .cpp files"; exit 0; fi
# Configured every time (seconds): new files join their targets' compile commands.
CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DBIANMIN_FUZZ=ON -DBIANMIN_WERROR=ON >/dev/null
python3 - "$dir/compile_commands.json" "${files[@]}" <<'PY'
import json, os, shlex, subprocess, sys
import concurrent.futures as cf
db = json.load(open(sys.argv[1]))
want = {os.path.abspath(f) for f in sys.argv[2:] if os.path.exists(f)}
jobs = []
for e in db:
    if os.path.abspath(e['file']) not in want:
        continue
    args = shlex.split(e.get('command') or ' '.join(e['arguments']))
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == '-o':
            skip = True
            continue
        if a == '-c':
            continue
        out.append(a)
    jobs.append((e['file'], out + ['-fsyntax-only'], e['directory']))
def run(job):
    f, a, d = job
    r = subprocess.run(a, cwd=d, capture_output=True, text=True)
    return f, r.returncode, r.stderr
bad = 0
with cf.ThreadPoolExecutor(2) as ex:
    for f, rc, err in ex.map(run, jobs):
        if rc != 0 or 'warning' in err:
            bad += 1
            print('==', f)
            print(err[:4000])
missing = len(want) - len({os.path.abspath(j[0]) for j in jobs})
print(f'clang-check: {len(jobs)} compile commands checked, {bad} with errors or warnings'
      + (f', {missing} files not in any target' if missing else ''))
sys.exit(1 if bad else 0)
PY
