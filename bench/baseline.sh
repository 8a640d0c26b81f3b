#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The physical baseline of issue 6: what merely decompressing and reading a
# zipped dossier costs with standard tools, one process after another:
# bsdtar -xf into a tmpfs folder, pdftotext on each PDF, unzip -p of each
# office file's XML, all to /dev/null.
# Usage: bash bench/baseline.sh DOSSIER.zip
set -euo pipefail
zip=$(realpath "$1")
tmp=$(mktemp -d /dev/shm/hoso-baseline.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
bsdtar -xf "$zip" -C "$tmp"
find "$tmp" -type f -name '*.pdf' -exec pdftotext -q {} - \; >/dev/null
find "$tmp" -type f -name '*.docx' -exec unzip -p {} 'word/*.xml' \; >/dev/null
find "$tmp" -type f -name '*.xlsx' -exec unzip -p {} 'xl/*.xml' 'xl/worksheets/*.xml' \; >/dev/null
