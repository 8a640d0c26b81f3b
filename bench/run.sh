#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The benchmark of issue 6, side by side in one run, for each dossier size:
#   unzip     bsdtar -xOf DOSSIER >/dev/null (decompression only)
#   baseline  bench/baseline.sh: bsdtar -xf to tmpfs + pdftotext of each PDF
#             + unzip -p of each office file's XML (one process each)
#   extract   hoso extract --format json, --jobs 1 and --jobs 2 (all cores)
#   check     hoso check --format json, --jobs 1 and --jobs 2
#   recheck   with --cache: first run (cold), unchanged run, then after
#             changing one document (the 500 size only, see below)
# Each row: median wall time and CPU time (user+sys) of RUNS runs, the
# highest peak RSS (GNU time %M: the process or its largest child), its
# ratio to the baseline's wall time, documents and MB (uncompressed) a
# second. Dossiers come from bench/gen.sh into bench/out/ (not committed).
# Usage: bash bench/run.sh [RUNS] [SIZES...]   (default: 3 50 500 5000)
#        HOSO=path/to/hoso to time another build (default: Release build
#        in /tmp/build-hoso-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 500 5000)
export LC_ALL=C.UTF-8

need=()
[ -x /usr/bin/time ] || need+=(time)
command -v bsdtar >/dev/null || need+=(libarchive-tools)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v unzip >/dev/null || need+=(unzip)
command -v zip >/dev/null || need+=(zip)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
if [ -z "${HOSO:-}" ]; then
  b=${BUILD:-/tmp/build-hoso-bench}
  cmake -S "$root" -B "$b" -DCMAKE_BUILD_TYPE=Release -DHOSO_TESTS=OFF >/dev/null
  cmake --build "$b" -j"$(nproc)" --target hoso >/dev/null
  HOSO=$b/hoso
fi
cores=$(nproc)
tfile=$(mktemp)
trap 'rm -f "$tfile"' EXIT

# measure CMD...: RUNS runs; sets wall cpu rss (medians; max rss).
# $prep, when set, is run (untimed) before each run.
measure() {
  local walls=() cpus=() r out
  rss=0
  for r in $(seq "$runs"); do
    [ -z "${prep:-}" ] || eval "$prep"
    /usr/bin/time -o "$tfile" -f "%e %U %S %M" "$@" >/dev/null 2>/dev/null || true
    out=$(tail -1 "$tfile")
    walls+=("$(awk '{print $1}' <<<"$out")")
    cpus+=("$(awk '{printf "%.2f", $2 + $3}' <<<"$out")")
    r=$(awk '{print $4}' <<<"$out")
    [ "$r" -gt "$rss" ] && rss=$r
  done
  wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
}

row() { # size docs mb what jobs
  awk -v s="$1" -v d="$2" -v mb="$3" -v w="$4" -v j="$5" -v wall="$wall" \
      -v cpu="$cpu" -v rss="$rss" -v base="${base_wall:-0}" 'BEGIN {
    if (wall <= 0) wall = 0.005
    printf "%6s %6d %8.1f  %-9s %4s %8.2f %8.2f %9.1f %7s %9.0f %8.1f\n",
      s, d, mb, w, j, wall, cpu, rss / 1024,
      (base > 0 ? sprintf("%.2fx", wall / base) : "-"), d / wall, mb / wall }'
}

printf '# hoso %s, %s cores (%s), %s runs a row, medians\n' \
  "$("$HOSO" --version | awk '{print $2}')" "$cores" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" "$runs"
printf '%6s %6s %8s  %-9s %4s %8s %8s %9s %7s %9s %8s\n' \
  size docs MB what jobs wall_s cpu_s rss_MB x_base docs/s MB/s
for n in "${sizes[@]}"; do
  zip=$here/out/dossier-$n.zip
  [ -f "$zip" ] || bash "$here/gen.sh" "$n" "$zip" >/dev/null
  docs=$(unzip -Z1 "$zip" | grep -vc '/$')
  mb=$(unzip -Zt "$zip" | awk '{printf "%.1f", $3 / 1048576}')
  base_wall=
  measure bsdtar -xOf "$zip"
  row "$n" "$docs" "$mb" unzip 1
  measure bash "$here/baseline.sh" "$zip"
  row "$n" "$docs" "$mb" baseline 1
  base_wall=$wall
  for cmd in extract check; do
    for j in 1 "$cores"; do
      measure "$HOSO" "$cmd" --format json --no-cache --jobs "$j" "$zip"
      row "$n" "$docs" "$mb" "$cmd" "$j"
      [ "$cmd/$j" = check/1 ] && one_wall=$wall
    done
  done
  # What this machine gives in parallel for this kind of work: two
  # independent --jobs 1 checks side by side (two dossiers at once); their
  # throughput against one's is the ceiling for --jobs 2's speed-up.
  if [ "$cores" -ge 2 ]; then
    measure bash -c '"$1" check --format json --no-cache --jobs 1 "$2" >/dev/null &
      "$1" check --format json --no-cache --jobs 1 "$2" >/dev/null; wait' _ "$HOSO" "$zip"
    awk -v n="$n" -v one="$one_wall" -v two="$wall" 'BEGIN {
      printf "# %s docs: two --jobs 1 checks side by side %.2f s: %.2fx the throughput of one\n",
        n, two, 2 * one / two }'
  fi
  if "$HOSO" check --help | grep -q -- '--cache'; then
    cache=$(mktemp -d)
    # cold: an empty cache each run
    prep='rm -rf "$cache"/*'
    measure "$HOSO" check --format json --jobs "$cores" --cache "$cache" "$zip"
    prep=
    row "$n" "$docs" "$mb" cache-cold "$cores"
    # warm: the same dossier again (its verdict is kept: nothing is read)
    measure "$HOSO" check --format json --jobs "$cores" --cache "$cache" "$zip"
    row "$n" "$docs" "$mb" cache-warm "$cores"
    # one document changed: a copy of the dossier with one file appended
    # to; each run starts from the warm cache (copied, untimed)
    one=$(mktemp -d)/one.zip
    cp "$zip" "$one"
    victim=$(unzip -Z1 "$zip" | grep "\\.pdf$" | sed -n 1p)
    (cd "$(dirname "$one")" && mkdir -p "$(dirname "$victim")" &&
       unzip -p "$zip" "$victim" >"$victim" && printf '%% changed\n' >>"$victim" &&
       zip -q "$one" "$victim")
    prep='rm -rf "$cache.run"; cp -r "$cache" "$cache.run"'
    measure "$HOSO" check --format json --jobs "$cores" --cache "$cache.run" "$one"
    prep=
    row "$n" "$docs" "$mb" cache-1chg "$cores"
    before=$(ls "$cache" | wc -l)
    after=$(ls "$cache.run" | wc -l)
    # new files: the changed document's entry and the new verdict
    printf '# %s docs, one changed: %d document(s) read again\n' "$n" \
      $((after - before - 1))
    rm -rf "$cache.run"
    rm -rf "$cache" "$(dirname "$one")"
  fi
done
