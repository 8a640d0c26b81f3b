#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer harnesses (clang, ASan+UBSan) and runs each for a
# bounded time on a seed corpus made from the fixtures. Exit 1 on any crash,
# leak, timeout or out-of-memory; the reproducer is left in $OUT/crashes.
#   fuzz/run.sh [SECONDS_PER_HARNESS]   (default 60; env BUILD, OUT)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
build=${BUILD:-build-fuzz}
out=${OUT:-$build/fuzz-out}

CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHOSO_FUZZ=ON -DHOSO_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target \
  fuzz_archive fuzz_office fuzz_pdf fuzz_rubric fuzz_vntext fuzz_msdoc fuzz_xls >/dev/null

rm -rf "$out"
mkdir -p "$out/crashes"
seed() { # harness, files...
  local dir="$out/corpus-$1"; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/"; done
  # regression inputs found earlier stay in the corpus
  if [ -d "fuzz/regress/${dir##*corpus-}" ]; then
    cp fuzz/regress/"${dir##*corpus-}"/* "$dir/" 2>/dev/null || true
  fi
}
shopt -s nullglob globstar
seed archive fixtures/archives/* fixtures/check/**/*.zip fixtures/faults/**/*.zip
seed office fixtures/docs/*.docx fixtures/docs/*.xlsx fixtures/docs/*.odt \
  fixtures/docs/*.ods fixtures/check/**/*.docx fixtures/check/**/*.xlsx
seed pdf fixtures/docs/*.pdf fixtures/check/**/*.pdf
seed rubric schemas/rubrics/*.json fixtures/**/*.json
seed vntext fixtures/docs/*.txt fixtures/docs/*.csv fixtures/docs/*.html
seed msdoc fixtures/docs/*.doc fixtures/legacy/**/*.doc fixtures/legacy/*.rtf fixtures/legacy/*.xml
seed xls fixtures/docs/*.xls fixtures/legacy/**/*.xls

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp
status=0
printf '%-10s %10s %12s %8s %s\n' harness seconds executions exec/s result
for h in archive office pdf rubric vntext msdoc xls; do
  log="$out/$h.log"
  asan=$ASAN_OPTIONS
  case $h in msdoc|xls) asan=$asan:fast_unwind_on_malloc=0 ;; esac
  if ASAN_OPTIONS=$asan "$build/fuzz/fuzz_$h" "$out/corpus-$h" -max_total_time="$secs" \
      -rss_limit_mb=2048 -timeout=25 -max_len=524288 -print_final_stats=1 \
      -artifact_prefix="$out/crashes/$h-" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  printf '%-10s %10s %12s %8s %s\n' "$h" "$secs" "${execs:-?}" "${rate:-?}" "$result"
  if [ "$result" != ok ]; then
    grep -m 20 -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" >&2 || true
  fi
done
exit $status
