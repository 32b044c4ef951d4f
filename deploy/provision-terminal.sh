#!/bin/bash
# bianmin-provision (deploy/provision-terminal.sh): make a freshly installed terminal this
# hall's terminal. Run as root after `apt install ./bianmin-kiosk_*.deb`. Idempotent: run it
# again with the same options and nothing changes; with new options, only those change.
#
#   bianmin-provision --id hall-01 --hub http://192.168.1.10:8080 \
#       --key-id qingshi-2026 --key BASE64_PUBLIC_KEY \
#       [--role hall|village] [--village shangba] [--enroll-token-file FILE] \
#       [--printer auto|usb://…|ipp://host/ipp/print|socket://host:9100] [--queue receipt]
#       [--paper 58mm|80mm|a4] [--no-sync] [--no-test-print] [--config FILE] [--dry-run]
#
# Every input is checked first (all problems listed at once, in Chinese and English); only when
# all are good does anything change. Then, changing only what differs:
# Steps: 1 kiosk.toml (id, role, village, hub, trusted key; placeholder sample keys removed)
#        2 sync timer period  3 enroll with the hub  4 printer queue (lpadmin)
#        5 first sync (when the config changed or no content yet)
#        6 test print (when the queue is new or changed)  7 (re)start the kiosk (when needed)
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
problems=()
problem() { problems+=("$1"); }   # problem "中文 (English)": collected, reported together
run()  {  # run a command, or show it under --dry-run
  if [ "$DRY" = yes ]; then printf '[dry-run] %s\n' "$*"; else printf '+ %s\n' "$*"; "$@"; fi
}
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --id|--hub|--key-id|--key|--role|--village|--enroll-token-file|--printer|--queue|--paper|--config)
      [ $# -ge 2 ] || fail "$1 后面缺少值 ($1 needs a value; see --help)" ;;
  esac
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
    *) fail "未知选项 $1 (unknown option $1; see --help)" ;;
  esac
  shift
done

# ---- 0. check every input; nothing is changed before all of them are good -----------------
[ -n "$ID" ] || fail "必须给出 --id，例如 --id hall-01 (--id is required, e.g. --id hall-01)"
[ "$DRY" = yes ] || [ "$(id -u)" -eq 0 ] || fail "请以 root 运行，或先用 --dry-run 演练 (run as root, or try --dry-run)"
command -v "$CONFIG_TOOL" >/dev/null 2>&1 || fail "找不到 $CONFIG_TOOL：bianmin-kiosk 装好了吗？ ($CONFIG_TOOL not found: is bianmin-kiosk installed?)"
if [ -n "$KEY" ] && [ -z "$KEY_ID" ]; then problem "--key 需要同时给出 --key-id (--key needs --key-id)"; fi
if [ -n "$KEY_ID" ] && [ -z "$KEY" ]; then problem "--key-id 需要同时给出 --key (--key-id needs --key)"; fi
if [ -n "$KEY" ] && [ "$(printf '%s' "$KEY" | base64 -d 2>/dev/null | wc -c)" != 32 ]; then
  problem "--key 不是 base64 编码的 ed25519 公钥（应为 32 字节），请从 bianmin-publish keygen 的输出复制 (--key is not a base64 ed25519 public key of 32 bytes: copy it from bianmin-publish keygen)"
fi
case "$ROLE" in ""|hall|village) ;; *) problem "--role 只能是 hall 或 village (--role must be hall or village)" ;; esac
if [ "$ROLE" = village ] && [ -z "$VILLAGE" ]; then problem "--role village 需要 --village ID (--role village needs --village ID)"; fi
case "$HUB" in ""|http://?*|https://?*) ;; *) problem "--hub 应为 http://地址:端口 (--hub must be a URL like http://192.168.1.10:8080)" ;; esac
case "$PRINTER" in ""|auto|usb://?*|ipp://?*|ipps://?*|socket://?*|lpd://?*|http://?*) ;;
  *) problem "--printer 应为 auto、usb://…、ipp://…、ipps://…、socket://主机:9100 或 lpd://… (--printer: give auto, usb://…, ipp://…, ipps://…, socket://host:9100 or lpd://…)" ;; esac
