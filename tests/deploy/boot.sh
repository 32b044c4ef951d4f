#!/usr/bin/env bash
# deploy.boot: a terminal (and its hall's hub) from the shipped packages, under a real systemd.
# The .debs are installed into the cached bookworm root, which is booted with
# `systemd-nspawn --boot`; then, as deploy/README.md tells a maintainer: the hub refuses its
# sample tokens, gets real ones and serves; content is published; the terminal is provisioned
# with bianmin-provision; and checked:
#   - first the hall server alone: `apt install bianmin-hub` from an apt repository, Recommends
#     and all, brings the kiosk program for the preview pictures (bianmin-kiosk-bin) but no
#     terminal: no kiosk, sync or screen unit enabled or running, even after the boot target is
#     started again; then bianmin-kiosk on the same machine enables them (install order);
#   - bianmin-kiosk.service stays active >= 90 s with 0 restarts, cage -> bianmin-kiosk under the
#     supervisor, READY=1 reached (Type=notify), with only the allowed drop-in (cage's headless
#     wlroots backend: WLR_BACKENDS=headless, WLR_RENDERER=pixman, no tty condition);
#   - the timer-driven sync installs a newly published bundle and the running kiosk reloads it;
#   - a kill -STOP'ed kiosk is restarted by the watchdog within WatchdogSec + 15 s, and the
#     reason shows in `journalctl -u bianmin-kiosk`; so does cage's, when Xwayland is missing;
#   - provisioning refuses bad input before changing anything, and a second identical run
#     changes nothing (no test page, no kiosk restart);
#   - the hub runs as user bianmin; a stop leaves the kiosk unit inactive, not failed;
#   - purge leaves nothing of ours behind;
#   - and prints `systemd-analyze security` for our units (hub, sync <= 3.5; kiosk <= 5.0;
#     screen not root).
#
#   boot.sh BUILD_DIR
#
# Caches (in $BIANMIN_ROOT_CACHE, default /var/cache/bianmin-test, shared with package_root.sh):
# the debootstrapped base, and on top of it a "boot" root holding systemd and every package our
# .debs depend on (re-made when the Depends lines change). Each run mounts an overlay on the boot
# root, so a run never changes a cache and costs no copy. Needs root and systemd-nspawn
# (systemd-container); skips (77) without them. Under 5 minutes on 2 cores with warm caches.
set -euo pipefail

BUILD=$(cd "${1:?usage: boot.sh BUILD_DIR}" && pwd)
SRC=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/root_cache.sh"   # CACHE, SUITE, MIRROR, ensure_base_root, stale_reason

t0=$(date +%s)
step() { printf '[%4ss] == %s\n' $(( $(date +%s) - t0 )) "$*"; }
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || skip "needs root (nspawn, overlay mounts); run the suite as root"
command -v systemd-nspawn >/dev/null || skip "systemd-nspawn is not installed (deploy/install-deps.sh installs systemd-container)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (deploy/install-deps.sh installs it)"
command -v cpack >/dev/null || fail "cpack not found"

work=$(mktemp -d /var/tmp/bianmin-boot.XXXXXX)
root=$work/root
nspawn_pid=""
mounts=()
cleanup() {
  local i
  if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid" 2>/dev/null || true      # nspawn: the container powers off
    for i in $(seq 1 40); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
    wait "$nspawn_pid" 2>/dev/null || true
  fi
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
  if ! grep -q " $work/" /proc/mounts; then rm -rf "$work"; else echo "left $work (still mounted)" >&2; fi
}
trap cleanup EXIT

# ---- 1. packages -------------------------------------------------------------------------
step "the .debs"
get_debs "$work/debs"
for p in bianmin-common bianmin-kiosk-bin bianmin-kiosk bianmin-hub; do
  ls "$work"/debs/${p}_*.deb >/dev/null 2>&1 || fail "package $p was not built"
done

