#!/usr/bin/env bash
# How many taps and swipes a person needs to find a name in a fund table (issue 14), counted on
# the real kiosk, headless. Each step is "tap LABEL" or "find TEXT"; before each, the person
# swipes the page up (a slow finger drag of 40% of the screen height at x = SWIPE_X, then a
# pause) until the label or the text is on screen. Prints the taps, the swipes and the steps.
# Usage:
#   bash kiosk/tools/find_a_name.sh BUILD_DIR CONFIG CONTENT SWIPE_X STEP...
# e.g. (the village tablet as shipped, the last name of 上坝村's 高龄津贴 list, by its group):
#   bash kiosk/tools/find_a_name.sh build config/samples/kiosk-village.toml build/demo/content.db 640 \
#     "tap 资金公开" "tap 上坝村" "tap 桐溪镇2026年下半年高龄津贴发放公示" "tap 大丘组" "find 李*发"
# STEP may name another x for its swipes after a second colon: "tap:270 大丘组" (a side pane).
set -euo pipefail
BUILD=$1
CONFIG=$2
CONTENT=$3
SWIPE_X=$4
shift 4
K="$BUILD/kiosk/bianmin-kiosk"
STATE=$(mktemp -d)
trap 'rm -rf "$STATE"' EXIT
export SDL_AUDIODRIVER=dummy
H=$(sed -n 's/^height *= *\([0-9]*\).*/\1/p' "$CONFIG" | head -1)
Y0=$((H * 75 / 100))
Y1=$((H * 35 / 100))
prefix="route home"$'\n'
taps=0
swipes=0
max_swipes=60
for step in "$@"; do
  kind=${step%% *}
  what=${step#* }
  x=$SWIPE_X
  if [[ $kind == *:* ]]; then
    x=${kind#*:}
    kind=${kind%%:*}
  fi
  found=""
  for ((k = 0; k <= max_swipes; k++)); do
    moves=""
    for ((i = 0; i < k; i++)); do moves+="drag $x $Y0 $x $Y1 600"$'\n'"wait 2000"$'\n'; done
    if [[ $kind == tap ]]; then act="tap \"$what\""$'\n'"wait 500"$'\n'; else act="expect \"$what\""$'\n'; fi
    printf '%s' "$prefix$moves$act" >"$STATE/script.txt"
    rm -rf "$STATE/s"
    if "$K" --headless --config "$CONFIG" --content "$CONTENT" --state-dir "$STATE/s" --today 2026-11-23 \
      --time 10:30 --cups-server "$STATE/no-cupsd.sock" --script "$STATE/script.txt" >/dev/null 2>&1; then
      found=1
      break
    fi
  done
  if [[ -z $found ]]; then
    echo "step \"$step\": not found after $max_swipes swipes" >&2
    exit 1
  fi
  prefix+="$moves$act"
  swipes=$((swipes + k))
  [[ $kind == tap ]] && taps=$((taps + 1))
  echo "  $step: $k swipes"
done
echo "taps $taps, swipes $swipes"
