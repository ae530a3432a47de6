#!/usr/bin/env bash
# Runs lowbit's libFuzzer targets for SECONDS each (default 20) on a seed
# corpus gathered from the test models and .mlir tests. Used by
# `make check` (a short smoke run) and `make fuzz` (FUZZ_SECONDS=600).
# Usage: scripts/fuzz.sh BUILD_FUZZ_DIR MODELS_DIR [SECONDS]
# A crash, leak, timeout or sanitizer report fails the run; the reproducer
# is left in BUILD_FUZZ_DIR/fuzz-artifacts/.
set -euo pipefail
bin="$1/bin"; models="$2"; secs="${3:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$1/fuzz"; art="$1/fuzz-artifacts"
mkdir -p "$work" "$art"
seed() { # target, then seed files
  local t="$1"; shift
  mkdir -p "$work/$t.seed" "$work/$t.corpus"
  for f in "$@"; do [ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 1000000 ] && cp -f "$f" "$work/$t.seed/" || true; done
}
# Inputs that once failed (test/fuzz/regressions/TARGET/) are always seeds,
# so every run, the 20 s smoke run included, replays them first.
seed fuzz_onnx_load "$models"/*.onnx "$models"/bad/*.onnx "$root"/test/fuzz/regressions/fuzz_onnx_load/*
seed fuzz_npy "$models"/*.npy "$root"/test/fuzz/regressions/fuzz_npy/*
mlirs=()
while IFS= read -r -d '' f; do mlirs+=("$f"); done < <(find "$root/test" -name '*.mlir' -print0)
seed fuzz_mlir_run "${mlirs[@]}" "$root"/test/fuzz/regressions/fuzz_mlir_run/*
status=0
for t in fuzz_onnx_load fuzz_mlir_run fuzz_npy; do
  log="$work/$t.log"
  if "$bin/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -max_len=262144 \
       -artifact_prefix="$art/$t-" "$work/$t.corpus" "$work/$t.seed" > "$log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 || true)
    echo "fuzz: $t ${secs}s: ${runs:-done}, no findings"
  else
    echo "fuzz: $t FAILED (see $log; reproducer in $art)"; tail -30 "$log"; status=1
  fi
done
exit $status
