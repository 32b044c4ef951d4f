#!/usr/bin/env bash
# The proof that a new machine needs nothing but the packages: build the .debs with CPack,
# install them with apt into a fresh Debian bookworm root (debootstrap, then chroot), and there:
# the programs start, --check-config passes on the samples, the units verify, provisioning runs
# twice (idempotent), and the kiosk renders its home screen headless (SDL offscreen driver).
# And a hub-only machine, in a second fresh root: `apt install bianmin-hub` from an apt
# repository holding our packages, Recommends and all (apt's default), installs the kiosk
# program for the preview pictures but makes no terminal: no kiosk, sync or screen unit enabled;
# the hub's preview_kiosk draws a picture there.
#
#   package_root.sh BUILD_DIR
#
# ctest label `deploy-root` (exclude it while iterating: ctest -LE deploy-root).
# Cache: the debootstrapped base root and apt's downloaded .debs are kept in
#   $BIANMIN_ROOT_CACHE (default /var/cache/bianmin-test), outside any build tree,
# because debootstrap alone takes minutes. The base is re-created when missing, when its recipe
# (suite, mirror, variant, this script's BASE_RECIPE) changes, or after 14 days (security
# updates); every run copies it, so a run never changes the cached base.
# Skips (exit 77) only when it cannot run at all: not root, or debootstrap/chroot missing.
set -euo pipefail

BUILD=$(cd "${1:?usage: package_root.sh BUILD_DIR}" && pwd)
. "$(dirname "$0")/root_cache.sh"   # CACHE, SUITE, MIRROR, ensure_base_root

t0=$(date +%s)
step() { printf '[%4ss] == %s\n' $(( $(date +%s) - t0 )) "$*"; }
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || skip "needs root (debootstrap, chroot, mount); run the suite as root"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (deploy/install-deps.sh installs it)"
command -v chroot >/dev/null || skip "chroot is not installed"
command -v cpack >/dev/null || fail "cpack not found"

work=$(mktemp -d /var/tmp/bianmin-root.XXXXXX)
root=$work/root
mounts=()
cleanup() {
  local i
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do umount -l "${mounts[$i]}" 2>/dev/null || true; done
  # Never rm through a mount that is still there (it would empty the host's /dev or the cache).
  if ! grep -q " $work/" /proc/mounts; then rm -rf "$work"; else echo "left $work (still mounted)" >&2; fi
}
trap cleanup EXIT

