#!/bin/sh
# SPDX-License-Identifier: MIT
# MXF essence extraction: the engine's reader (index → offset → pread into one buffer, every
# edit unit) beside `ffmpeg -i X.mxf -c copy -f null -` on the same files, warm page cache,
# median of 3, as JSON. Files: 1200 frames of 1080p JPEG 2000 (about 0.5 GB) and 10 minutes of
# 5.1 24-bit PCM (clip-wrapped, 0.5 GB).
# Usage: bench/mxf.sh [--out FILE] [--build-dir DIR]
set -eu
cd "$(dirname "$0")/.."
out=bench/results/mxf.json
build=build-bench
while [ $# -gt 0 ]; do
    case "$1" in
    --out) out="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    *) echo "usage: bench/mxf.sh [--out FILE] [--build-dir DIR]" >&2; exit 2 ;;
    esac
done
./scripts/build.sh "$build" -DQC_BUILD_TESTS=ON >/dev/null
work=out/bench/mxf
mkdir -p "$work" "$(dirname "$out")"
video="$work/video.mxf"
audio="$work/audio.mxf"
[ -s "$video" ] || "$build/bench/mxf_make" "$video" 1200
[ -s "$audio" ] || "$build/samples/imfqc-synth" mxf-audio -o "$audio" --seconds 600 >/dev/null

# wall seconds of a command, median of three runs
median3() {
    for _ in 1 2 3; do
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1
        e=$(date +%s%N)
        echo $(( (e - s) / 1000 ))
    done | sort -n | sed -n 2p
}

row() { # row NAME FILE
    f="$2"
    cat "$f" >/dev/null
    bytes=$("$build/bench/mxf_read" "$f" | sed 's/.*"bytes": \([0-9]*\).*/\1/')
    ours=$(median3 "$build/bench/mxf_read" "$f")
    theirs=$(median3 ffmpeg -v error -nostdin -i "$f" -c copy -f null -)
    awk -v n="$1" -v b="$bytes" -v o="$ours" -v t="$theirs" 'BEGIN {
        printf "    \"%s\": {\"essence_bytes\": %d, \"imfqc_s\": %.4f, \"ffmpeg_s\": %.4f, ", n, b, o / 1e6, t / 1e6
        printf "\"imfqc_mb_per_s\": %.0f, \"ffmpeg_mb_per_s\": %.0f, \"ratio\": %.1f}", b / o, b / t, t / o
    }'
}

{
    echo "{"
    echo "  \"schema\": \"imfqc-bench-mxf/1\","
    echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
    echo "  \"machine\": {\"nproc\": $(nproc)},"
    echo "  \"method\": \"process wall time, median of 3, warm page cache; ratio = ffmpeg / imfqc\","
    echo "  \"runs\": {"
    row video_j2k_frame_wrapped "$video"
    echo ","
    row audio_pcm_clip_wrapped "$audio"
    echo
    echo "  }"
    echo "}"
} >"$out"
cat "$out"
