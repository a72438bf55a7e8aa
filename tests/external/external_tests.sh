#!/bin/bash
# SPDX-License-Identifier: MIT
# Development checks on public IMF material when it is present locally (never committed): every
# JPEG 2000 track file under external/ (e.g. Netflix/photon's test resources, fetched into the
# git-ignored external/ folder) must open, decode every frame and show no structural defect.
# Exits 77 (skipped) when there is nothing to check.
# Usage: external_tests.sh IMFQC REPO_ROOT
set -u
IMFQC="$1"
ROOT="$2"
NAME=external
HERE="$(cd "$(dirname "$0")" && pwd)"
files=$(find "$ROOT/external" -name '*.mxf' -size -200M 2>/dev/null | sort)
if [ -z "$files" ]; then
    echo "external: no files under external/, skipped"
    exit 77
fi
. "$HERE/../cli/lib.sh"
for f in $files; do
    "$IMFQC" probe "$f" >probe.json 2>/dev/null || continue
    kind=$(jq -r '.track_files[0].kind' probe.json)
    codec=$(jq -r '.track_files[0].essence.codec' probe.json)
    [ "$kind" = video ] && [ "$codec" = jpeg2000 ] || continue
    "$IMFQC" inspect --format json --progress none --only decodability "$f" >out.json 2>/dev/null
    check "$(basename "$f"): every frame decodes" \
        jqt out.json '.track_files[0].inspected and ([.findings[] | select(.code == "VIDEO_UNDECODABLE_FRAME" or .code == "MXF_INVALID")] | length == 0)'
    echo "$(basename "$f"): $(jq -c '[.track_files[0].essence | .width, .height, .bits, .duration], [.findings[].code]' out.json)"
done
finish
