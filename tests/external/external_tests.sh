#!/bin/bash
# SPDX-License-Identifier: MIT
# Development checks on public IMF material when it is present locally (never committed): every
# JPEG 2000 track file under external/ (e.g. Netflix/photon's test resources, fetched into the
# git-ignored external/ folder) must open, decode every frame and show no structural defect; the
# IMF packages among them known to be good (photon's TestIMP/PHDR: 4K J2K with 5.1 PCM;
# TestIMP/HT: HTJ2K) must pass without a blocker, every digest verified.
# Exits 77 (skipped) when there is nothing to check.
# sandflow/regxmllib's MXF files, when present under external/regxmllib/ with their reference
# RegXML, must render as regxmllib renders them (descriptor and sub-descriptors, exact text),
# except the classes the engine's dictionary lacks (AVCSubDescriptor; class 14 private sets).
# Usage: external_tests.sh IMFQC REPO_ROOT REGXML_CHECK
set -u
IMFQC="$1"
ROOT="$2"
REGXML_CHECK="${3:-}"
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
for f in "$ROOT"/external/regxmllib/*.mxf; do
    ref="${f%.mxf}.xml"
    [ -f "$ref" ] && [ -n "$REGXML_CHECK" ] || continue
    case "$(basename "$f")" in
    utf8_embedded_text.mxf | class14.mxf) "$REGXML_CHECK" "$f" "$ref" || true; continue ;;
    esac
    check "$(basename "$f"): RegXML as regxmllib writes it" "$REGXML_CHECK" "$f" "$ref"
done
for d in "$ROOT"/external/imp/PHDR "$ROOT"/external/imp/HT_IMP; do
    [ -f "$d/ASSETMAP.xml" ] || continue
    "$IMFQC" inspect --format json --progress none "$d" >pkg.json 2>/dev/null
    check "$(basename "$d"): package passes" jqt pkg.json '.status == "pass" and ([.findings[] | select(.severity == "blocker")] | length == 0)'
    check "$(basename "$d"): digests verified" jqt pkg.json '[.packages[0].assets[] | select(.type != "pkl") | .hash] | all(. == "ok")'
    echo "$(basename "$d"): $(jq -c '[.compositions[0] | .duration, .edit_rate, [.tracks[].kind]], [.findings[].code]' pkg.json)"
done
finish
