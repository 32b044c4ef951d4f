#!/usr/bin/env bash
# Renders the README's screenshots of the kiosk on the demo township (headless, software
# renderer), each on a terminal exactly as shipped: config/samples/kiosk-hall.toml (the hall's
# portrait screen) and config/samples/kiosk-village.toml (the village tablet, elder mode on).
# Screen size, dpi and mode come from the config, never from this script; the test
# kiosk.readme_pictures holds it to that and checks each picture's size against its config.
# Usage: bash kiosk/tools/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
BUILD=${1:-build}
OUT=${2:-assets/screenshots}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
K="$BUILD/kiosk/bianmin-kiosk"
DB="$BUILD/demo/content.db"
STATE=$(mktemp -d)
# A terminal with a sound card shows 朗读; SDL's dummy driver stands in for one here.
export SDL_AUDIODRIVER=dummy
trap 'rm -rf "$STATE"' EXIT
shot() {  # name config route [--elder]
  "$K" --headless --config "$HERE/config/samples/$2" --content "$DB" --state-dir "$STATE" \
    --today 2026-11-23 --time 10:30 --cups-server "$STATE/no-cupsd.sock" \
    --route "$3" --screenshot "$OUT/$1.png" "${@:4}"
}
mkdir -p "$OUT"
shot hall-home kiosk-hall.toml home
shot hall-home-elder kiosk-hall.toml home --elder
shot hall-guide kiosk-hall.toml guide/432625000CL-QR-0001
shot hall-card-elder kiosk-hall.toml card/gaoling --elder
shot hall-funds kiosk-hall.toml funds/tongxi/gengdi-2025
shot hall-search kiosk-hall.toml search/YLBX
shot village-home kiosk-village.toml home
shot village-funds kiosk-village.toml funds/tongxi/gengdi-2026-tongxi
shot village-search kiosk-village.toml search/低保
shot village-cards kiosk-village.toml cards
echo "screenshots in $OUT"
