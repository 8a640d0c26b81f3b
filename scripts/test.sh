#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, then builds and runs the whole test suite twice:
# a normal build with warnings as errors, and an ASan+UBSan build; then a
# bounded libFuzzer run of each harness (fuzz/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
jobs=$(nproc)

echo "== release build (-Wall -Wextra -Werror) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOSO_WERROR=ON -DHOSO_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "== ASan+UBSan build =="
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Asan -DHOSO_WERROR=ON -DHOSO_TESTS=ON >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")

echo "== fuzzing (libFuzzer, ${HOSO_FUZZ_SECONDS:-60} s per harness) =="
BUILD=build-fuzz bash fuzz/run.sh "${HOSO_FUZZ_SECONDS:-60}"