# ---- 1. packages -------------------------------------------------------------------------
step "the .debs"
get_debs "$work/debs"
for d in "$work"/debs/*.deb; do
  echo "   $(basename "$d")  $(( $(stat -c %s "$d") / 1024 )) KiB"
  dpkg-deb -f "$d" Depends | sed 's/^/     Depends: /'
done
for p in bianmin-common bianmin-kiosk-bin bianmin-kiosk bianmin-hub; do
  ls "$work"/debs/${p}_*.deb >/dev/null 2>&1 || fail "package $p was not built"
done

# ---- 2. the cached base root ---------------------------------------------------------------
mkdir -p "$CACHE/archives/partial"
exec 9>"$CACHE/lock"
flock -w 1800 9 || fail "waited 30 minutes for $CACHE/lock"
ensure_base_root
base=$BASE_ROOT

step "copying the base root (twice: a terminal, a hub-only machine)"
hubroot=$work/hubroot
cp -a "$base" "$root"
cp -a "$base" "$hubroot"

# ---- 3. apt install ./*.deb inside ---------------------------------------------------------
mnt() { mount "$@"; mounts+=("${!#}"); }
for r in "$root" "$hubroot"; do
  mnt -t proc proc "$r/proc"
  mnt --bind /dev "$r/dev"
  mnt --bind /dev/pts "$r/dev/pts"
  mkdir -p "$r/var/cache/apt/archives"
  # apt's downloads are kept between runs (cage, mesa and the CJK fonts are most of the time).
  mnt --bind "$CACHE/archives" "$r/var/cache/apt/archives"
  cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null || true
done
mkdir -p "$root/tmp/debs"
cp "$work"/debs/*.deb "$root/tmp/debs/"
debs=()
for d in "$work"/debs/*.deb; do debs+=("/tmp/debs/$(basename "$d")"); done
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }

step "apt-get update inside the root"
in_root apt-get update -q > "$work/apt-update.log" 2>&1 || { cat "$work/apt-update.log"; fail "apt-get update"; }
step "apt install ./bianmin-*.deb (Depends only, no Recommends)"
export DEBIAN_FRONTEND=noninteractive
if ! in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
       -o Dpkg::Use-Pty=0 "${debs[@]}" \
       > "$work/apt-install.log" 2>&1; then
  tail -40 "$work/apt-install.log"; fail "apt install of the packages"
fi

# The hub-only machine, as a county's apt repository serves it: `apt install bianmin-hub`, with
# apt's default of installing Recommends (the old bianmin-hub recommended bianmin-kiosk, which
# made every hub a terminal).
step "hub-only root: apt install bianmin-hub from an apt repository (with Recommends)"
mkdir -p "$hubroot/srv/bianmin-repo"
cp "$work"/debs/*.deb "$hubroot/srv/bianmin-repo/"
(cd "$hubroot/srv/bianmin-repo" && dpkg-scanpackages --multiversion . > Packages 2> /dev/null) || fail "dpkg-scanpackages"
echo "deb [trusted=yes] file:/srv/bianmin-repo ./" > "$hubroot/etc/apt/sources.list.d/bianmin.list"
in_hub() { chroot "$hubroot" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }
in_hub apt-get update -q > "$work/hub-apt-update.log" 2>&1 || { cat "$work/hub-apt-update.log"; fail "apt-get update (hub-only root)"; }
if ! in_hub env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o APT::Install-Recommends=true \
       -o Dpkg::Use-Pty=0 bianmin-hub > "$work/hub-apt-install.log" 2>&1; then
  tail -40 "$work/hub-apt-install.log"; fail "apt install bianmin-hub (hub-only root)"
fi
grep -E "^(Need to get|After this operation|[0-9]+ upgraded)" "$work/hub-apt-install.log" | sed 's/^/   /'
# apt's archives dir is shared between runs: hold the cache lock until apt is done with it.
flock -u 9
grep -E "^(Need to get|After this operation|[0-9]+ upgraded)" "$work/apt-install.log" | sed 's/^/   /'
grep -E "^bianmin-(kiosk|hub):" "$work/apt-install.log" | sed 's/^/   postinst: /' || true

# ---- 4. checks ---------------------------------------------------------------------------
failures=0
check() {  # check "what" command...: runs it, shows its output on failure
  local what=$1; shift
  if out=$("$@" 2>&1); then echo "   ok    $what"
  else echo "   FAIL  $what"; printf '%s\n' "$out" | sed 's/^/         /'; failures=$((failures + 1)); fi
}
step "checks inside the root"
for p in bianmin-common bianmin-kiosk-bin bianmin-kiosk bianmin-hub; do
  check "$p installed" sh -c "chroot '$root' dpkg-query -W -f='\${Status}' $p | grep -q 'install ok installed'"
done
check "user bianmin is a system user without a login shell" \
  sh -c "chroot '$root' getent passwd bianmin | grep -E '^bianmin:x:[0-9]{3}:.*:/usr/sbin/nologin\$'"
# (stat inside the root: the host has no user bianmin)
check "state dirs owned by bianmin" sh -c \
  "[ \"\$(chroot '$root' stat -c %U:%a /var/lib/bianmin)\" = bianmin:750 ] && [ \"\$(chroot '$root' stat -c %U /var/lib/bianmin-hub)\" = bianmin ]"
check "kiosk.toml and hub.toml installed from the samples, readable by bianmin only" sh -c \
  "[ \"\$(chroot '$root' stat -c %U:%G:%a /etc/bianmin/kiosk.toml)\" = root:bianmin:640 ] && [ \"\$(chroot '$root' stat -c %U:%G:%a /etc/bianmin/hub.toml)\" = root:bianmin:640 ]"
check "units enabled (kiosk on graphical.target, timers)" \
  sh -c "ls '$root'/etc/systemd/system/graphical.target.wants/bianmin-kiosk.service '$root'/etc/systemd/system/timers.target.wants/bianmin-sync.timer '$root'/etc/systemd/system/multi-user.target.wants/bianmin-hub.service"
# Every shared library of every program resolves inside the root (shlibdeps got them all).
for b in "$root"/usr/bin/bianmin-*; do
  check "$(basename "$b"): all libraries found" sh -c "! chroot '$root' ldd /usr/bin/$(basename "$b") | grep 'not found'"
done
check "bianmin-config check: hall sample" in_root bianmin-config check /usr/share/doc/bianmin-kiosk/examples/kiosk-hall.toml
check "bianmin-config check: village sample" in_root bianmin-config check /usr/share/doc/bianmin-kiosk/examples/kiosk-village.toml
check "bianmin-config check --hub: hub sample" in_root bianmin-config check --hub /usr/share/doc/bianmin-hub/examples/hub.toml
check "the hall console's pages are installed where bianmin-hub serves them from" \
  ls "$root/usr/share/bianmin/console/login.html" "$root/usr/share/bianmin/console/terminals.html" "$root/usr/share/bianmin/console/console.js"
check "bianmin-config check: the installed /etc/bianmin/kiosk.toml" in_root bianmin-config check /etc/bianmin/kiosk.toml
check "bianmin-config rejects a broken file (file:line: key)" \
  sh -c "printf '[terminal]\nid = \"Hall 1\"\n' > '$root/tmp/broken.toml'; ! out=\$(chroot '$root' bianmin-config check /tmp/broken.toml 2>&1); echo \"\$out\"; echo \"\$out\" | grep -q '/tmp/broken.toml:2: terminal.id'"
# Every program starts (a usage message and exit 1 or 2 is fine; a loader error is not).
for b in "$root"/usr/bin/bianmin-*; do
  n=$(basename "$b")
  check "$n starts" sh -c "out=\$(chroot '$root' $n 2>&1); rc=\$?; echo \"\$out\" | head -5; [ \$rc -le 2 ] && ! echo \"\$out\" | grep -q 'error while loading'"
done
# --check-config, on each program that has it (parts land one by one: a program built before
# its config support is reported, not failed).
# (a usage message may exit 2: pipefail must not turn that into "does not have it")
has() { [ -x "$root/usr/bin/$1" ] && { chroot "$root" "$1" --help 2>&1 || true; } | grep -q -- "$2"; }
for s in kiosk-hall kiosk-village; do
  if has bianmin-kiosk --check-config; then
    check "bianmin-kiosk --check-config on $s" in_root bianmin-kiosk --check-config "/usr/share/doc/bianmin-kiosk/examples/$s.toml"
  else echo "   (bianmin-kiosk with --check-config is not in this tree yet: not checked)"; fi
done
if has bianmin-hub --check-config; then
  # The sample's token hashes are public: the hub refuses them and says how to make real ones.
  check "bianmin-hub --check-config refuses the sample tokens in the installed hub.toml (status 78)" sh -c \
    "out=\$(chroot '$root' bianmin-hub --check-config /etc/bianmin/hub.toml 2>&1); rc=\$?; echo \"\$out\"; [ \$rc -eq 78 ] && echo \"\$out\" | grep -q 'bianmin-config new-token'"
else echo "   (bianmin-hub with --check-config is not in this tree yet: not checked)"; fi

# The units as installed: every Exec path exists in the root, every directive is known.
if command -v systemd-analyze >/dev/null; then
  check "systemd-analyze verify on the installed units" sh -c \
    "out=\$(systemd-analyze verify --root='$root' '$root'/usr/lib/systemd/system/bianmin-* 2>&1); echo \"\$out\"; [ -z \"\$out\" ]"
fi

# Provisioning for real, twice: the second run changes nothing.
prov=(bianmin-provision --id hall-07 --hub http://127.0.0.1:9 --key-id qingshi-2027
      --key AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE= --no-sync)
check "bianmin-provision (first run) writes kiosk.toml" sh -c \
  "chroot '$root' ${prov[*]} && grep -q 'id = \"hall-07\"' '$root/etc/bianmin/kiosk.toml'"
cp "$root/etc/bianmin/kiosk.toml" "$work/kiosk.after1"
check "bianmin-provision (second run) changes nothing" sh -c \
  "out=\$(chroot '$root' ${prov[*]} 2>&1); echo \"\$out\"; echo \"\$out\" | grep -q 'already up to date' && cmp '$root/etc/bianmin/kiosk.toml' '$work/kiosk.after1'"
check "provisioned kiosk.toml is valid" in_root bianmin-config check /etc/bianmin/kiosk.toml

# The home screen, headless, as the kiosk user, from the package's own demo township.
if has bianmin-kiosk --screenshot; then
  mkdir -p "$root/tmp/shot" && chroot "$root" chown bianmin: /tmp/shot
  kiosk_config=()
  if has bianmin-kiosk --config; then kiosk_config=(--config /usr/share/doc/bianmin-kiosk/examples/kiosk-hall.toml); fi
  check "bianmin-kiosk renders the home screen headless (user bianmin, SDL offscreen)" \
    chroot "$root" /usr/sbin/runuser -u bianmin -- /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
      SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy HOME=/tmp/shot \
      bianmin-kiosk "${kiosk_config[@]}" --content /usr/share/bianmin/demo/content.db --state-dir /tmp/shot \
        --headless --screenshot /tmp/shot/home.png
  png=$root/tmp/shot/home.png
  if [ -f "$png" ]; then
    cp "$png" "$BUILD/deploy-root-home.png"
    w=$(od -An -tu1 -j16 -N4 "$png" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 }')
    h=$(od -An -tu1 -j20 -N4 "$png" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 }')
    size=$(stat -c %s "$png")
    echo "   screenshot ${w}x${h}, $size bytes -> $BUILD/deploy-root-home.png"
    check "screenshot is a PNG of a drawn screen (not blank)" sh -c \
      "[ \"\$(od -An -c -j1 -N3 '$png' | tr -d ' ')\" = PNG ] && [ $w -ge 320 ] && [ $h -ge 320 ] && [ $size -gt 20000 ]"
  else
    echo "   FAIL  no screenshot written"; failures=$((failures + 1))
  fi
else echo "   (bianmin-kiosk with --screenshot is not in this tree yet: no home screen rendered)"; fi

# The hub-only machine (installed above, with Recommends). check runs these functions.
step "checks inside the hub-only root"
installed() { [ "$(chroot "$hubroot" dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
hub_packages() { installed bianmin-hub && installed bianmin-kiosk-bin && ! installed bianmin-kiosk; }
no_terminal_units() {  # what a terminal enables; the hub's own unit is enabled all the same
  local u state found
  for u in bianmin-kiosk.service bianmin-sync.timer bianmin-sync.service bianmin-screen.timer bianmin-screen.service; do
    state=$(systemctl --root="$hubroot" is-enabled "$u" 2>&1) || true
    echo "$u: $state"
    case $state in enabled*|static|alias|indirect|generated|transient|linked*) return 1 ;; esac
  done
  found=$(find "$hubroot/etc/systemd" "$hubroot/lib/systemd" "$hubroot/usr/lib/systemd" \
            \( -name 'bianmin-kiosk*' -o -name 'bianmin-sync*' -o -name 'bianmin-screen*' \) 2>/dev/null)
  [ -z "$found" ] || { echo "$found"; return 1; }
  [ "$(systemctl --root="$hubroot" is-enabled bianmin-hub.service)" = enabled ]
}
check "bianmin-hub and (recommended) bianmin-kiosk-bin installed, bianmin-kiosk not" hub_packages
check "no kiosk, sync or screen unit installed or enabled; bianmin-hub.service enabled" no_terminal_units
check "no /etc/bianmin/kiosk.toml, no /var/lib/bianmin (not a terminal)" \
  test ! -e "$hubroot/etc/bianmin/kiosk.toml" -a ! -e "$hubroot/var/lib/bianmin"
# The programs hub.toml names for the preview pictures are there, and draw one as the hub does
# (sync/console/publish_flow.cpp: user bianmin, SDL offscreen, no cupsd), from the demo township.
pv_kiosk=$(sed -n 's/^preview_kiosk *= *"\([^"]*\)".*/\1/p' "$hubroot/etc/bianmin/hub.toml")
pv_village=$(sed -n 's/^preview_village_config *= *"\([^"]*\)".*/\1/p' "$hubroot/etc/bianmin/hub.toml")
preview_paths() { [ -n "$pv_kiosk" ] && [ -x "$hubroot$pv_kiosk" ] && [ -n "$pv_village" ] && in_hub bianmin-config check "$pv_village"; }
check "hub.toml's preview_kiosk ($pv_kiosk) is a program, preview_village_config ($pv_village) a valid kiosk config" preview_paths
mkdir -p "$hubroot/tmp/pv/state"
dpkg-deb --fsys-tarfile "$(ls "$work"/debs/bianmin-kiosk_*.deb | head -1)" \
  | tar -xO ./usr/share/bianmin/demo/content.db > "$hubroot/tmp/pv/content.db"
