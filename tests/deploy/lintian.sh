#!/usr/bin/env bash
# deploy.lintian: the four .debs pass lintian with no error, and every ELF program in them is
# built with Debian's hardening (what hardening-check reports, read from the ELF itself):
# PIE, full RELRO (GNU_RELRO + BIND_NOW), stack protector (__stack_chk_fail) and
# _FORTIFY_SOURCE (__*_chk functions).
#
#   lintian.sh BUILD_DIR
#
# The warnings we keep are listed in deploy/README.md ("Packaging notes") with the reason; a
# new warning is printed here (not a failure), a new error fails. Skips (77) without lintian.
set -euo pipefail
BUILD=$(cd "${1:?usage: lintian.sh BUILD_DIR}" && pwd)
command -v lintian >/dev/null || { echo "SKIPPED: lintian is not installed (deploy/install-deps.sh installs it)"; exit 77; }

fail() { echo "FAILED: $*"; exit 1; }
work=$(mktemp -d /var/tmp/bianmin-lintian.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The .debs: from the deploy.debs fixture ($BIANMIN_DEBS, set by CTest) or built here.
get_debs() {  # get_debs DEST_DIR
  mkdir -p "$1"
  if [ -n "${BIANMIN_DEBS:-}" ] && ls "$BIANMIN_DEBS"/bianmin-kiosk_*.deb >/dev/null 2>&1; then
    cp "$BIANMIN_DEBS"/*.deb "$1/"
  else
    bash "$(dirname "$0")/make_debs.sh" "$BUILD" "$1" > "$1.log" 2>&1 || { cat "$1.log"; fail "building the .debs"; }
  fi
}
get_debs "$work/pkg"
failures=0

echo "== lintian"
for deb in "$work"/pkg/*.deb; do
  # lintian exits non-zero on errors; --fail-on error only (warnings are reported, not fatal).
  out=$(lintian --fail-on error --no-tag-display-limit "$deb" 2>&1) && rc=0 || rc=$?
  errors=$(printf '%s\n' "$out" | grep -c '^E: ' || true)
  warnings=$(printf '%s\n' "$out" | grep -c '^W: ' || true)
  echo "   $(basename "$deb"): $errors error(s), $warnings warning(s)"
  printf '%s\n' "$out" | grep -E '^(E|W): ' | sed 's/^/     /' || true
  if [ "$errors" -gt 0 ] || [ "$rc" -ne 0 ]; then failures=$((failures + 1)); fi
done

echo "== hardening (read from the ELF)"
mkdir -p "$work/x"
for deb in "$work"/pkg/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
while IFS= read -r f; do
  kind=$(file -b "$f")
  [[ $kind == ELF* ]] || continue
  name=${f#"$work/x"}
  hdr=$(readelf -h "$f"); dyn=$(readelf -d "$f"); ph=$(readelf -lW "$f"); syms=$(readelf --dyn-syms -W "$f")
  missing=""
  grep -q 'Type:.*DYN' <<<"$hdr" && grep -q 'FLAGS_1.*PIE' <<<"$dyn" || missing="$missing PIE"
  grep -q GNU_RELRO <<<"$ph" || missing="$missing RELRO"
  grep -qE 'BIND_NOW|FLAGS_1.*NOW' <<<"$dyn" || missing="$missing BIND_NOW"
  grep -q '__stack_chk_fail' <<<"$syms" || missing="$missing stack-protector"
  grep -qE '__[a-z0-9_]+_chk(@|$| )' <<<"$syms" || missing="$missing fortify"
  if [ -z "$missing" ]; then echo "   ok    $name: PIE, RELRO, BIND_NOW, stack protector, fortify"
  else echo "   FAIL  $name: missing$missing"; failures=$((failures + 1)); fi
done < <(find "$work/x" -type f -perm -u+x | sort)

[ "$failures" -eq 0 ] || { echo "FAILED: $failures problem(s)"; exit 1; }
echo "all packages lintian-clean of errors, every program hardened"
