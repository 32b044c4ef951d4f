#!/usr/bin/env bash
# Renders the README's screenshots of the kiosk on the demo township (headless, software
# renderer). Usage: bash kiosk/tools/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
BUILD=${1:-build}
OUT=${2:-assets/screenshots}
K="$BUILD/kiosk/bianmin-kiosk"
DB="$BUILD/demo/content.db"
STATE=$(mktemp -d)
# A terminal with a sound card shows 朗读; SDL's dummy driver stands in for one here.
export SDL_AUDIODRIVER=dummy
trap 'rm -rf "$STATE"' EXIT
shot() {  # name size route [--elder]
  "$K" --headless --content "$DB" --state-dir "$STATE" --today 2026-11-23 --time 10:30 \
    --printer receipt --cups-server "$STATE/no-cupsd.sock" \
    --size "$2" --route "$3" --screenshot "$OUT/$1.png" "${@:4}"
}
mkdir -p "$OUT"
shot home-portrait 1080x1920 home
shot home-portrait-elder 1080x1920 home --elder
shot guide-portrait 1080x1920 guide/432625000CL-QR-0001
shot funds-landscape 1920x1080 funds/tongxi/gengdi-2025
shot home-tablet-elder 1280x800 home --elder
shot funds-tablet-elder 1280x800 funds/tongxi/gengdi-2026-tongxi --elder
shot search-landscape 1920x1080 search/YLBX
shot card-portrait-elder 1080x1920 card/gaoling --elder
echo "screenshots in $OUT"
