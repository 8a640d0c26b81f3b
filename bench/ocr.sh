#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# OCR cost of hoso against the `tesseract` command on the same page images
# (the image fixtures of fixtures/ocr: 2 colour scans, a phone photo, a
# 2-page fax TIFF, one of its pages sideways): wall time (best of N runs),
# pages per second, peak RSS (GNU time: the process and the children it
# waited for; for hoso the parent and its worker), the ratio hoso /
# tesseract, and the character error rate of each against the known text
# of the fixtures (*.truth.txt: the text layer of the PDF each scan was
# rendered from; whitespace collapsed, the comparison is NFC).
# Both run one document at a time with OMP_THREAD_LIMIT=1 (tesseract's
# OpenMP threads would otherwise compete on a shared machine).
# Usage: bash bench/ocr.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
build=${BUILD:-build-bench}

bash scripts/deps.sh
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DHOSO_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target hoso >/dev/null
bin=$build/hoso
export OMP_THREAD_LIMIT=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# file  pages  truth (the first page's known text)
set -- qd-th-scan.jpg 1 th  qd-xmc-no-seal.jpg 1 xmc  photo-qd-th.jpg 1 th \
       qd-thcs-mn-fax.tif 2 thcs
pages=0
while [ $# -gt 0 ]; do
  pages=$((pages + $2))
  imgs+=("fixtures/ocr/$1"); truths+=("$3"); shift 3
done

# best wall ms and peak RSS KB of a command over $runs runs
measure() {
  local best="" rss=0 o ms kb
  for _ in $(seq "$runs"); do
    o=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null; } 2>&1 | tail -1)
    ms=$(awk '{printf "%d", $1 * 1000}' <<<"$o"); kb=$(awk '{print $2}' <<<"$o")
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  echo "$best $rss"
}

th_ms=0; th_rss=0; ts_ms=0; ts_rss=0
printf '%-22s %10s %10s %12s %12s\n' image hoso_ms tess_ms hoso_rss_kb tess_rss_kb
for i in "${!imgs[@]}"; do
  img=${imgs[$i]}; name=$(basename "$img")
  read -r hm hr < <(measure "$bin" extract --ocr on --no-cache -j1 --format json --text "$img")
  read -r tm tr < <(measure tesseract "$img" - -l vie)
  printf '%-22s %10s %10s %12s %12s\n' "$name" "$hm" "$tm" "$hr" "$tr"
  th_ms=$((th_ms + hm)); ts_ms=$((ts_ms + tm))
  [ "$hr" -gt "$th_rss" ] && th_rss=$hr
  [ "$tr" -gt "$ts_rss" ] && ts_rss=$tr
  "$bin" extract --ocr on --no-cache --format json --text "$img" >"$out/$name.json"
  tesseract "$img" - -l vie 2>/dev/null >"$out/$name.tess.txt"
done
awk -v h="$th_ms" -v t="$ts_ms" -v p="$pages" -v hr="$th_rss" -v tr="$ts_rss" 'BEGIN {
  printf "total: %d pages; hoso %.2f s (%.2f pages/s, peak RSS %d KB); tesseract %.2f s (%.2f pages/s, peak RSS %d KB); ratio %.2f\n",
    p, h / 1000, p * 1000 / h, hr, t / 1000, p * 1000 / t, tr, h / t }'

# character error rate on the first page of each image
python3 - "$out" "${imgs[@]}" -- "${truths[@]}" <<'PY'
import json, os, re, sys, unicodedata
out = sys.argv[1]
k = sys.argv.index("--")
imgs, truths = sys.argv[2:k], sys.argv[k + 1:]

def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()

def dist(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]

tot = {"hoso": [0, 0], "tesseract": [0, 0]}
for img, t in zip(imgs, truths):
    name = os.path.basename(img)
    truth = norm(open("fixtures/ocr/%s.truth.txt" % t, encoding="utf-8").read())
    d = json.load(open(os.path.join(out, name + ".json")))["documents"][0]
    ends = d.get("page_ends") or [len(d.get("text", "").encode())]
    hoso = d.get("text", "").encode()[:ends[0]].decode("utf-8", "replace")
    tess = open(os.path.join(out, name + ".tess.txt"), encoding="utf-8").read().split("\f")[0]
    row = []
    for who, txt in (("hoso", hoso), ("tesseract", tess)):
        e = dist(norm(txt), truth)
        tot[who][0] += e; tot[who][1] += len(truth)
        row.append("%s CER %.1f %%" % (who, 100.0 * e / len(truth)))
    print("%-22s %s" % (name, "; ".join(row)))
print("all: " + "; ".join("%s CER %.1f %%" % (w, 100.0 * e / n) for w, (e, n) in tot.items()))
PY