chroot "$hubroot" chown -R bianmin: /tmp/pv
preview() {  # preview NAME KIOSK-ARGS...: one picture, as the hub's console renders it
  local name=$1 png="$hubroot/tmp/pv/$1.png"; shift
  in_hub runuser -u bianmin -- /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy HOME=/tmp/pv \
    "$pv_kiosk" --headless "$@" --content /tmp/pv/content.db --state-dir /tmp/pv/state \
    --cups-server /tmp/pv/no-cupsd.sock --screenshot "/tmp/pv/$name.png" &&
    [ "$(od -An -c -j1 -N3 "$png" | tr -d ' ')" = PNG ] && [ "$(stat -c %s "$png")" -gt 20000 ]
}
check "the hub-only machine draws the hall preview picture (user bianmin, headless)" preview hall --size 1080x1920
check "the hub-only machine draws the village preview picture (preview_village_config)" preview village --config "$pv_village"

# Removing and purging: the config goes with purge, the user stays (Debian practice).
check "purge bianmin-kiosk removes its config, keeps the user" sh -c \
  "chroot '$root' env DEBIAN_FRONTEND=noninteractive dpkg --purge bianmin-kiosk >/dev/null && [ ! -e '$root/etc/bianmin/kiosk.toml' ] && chroot '$root' getent passwd bianmin >/dev/null"

step "done: $failures failure(s)"
[ "$failures" -eq 0 ] || fail "$failures check(s) failed"
