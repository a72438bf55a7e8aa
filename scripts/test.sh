#!/bin/sh
# SPDX-License-Identifier: MIT
# The whole test suite: installs what is missing, builds, runs every test (unit, checkasm,
# golden, cli), then builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs
# every test once more.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs="$(nproc)"

./scripts/build.sh build -DQC_BUILD_TESTS=ON -DQC_BUILD_FUZZERS=ON
(cd build && ctest --output-on-failure -j "$jobs")

./scripts/build.sh build-asan -DQC_BUILD_TESTS=ON -DQC_SANITIZE="address;undefined" \
    -DCMAKE_BUILD_TYPE=Debug
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$jobs")
