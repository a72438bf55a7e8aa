#!/bin/sh
# SPDX-License-Identifier: MIT
# Creates the bundled sample: OUTDIR/printmaster-5.1.wav, a 20 s 5.1 24-bit 48 kHz programme (L R C LFE Ls Rs,
# WAVE_FORMAT_EXTENSIBLE), and OUTDIR/printmaster-5.1.mxf, the same samples as an IMF audio track file
# (clip-wrapped WAVE PCM, MCA labels sg51, language en), each with two defects QC must find:
#   - a click on C (channel 2) at 8.0 s (sample 384000), -12 dBFS;
#   - a 40 ms digital-zero dropout on L (channel 0) from 12.0 s (samples 576000..577919).
# OUTDIR/imp/ is a small IMF package (imfqc-synth imp: CPL, PKL, ASSETMAP.xml) of 4.5 s: a clean 640x360
# 24 fps JPEG 2000 picture track file (108 frames, two shots: a hard cut at frame 60) and a 5.1 audio
# track file (216000 samples) whose one defect is a click on C at 2.0 s (sample 96000), -12 dBFS.
# It builds nothing: IMFQC_SYNTH names imfqc-synth (default: build/samples/imfqc-synth, from the repository root
# or the current directory). tests/golden/cases/sample_printmaster.case checks the same file.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: IMFQC_SYNTH=path/to/imfqc-synth $0 OUTDIR" >&2
    exit 2
fi
outdir=$1
root=$(cd "$(dirname "$0")/.." && pwd)

synth=${IMFQC_SYNTH:-}
if [ -z "$synth" ]; then
    for candidate in "$root/build/samples/imfqc-synth" "./build/samples/imfqc-synth"; do
        if [ -x "$candidate" ]; then
            synth=$candidate
            break
        fi
    done
fi
if [ -z "$synth" ] || [ ! -x "$synth" ]; then
    echo "make-sample.sh: imfqc-synth not found; build it first (cmake --build build) or set IMFQC_SYNTH" >&2
    exit 2
fi

mkdir -p "$outdir"
"$synth" programme -o "$outdir/printmaster-5.1.wav" \
    --seconds 20 --layout 5.1 --bits 24 --rate 48000 --seed 1 \
    --click 2:8.0s:-12 \
    --zero 0:12.0s:12.04s
echo "$outdir/printmaster-5.1.wav: 20 s 5.1 24-bit 48 kHz; click on C at 8.0 s, 40 ms dropout on L at 12.0 s"
"$synth" mxf-audio -o "$outdir/printmaster-5.1.mxf" \
    --seconds 20 --layout 5.1 --seed 1 --language en \
    --click 2:8.0s:-12 \
    --zero 0:12.0s:12.04s
echo "$outdir/printmaster-5.1.mxf: the same as an IMF audio track file"

# The two track files get different seeds: the seed makes the file package UMID, and one package cannot
# hold two track files with the same Id. --ratio 30 keeps the picture file near 5 MB.
imp=$outdir/imp
mkdir -p "$imp"
"$synth" mxf-video -o "$imp/picture.mxf" --frames 108 --width 640 --height 360 --rate 24 --ratio 30 --seed 11 \
    --cut 60
"$synth" mxf-audio -o "$imp/audio-5.1.mxf" --seconds 4.5 --layout 5.1 --seed 12 --language en \
    --click 2:2.0s:-12
rm -f "$imp"/CPL_*.xml "$imp"/PKL_*.xml "$imp/ASSETMAP.xml" # a package from other options is stale
"$synth" imp -o "$imp" --title "imfqc sample" --seed 1 \
    --picture "$imp/picture.mxf" --audio "$imp/audio-5.1.mxf"
echo "$imp/: an IMF package of 4.5 s ($(cd "$imp" && echo CPL_*.xml PKL_*.xml ASSETMAP.xml)):" \
    "640x360 24 fps JPEG 2000 picture (a cut at frame 60), 5.1 audio with a click on C at 2.0 s"
