#!/usr/bin/env bash
# Fuzzes coopledger's fuzz targets with libFuzzer (fuzz/README.md). For developers, not CI.
#
#   fuzz/run.sh [--seeds DIR] [--no-merge] SECONDS_PER_TARGET [TARGET...]
#
# Installs clang with apt if it is missing, configures and builds the clang build (COOP_FUZZ=ON,
# in $COOP_FUZZ_BUILD, default build-fuzz/; only the fuzz targets are built there), then runs
# each target (default: all five) for SECONDS_PER_TARGET on fuzz/corpus/<target>/, the inputs
# of past bugs in fuzz/regressions/<target>/ and, with --seeds, DIR/<target>/ (what
# fuzz_seed_corpus wrote), with the dictionary of fuzz/dicts/ that fits the target's input. It
# prints per target its executions, executions per second, coverage (libFuzzer's final cov: and
# ft:) and crash files, and a total. Unless --no-merge, the corpus it grew (and the seeds) are
# merged back into fuzz/corpus/<target>/, minimised (-merge=1: the smallest set of inputs that
# keeps every feature found).
# Environment: COOP_FUZZ_BUILD (build folder), COOP_BUILD_LOCK (a file to flock while
# building, for machines that share their cores), COOP_FUZZ_WORK (run logs and crash files;
# default a new temporary folder, kept).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${COOP_FUZZ_BUILD:-$ROOT/build-fuzz}
ALL_TARGETS=(canonical_event event_payload command import_line area_data)

seeds="" merge=1
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --seeds) seeds=$2; shift 2 ;;
    --no-merge) merge=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
seconds=$1; shift
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")

if ! command -v clang++ >/dev/null; then
  echo "run.sh: installing clang (libFuzzer comes with it)" >&2
  apt-get update -qq && apt-get install -y -qq clang >/dev/null
fi

locked() { if [[ -n ${COOP_BUILD_LOCK:-} ]]; then flock "$COOP_BUILD_LOCK" "$@"; else "$@"; fi; }
if [[ ! -f $BUILD/build.ninja ]]; then
  locked cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DCOOP_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
fi
locked ninja -C "$BUILD" -j "$(nproc)" "${targets[@]/%/_fuzzer}"

work=${COOP_FUZZ_WORK:-$(mktemp -d /tmp/coop-fuzz.XXXXXX)}
echo "run.sh: logs and crash files in $work" >&2
printf '%-16s %12s %9s %7s %8s %8s\n' target execs execs/s cov ft crashes
total_execs=0 total_crashes=0
for target in "${targets[@]}"; do
  fuzzer=$BUILD/fuzz/${target}_fuzzer corpus=$ROOT/fuzz/corpus/$target
  run=$work/$target
  mkdir -p "$run/new" "$run/artifacts" "$corpus"
  dict=$ROOT/fuzz/dicts/$target.dict
  case $target in canonical_event | event_payload | command) dict=$ROOT/fuzz/dicts/protobuf.dict ;; esac
  # Event lists are cut at 4 KiB: a longer one costs the projections up to 100 ms a run, and
  # the committed corpus must stay small (a cut list is still a list: every prefix is one).
  limits=(-timeout=10 -rss_limit_mb=2048)
  case $target in event_payload | command) limits+=(-max_len=4096) ;; esac
  options=(-max_total_time="$seconds" -print_final_stats=1 "${limits[@]}")
  [[ -f $dict ]] && options+=(-dict="$dict")
  inputs=("$run/new" "$corpus")
  [[ -n $seeds && -d $seeds/$target ]] && inputs+=("$seeds/$target")
  regressions=()
  [[ -d $ROOT/fuzz/regressions/$target ]] && regressions=("$ROOT/fuzz/regressions/$target")
  # libFuzzer exits non-zero on a crash; the table reports it.
  "$fuzzer" "${options[@]}" -artifact_prefix="$run/artifacts/" "${inputs[@]}" "${regressions[@]}" \
    >"$run/log" 2>&1 ||
    true
  # (A run that did not start, e.g. on a bad option, has no figures: see its log.)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$run/log" | tail -1)
  cov=$( (grep -o 'cov: [0-9]*' "$run/log" || true) | tail -1 | cut -d' ' -f2)
  ft=$( (grep -o 'ft: [0-9]*' "$run/log" || true) | tail -1 | cut -d' ' -f2)
  crashes=$(find "$run/artifacts" -type f | wc -l)
  printf '%-16s %12s %9s %7s %8s %8s\n' "$target" "${execs:-0}" "${rate:-0}" "${cov:-?}" \
    "${ft:-?}" "$crashes"
  find "$run/artifacts" -type f -printf '  crash file: %p\n'
  total_execs=$((total_execs + ${execs:-0})) total_crashes=$((total_crashes + crashes))
  if [[ $merge == 1 ]]; then
    rm -rf "$run/merged" && mkdir -p "$run/merged"
    "$fuzzer" -merge=1 "${limits[@]}" "$run/merged" "${inputs[@]}" \
      >"$run/merge.log" 2>&1 && rm -rf "$corpus" && mv "$run/merged" "$corpus"
  fi
done
printf '%-16s %12s %9s %7s %8s %8s\n' total "$total_execs" "" "" "" "$total_crashes"
[[ $merge == 1 ]] && echo "corpus: $(du -sh --apparent-size "$ROOT/fuzz/corpus" | cut -f1) in $(find "$ROOT/fuzz/corpus" -type f | wc -l) files in fuzz/corpus/" >&2
exit 0
