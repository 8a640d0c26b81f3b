#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Times `hoso extract` on the fixtures: wall time (best of N runs), and the
# peak resident memory of the parent and of the largest worker (GNU time's
# maximum RSS covers the process and the children it waited for).
# Usage: bash bench/extract.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

bash scripts/deps.sh
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
fi
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DHOSO_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target hoso >/dev/null
bin=build-bench/hoso

printf '%-34s %8s %6s %10s %10s\n' input bytes docs best_ms peak_rss_kb
for input in fixtures/archives/nested.zip fixtures/archives/dossier.7z \
             fixtures/archives/dossier.tar.xz fixtures/dossier; do
  bytes=$(du -sb "$input" | cut -f1)
  docs=$($bin extract --format json "$input" | grep -c '"sha256"' || true)
  best=""
  rss=0
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f '%e %M' "$bin" extract --format json --text "$input" >/dev/null; } 2>&1 | tail -1)
    ms=$(awk '{printf "%d", $1 * 1000}' <<<"$out")
    kb=$(awk '{print $2}' <<<"$out")
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  printf '%-34s %8s %6s %10s %10s\n' "$input" "$bytes" "$((docs - 1))" "$best" "$rss"
done
