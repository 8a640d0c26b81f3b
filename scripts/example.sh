#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds hoso, and reads the bundled example
# dossier (fixtures/archives/dossier.zip): first as a readable list, then
# as JSON written to build/example.json.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOSO_WERROR=ON >/dev/null
cmake --build build -j"$(nproc)" --target hoso
./build/hoso extract fixtures/archives/dossier.zip || true
./build/hoso extract --format json --output build/example.json fixtures/archives/dossier.zip || true
echo
echo "JSON: build/example.json"
