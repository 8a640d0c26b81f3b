#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds hoso, and checks the bundled example
# dossier (fixtures/check/tt25-muc-do-2, a commune asking for level 2 under
# Thông tư 25/2023): the verdict as readable text, and as JSON written to
# build/example-verdict.json; then what `hoso extract` reads of a zip.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOSO_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" --target hoso
./build/hoso check fixtures/check/tt25-muc-do-2
./build/hoso check --format json -o build/example-verdict.json fixtures/check/tt25-muc-do-2
./build/hoso extract fixtures/archives/dossier.zip
echo
echo "Verdict JSON: build/example-verdict.json"