# ---- 2. the boot root: base + systemd + everything our packages depend on ------------------
mkdir -p "$CACHE/archives/partial"
exec 9>"$CACHE/lock"
flock -w 1800 9 || fail "waited 30 minutes for $CACHE/lock"
ensure_base_root
# What a terminal and a hub pull from Debian: our Depends (not our own packages), plus systemd
# to boot, CUPS (scheduler and backends) for the receipt queue, procps for the checks.
deps=$(for d in "$work"/debs/*.deb; do dpkg-deb -f "$d" Depends; done | tr ',' '\n' \
       | sed 's/^ *//; s/ *$//' | grep -v '^bianmin-' | sort -u | tr '\n' ',')
BOOT_EXTRA="systemd systemd-sysv dbus cups-daemon cups procps"
BOOT_RECIPE="v1 $(cat "$BASE_ROOT/.bianmin-recipe") | $BOOT_EXTRA | $deps"
boot=$CACHE/boot-$SUITE
stale=$(stale_reason "$boot" "$BOOT_RECIPE")
if [ -n "$stale" ]; then
  step "boot root ($stale): base + systemd + our Depends, into $boot (a minute or two, once)"
  rm -rf "$boot.new"
  cp -a "$BASE_ROOT" "$boot.new"
  bm=()
  mount -t proc proc "$boot.new/proc"; bm+=("$boot.new/proc")
  mount --bind /dev "$boot.new/dev"; bm+=("$boot.new/dev")
  mount --bind "$CACHE/archives" "$boot.new/var/cache/apt/archives"; bm+=("$boot.new/var/cache/apt/archives")
  cp /etc/resolv.conf "$boot.new/etc/resolv.conf" 2>/dev/null || true
  mkdir -p "$boot.new/tmp/debs" && cp "$work"/debs/*.deb "$boot.new/tmp/debs/"
  # Our packages pull in exactly what they depend on; removing them leaves those behind.
  if ! chroot "$boot.new" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
       sh -c "apt-get update -q && apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 /tmp/debs/*.deb $BOOT_EXTRA \
              && dpkg --purge bianmin-hub bianmin-kiosk bianmin-kiosk-bin bianmin-common && userdel bianmin && apt-get clean" \
       > "$CACHE/boot-root.log" 2>&1; then
    for m in "${bm[@]}"; do umount -l "$m"; done
    tail -30 "$CACHE/boot-root.log"; fail "making the boot root (log: $CACHE/boot-root.log)"
  fi
  for (( i=${#bm[@]}-1; i>=0; i-- )); do umount -l "${bm[$i]}"; done
  rm -rf "$boot.new/tmp/debs" "$boot.new/usr/sbin/policy-rc.d"   # booted: services may start
  echo bianmin-boot > "$boot.new/etc/hostname"
  : > "$boot.new/etc/machine-id"
  echo "$BOOT_RECIPE" > "$boot.new/.bianmin-recipe"
  rm -rf "$boot"
  mv "$boot.new" "$boot"
else
  step "boot root $boot (cached $(stat -c %y "$boot/.bianmin-recipe" | cut -d. -f1))"
fi
# The overlay's lower layer must not change under a running container: keep the lock shared.
flock -u 9; flock -s -w 600 9 || fail "cache lock"

mkdir -p "$work/upper" "$work/ovl" "$root"
mount -t overlay overlay -o "lowerdir=$boot,upperdir=$work/upper,workdir=$work/ovl" "$root"
mounts+=("$root")
mkdir -p "$root/root/debs" "$root/root/source" "$root/srv/bianmin-repo"
cp "$work"/debs/*.deb "$root/root/debs/"
# The same packages as an apt repository (a county's own), for the hub-only install.
cp "$work"/debs/*.deb "$root/srv/bianmin-repo/"
(cd "$root/srv/bianmin-repo" && dpkg-scanpackages --multiversion . > Packages 2> /dev/null) || fail "dpkg-scanpackages"
echo "deb [trusted=yes] file:/srv/bianmin-repo ./" > "$root/etc/apt/sources.list.d/bianmin.list"
cp -a "$SRC/content/demo/." "$root/root/source/"

# ---- 3. boot -----------------------------------------------------------------------------
step "systemd-nspawn --boot (private network: the hub and the terminal talk over loopback)"
systemd-nspawn --boot --register=no --keep-unit --private-network --console=passive \
  --machine=bianmin-boot -D "$root" > "$work/nspawn.log" 2>&1 &
nspawn_pid=$!
leader=""
for i in $(seq 1 100); do
  leader=$( { ps -o pid= --ppid "$nspawn_pid" 2>/dev/null || true; } | head -1 | tr -d ' ')
  [ -n "$leader" ] && [ "$(cat /proc/"$leader"/comm 2>/dev/null)" = systemd ] && break
  kill -0 "$nspawn_pid" 2>/dev/null || { cat "$work/nspawn.log"; fail "systemd-nspawn exited"; }
  sleep 0.2
done
[ -n "$leader" ] || fail "no init in the container"
# A root shell on the terminal, as a maintainer has one (ssh): every command below runs inside.
ct() { nsenter -t "$leader" -a -- /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root TERM=dumb "$@"; }
state=""
for i in $(seq 1 120); do   # until systemd answers and has finished booting
  state=$(ct systemctl is-system-running 2>/dev/null || true)
  case "$state" in running|degraded|maintenance|stopping) break ;; esac
  sleep 0.5
done
step "booted: $state"
[ "$state" = running ] || { ct systemctl --failed --no-pager || true; fail "the booted root is $state"; }
# From here every check says itself whether it passed: a failing command must not end the run
# before the container is shut down and the remaining checks are reported.
set +e +o pipefail

failures=0
ok()   { echo "   ok    $*"; }
bad()  { echo "   FAIL  $*"; failures=$((failures + 1)); }
check() {  # check "what" command...: runs it inside, shows its output on failure
  local what=$1 out; shift
  if out=$(ct "$@" 2>&1); then ok "$what"
  else bad "$what"; printf '%s\n' "$out" | tail -25 | sed 's/^/         /'; fi
}
prop() { ct systemctl show -p "$2" --value "$1"; }
journal() { ct journalctl -b --no-pager -o cat "$@" 2>/dev/null || true; }

# ---- 4. install (README: "Installing the hub", "Installing a terminal") --------------------
# The hall server alone first, from the repository and with apt's default Recommends (no
# network in here: every Debian package they need is in the boot root already).
step "hub-only: apt install bianmin-hub (with Recommends) from the repository"
if ! ct sh -c 'apt-get update -q -o Dir::Etc::SourceList=/etc/apt/sources.list.d/bianmin.list -o Dir::Etc::SourceParts=/nonexistent -o APT::Get::List-Cleanup=0 &&
     DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o APT::Install-Recommends=true -o Dpkg::Use-Pty=0 bianmin-hub' \
     > "$work/apt-hub.log" 2>&1; then tail -30 "$work/apt-hub.log"; fail "apt install bianmin-hub"; fi
grep -E "^(The following NEW|  bianmin)" "$work/apt-hub.log" | sed 's/^/   /' || true
terminal_units="bianmin-kiosk.service bianmin-sync.timer bianmin-sync.service bianmin-screen.timer bianmin-screen.service"
check "bianmin-hub and the recommended bianmin-kiosk-bin installed, bianmin-kiosk not" sh -c '
  st() { dpkg-query -W -f="\${Status}" "$1" 2>/dev/null; }
  [ "$(st bianmin-hub)" = "install ok installed" ] && [ "$(st bianmin-kiosk-bin)" = "install ok installed" ] &&
  [ "$(st bianmin-kiosk)" != "install ok installed" ]'
# Starting the boot target again starts whatever an install enabled, as the next boot would.
ct systemctl start default.target >/dev/null 2>&1 || true
sleep 2
check "hub-only: no kiosk, sync or screen unit enabled, loaded or running (systemctl is-enabled, list-units)" sh -c "
  for u in $terminal_units; do
    s=\$(systemctl is-enabled \$u 2>&1); echo \"\$u: \$s, \$(systemctl is-active \$u 2>&1)\"
    case \$s in enabled*|static|alias|indirect|generated|linked*) exit 1 ;; esac
    case \$(systemctl is-active \$u 2>&1) in active|activating|reloading) exit 1 ;; esac
  done
  [ -z \"\$(systemctl list-units --all --plain --no-legend 'bianmin-kiosk*' 'bianmin-sync*' 'bianmin-screen*')\" ] &&
  ! ps -e -o comm= | grep -qx -e cage -e bianmin-kiosk -e bianmin-sync"
check "hub-only: hub.toml's preview_kiosk is installed and executable, bianmin-hub.service enabled" sh -c '
  k=$(sed -n "s/^preview_kiosk *= *\"\([^\"]*\)\".*/\1/p" /etc/bianmin/hub.toml); echo "preview_kiosk = $k"
  [ -n "$k" ] && [ -x "$k" ] && [ "$(systemctl is-enabled bianmin-hub.service)" = enabled ]'

step "apt install ./bianmin-*.deb inside the booted terminal (the hub is already there)"
if ! ct sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 /root/debs/*.deb' \
     > "$work/apt.log" 2>&1; then tail -30 "$work/apt.log"; fail "apt install"; fi
grep -E "^bianmin-(kiosk|hub|common):" "$work/apt.log" | sed 's/^/   postinst: /' || true
grep -E "^(Need to get|[0-9]+ upgraded)" "$work/apt.log" | sed 's/^/   /' || true
check "bianmin-kiosk after bianmin-hub: the terminal's units enabled (kiosk at boot, both timers)" sh -c '
  for u in bianmin-kiosk.service bianmin-sync.timer bianmin-screen.timer; do [ "$(systemctl is-enabled $u)" = enabled ] || exit 1; done'

step "the hub: refuses the sample tokens, then serves with real ones"
ct systemctl start bianmin-hub.service >/dev/null 2>&1 || true
sleep 1
check "hub with the sample hub.toml: failed, not restarting, and says why in journalctl -u" sh -c '
  [ "$(systemctl is-active bianmin-hub)" = failed ] && [ "$(systemctl show -p NRestarts --value bianmin-hub)" = 0 ] &&
  journalctl -b -u bianmin-hub --no-pager | grep -q "sample token hashes" &&
  journalctl -b -u bianmin-hub --no-pager | grep -q "bianmin-config new-token"'
ct sh -c '
  set -e
  staff=$(bianmin-config new-token); enroll=$(bianmin-config new-token)
  echo "$staff"  | sed -n "s/^token *= *//p" > /root/staff.token
  echo "$enroll" | sed -n "s/^token *= *//p" > /root/enroll.token
  chmod 600 /root/staff.token /root/enroll.token
  sh_staff=$(echo "$staff" | sed -n "s/^hash *= *//p"); sh_enroll=$(echo "$enroll" | sed -n "s/^hash *= *//p")
  sed -i -e "s|^token_hash = .*|token_hash = \"$sh_staff\"|" -e "s|^enroll_token_hash = .*|enroll_token_hash = \"$sh_enroll\"|" \
         -e "s|^listen_address = .*|listen_address = \"127.0.0.1\"|" /etc/bianmin/hub.toml
  bianmin-hub --check-config /etc/bianmin/hub.toml >/dev/null
  systemctl restart bianmin-hub' > "$work/hub.log" 2>&1 || { cat "$work/hub.log"; bad "hub setup with new tokens"; }
for i in $(seq 1 50); do ct bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080' 2>/dev/null && break; sleep 0.2; done
check "hub active, listening on 127.0.0.1:8080" bash -c '[ "$(systemctl is-active bianmin-hub)" = active ] && exec 3<>/dev/tcp/127.0.0.1/8080'
hub_pid=$(prop bianmin-hub MainPID)
hub_user=$(ct ps -o user= -p "$hub_pid" | tr -d ' ')
if [ "$hub_user" = bianmin ]; then ok "hub runs as user bianmin (pid $hub_pid)"; else bad "hub runs as '$hub_user', not bianmin"; fi

step "staff publish version boot-1 (keygen, build, push)"
publish() {  # publish VERSION
  ct sh -c "set -e; cd /root
    if [ ! -e publisher.key ]; then
      bianmin-publish keygen -o publisher.key --pub publisher.pub.json > keygen.txt
      bianmin-publish trust add publisher.pub.json --trust /etc/bianmin/trusted_keys.json >/dev/null
    fi
    bianmin-publish build source -o pub --channel stable --key publisher.key --version $1 >/dev/null
    bianmin-publish push pub --to http://127.0.0.1:8080 --token-file staff.token --pub publisher.pub.json >/dev/null"
}
publish boot-1 > "$work/publish.log" 2>&1 || { cat "$work/publish.log"; fail "publishing boot-1"; }
key=$(ct sed -n 's/^key *= *"\(.*\)"/\1/p' /root/keygen.txt | head -1)
key_id=$(ct sed -n 's/^id *= *"\(.*\)"/\1/p' /root/keygen.txt | head -1)
[ -n "$key" ] && [ -n "$key_id" ] || { ct cat /root/keygen.txt; fail "no public key in keygen's output"; }

# ---- 5. provision (README: "Installing a terminal", step 3) --------------------------------
# The only difference from a real terminal: cage's headless wlroots backend, and no tty1 here.
ct sh -c 'mkdir -p /etc/systemd/system/bianmin-kiosk.service.d && printf "[Unit]\nConditionPathExists=\n[Service]\nEnvironment=WLR_BACKENDS=headless WLR_RENDERER=pixman\n" > /etc/systemd/system/bianmin-kiosk.service.d/headless.conf && systemctl daemon-reload'
# A network receipt printer on 127.0.0.1:9100 (socket://): every job it gets lands in a file.
ct sh -c 'mkdir -p /var/tmp/printer
  printf "[Socket]\nListenStream=127.0.0.1:9100\nAccept=yes\n" > /etc/systemd/system/test-printer.socket
  printf "[Service]\nStandardInput=socket\nStandardOutput=null\nExecStart=/bin/sh -c \"cat > /var/tmp/printer/job-\$\$\$\$\"\n" > /etc/systemd/system/test-printer@.service
  systemctl daemon-reload && systemctl start test-printer.socket'
# The maintainer shortens the sync period (kiosk.toml; README step 4) so the test sees a timer run.
ct sed -i 's/^interval_minutes = .*/interval_minutes = 1/' /etc/bianmin/kiosk.toml
prov=(bianmin-provision --id hall-01 --hub http://127.0.0.1:8080 --key-id "$key_id" --key "$key"
      --enroll-token-file /root/enroll.token --printer socket://127.0.0.1:9100 --paper 80mm)

step "provisioning: bad input is refused before anything changes"
ct cp /etc/bianmin/kiosk.toml /root/kiosk.before
out=$(ct bianmin-provision --id hall-01 --hub http://127.0.0.1:8080 --key-id "$key_id" --key "not-a-key" \
        --enroll-token-file /root/missing.token --printer socket://127.0.0.1:9100 2>&1) && rc=0 || rc=$?
if [ "$rc" -ne 0 ] && grep -q 'does not exist' <<<"$out" && grep -q '不存在' <<<"$out" &&
   grep -q 'not a base64 ed25519' <<<"$out" && grep -q 'nothing was changed' <<<"$out" &&
   ct cmp -s /etc/bianmin/kiosk.toml /root/kiosk.before && ! ct test -e /etc/systemd/system/bianmin-sync.timer.d; then
  ok "bad key and missing token file: both named (中文 + English), exit $rc, nothing changed"
else bad "bad input not refused cleanly (exit $rc)"; echo "$out" | sed 's/^/         /'; fi

step "provisioning as the README says: ${prov[*]}"
if ! ct "${prov[@]}" > "$work/provision1.log" 2>&1; then cat "$work/provision1.log"; fail "bianmin-provision"; fi
sed 's/^/   | /' "$work/provision1.log" | grep -E '==>|^   \| \+|FAIL|failed' | sed 's/\x1b\[[0-9;]*m//g' || true
t_prov=$(date +%s)
check "enrolled: the token is in /var/lib/bianmin, the copy of root's token is gone" sh -c \
  'test -s /var/lib/bianmin/token && ! ls /var/lib/bianmin/.enroll-token.* 2>/dev/null'
check "first sync installed boot-1" sh -c 'runuser -u bianmin -- bianmin-sync status --config /etc/bianmin/kiosk.toml | grep -q "label: boot-1"'
for i in $(seq 1 50); do [ -n "$(ct ls /var/tmp/printer)" ] && break; sleep 0.2; done
check "the test page reached the printer (socket://127.0.0.1:9100)" sh -c 'grep -q -e "BIANMIN TEST PAGE" -e "测试页" /var/tmp/printer/job-*'

# ---- 6. the kiosk under cage --------------------------------------------------------------
step "bianmin-kiosk.service: READY and running under cage"
for i in $(seq 1 90); do
  [ "$(prop bianmin-kiosk ActiveState)" = active ] && break
  sleep 1
done
t_ready=$(date +%s)
check "Type=notify, NotifyAccess=main; active means READY=1 reached systemd" sh -c \
  '[ "$(systemctl show -p Type --value bianmin-kiosk)" = notify ] && [ "$(systemctl show -p NotifyAccess --value bianmin-kiosk)" = main ] && [ "$(systemctl is-active bianmin-kiosk)" = active ]'
check "only the allowed drop-in (headless.conf) differs from the shipped unit" sh -c \
  '[ "$(systemctl show -p DropInPaths --value bianmin-kiosk)" = /etc/systemd/system/bianmin-kiosk.service.d/headless.conf ] && case "$(systemctl show -p FragmentPath --value bianmin-kiosk)" in /lib/systemd/system/*|/usr/lib/systemd/system/*) ;; *) false ;; esac'
main=$(prop bianmin-kiosk MainPID)
kiosk_tree() {  # the supervisor's child (cage) and cage's child (the kiosk)
  local m=$1 cage kiosk
  cage=$(ct ps -o pid=,comm= --ppid "$m" | awk '$2 == "cage" { print $1 }' | head -1)
  kiosk=$( [ -n "$cage" ] && ct ps -o pid=,comm= --ppid "$cage" | awk '$2 == "bianmin-kiosk" { print $1 }' | head -1 || true)
  echo "${cage:-none} ${kiosk:-none}"
}
read -r cage_pid kiosk_pid <<< "$(kiosk_tree "$main")"
echo "   supervisor $main ($(ct cat /proc/"$main"/comm 2>/dev/null)) -> cage $cage_pid -> bianmin-kiosk $kiosk_pid"
if [ "$cage_pid" != none ] && [ "$kiosk_pid" != none ]; then ok "cage runs the kiosk, under the unit's main process"
else bad "no cage -> bianmin-kiosk under the main process"; ct ps -ef --forest | tail -20 | sed 's/^/         /'; fi
kiosk_user=$(ct ps -o user= -p "$kiosk_pid" 2>/dev/null | tr -d ' ')
[ "$kiosk_user" = bianmin ] && ok "the kiosk runs as bianmin" || bad "the kiosk runs as '$kiosk_user'"
invocation=$(prop bianmin-kiosk InvocationID)

step "staff publish boot-2; waiting for the timer's sync (no manual start) while the kiosk keeps running"
publish boot-2 > "$work/publish2.log" 2>&1 || { cat "$work/publish2.log"; bad "publishing boot-2"; }
syncs_before=$(journal -u bianmin-sync.service | grep -c 'Starting bianmin-sync.service' || true)
reloaded=""
while :; do
  now=$(date +%s)
  if [ "$(prop bianmin-kiosk ActiveState)" != active ] || [ "$(prop bianmin-kiosk InvocationID)" != "$invocation" ] ||
     [ "$(prop bianmin-kiosk NRestarts)" != 0 ]; then
    bad "the kiosk did not stay up: $(prop bianmin-kiosk ActiveState), NRestarts=$(prop bianmin-kiosk NRestarts)"
    journal -u bianmin-kiosk | tail -20 | sed 's/^/         /'; break
  fi
  if [ -z "$reloaded" ] && journal _PID="$main" | grep -q 'content reloaded (boot-2)'; then
    reloaded=$now; echo "   [$(( now - t0 ))s] the running kiosk reloaded boot-2 ($(( now - t_prov ))s after provisioning)"
  fi
  if [ $(( now - t_ready )) -ge 90 ] && { [ -n "$reloaded" ] || [ $(( now - t_prov )) -ge 150 ]; }; then
    ok "kiosk active for $(( now - t_ready )) s, 0 restarts, same invocation"; break
  fi
  sleep 3
done
syncs_after=$(journal -u bianmin-sync.service | grep -c 'Starting bianmin-sync.service' || true)
check "the sync timer ran bianmin-sync.service by itself and it installed boot-2" sh -c \
  "runuser -u bianmin -- bianmin-sync status --config /etc/bianmin/kiosk.toml | grep -q 'label: boot-2' && [ $syncs_after -gt $syncs_before ]"
[ -n "$reloaded" ] && ok "the running kiosk (pid $kiosk_pid) shows boot-2: 'content reloaded (boot-2)'" ||
  { bad "the kiosk did not reload boot-2"; journal _PID="$main" | tail -5 | sed 's/^/         /'; }

step "provisioning again, same options: nothing happens"
jobs_before=$(ct sh -c 'ls /var/tmp/printer | wc -l')
ct cp /etc/bianmin/kiosk.toml /root/kiosk.after1
if ct "${prov[@]}" > "$work/provision2.log" 2>&1 && ! grep -qE '^\+ (lp|lpadmin|systemctl (re)?start)' "$work/provision2.log" &&
   ct cmp -s /etc/bianmin/kiosk.toml /root/kiosk.after1 && [ "$(prop bianmin-kiosk InvocationID)" = "$invocation" ] &&
   [ "$(ct sh -c 'ls /var/tmp/printer | wc -l')" = "$jobs_before" ]; then
  ok "second run: kiosk.toml unchanged, no test page, the kiosk not restarted"
else bad "second provisioning run changed something"; sed 's/^/         /' "$work/provision2.log"; fi

# ---- 7. the watchdog ---------------------------------------------------------------------
wd_s=$(ct systemctl show -p WatchdogUSec --value bianmin-kiosk)
step "kill -STOP the kiosk (pid $kiosk_pid); WatchdogSec=$wd_s"
t_stop=$(date +%s)
ct kill -STOP "$kiosk_pid"
restarted=""
while [ $(( $(date +%s) - t_stop )) -le 75 ]; do
  if [ "$(prop bianmin-kiosk InvocationID)" != "$invocation" ] && [ "$(prop bianmin-kiosk ActiveState)" = active ]; then
    restarted=$(( $(date +%s) - t_stop )); break
  fi
  sleep 1
done
limit=$(( $(ct systemctl show -p WatchdogUSec --value bianmin-kiosk | sed 's/s$//') + 15 ))
if [ -n "$restarted" ] && [ "$restarted" -le "$limit" ]; then ok "restarted by the watchdog and READY again after ${restarted} s (limit ${limit} s)"
else bad "not restarted within ${limit} s (${restarted:-never})"; fi
check "journalctl -u bianmin-kiosk says why: systemd's watchdog timeout and the supervisor's report" sh -c \
  'j=$(journalctl -b -u bianmin-kiosk --no-pager); echo "$j" | grep -q "Watchdog timeout" && echo "$j" | grep -q "the watchdog fired"'
check "the frozen kiosk is gone (killed, not left stopped)" sh -c "! kill -0 $kiosk_pid 2>/dev/null"

# ---- 8. stop -----------------------------------------------------------------------------
step "systemctl stop bianmin-kiosk"
ct systemctl stop bianmin-kiosk.service || true
check "stopped: inactive, not failed; no cage or kiosk left" sh -c \
  '[ "$(systemctl is-active bianmin-kiosk)" = inactive ] && [ "$(systemctl show -p Result --value bianmin-kiosk)" = success ] && ! ps -e -o comm= | grep -qx -e cage -e bianmin-kiosk'

step "without Xwayland (a forced install): the reason is in journalctl -u bianmin-kiosk"
ct mv /usr/bin/Xwayland /usr/bin/Xwayland.away
ct systemctl start --no-block bianmin-kiosk.service
for i in $(seq 1 40); do
  journal -u bianmin-kiosk | grep -q 'apt install xwayland' && break
  sleep 0.5
done
check "cage's 'Cannot create XWayland server' and the fix (apt install xwayland) under -u bianmin-kiosk" sh -c \
  'j=$(journalctl -b -u bianmin-kiosk --no-pager -o cat); echo "$j" | grep -q "XWayland" && echo "$j" | grep -q "apt install xwayland"'
ct systemctl stop bianmin-kiosk.service
ct mv /usr/bin/Xwayland.away /usr/bin/Xwayland
ct systemctl reset-failed bianmin-kiosk.service 2>/dev/null

# ---- 9. security -------------------------------------------------------------------------
step "systemd-analyze security"
for u in hub sync kiosk screen; do
  score=$(ct systemd-analyze security "bianmin-$u.service" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  echo "   bianmin-$u.service: ${score:-?}"
  case $u in hub|sync) max=3.5 ;; kiosk) max=5.0 ;; *) max=10 ;; esac
  if [ -n "$score" ] && awk -v s="$score" -v m="$max" 'BEGIN { exit !(s <= m) }'; then ok "bianmin-$u.service exposure $score <= $max"
  else bad "bianmin-$u.service exposure ${score:-?} > $max"; fi
done
check "bianmin-screen.service does not run as root" sh -c '[ "$(systemctl show -p User --value bianmin-screen)" = bianmin ]'
check "bianmin-screen.service runs as bianmin (apply)" systemctl start bianmin-screen.service

# ---- 10. purge ---------------------------------------------------------------------------
step "apt purge bianmin-kiosk bianmin-kiosk-bin bianmin-hub bianmin-common"
ct rm -rf /etc/systemd/system/bianmin-kiosk.service.d   # the test's own drop-in
if ! ct sh -c 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q -o Dpkg::Use-Pty=0 bianmin-kiosk bianmin-kiosk-bin bianmin-hub bianmin-common' > "$work/purge.log" 2>&1; then
  tail -20 "$work/purge.log"; bad "apt purge"
fi
check "purge leaves nothing of ours: files, units, drop-ins, timer stamps, queue, processes" sh -c '
  left=""
  for p in /etc/bianmin /var/lib/bianmin /var/lib/bianmin-hub /usr/lib/bianmin /usr/share/bianmin /etc/pam.d/bianmin-kiosk \
           /run/bianmin-kiosk /usr/lib/udev/rules.d/70-bianmin-backlight.rules; do [ -e "$p" ] && left="$left $p"; done
  left="$left $(find /etc/systemd /lib/systemd /usr/lib/systemd /var/lib/systemd /usr/bin /usr/sbin /usr/share/doc /usr/share/man -name "*bianmin*" 2>/dev/null | tr "\n" " ")"
  lpstat -v receipt >/dev/null 2>&1 && left="$left cups-queue:receipt"
  # The login session of the kiosk leaves the user manager of bianmin (systemd --user) behind
  # for UserStopDelaySec of logind (10 s): wait up to 20 s for it to end on its own.
  for i in $(seq 1 40); do ps -u bianmin -o pid= 2>/dev/null | grep -q . || break; sleep 0.5; done
  procs=$(ps -u bianmin -o pid=,comm= 2>/dev/null | tr -s " \n" "  ")
  [ -n "$(echo $procs)" ] && left="$left processes-of-bianmin:[$procs]"
  dpkg -l "bianmin-*" 2>/dev/null | grep -q "^[a-z][a-z] " && left="$left $(dpkg -l "bianmin-*" | grep "^[a-z][a-z] " | awk "{print \$1\":\"\$2}")"
  left=$(echo $left); [ -z "$left" ] || { echo "left behind: $left"; exit 1; }'
check "the bianmin user stays (Debian practice, see README)" getent passwd bianmin

step "done: $failures failure(s)"
[ "$failures" -eq 0 ] || fail "$failures check(s) failed"
