#!/usr/bin/env bash
# deploy.debs: builds the four .debs once (cpack) into DIR for the tests that use them
# (deploy.lintian, deploy.package_root, deploy.boot: a CTest fixture), so cpack, which strips
# and compresses 50 MB of programs, runs once per ctest run instead of three times.
#   make_debs.sh BUILD_DIR DIR
set -euo pipefail
BUILD=$(cd "${1:?usage: make_debs.sh BUILD_DIR DIR}" && pwd)
DIR=${2:?usage: make_debs.sh BUILD_DIR DIR}
rm -rf "$DIR" "$DIR.tmp"
mkdir -p "$DIR.tmp"
if ! cpack --config "$BUILD/CPackConfig.cmake" -B "$DIR.tmp" > "$DIR.tmp/cpack.log" 2>&1; then
  cat "$DIR.tmp/cpack.log"; echo "FAILED: cpack"; exit 1
fi
mkdir -p "$DIR"
mv "$DIR.tmp"/*.deb "$DIR/"
rm -rf "$DIR.tmp"
for d in "$DIR"/*.deb; do
  echo "$(basename "$d")  $(( $(stat -c %s "$d") / 1024 )) KiB"
  dpkg-deb -f "$d" Depends | sed 's/^/  Depends: /'
done
for p in bianmin-common bianmin-kiosk-bin bianmin-kiosk bianmin-hub; do
  ls "$DIR"/${p}_*.deb >/dev/null 2>&1 || { echo "FAILED: package $p was not built"; exit 1; }
done
