#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (Fuzz/Targets, with --sanitize=fuzzer, in their own
# build folder so `make test` never sees the instrumentation), seeds each corpus from the samples,
# runs each target for FUZZ_SECONDS (default 60) and prints the executions per target.
# A crash, hang or out-of-memory fails the run; its input is kept under .build/fuzz/findings/TARGET/
# (add it to Fuzz/Regressions/TARGET/ with the fix, so the regression tests replay it).
#
# Environment: FUZZ_SECONDS (per target), FUZZ_TARGETS (space-separated subset), SWIFT.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT="${SWIFT:-swift}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
TARGETS="${FUZZ_TARGETS:-FuzzTemplateParser FuzzJSONParser FuzzSignatureInput FuzzImageHeaders}"
BUILD=.build/fuzz
export DOCENGINE_FUZZ=1

# The seed corpus of each target: the samples it reads in real life.
seeds() {
  case "$1" in
    FuzzTemplateParser) ls Sources/Templates/BuiltIn/*.doc Sources/Templates/BuiltIn/partials/*.doc ;;
    FuzzJSONParser) ls SampleData/*.json SampleData/events/*.json SampleData/brands/*/brand.json \
      Sources/Templates/BuiltIn/locales/*/*.json Sources/Templates/BuiltIn/schema/*.json ;;
    FuzzSignatureInput) ls SampleData/signatures/*.json SampleData/brands/*/signature.json ;;
    FuzzImageHeaders) ls SampleData/brands/*/logo.* SampleData/brands/*/stamp.* SampleData/brands/*/signature.png \
      Tests/DocEngineTests/Fixtures/* ;;
  esac
}

# Inputs are capped: large ones only slow the search, and the interesting structure is in headers.
max_len() {
  case "$1" in
    FuzzImageHeaders) echo 16384 ;;
    *) echo 65536 ;;
  esac
}

for target in $TARGETS; do
  echo "== building $target (--sanitize=fuzzer)"
  "$SWIFT" build --build-path "$BUILD" --sanitize=fuzzer --product "$target" 2>&1 | tail -1
done
bin="$("$SWIFT" build --build-path "$BUILD" --sanitize=fuzzer --show-bin-path)"

failed=0
summary=()
for target in $TARGETS; do
  corpus="$BUILD/corpus/$target"
  findings="$BUILD/findings/$target"
  mkdir -p "$corpus" "$findings"
  for seed in $(seeds "$target"); do
    # Larger seeds are cut to the length the fuzzer may use; the header is what matters.
    head -c "$(max_len "$target")" "$seed" > "$corpus/seed-$(basename "$(dirname "$seed")")-$(basename "$seed")"
  done
  log="$BUILD/$target.log"
  echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (corpus: $(ls "$corpus" | wc -l) inputs)"
  status=0
  SWIFT_BACKTRACE=enable=no "$bin/$target" "$corpus" -seed=11 -max_total_time="$SECONDS_PER_TARGET" \
    -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings/" >"$log" 2>&1 || status=$?
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "!! $target found a problem (exit $status); input(s) in $findings:"
    ls "$findings"
    grep -E "ERROR|Fatal error|deadly signal|timeout|out-of-memory|SUMMARY" "$log" | head -5 || true
  fi
  summary+=("$target: $executions executions in ${SECONDS_PER_TARGET}s, coverage $coverage edges, exit $status")
done

echo "== fuzz summary (seed 11)"
printf '%s\n' "${summary[@]}"
exit "$failed"
