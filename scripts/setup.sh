#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages imfqc builds, tests and benchmarks with.
# Idempotent: when every package is present it only runs dpkg-query and exits.
set -eu

PKGS="build-essential cmake pkg-config
libavformat-dev libavcodec-dev libavutil-dev
libopenjp2-7-dev libsndfile1-dev libebur128-dev libxml2-dev libssl-dev libjansson-dev
clang libclang-rt-14-dev ffmpeg jq time
dpkg-dev groff-base
chromium"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "imfqc setup: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
