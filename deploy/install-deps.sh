#!/usr/bin/env bash
# Installs every Debian package that building, testing and running Bianmin needs.
# Idempotent and non-interactive; run as root (or with sudo) on Debian bookworm.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config git ca-certificates
  # content core
  libsqlite3-dev sqlite3 libyaml-cpp-dev unicode-data libopencc-dev opencc
  libbz2-dev  # search: reads Unihan_Readings.txt.bz2 at build time
  # kiosk
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev libpng-dev
  fonts-noto-cjk fonts-material-design-icons-iconfont
  libespeak-ng-dev espeak-ng-data  # 朗读: speech synthesis and its Mandarin (cmn-latn-pinyin) voice
  # kiosk: Chinese input (handwriting: zinnia + its simplified-Chinese model; pinyin: googlepinyin
  # with its dictionary)
  libzinnia-dev tegaki-zinnia-simplified-chinese libgooglepinyin0-dev
  # QR codes, slips and printing
  libqrencode-dev libcups2-dev cups-daemon cups-client cups-filters
  cups  # the socket:// backend (network receipt printers) lives in this package
  libcairo2-dev libpango1.0-dev zbar-tools poppler-utils
  tesseract-ocr tesseract-ocr-chi-sim  # tests: read the title off an ESC/POS raster slip
  # spreadsheets (content/sheets: bianmin-publish import-sheet / sheet-template, the hub's upload):
  # .xlsx unzipped with libzip and parsed with expat, .xls read with libfreexl, templates
  # written with libxlsxwriter
  libzip-dev libexpat1-dev libfreexl-dev libxlsxwriter-dev
  # sync and hub
  libsodium-dev libzstd-dev libcurl4-openssl-dev libcpp-httplib-dev nlohmann-json3-dev
  # bianmin-bench push: the hub's long-poll measured against Debian's MQTT broker (issue 18); the
  # bench starts its own private mosquitto and links libmosquitto (no product uses either)
  mosquitto libmosquitto-dev
  # the hub's store on PostgreSQL (a county; hub.toml [store]): libpq, and the server the store's
  # tests and bianmin-bench hub --engine postgresql start in a private directory
  libpq-dev postgresql
  # configuration, services
  libtomlplusplus-dev libsystemd-dev systemd
  # packaging and the package tests (deploy/): dpkg-shlibdeps, lintian, a bookworm root booted
  # with systemd-nspawn (deploy.boot)
  dpkg-dev debootstrap systemd-container lintian file
  # tests
  doctest-dev clang-format
  python3-xlwt  # tests/content/sheets: writes a real .xls (BIFF) for the .xls reader
  # tests/sync/test_nginx: the bundles served by nginx with deploy/nginx/bianmin-bundles.conf
  nginx-light
  # tests/console: the hall console in a real browser (headless Chromium driven by Selenium)
  chromium chromium-driver python3-selenium
  # fuzzing (fuzz/, BIANMIN_FUZZ): clang and its libFuzzer runtime (libclang_rt.fuzzer)
  clang libclang-rt-dev
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Always brought up to the current version, not only installed when missing: CI and a newcomer's
# fresh machine get today's Debian packages (security updates included), so a kept machine must
# see the same versions, or a change in a package (cupsd refusing a config line, say) slips past.
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing or updating ${#PACKAGES[@]} packages"
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"

# Dear ImGui's SDL_Renderer backend is compiled from libimgui-dev's examples. Slim images (a dpkg
# path-exclude for /usr/share/doc/*) drop those files; put the two we need back from the package.
IMGUI_BACKENDS=/usr/share/doc/libimgui-dev/examples/backends
if [ ! -f "$IMGUI_BACKENDS/imgui_impl_sdlrenderer.cpp" ]; then
  echo "install-deps: $IMGUI_BACKENDS is missing (docs excluded by dpkg?); restoring it from libimgui-dev"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -q libimgui-dev)
  $SUDO mkdir -p "$IMGUI_BACKENDS"
  dpkg-deb --fsys-tarfile "$tmp"/libimgui-dev_*.deb |
    $SUDO tar -x -C / --wildcards './usr/share/doc/libimgui-dev/examples/backends/imgui_impl_sdlrenderer.*'
  rm -rf "$tmp"
  [ -f "$IMGUI_BACKENDS/imgui_impl_sdlrenderer.cpp" ] ||
    { echo "install-deps: could not restore $IMGUI_BACKENDS/imgui_impl_sdlrenderer.cpp" >&2; exit 1; }
fi
