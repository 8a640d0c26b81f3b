#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Reading the legacy twins against their docx/xlsx originals: the files of
# fixtures/legacy/MANIFEST.tsv copied into two folders (the legacy files, the
# twins they were made from) and read by `hoso extract --no-cache --jobs 1`;
# best wall time of N runs each, and the total bytes.
# Usage: bash bench/legacy.sh [runs] [hoso binary]   (defaults 5, build/hoso)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${2:-build/hoso}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/legacy" "$tmp/twin" "$tmp/home"
i=0
tail -n +2 fixtures/legacy/MANIFEST.tsv | while IFS=$'\t' read -r path twin _; do
  i=$((i + 1))
  cp "fixtures/$path" "$tmp/legacy/$i-$(basename "$path")"
  cp "fixtures/$twin" "$tmp/twin/$i-$(basename "$twin")"
done
best() { # folder
  local b=999999 t0 t1 ms
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    HOME=$tmp/home "$bin" extract --no-cache --jobs 1 -q --text "$1" >/dev/null
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    [ "$ms" -lt "$b" ] && b=$ms
  done
  echo "$b"
}
printf '%-8s %6s %9s %8s\n' set files bytes best_ms
for s in twin legacy; do
  printf '%-8s %6s %9s %8s\n' "$s" "$(ls "$tmp/$s" | wc -l)" \
    "$(du -sb "$tmp/$s" | cut -f1)" "$(best "$tmp/$s")"
done
