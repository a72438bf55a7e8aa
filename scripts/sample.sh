#!/bin/sh
# SPDX-License-Identifier: MIT
# The main job on the bundled sample: installs what is missing, builds, synthesizes the sample
# (samples/make-sample.sh: a small IMF package, and a printmaster as WAV and as an IMF audio track
# file), inspects the package as an ingest service would, then the two masters; the reports land
# in out/sample/.
set -eu
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh build >/dev/null
mkdir -p out/sample
IMFQC_SYNTH=build/samples/imfqc-synth ./samples/make-sample.sh out/sample
status=0
build/imfqc inspect --format text --progress none \
    --report out/sample/imp-report.json --report out/sample/imp-report.txt \
    --report out/sample/imp-report.html out/sample/imp || status=$?
echo "reports: out/sample/imp-report.json out/sample/imp-report.txt out/sample/imp-report.html" \
    "(exit status $status)"
# 0 = no blocker, 1 = blockers found: both are a successful run of the job
[ "$status" -le 1 ] || exit "$status"
build/imfqc inspect --format text --progress none \
    --report out/sample/report.json --report out/sample/report.txt \
    --report out/sample/report.html \
    out/sample/printmaster-5.1.wav out/sample/printmaster-5.1.mxf || status=$?
echo "reports: out/sample/report.json out/sample/report.txt out/sample/report.html" \
    "(exit status $status)"
[ "$status" -le 1 ]
