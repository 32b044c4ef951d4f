# Sourced by package_root.sh and boot.sh: the cached Debian bookworm base root (debootstrap
# minbase) both start from. ensure_base_root sets $BASE_ROOT; the caller holds the cache lock
# (fd 9 on $CACHE/lock) while it runs.
#   $BIANMIN_ROOT_CACHE (default /var/cache/bianmin-test): the base root, apt's downloads.
# The base is re-created when missing, when its recipe (suite, mirror, variant, BASE_RECIPE
# here) changes, or after 14 days (security updates); runs copy or overlay it, never change it.
CACHE=${BIANMIN_ROOT_CACHE:-/var/cache/bianmin-test}
SUITE=bookworm
# The mirror this machine's apt uses (deb.debian.org unless the host's sources say otherwise).
MIRROR=${BIANMIN_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*debian\)\/\{0,1\}$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
BASE_RECIPE="v1 suite=$SUITE variant=minbase mirror=$MIRROR"
MAX_AGE_DAYS=14

# stale_reason DIR RECIPE: why DIR (made from RECIPE) must be made again, or nothing.
stale_reason() {
  if [ ! -f "$1/.bianmin-recipe" ]; then echo "missing"
  elif [ "$(cat "$1/.bianmin-recipe")" != "$2" ]; then echo "recipe changed"
  elif [ -n "$(find "$1/.bianmin-recipe" -mtime +$MAX_AGE_DAYS)" ]; then echo "older than $MAX_AGE_DAYS days"
  fi
}

ensure_base_root() {
  mkdir -p "$CACHE/archives/partial"
  BASE_ROOT=$CACHE/base-$SUITE
  local stale
  stale=$(stale_reason "$BASE_ROOT" "$BASE_RECIPE")
  if [ -z "$stale" ]; then
    step "base root $BASE_ROOT (cached $(stat -c %y "$BASE_ROOT/.bianmin-recipe" | cut -d. -f1))"
    return 0
  fi
  step "debootstrap $SUITE ($stale) from $MIRROR into $BASE_ROOT (several minutes, once)"
  rm -rf "$BASE_ROOT.new"
  debootstrap --variant=minbase --cache-dir="$CACHE/archives" "$SUITE" "$BASE_ROOT.new" "$MIRROR" \
    > "$CACHE/debootstrap.log" 2>&1 || { tail -30 "$CACHE/debootstrap.log"; fail "debootstrap (log: $CACHE/debootstrap.log)"; }
  cat > "$BASE_ROOT.new/etc/apt/sources.list" <<EOT
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
EOT
  # The mirror may be a dated snapshot: its Release files are past their Valid-Until.
  printf 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\n' > "$BASE_ROOT.new/etc/apt/apt.conf.d/90bianmin-test"
  # A chroot has no init: packages must not try to start services.
  printf '#!/bin/sh\nexit 101\n' > "$BASE_ROOT.new/usr/sbin/policy-rc.d"
  chmod 755 "$BASE_ROOT.new/usr/sbin/policy-rc.d"
  rm -rf "$BASE_ROOT.new/var/cache/apt/archives"/*.deb
  echo "$BASE_RECIPE" > "$BASE_ROOT.new/.bianmin-recipe"
  rm -rf "$BASE_ROOT"
  mv "$BASE_ROOT.new" "$BASE_ROOT"
}

# The .debs: from the deploy.debs fixture ($BIANMIN_DEBS, set by CTest) or built here.
get_debs() {  # get_debs DEST_DIR
  mkdir -p "$1"
  if [ -n "${BIANMIN_DEBS:-}" ] && ls "$BIANMIN_DEBS"/bianmin-kiosk_*.deb >/dev/null 2>&1; then
    cp "$BIANMIN_DEBS"/*.deb "$1/"
  else
    bash "$(dirname "$0")/make_debs.sh" "$BUILD" "$1" > "$1.log" 2>&1 || { cat "$1.log"; fail "building the .debs"; }
  fi
}
