#!/bin/bash
# SPDX-License-Identifier: MIT
# FFmpeg's IMF demuxer (-f imf) plays the packages imfqc-synth imp writes: every resource resolves through
# the ASSETMAPs, the composition decodes without a message, and the number of frames and samples decoded
# is the composition's, also for several resources per track, EntryPoint, RepeatCount and a supplemental
# package that references the track files of another one.
# Usage: imp_interop.sh IMFQC_SYNTH   (exit 0 pass, 1 fail, 77 skip: no ffmpeg or no IMF demuxer)
set -u
[ $# -eq 1 ] || { echo "usage: $0 IMFQC_SYNTH" >&2; exit 2; }
case "$1" in /*) SYNTH="$1" ;; *) SYNTH="$PWD/$1" ;; esac
command -v ffmpeg >/dev/null || { echo "SKIP: ffmpeg not installed"; exit 77; }
if ! ffmpeg -hide_banner -demuxers 2>/dev/null | grep -qE '^ *D +imf '; then
    echo "SKIP: ffmpeg has no imf demuxer"
    exit 77
fi
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=imp-interop
. "$HERE/../cli/lib.sh"
cpl() { echo "$1"/CPL_*.xml; }
plays() { # plays CPL [ASSETMAPS]: exit 0 and not one message at error level
    local maps=()
    [ $# -lt 2 ] || maps=(-assetmaps "$2")
    ffmpeg -nostdin -v error -f imf "${maps[@]}" -i "$1" -f null - >/dev/null 2>play.err && [ ! -s play.err ] ||
        { cat play.err >&2; return 1; }
}
md5s() { # md5s OUT INPUT...: per-packet lines "stream duration md5" of the decoded streams
    local out="$1"; shift
    ffmpeg -nostdin -v error "$@" -f framemd5 - 2>/dev/null | grep -v '^#' |
        awk -F', *' '{print $1, $4, $6}' >"$out"
}
frames() { awk '$1 == 0' "$1" | wc -l; }
samples() { awk '$1 == 1 {s += $2} END {print s + 0}' "$1"; }
picture() { awk '$1 == 0 {print $3}' "$1" | sed -n "$2"; } # picture FILE SEDRANGE: those frames' md5s

mkdir pkg
gen mxf-video -o pkg/v.mxf --frames 96 --width 160 --height 90 --seed 11
gen mxf-audio -o pkg/a.mxf --seconds 4 --layout 5.1 --seed 12 --click 2:1.5s:-12
gen imp -o pkg --picture pkg/v.mxf --audio pkg/a.mxf
C=$(cpl pkg)
check "pkg: FFmpeg plays the CPL" plays "$C"
md5s pkg.md5 -f imf -i "$C"
md5s v.md5 -i pkg/v.mxf
check "pkg: 96 frames decoded" [ "$(frames pkg.md5)" -eq 96 ]
check "pkg: 192000 samples decoded (4 s at 48 kHz)" [ "$(samples pkg.md5)" -eq 192000 ]
check "pkg: the pictures are the track file's" [ "$(picture pkg.md5 1,96p)" = "$(picture v.md5 1,96p)" ]

# Two resources on one picture track, in a supplemental package: the track file stays in pkg.
mkdir two
gen imp -o two --seed 2 --like "$C" --picture pkg/v.mxf:0:48 --picture pkg/v.mxf:72:24
T=$(cpl two)
check "two: FFmpeg plays it through both ASSETMAPs" plays "$T" "pkg/ASSETMAP.xml,two/ASSETMAP.xml"
md5s two.md5 -f imf -assetmaps pkg/ASSETMAP.xml,two/ASSETMAP.xml -i "$T"
check "two: 72 frames decoded" [ "$(frames two.md5)" -eq 72 ]
check "two: frames 0-47 are the file's 0-47" [ "$(picture two.md5 1,48p)" = "$(picture v.md5 1,48p)" ]
check "two: frames 48-71 are the file's 72-95" [ "$(picture two.md5 49,72p)" = "$(picture v.md5 73,96p)" ]

# RepeatCount and audio resources that start inside the clip.
mkdir rep
gen imp -o rep --seed 3 --picture pkg/v.mxf:0:24:3 --picture pkg/v.mxf:10:6 \
    --audio pkg/a.mxf:1000:48000:3 --audio pkg/a.mxf:0:12000
R=$(cpl rep)
check "rep: FFmpeg plays it" plays "$R" "pkg/ASSETMAP.xml,rep/ASSETMAP.xml"
md5s rep.md5 -f imf -assetmaps pkg/ASSETMAP.xml,rep/ASSETMAP.xml -i "$R"
check "rep: 78 frames decoded (3 x 24 + 6)" [ "$(frames rep.md5)" -eq 78 ]
check "rep: 156000 samples decoded (3 x 48000 + 12000)" [ "$(samples rep.md5)" -eq 156000 ]
check "rep: the second repeat shows frames 0-23 again" [ "$(picture rep.md5 25,48p)" = "$(picture v.md5 1,24p)" ]

# A picture-only package at another frame rate, the CPL's EditRate from the picture.
mkdir p25
gen mxf-video -o p25/v.mxf --frames 50 --width 64 --height 36 --rate 25 --seed 13
gen imp -o p25 --picture p25/v.mxf
check "p25: FFmpeg plays it" plays "$(cpl p25)"
md5s p25.md5 -f imf -i "$(cpl p25)"
check "p25: 50 frames decoded" [ "$(frames p25.md5)" -eq 50 ]

finish
