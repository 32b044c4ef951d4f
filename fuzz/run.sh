#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built with -DBIANMIN_FUZZ=ON, see README.md).
#
#   fuzz/run.sh [--build DIR] [--seconds N] [--jobs N] [TARGET...]
#       A campaign: each target (default: all) for N seconds (default 600), one after the other
#       (or N at once with --jobs), growing a working corpus in DIR/corpus/<target> that starts
#       from the committed seeds (fuzz/corpus/<target>, left as they are). Crashes are kept as
#       DIR/findings/<target>/crash-*; the exit status is 1 if any target found one. Prints one
#       line of figures per target (execs/s, corpus, coverage) and leaves the logs in
#       DIR/logs/<target>.log.
#   fuzz/run.sh [--build DIR] --smoke N [TARGET...]
#       What CI runs: every committed seed once, then N seconds of fuzzing from them in a
#       throw-away corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build-fuzz
SECONDS_EACH=600
SMOKE=""
JOBS=1
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --smoke) SMOKE=1; SECONDS_EACH=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(import manifest changeset hub sheets)

# Per-target input size limits: what each parser meets in real life, with room to spare.
max_len() {
  case "$1" in
    import) echo 16384 ;; manifest) echo 4096 ;; changeset) echo 65536 ;; hub) echo 16384 ;; sheets) echo 65536 ;; *) echo 4096 ;;
  esac
}

# The targets' scratch files (a store, a copy of a cache per input) go to memory, not disk.
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/bianmin-fuzz-run.XXXXXX")
[ -d /dev/shm ] && [ -w /dev/shm ] && SCRATCH_TMP=$(mktemp -d /dev/shm/bianmin-fuzz.XXXXXX) || SCRATCH_TMP=$SCRATCH
trap 'rm -rf "$SCRATCH" "$SCRATCH_TMP"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
  local t=$1 bin="$BUILD/fuzz/fuzz_$1" seeds="fuzz/corpus/$1"
  [ -x "$bin" ] || { echo "fuzz: $bin is not built (cmake --build $BUILD --target fuzz)" >&2; return 1; }
  local corpus findings log
  if [ -n "$SMOKE" ]; then
    corpus="$SCRATCH/corpus/$t"; findings="$SCRATCH/findings/$t"; log="$SCRATCH/$t.log"
  else
    corpus="$BUILD/corpus/$t"; findings="$BUILD/findings/$t"; log="$BUILD/logs/$t.log"
  fi
  mkdir -p "$corpus" "$findings" "$(dirname "$log")"
  local flags=(-max_len="$(max_len "$t")" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
               -artifact_prefix="$findings/")
  local status=0
  if [ -n "$SMOKE" ]; then
    # Every committed seed once (regressions of earlier findings live there too) ...
    TMPDIR=$SCRATCH_TMP "$bin" "${flags[@]}" -runs=0 "$seeds" >"$log" 2>&1 || status=$?
    # ... then a short run from them.
    [ $status -eq 0 ] && { TMPDIR=$SCRATCH_TMP "$bin" "${flags[@]}" -max_total_time="$SECONDS_EACH" "$corpus" "$seeds" >>"$log" 2>&1 || status=$?; }
  else
    TMPDIR=$SCRATCH_TMP "$bin" "${flags[@]}" -max_total_time="$SECONDS_EACH" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  fi
  # "#123456 DONE cov: 1234 ft: 5678 corp: 321/45Kb lim: ... exec/s: 987 rss: 123Mb"
  local done_line execs
  done_line=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  execs=$(grep -a -E 'stat::number_of_executed_units' "$log" | tail -1 | awk '{print $2}' || true)
  if [ $status -ne 0 ]; then
    echo "fuzz_$t: FAILED (exit $status); the input is in $findings; log:" >&2
    grep -a -E -A30 'ERROR:|SUMMARY:|==[0-9]+==|deadly signal|abort' "$log" | head -60 >&2 || tail -40 "$log" >&2
    return 1
  fi
  printf 'fuzz_%-10s %ss  runs %-9s %s\n' "$t" "$SECONDS_EACH" "${execs:-?}" \
    "$(sed -E 's/^#[0-9]+[[:space:]]+DONE[[:space:]]+//' <<<"$done_line")"
}

failed=0
if [ "$JOBS" -gt 1 ]; then
  pids=()
  for t in "${TARGETS[@]}"; do
    run_one "$t" & pids+=($!)
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do sleep 1; done
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
else
  for t in "${TARGETS[@]}"; do run_one "$t" || failed=1; done
fi
exit $failed
