#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Are two builds of hoso giving the same verdicts? Runs `hoso check` of both
# on every fixture dossier and document folder (and bench/out/ dossiers when
# bench/gen.sh made them), in JSON, text, HTML and SARIF, in Vietnamese and
# English, and compares the outputs byte for byte. Used to show that a
# change meant to move code (not behaviour) moved only code.
# Usage: bash scripts/same-verdicts.sh OLD_HOSO NEW_HOSO
# Exit 0 when every output is identical; 1 with the first differences.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8 HOSO_OCR=${HOSO_OCR:-off}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CACHE_HOME=$work/cache XDG_CONFIG_HOME=$work/config
mkdir -p "$HOME"

inputs=()
for p in fixtures/check/* fixtures/archives/* fixtures/faults/* fixtures/legacy \
	 fixtures/formulas fixtures/ocr fixtures/docs fixtures/dossier \
	 fixtures/variation fixtures/variation-holdout bench/out/*; do
	[ -e "$p" ] || continue
	case $p in *.sh|*.md|*.tsv|*.txt) continue;; esac
	inputs+=("$p")
done

n=0; bad=0
for p in "${inputs[@]}"; do
	for fmt in json text html sarif; do
		for lang in vi en; do
			n=$((n + 1))
			a=$work/a.out; b=$work/b.out
			ra=0; rb=0
			"$old" check --jobs 1 --format "$fmt" --lang "$lang" "$p" >"$a" 2>"$a.err" || ra=$?
			"$new" check --jobs 1 --format "$fmt" --lang "$lang" "$p" >"$b" 2>"$b.err" || rb=$?
			if [ "$ra" != "$rb" ] || ! cmp -s "$a" "$b" || ! cmp -s "$a.err" "$b.err"; then
				bad=$((bad + 1))
				echo "DIFFERENT: $p ($fmt, $lang): exit $ra vs $rb"
				diff "$a" "$b" | head -8 || true
				diff "$a.err" "$b.err" | head -4 || true
			fi
		done
	done
done
echo "same-verdicts: ${#inputs[@]} inputs, $n outputs compared, $bad different"
[ "$bad" -eq 0 ]