case "$QUEUE" in [A-Za-z0-9_]*) ;; *) problem "--queue 只能用字母、数字和下划线 (--queue: letters, digits and _ only)" ;; esac
case "$QUEUE" in *[!A-Za-z0-9_-]*) problem "--queue 只能用字母、数字和下划线 (--queue: letters, digits and _ only)" ;; esac
if [ -n "$ENROLL_FILE" ]; then
  if [ ! -e "$ENROLL_FILE" ]; then problem "登记令牌文件 $ENROLL_FILE 不存在 (the enrollment token file $ENROLL_FILE does not exist)"
  elif [ ! -r "$ENROLL_FILE" ]; then problem "无法读取登记令牌文件 $ENROLL_FILE (cannot read the enrollment token file $ENROLL_FILE)"
  elif [ -z "$(tr -d ' \t\r\n' < "$ENROLL_FILE")" ]; then problem "登记令牌文件 $ENROLL_FILE 是空的 (the enrollment token file $ENROLL_FILE is empty)"
  fi
fi

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

# The new kiosk.toml, built and checked in a scratch dir (still nothing changed).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -e "$CONFIG" ]; then cp "$CONFIG" "$work/kiosk.toml"
elif [ -e "$SAMPLE" ]; then cp "$SAMPLE" "$work/kiosk.toml"
else fail "$CONFIG 和示例 $SAMPLE 都不存在 (neither $CONFIG nor the sample $SAMPLE exists)"; fi
set_key "$work/kiosk.toml" terminal id "\"$ID\""
[ -n "$ROLE" ] && set_key "$work/kiosk.toml" terminal role "\"$ROLE\""
[ -n "$VILLAGE" ] && set_key "$work/kiosk.toml" terminal village "\"$VILLAGE\""
[ -n "$HUB" ] && set_key "$work/kiosk.toml" sync hub_url "\"$HUB\""
[ -n "$KEY" ] && [ -n "$KEY_ID" ] && trust_key "$work/kiosk.toml" "$KEY_ID" "$KEY"
if [ -n "$PRINTER" ]; then set_key "$work/kiosk.toml" printer queue "\"$QUEUE\""
  set_key "$work/kiosk.toml" printer language "\"$LANGUAGE\""
fi
[ -n "$PAPER" ] && set_key "$work/kiosk.toml" printer paper "\"$PAPER\""
if ! "$CONFIG_TOOL" check "$work/kiosk.toml" >"$work/check.txt" 2>&1; then
  sed "s|$work/kiosk.toml|$CONFIG|" "$work/check.txt" >&2
  problem "选项会使 $CONFIG 无效，见上面各行 (the resulting config would not be valid: see the lines above)"
fi
STATE_DIR=$("$CONFIG_TOOL" get "$work/kiosk.toml" paths.state_dir 2>/dev/null || echo /var/lib/bianmin)
INTERVAL=$("$CONFIG_TOOL" get "$work/kiosk.toml" sync.interval_minutes 2>/dev/null || echo 10)
HUB_URL=$("$CONFIG_TOOL" get "$work/kiosk.toml" sync.hub_url 2>/dev/null || true)
CONTENT_DB=$("$CONFIG_TOOL" get "$work/kiosk.toml" paths.content 2>/dev/null || true)
CONTENT_DB=${CONTENT_DB:-$STATE_DIR/content.db}
if [ -n "$ENROLL_FILE" ] && [ -z "$HUB_URL" ]; then
  problem "--enroll-token-file 需要服务器地址 --hub (enrolling needs the hub: give --hub)"
fi
if [ "$DRY" = no ] && ! getent passwd bianmin >/dev/null; then
  problem "用户 bianmin 不存在：请先安装 bianmin-common (user bianmin does not exist: install bianmin-common)"
fi

