#!/bin/bash
# bianmin-provision (deploy/provision-terminal.sh): make a freshly installed terminal this
# hall's terminal. Run as root after `apt install ./bianmin-kiosk_*.deb`. Idempotent: run it
# again with the same options and nothing changes; with new options, only those change.
#
#   bianmin-provision --id hall-01 --hub http://192.168.1.10:8080 \
#       --key-id qingshi-2026 --key BASE64_PUBLIC_KEY \
#       [--role hall|village] [--village qingshi] [--enroll-token-file FILE] \
#       [--printer auto|usb://…|ipp://host/ipp/print|socket://host:9100] [--queue receipt]
#       [--paper 58mm|80mm|a4] [--no-sync] [--no-test-print] [--config FILE] [--dry-run]
#
# Steps: 1 kiosk.toml (id, role, village, hub, trusted key; placeholder sample keys removed)
#        2 sync timer period  3 enroll with the hub  4 printer queue (lpadmin)
#        5 first sync  6 test print  7 (re)start the kiosk
# --dry-run prints every command and the config diff, and changes nothing.
set -euo pipefail

CONFIG=/etc/bianmin/kiosk.toml
SAMPLE=/usr/share/doc/bianmin-kiosk/examples/kiosk-hall.toml
CONFIG_TOOL=${BIANMIN_CONFIG_TOOL:-bianmin-config}
SYNC_TOOL=${BIANMIN_SYNC_TOOL:-bianmin-sync}
STATE_DIR=/var/lib/bianmin
PLACEHOLDER_KEY="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
ID="" HUB="" KEY_ID="" KEY="" ROLE="" VILLAGE="" ENROLL_FILE="" PRINTER="" QUEUE=receipt PAPER=""
DRY=no DO_SYNC=yes DO_PRINT=yes

say()  { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf 'bianmin-provision: %s\n' "$*" >&2; exit 1; }
run()  {  # run a command, or show it under --dry-run
  if [ "$DRY" = yes ]; then printf '[dry-run] %s\n' "$*"; else printf '+ %s\n' "$*"; "$@"; fi
}
usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --id) ID=$2; shift ;;
    --hub) HUB=$2; shift ;;
    --key-id) KEY_ID=$2; shift ;;
    --key) KEY=$2; shift ;;
    --role) ROLE=$2; shift ;;
    --village) VILLAGE=$2; shift ;;
    --enroll-token-file) ENROLL_FILE=$2; shift ;;
    --printer) PRINTER=$2; shift ;;
    --queue) QUEUE=$2; shift ;;
    --paper) PAPER=$2; shift ;;
    --config) CONFIG=$2; shift ;;
    --no-sync) DO_SYNC=no ;;
    --no-test-print) DO_PRINT=no ;;
    --dry-run) DRY=yes ;;
    -h|--help) usage ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
  shift
done

[ -n "$ID" ] || fail "--id is required (e.g. --id hall-01)"
[ -n "$KEY" ] && [ -z "$KEY_ID" ] && fail "--key needs --key-id"
[ "$DRY" = yes ] || [ "$(id -u)" -eq 0 ] || fail "run as root (or try --dry-run)"
command -v "$CONFIG_TOOL" >/dev/null 2>&1 || fail "$CONFIG_TOOL not found: is bianmin-kiosk installed?"
[ "$ROLE" = village ] && [ -z "$VILLAGE" ] && fail "--role village needs --village ID"
case "$PRINTER" in ""|auto|usb://*|ipp://*|ipps://*|socket://*|lpd://*|http://*) ;;
  *) fail "--printer: give auto, usb://…, ipp://…, ipps://…, socket://host:9100 or lpd://…" ;; esac

systemd_up() { [ -d /run/systemd/system ]; }
# The printer's language follows the queue step 4 makes: ipp(s):// gets a driver (PDF),
# anything else is a raw queue to an ESC/POS receipt printer.
case "$PRINTER" in ipp://*|ipps://*) LANGUAGE=pdf ;; *) LANGUAGE=escpos ;; esac

