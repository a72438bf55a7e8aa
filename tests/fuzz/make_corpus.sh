#!/bin/sh
# SPDX-License-Identifier: MIT
# Seed corpus: small valid files of each kind the fuzzers start mutating from.
# Usage: make_corpus.sh IMFQC_SYNTH DIR J2K_TESTS
set -eu
synth="$1"
dir="$2"
j2k_tests="$3"
rm -rf "$dir"
mkdir -p "$dir/audio" "$dir/profile" "$dir/mxf"
"$synth" tone -o "$dir/audio/s16.wav" --freq 1000 --dbfs -20 --seconds 0.05 --bits 16 >/dev/null
"$synth" tone -o "$dir/audio/s24.wav" --freq 1000 --dbfs -3 --seconds 0.05 --channels 6 >/dev/null
"$synth" tone -o "$dir/audio/f32.wav" --freq 300 --dbfs -1 --seconds 0.05 --bits float >/dev/null
"$synth" tone -o "$dir/audio/a.aiff" --freq 440 --dbfs -6 --seconds 0.05 --channels 1 >/dev/null
"$synth" tone -o "$dir/audio/s32.rf64" --freq 440 --dbfs -6 --seconds 0.05 --bits 32 >/dev/null
printf '{"name":"p","base":"ebu-r128","analyzers":{"silence":{"threshold_dbfs":-50}},"severity":{"AUDIO_SILENCE":"issue"},"max_findings_per_code":3}' \
    > "$dir/profile/p.json"
printf '{"analyzers":{"loudness":{"target_lufs":-23,"tolerance_lu":true}}}' > "$dir/profile/q.json"
# small MXF files from FFmpeg's muxers, cut to the header, body start and footer
if command -v ffmpeg >/dev/null; then
    ffmpeg -v error -y -f lavfi -i testsrc=size=64x36:rate=24 -f lavfi -i sine=sample_rate=48000 \
        -t 0.25 -c:v libopenjpeg -c:a pcm_s24le -f mxf "$dir/mxf/op1a.mxf"
    ffmpeg -v error -y -f lavfi -i sine=sample_rate=48000 -t 0.2 -c:a pcm_s24le -f mxf_opatom \
        -mxf_audio_edit_rate 25 "$dir/mxf/atom.mxf"
    head -c 6000 "$dir/mxf/op1a.mxf" >"$dir/mxf/op1a-head.mxf"
fi
# IMF track files from the samples writer: clip-wrapped PCM with MCA labels, frame-wrapped J2K
"$synth" mxf-audio -o "$dir/mxf/as02-audio.mxf" --seconds 0.05 --layout stereo >/dev/null
"$synth" mxf-video -o "$dir/mxf/as02-video.mxf" --frames 2 --width 16 --height 16 \
    --partition-frames 1 >/dev/null
printf 'MXF seed' >"$dir/mxf/placeholder"
# an IMF package's documents (the track files are tiny, the XML is what is fuzzed)
mkdir -p "$dir/imf" "$dir/imp"
"$synth" mxf-video -o "$dir/imp/v.mxf" --frames 2 --width 16 --height 16 >/dev/null
"$synth" mxf-audio -o "$dir/imp/a.mxf" --seconds 0.0834 --layout stereo --seed 2 >/dev/null
"$synth" imp -o "$dir/imp" --picture "$dir/imp/v.mxf:0:1:3" --audio "$dir/imp/a.mxf:0:2000" \
    --audio "$dir/imp/a.mxf:0:2000:2" >/dev/null
cp "$dir"/imp/*.xml "$dir/imf/"
rm -rf "$dir/imp"
# JPEG 2000 codestreams the codestream tests make (clean and damaged)
"$j2k_tests" --write-corpus "$dir/j2k" >/dev/null