# The printer: its URI found and CUPS reachable, before anything changes.
uri=$PRINTER
if [ -n "$PRINTER" ]; then
  if ! command -v lpadmin >/dev/null 2>&1; then
    problem "没有安装 CUPS (lpadmin)：apt install cups (CUPS is not installed: apt install cups)"
  elif [ "$DRY" = no ] && ! lpstat -r >/dev/null 2>&1; then
    problem "CUPS 打印服务没有运行：systemctl start cups (the CUPS scheduler is not running: systemctl start cups)"
  elif [ "$uri" = auto ]; then
    uri=$(lpinfo -v 2>/dev/null | awk '$2 ~ /^usb:\/\// { print $2; exit }' || true)
    if [ -z "$uri" ]; then
      if [ "$DRY" = yes ]; then uri="usb://(first USB printer)"
      else problem "--printer auto：没有找到 USB 打印机 (lpinfo -v)，请插上打印机或直接给出它的地址 (no USB printer found by lpinfo -v: plug it in or give its URI)"; fi
    fi
  fi
fi

if [ ${#problems[@]} -gt 0 ]; then
  printf 'bianmin-provision: 错误 (error): %s\n' "${problems[@]}" >&2
  fail "以上问题需要先解决，什么都没有改动 (fix the problems above; nothing was changed)"
fi

# ---- 1. kiosk.toml -----------------------------------------------------------------------
say "1/7 配置 $CONFIG"
config_changed=no
if [ -e "$CONFIG" ] && cmp -s "$CONFIG" "$work/kiosk.toml"; then
  echo "$CONFIG already up to date"
else
  config_changed=yes
  diff -u --label "$CONFIG (before)" --label "$CONFIG (after)" "$CONFIG" "$work/kiosk.toml" 2>/dev/null || true
  if [ "$DRY" = yes ]; then echo "[dry-run] would write $CONFIG"
  else install -D -o root -g bianmin -m 0640 "$work/kiosk.toml" "$CONFIG.new" && mv "$CONFIG.new" "$CONFIG"
       echo "wrote $CONFIG"; fi
fi

# ---- 2. sync timer period ----------------------------------------------------------------
say "2/7 同步间隔 ${INTERVAL} 分钟"
dropin=/etc/systemd/system/bianmin-sync.timer.d/interval.conf
# The jitter is a fifth of the period, at most the unit's 2 minutes: a fleet still spreads out,
# and a short period is not swamped by its own jitter.
jitter=$(( INTERVAL * 12 )); [ "$jitter" -le 120 ] || jitter=120
want=$(printf '# Written by bianmin-provision from sync.interval_minutes in kiosk.toml.\n[Timer]\nOnUnitInactiveSec=\nOnUnitInactiveSec=%smin\nRandomizedDelaySec=%ss\n' "$INTERVAL" "$jitter")
timer_changed=no
if [ -e "$dropin" ] && [ "$(cat "$dropin")" = "$want" ]; then echo "$dropin already up to date"
else
  timer_changed=yes
  run install -d /etc/systemd/system/bianmin-sync.timer.d
  if [ "$DRY" = yes ]; then echo "[dry-run] would write $dropin (OnUnitInactiveSec=${INTERVAL}min)"
  else printf '%s\n' "$want" > "$dropin"; fi
  if systemd_up; then run systemctl daemon-reload; fi
fi

# ---- 3. enroll ---------------------------------------------------------------------------
say "3/7 在服务器登记"
if [ -z "$HUB_URL" ]; then echo "no sync.hub_url: skipped (content is copied by hand)"
elif [ -s "$STATE_DIR/token" ]; then echo "already enrolled ($STATE_DIR/token exists)"
elif [ -z "$ENROLL_FILE" ]; then echo "no --enroll-token-file: skipped (reports will not reach the hub until enrolled)"
else
  # bianmin-sync runs as bianmin, who cannot read root's files (/root/enroll.token): it gets a
  # copy in its own state dir, removed right after.
  token_copy="$STATE_DIR/.enroll-token.$$"
  if [ "$DRY" = no ]; then
    install -d -o bianmin -g bianmin -m 0750 "$STATE_DIR"
    install -o bianmin -g bianmin -m 0400 "$ENROLL_FILE" "$token_copy"
  fi
  if ! run runuser -u bianmin -- "$SYNC_TOOL" enroll --config "$CONFIG" --id "$ID" --token-file "$token_copy"; then
    rm -f "$token_copy"
    fail "登记失败：检查服务器地址、网络和令牌 (enrollment failed: check the hub URL, the network and the token; the messages above say which)"
  fi
  [ "$DRY" = yes ] || rm -f "$token_copy"
fi

# ---- 4. printer --------------------------------------------------------------------------
say "4/7 小票打印机"
printer_changed=no
if [ -z "$PRINTER" ]; then echo "no --printer: skipped"
else
  case "$uri" in
    ipp://*|ipps://*) model=(-m everywhere) ;;   # driverless IPP Everywhere network printers
    *) model=() ;;                              # ESC/POS receipt printers: a raw queue
  esac
  current=$(lpstat -v "$QUEUE" 2>/dev/null | sed 's/^[^:]*: //' || true)
  if [ "$current" = "$uri" ]; then echo "queue $QUEUE already points to $uri"
  else run lpadmin -p "$QUEUE" -E -v "$uri" "${model[@]}" -o printer-error-policy=abort-job; printer_changed=yes; fi
  if [ "$printer_changed" = yes ] || [[ $(lpstat -p "$QUEUE" 2>/dev/null) == *disabled* ]]; then run cupsenable "$QUEUE"; fi
  if [ "$printer_changed" = yes ] || [[ $(lpstat -a "$QUEUE" 2>/dev/null) == *"not accepting"* ]]; then run cupsaccept "$QUEUE"; fi
  # Purging bianmin-kiosk removes the queue it made (debian/kiosk/postrm).
  if [ "$DRY" = no ] && [ "$(cat "$STATE_DIR/provisioned-queue" 2>/dev/null)" != "$QUEUE" ]; then
    install -d -o bianmin -g bianmin -m 0750 "$STATE_DIR"
    printf '%s\n' "$QUEUE" > "$STATE_DIR/provisioned-queue"
  fi
fi

# ---- 5. first sync -----------------------------------------------------------------------
say "5/7 首次同步"
if [ "$DO_SYNC" = no ] || [ -z "$HUB_URL" ]; then echo "skipped"
elif [ "$config_changed" = no ] && [ -e "$CONTENT_DB" ]; then echo "content already synced (the timer keeps it current)"
elif systemd_up; then
  if run systemctl start bianmin-sync.service; then echo "sync ok"
  else echo "first sync failed: journalctl -u bianmin-sync.service (同步失败，终端先显示已有内容)"; fi
else run runuser -u bianmin -- "$SYNC_TOOL" once --config "$CONFIG" || echo "first sync failed (see the messages above)"; fi

# ---- 6. test print -----------------------------------------------------------------------
say "6/7 测试打印"
if [ "$DO_PRINT" = no ] || [ -z "$PRINTER" ]; then echo "skipped"
elif [ "$printer_changed" = no ]; then echo "queue unchanged: no test page (打印机未改动，不打测试页)"
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
  for unit in bianmin-kiosk.service bianmin-sync.timer bianmin-screen.timer; do
    systemctl -q is-enabled "$unit" 2>/dev/null || run systemctl enable "$unit"
  done
  for unit in bianmin-sync.timer bianmin-screen.timer; do
    if [ "$timer_changed" = yes ] && [ "$unit" = bianmin-sync.timer ]; then run systemctl restart "$unit"
    elif ! systemctl -q is-active "$unit"; then run systemctl start "$unit"; fi
  done
  if [ "$config_changed" = yes ]; then run systemctl restart bianmin-kiosk.service
  elif ! systemctl -q is-active bianmin-kiosk.service; then run systemctl start bianmin-kiosk.service
  else echo "bianmin-kiosk.service already running with this configuration"; fi
else echo "systemd is not running here: the kiosk starts at the next boot"; fi
say "完成: 终端 $ID 已配置$( [ "$DRY" = yes ] && echo '（演练，未做任何修改）')"
