#!/usr/bin/env bash
# Runs each libFuzzer target for a fixed time under ASan+UBSan, seeded with testdata/ and the
# saved regressions. A crash or invariant violation fails the run and leaves the input in
# $BUILD/fuzz-artifacts/: copy it to tests/fuzz/regressions/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${2:-60}
mkdir -p "$build/fuzz-artifacts"
for target in fuzz_pipeline fuzz_edits; do
  corpus="$build/corpus-$target"
  mkdir -p "$corpus"
  # Seeds: every golden input and fixed output, the sample project, the saved regressions.
  find testdata tests/fuzz/regressions -type f \( -name '*.py' -o -name '*.fixed' -o -name 'crash-*' \) \
    -exec cp -t "$corpus" {} + 2>/dev/null || true
  echo "fuzz: $target for ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -dict=tests/fuzz/wafix.dict -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 "$corpus" \
      2>"$build/$target.log" || { tail -40 "$build/$target.log"; echo "fuzz: $target FAILED"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/$target.log" | sed "s/^/fuzz: $target /"
done
echo "fuzz: no crash, no sanitizer report, no invariant violated"
