#!/usr/bin/env bash
# Builds the bench preset (optimised, with debug info) and runs every benchmark of
# tests/bench/run_bench.py against trackersim: prints the table and writes
# build/bench/results.json. Each figure is a ratio against a floor measured in the same run
# (curl, a script of curl calls, a bare Qt window), or a time where the target is one.
#   scripts/bench.sh                      all benchmarks, medians of 3 runs each
#   scripts/bench.sh --repeat 5           more runs for a quieter median
#   scripts/bench.sh --only sweep,filter  some of: inventory (or inventory-cli), sweep, start, filter
# Not part of CI's pass/fail; it needs curl. About 3 minutes on 2 cores, a minute of it seeding.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v curl >/dev/null || { echo "bench.sh needs curl" >&2; exit 1; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake --preset bench "${launcher[@]}" >/dev/null
cmake --build build/bench -j "$(nproc)" --target benchmarks
# The benchmarks start their own trackersims and apps; nothing needs a keychain (secrets come
# from environment variables) or a display (the offscreen platform).
QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/bench/run_bench.py \
    --build build/bench --out build/bench/results.json "$@"
