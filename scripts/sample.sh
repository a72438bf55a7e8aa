#!/bin/sh
# SPDX-License-Identifier: MIT
# The main job on the bundled sample: installs what is missing, builds, synthesizes the sample
# printmaster as a WAV and as an IMF audio track file (samples/make-sample.sh) and inspects both;
# the reports land in out/sample/.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh build >/dev/null
mkdir -p out/sample
IMFQC_SYNTH=build/samples/imfqc-synth ./samples/make-sample.sh out/sample
status=0
build/imfqc inspect --format text --progress none \
    --report out/sample/report.json --report out/sample/report.txt \
    out/sample/printmaster-5.1.wav out/sample/printmaster-5.1.mxf || status=$?
echo "reports: out/sample/report.json out/sample/report.txt (exit status $status)"
# 0 = no blocker, 1 = blockers found: both are a successful run of the job
[ "$status" -le 1 ]
