#!/bin/sh
# SPDX-License-Identifier: MIT
# Configures and builds imfqc into BUILD_DIR (default: build) with the CMake options given.
# Usage: scripts/build.sh [BUILD_DIR] [-DOPTION=VALUE ...]
set -eu
cd "$(dirname "$0")/.."
dir="${1:-build}"
[ $# -gt 0 ] && shift
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
