#!/bin/sh
# SPDX-License-Identifier: MIT
# The whole test suite: installs what is missing, builds with gcc and runs every test (unit,
# checkasm, golden, cli), then builds with clang under AddressSanitizer + UndefinedBehaviorSanitizer
# with the libFuzzer targets and runs every test again, fuzzers included.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs="$(nproc)"

./scripts/build.sh build -DQC_BUILD_TESTS=ON
(cd build && ctest --output-on-failure -j "$jobs")

CC=clang ./scripts/build.sh build-asan -DQC_BUILD_TESTS=ON -DQC_BUILD_FUZZERS=ON \
    -DQC_SANITIZE="address;undefined" -DCMAKE_BUILD_TYPE=RelWithDebInfo
(cd build-asan && ctest --output-on-failure -j "$jobs")
