#!/usr/bin/env bash
# Installs what is needed, builds everything and runs every test (what CI runs).
# Usage: bash deploy/run-tests.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
bash deploy/install-deps.sh
# What ships: the release build with warnings as errors, and every test of it.
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBIANMIN_WERROR=ON
cmake --build "$BUILD_DIR" -j"$(nproc)"
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 900 -j"$(nproc)"
# Under AddressSanitizer + UBSan, in a tree of their own (CMake option BIANMIN_SANITIZE; only
# what these tests need is built): the soak walk and the crash tests of issue 19, and every
# test of content/ (the importer and de-identification read what hall staff type) and of
# content/sheets (the spreadsheet readers read what clerks upload).
# (No -Werror here: GCC's -O1 with the sanitizers warns falsely inside libstdc++'s std::regex.)
ASAN_DIR="$BUILD_DIR-asan"
cmake -S . -B "$ASAN_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBIANMIN_SANITIZE=ON
mapfile -t content_tests < <(ctest --test-dir "$BUILD_DIR" -N -L '^(content|sheets)$' | sed -n 's/^ *Test *#[0-9]*: \(content\|sheets\)\.\(test_[a-z0-9_]*\)$/\1_\2/p')
cmake --build "$ASAN_DIR" -j"$(nproc)" --target kiosk_test_soak kiosk_test_memo kiosk_test_many_glyphs bianmin_demo_db "${content_tests[@]}"
ctest --test-dir "$ASAN_DIR" --output-on-failure --timeout 900 -j"$(nproc)" \
  -R '^(kiosk\.(test_soak|test_memo|test_many_glyphs)|(content|sheets)\.test_[a-z0-9_]+)$'
# A short smoke of each libFuzzer target (fuzz/README.md) in a tree that builds only them:
# every committed seed once, then 20 s of fuzzing per target.
FUZZ_DIR="$BUILD_DIR-fuzz"
CC=clang CXX=clang++ cmake -S . -B "$FUZZ_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBIANMIN_FUZZ=ON
cmake --build "$FUZZ_DIR" -j"$(nproc)" --target fuzz
bash fuzz/run.sh --build "$FUZZ_DIR" --smoke 20
