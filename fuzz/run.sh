#!/usr/bin/env bash
# Fuzzes strata's entry reading and its markdown pipeline with cargo-fuzz (libFuzzer), each
# target for SECONDS (default 600), seeded with every entry file of the fixtures and the
# example journal. Prints each target's last status line (executions, coverage).
#
#   cargo install cargo-fuzz     # once
#   fuzz/run.sh                  # both targets, 10 minutes each
#   SECONDS_EACH=60 fuzz/run.sh entry
#
# libFuzzer's instrumentation needs compiler flags a stable toolchain keeps for nightly;
# RUSTC_BOOTSTRAP=1 lets this stable compiler accept them, for this build only.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${SECONDS_EACH:-600}
TARGETS=${*:-entry markdown}
for target in $TARGETS; do
  seeds="fuzz/corpus/$target"
  mkdir -p "$seeds"
  find tests/fixtures example-journal -name '*.md' -exec cp -t "$seeds" {} + 2>/dev/null || true
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$target" "$seeds" -- \
    -max_total_time="$SECONDS_EACH" -max_len=65536 -print_final_stats=1 2>&1 |
    tee "fuzz/$target.log" | grep -E '^(#[0-9]+.*(DONE|pulse)|stat::|==[0-9]+== ERROR|SUMMARY)' | tail -12
done