# set_key FILE SECTION KEY VALUE(TOML text): replace KEY in [SECTION], or add it (and the section).
set_key() {
  awk -v sec="$2" -v key="$3" -v val="$4" '
    function flush() { if (insec && !done) { print key " = " val; done = 1 } }
    /^[ \t]*\[/ { hdr = $0; gsub(/[ \t]/, "", hdr)
                  if (insec) flush(); insec = (hdr == "[" sec "]"); if (insec) seen = 1 }
    insec && $0 ~ "^[ \t]*" key "[ \t]*=" {
      if (!done) {   # keep the line (and its comment) when the value is already right
        cur = $0; sub(/^[^=]*=[ \t]*/, "", cur); comment = ""
        # The comment starts after the value: after the closing quote of a string (a comment
        # may itself hold quotes), else at the first " #".
        from = 1; if (substr(cur, 1, 1) == "\"") { q = index(substr(cur, 2), "\""); if (q) from = q + 2 }
        if (match(substr(cur, from), /[ \t]+#/)) { comment = substr(cur, from + RSTART - 1); cur = substr(cur, 1, from + RSTART - 2) }
        sub(/[ \t]+$/, "", cur)
        if (cur == val) print; else print key " = " val comment
      }
      done = 1; next }
    { print }
    END { if (insec) flush(); if (!seen) { print ""; print "[" sec "]"; print key " = " val } }
  ' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# trust_key FILE ID KEY: make [[sync.trusted_keys]] ID hold KEY (not retired), drop sample placeholders.
trust_key() {
  awk -v id="$2" -v key="$3" -v placeholder="$PLACEHOLDER_KEY" '
    function emit() { if (nblock) { if (!(bkey == placeholder) ) for (i = 1; i <= nblock; i++) print block[i]; nblock = 0 } }
    /^[ \t]*\[/ { emit(); inkeys = ($0 ~ /^[ \t]*\[\[sync\.trusted_keys\]\]/); bkey = ""; bid = "" }
    inkeys {
      line = $0
      if (line ~ /^[ \t]*id[ \t]*=/) { bid = line; sub(/^[^"]*"/, "", bid); sub(/".*/, "", bid) }
      if (line ~ /^[ \t]*key[ \t]*=/) { bkey = line; sub(/^[^"]*"/, "", bkey); sub(/".*/, "", bkey)
                                        if (bid == id) { line = "key = \"" key "\""; bkey = key; found = 1 } }
      if (line ~ /^[ \t]*retired[ \t]*=/ && bid == id) line = "retired = false"
      block[++nblock] = line; next
    }
    { print }
    END { emit(); if (!found) { print ""; print "[[sync.trusted_keys]]"; print "id = \"" id "\""; print "key = \"" key "\"" } }
  ' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# ---- 1. kiosk.toml -----------------------------------------------------------------------
say "1/7 配置 $CONFIG"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -e "$CONFIG" ]; then cp "$CONFIG" "$work/kiosk.toml"
elif [ -e "$SAMPLE" ]; then cp "$SAMPLE" "$work/kiosk.toml"
else fail "neither $CONFIG nor the sample $SAMPLE exists"; fi
set_key "$work/kiosk.toml" terminal id "\"$ID\""
[ -n "$ROLE" ] && set_key "$work/kiosk.toml" terminal role "\"$ROLE\""
[ -n "$VILLAGE" ] && set_key "$work/kiosk.toml" terminal village "\"$VILLAGE\""
[ -n "$HUB" ] && set_key "$work/kiosk.toml" sync hub_url "\"$HUB\""
[ -n "$KEY" ] && trust_key "$work/kiosk.toml" "$KEY_ID" "$KEY"
if [ -n "$PRINTER" ]; then set_key "$work/kiosk.toml" printer queue "\"$QUEUE\""
  set_key "$work/kiosk.toml" printer language "\"$LANGUAGE\""
fi
[ -n "$PAPER" ] && set_key "$work/kiosk.toml" printer paper "\"$PAPER\""
if ! "$CONFIG_TOOL" check "$work/kiosk.toml" >"$work/check.txt" 2>&1; then
  sed "s|$work/kiosk.toml|$CONFIG|" "$work/check.txt" >&2
  fail "the resulting config is not valid (nothing was changed); fix the options or $CONFIG"
fi
if [ -e "$CONFIG" ] && cmp -s "$CONFIG" "$work/kiosk.toml"; then
  echo "$CONFIG already up to date"
else
  diff -u --label "$CONFIG (before)" --label "$CONFIG (after)" "$CONFIG" "$work/kiosk.toml" 2>/dev/null || true
  if [ "$DRY" = yes ]; then echo "[dry-run] would write $CONFIG"
  else install -D -o root -g bianmin -m 0640 "$work/kiosk.toml" "$CONFIG.new" && mv "$CONFIG.new" "$CONFIG"
       echo "wrote $CONFIG"; fi
fi
STATE_DIR=$("$CONFIG_TOOL" get "$work/kiosk.toml" paths.state_dir)
INTERVAL=$("$CONFIG_TOOL" get "$work/kiosk.toml" sync.interval_minutes)
HUB_URL=$("$CONFIG_TOOL" get "$work/kiosk.toml" sync.hub_url)

# ---- 2. sync timer period ----------------------------------------------------------------
say "2/7 同步间隔 ${INTERVAL} 分钟"
dropin=/etc/systemd/system/bianmin-sync.timer.d/interval.conf
want=$(printf '[Timer]\nOnUnitInactiveSec=\nOnUnitInactiveSec=%smin\n' "$INTERVAL")
if [ -e "$dropin" ] && [ "$(cat "$dropin")" = "$want" ]; then echo "$dropin already up to date"
else
  run install -d /etc/systemd/system/bianmin-sync.timer.d
  if [ "$DRY" = yes ]; then echo "[dry-run] would write $dropin (OnUnitInactiveSec=${INTERVAL}min)"
  else printf '%s\n' "$want" > "$dropin"; fi
  systemd_up && run systemctl daemon-reload
fi

# ---- 3. enroll ---------------------------------------------------------------------------
say "3/7 在服务器登记"
if [ -z "$HUB_URL" ]; then echo "no sync.hub_url: skipped (content is copied by hand)"
elif [ -s "$STATE_DIR/token" ]; then echo "already enrolled ($STATE_DIR/token exists)"
elif [ -z "$ENROLL_FILE" ]; then echo "no --enroll-token-file: skipped (reports will not reach the hub until enrolled)"
else
  [ "$DRY" = yes ] || [ -r "$ENROLL_FILE" ] || fail "cannot read $ENROLL_FILE"
  run runuser -u bianmin -- "$SYNC_TOOL" enroll --config "$CONFIG" --id "$ID" --token-file "$ENROLL_FILE"
fi

# ---- 4. printer --------------------------------------------------------------------------
say "4/7 小票打印机"
if [ -z "$PRINTER" ]; then echo "no --printer: skipped"
else
  uri=$PRINTER
  if [ "$uri" = auto ]; then
    uri=$(lpinfo -v 2>/dev/null | awk '$2 ~ /^usb:\/\// { print $2; exit }' || true)
    [ -n "$uri" ] || { [ "$DRY" = yes ] && uri="usb://(first USB printer)"; } || fail "--printer auto: no USB printer found (lpinfo -v); plug it in or give its URI"
  fi
  case "$uri" in
    ipp://*|ipps://*) model=(-m everywhere) ;;   # driverless IPP Everywhere network printers
    *) model=() ;;                              # ESC/POS receipt printers: a raw queue
  esac
  current=$(lpstat -v "$QUEUE" 2>/dev/null | sed 's/^[^:]*: //' || true)
  if [ "$current" = "$uri" ]; then echo "queue $QUEUE already points to $uri"
  else run lpadmin -p "$QUEUE" -E -v "$uri" "${model[@]}" -o printer-error-policy=abort-job; fi
  run cupsenable "$QUEUE"
  run cupsaccept "$QUEUE"
fi

# ---- 5. first sync -----------------------------------------------------------------------
say "5/7 首次同步"
if [ "$DO_SYNC" = no ] || [ -z "$HUB_URL" ]; then echo "skipped"
elif systemd_up; then run systemctl start bianmin-sync.service && echo "sync ok" || echo "first sync failed: journalctl -u bianmin-sync.service"
else run runuser -u bianmin -- "$SYNC_TOOL" once --config "$CONFIG" || echo "first sync failed (see the messages above)"; fi

# ---- 6. test print -----------------------------------------------------------------------
say "6/7 测试打印"
if [ "$DO_PRINT" = no ] || [ -z "$PRINTER" ]; then echo "skipped"
elif [ "$LANGUAGE" = escpos ]; then
  # ESC @, ASCII in the printer's own font (every ESC/POS printer has one), feed, partial cut;
  # staff mode's 测试打印 prints the full Chinese test slip as a raster.
  page="$work/test-page.escpos"
  printf '\033@BIANMIN TEST PAGE\nterminal: %s\ntime: %s\nqueue: %s (ESC/POS)\nOK if this page is cut below.\n\033d\004\035V\001' \
    "$ID" "$(date '+%Y-%m-%d %H:%M')" "$QUEUE" > "$page"
  run lp -d "$QUEUE" -o raw -t "bianmin test page" "$page"
else
  page="$work/test-page.txt"
  printf '便民服务终端 测试页\n终端: %s\n时间: %s\n打印正常，请保留此页。\n\n\n' "$ID" "$(date '+%Y-%m-%d %H:%M')" > "$page"
  run lp -d "$QUEUE" -t "bianmin test page" "$page"
fi

# ---- 7. kiosk ----------------------------------------------------------------------------
say "7/7 启动终端界面"
if systemd_up; then
  run systemctl enable bianmin-kiosk.service bianmin-sync.timer bianmin-screen.timer
  run systemctl restart bianmin-sync.timer bianmin-screen.timer bianmin-kiosk.service
else echo "systemd is not running here: the kiosk starts at the next boot"; fi
say "完成: 终端 $ID 已配置${DRY:+}$( [ "$DRY" = yes ] && echo '（演练，未做任何修改）')"
