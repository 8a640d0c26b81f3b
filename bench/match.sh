#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Evidence matching on wording we did not choose (issue 11, part 5a).
#
# Runs `hoso check FOLDER --rubric ID --year YEAR --format json` on every
# dossier folder of fixtures/variation (folders.tsv gives its rubric and
# year), reads from each verdict which documents every evidence requirement
# lists (dossier_evidence and criteria[].indicators[].evidence[]; a match by
# content or by name both count), and compares the (document, requirement)
# pairs with fixtures/variation/truth.tsv.  Prints precision and recall
# overall and per rubric, misses per wording kind, then every miss (false
# negative) and every false positive.
#
# Usage: bench/match.sh [--check | --floor R,P] [--quiet] [--corpus DIR]
#   HOSO=path/to/hoso   the binary (default: builds /tmp/build-hoso-match)
#   --corpus DIR        another corpus of the same layout (folders.tsv,
#                       truth.tsv, dossier folders), e.g. the held-out
#                       fixtures/variation-holdout; relative to the source
#                       root or absolute (default: fixtures/variation)
#   --check             exit 1 unless recall >= 0.97 and precision >= 0.99
#   --floor R,P         exit 1 unless recall >= R and precision >= P (a
#                       sanity floor for a corpus nobody may tune on)
#   --quiet             figures only, no list of misses and false positives
# Needs bash, jq, awk, sort (jq: scripts/deps.sh).  No network, no python.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus=$root/fixtures/variation
check=0
quiet=0
rmin=0.97
pmin=0.99
usage="usage: bench/match.sh [--check | --floor R,P] [--quiet] [--corpus DIR]"
while [ $# -gt 0 ]; do
	case $1 in
	--check) check=1 ;;
	--quiet) quiet=1 ;;
	--floor)
		[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
		case $2 in
		[0-9]*,[0-9]*) check=1; rmin=${2%,*}; pmin=${2#*,} ;;
		*) echo "$usage" >&2; exit 2 ;;
		esac
		shift ;;
	--corpus)
		[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
		case $2 in /*) corpus=$2 ;; *) corpus=$root/$2 ;; esac
		shift ;;
	--corpus=*)
		c=${1#--corpus=}
		case $c in /*) corpus=$c ;; *) corpus=$root/$c ;; esac ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
	shift
done
[ -f "$corpus/folders.tsv" ] && [ -f "$corpus/truth.tsv" ] ||
	{ echo "match.sh: no folders.tsv and truth.tsv in $corpus" >&2; exit 2; }
export LC_ALL=C.UTF-8
command -v jq >/dev/null || { echo "match.sh: jq is missing (scripts/deps.sh)" >&2; exit 2; }

if [ -z "${HOSO:-}" ]; then
	b=${BUILD:-/tmp/build-hoso-match}
	cmake -S "$root" -B "$b" -DCMAKE_BUILD_TYPE=Release -DHOSO_TESTS=OFF >/dev/null
	cmake --build "$b" -j2 --target hoso >/dev/null
	HOSO=$b/hoso
fi
[ -x "$HOSO" ] || { echo "match.sh: no hoso at $HOSO" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/cache"

# found.tsv: folder/file <TAB> requirement, one line per listed match
: >"$tmp/found.tsv"
while IFS=$'\t' read -r folder rubric year; do
	case $folder in '#'*|'') continue ;; esac
	out=$tmp/$folder.json
	rc=0
	HOME=$tmp/home XDG_CACHE_HOME=$tmp/cache "$HOSO" check "$corpus/$folder" \
		--rubric "$rubric" --year "$year" --no-cache --format json -o "$out" \
		2>"$tmp/$folder.err" || rc=$?
	if [ "$rc" -gt 1 ] || [ ! -s "$out" ]; then
		echo "match.sh: hoso check $folder failed (exit $rc):" >&2
		cat "$tmp/$folder.err" >&2
		exit 2
	fi
	# every listed match under dossier_evidence and criteria: an object
	# with a requirement id and a file (match null = nothing matched)
	jq -r --arg f "$folder" '
		if (has("dossier_evidence") or has("criteria")) | not then
			error("no dossier_evidence nor criteria in the verdict")
		else . end
		| [ (.dossier_evidence, .criteria) | .. | objects
		    | select(has("requirement") and (.file | type) == "string")
		    | select((has("match") | not) or .match != null) ]
		| .[] | "\($f)/\(.file)\t\(.requirement)"' "$out" >>"$tmp/found.tsv"
done <"$corpus/folders.tsv"
sort -u "$tmp/found.tsv" -o "$tmp/found.tsv"

# every requirement id of the truth must be one of its rubric's
for rubric in tt25-2023 tt44-2014; do
	jq -r '(.dossier[].id), (.criteria[].indicators[].evidence[].id)' \
		"$root/schemas/rubrics/$rubric.json" | sort -u >"$tmp/ids-$rubric"
	awk -F'\t' -v r="$rubric" '!/^#/ && $2 == r && $5 != "-" {
		n = split($5, ids, ","); for (i = 1; i <= n; i++) print ids[i] }' \
		"$corpus/truth.tsv" | sort -u >"$tmp/truth-ids-$rubric"
	unknown=$(comm -23 "$tmp/truth-ids-$rubric" "$tmp/ids-$rubric")
	if [ -n "$unknown" ]; then
		echo "match.sh: truth.tsv names requirements $rubric lacks:" $unknown >&2
		exit 2
	fi
done

# expected.tsv: folder/file <TAB> requirement <TAB> rubric <TAB> kind
awk -F'\t' '!/^#/ && $5 != "-" {
	n = split($5, ids, ",")
	for (i = 1; i <= n; i++) print $1 "\t" ids[i] "\t" $2 "\t" $3
}' "$corpus/truth.tsv" | sort -u >"$tmp/expected.tsv"

awk -F'\t' -v check="$check" -v quiet="$quiet" -v rmin="$rmin" -v pmin="$pmin" '
FILENAME == ARGV[1] {
	if ($0 !~ /^#/) {
		rub[$1] = $2; kind[$1] = $3; title[$1] = $6; ndoc++
		if ($3 != "decoy" && !($3 in seenkind)) kindorder = kindorder (kindorder == "" ? "" : " ") $3
		seenkind[$3] = 1
	}
	next
}
FILENAME == ARGV[2] { want[$1 "\t" $2] = 1; next }
{ found[$1 "\t" $2] = 1 }
END {
	for (k in want) {
		split(k, p, "\t"); r = rub[p[1]]
		if (k in found) { tp[r]++; tp["all"]++ }
		else {
			fn[r]++; fn["all"]++; fnk[kind[p[1]]]++
			misses[++nm] = "miss\t" p[1] "\t" p[2] "\t" kind[p[1]] "\t" title[p[1]]
		}
	}
	for (k in found) {
		split(k, p, "\t")
		if (!(p[1] in rub)) { r = "unknown"; kd = "not-in-truth" }
		else { r = rub[p[1]]; kd = kind[p[1]] }
		if (!(k in want)) {
			fp[r]++; fp["all"]++; fpk[kd]++
			fps[++nf] = "false\t" p[1] "\t" p[2] "\t" kd "\t" title[p[1]]
		}
	}
	printf "%-10s %6s %5s %5s %9s %7s\n", "rubric", "TP", "FN", "FP", "precision", "recall"
	split("tt25-2023 tt44-2014 all", rs, " ")
	for (i = 1; i <= 3; i++) {
		r = rs[i]; t = tp[r] + 0; n = fn[r] + 0; f = fp[r] + 0
		pr = (t + f) ? t / (t + f) : 0; rc = (t + n) ? t / (t + n) : 0
		printf "%-10s %6d %5d %5d %9.4f %7.4f\n", r, t, n, f, pr, rc
		if (r == "all") { P = pr; Rc = rc }
	}
	# the kinds of fixtures/variation; another corpus lists its own
	kl = "abbr reord extra upper nodiac d30 name"
	for (k in seenkind) if (k != "decoy" && index(" " kl " ", " " k " ") == 0) other = 1
	if (other) kl = kindorder
	printf "misses by wording kind:"
	nk = split(kl (other ? " decoy" : ""), ks, " ")
	for (i = 1; i <= nk; i++) printf " %s=%d", ks[i], fnk[ks[i]] + 0
	printf "\nfalse positives by kind:"
	nk = split(kl " decoy not-in-truth", ks, " ")
	for (i = 1; i <= nk; i++) printf " %s=%d", ks[i], fpk[ks[i]] + 0
	printf "\n"
	printf "documents %d, requirement pairs in truth %d\n", ndoc, t + n
	if (!quiet) {
		# sorted by path then requirement: print through sort
		for (i = 1; i <= nm; i++) print misses[i] | "sort -t \"\t\" -k2,2 -k3,3"
		close("sort -t \"\t\" -k2,2 -k3,3")
		for (i = 1; i <= nf; i++) print fps[i] | "sort -t \"\t\" -k2,2 -k3,3"
		close("sort -t \"\t\" -k2,2 -k3,3")
	}
	if (check && (Rc < rmin + 0 || P < pmin + 0)) {
		printf "FAIL: recall %.4f (target %s), precision %.4f (target %s)\n", Rc, rmin, P, pmin
		exit 1
	}
}' "$corpus/truth.tsv" "$tmp/expected.tsv" "$tmp/found.tsv"
