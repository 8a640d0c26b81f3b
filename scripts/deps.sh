#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages hoso needs to build and test, if missing.
# Run as root (or with sudo available). Does nothing when all are present.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libarchive-dev nettle-dev libxml2-dev libpcre2-dev libcjson-dev libutf8proc-dev
  libpoppler-glib-dev libfreexl-dev libgsf-1-dev check
  libtesseract-dev libleptonica-dev libcairo2-dev
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  chromium
  clang libclang-rt-14-dev
  jq
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "hoso: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
