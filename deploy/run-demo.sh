#!/usr/bin/env bash
# Installs what is needed, builds, and runs the kiosk on the built-in demo township.
# Usage: bash deploy/run-demo.sh [extra bianmin-kiosk options]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build
bash deploy/install-deps.sh
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" -j"$(nproc)"
if [ -x "$BUILD_DIR/kiosk/bianmin-kiosk" ]; then
  exec "$BUILD_DIR/kiosk/bianmin-kiosk" --content "$BUILD_DIR/demo/content.db" "$@"
else
  # Until the kiosk lands: check the demo township's source and show what was built.
  "$BUILD_DIR/sync/bianmin-publish" check content/demo
  ls -l "$BUILD_DIR/demo/content.db"
fi
