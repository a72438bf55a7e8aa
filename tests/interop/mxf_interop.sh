#!/bin/bash
# SPDX-License-Identifier: MIT
# Interop of imfqc-synth's IMF track files with third-party readers: ffprobe/ffmpeg (FFmpeg's own MXF
# demuxer and JPEG 2000 decoder) and MediaInfo when it is installed, plus mxf_check's byte-level
# structure checks. The files are the ones the engine's MXF tests will read, so what FFmpeg sees here is
# the independent opinion on them.
# Usage: mxf_interop.sh IMFQC_SYNTH MXF_CHECK   (exit 0 pass, 1 fail, 77 skip: no ffprobe/ffmpeg/jq)
set -u
[ $# -eq 2 ] || { echo "usage: $0 IMFQC_SYNTH MXF_CHECK" >&2; exit 2; }
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
SYNTH="$(abs "$1")"
CHECK="$(abs "$2")"
for tool in ffprobe ffmpeg jq; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=interop
. "$HERE/../cli/lib.sh"
probe() { # probe FILE: ffprobe JSON with counted packets into FILE.json
    ffprobe -v error -count_packets -show_streams -show_format -of json "$1" >"$1.json" 2>"$1.err" &&
        [ ! -s "$1.err" ]
}
structure() { # structure FILE N: mxf_check passes, its OK line kept out of the log
    "$CHECK" --frames "$2" "$1" >/dev/null
}
decodes_clean() { # every frame decodes, no message at all
    ffmpeg -nostdin -v error -xerror -i "$1" -f null - >/dev/null 2>"$1.dec" && [ ! -s "$1.dec" ]
}
decode_complains() { # FFmpeg reports the damage (the demuxer itself must not give up)
    ffmpeg -nostdin -v error -i "$1" -f null - >/dev/null 2>"$1.dec"
    grep -q . "$1.dec"
}

# --- audio: clip-wrapped WAVE PCM, 48 kHz 24-bit
gen mxf-audio -o a51.mxf --seconds 4 --layout 5.1 --click 2:1.5s:-12 --zero 0:2s:2.04s
gen mxf-audio -o a20.mxf --seconds 2 --layout stereo --language fr-CA
gen mxf-audio -o a71.mxf --seconds 2 --layout 7.1
gen mxf-audio -o a10.mxf --seconds 2.5 --layout mono
for spec in a51:6:4:192000 a20:2:2:96000 a71:8:2:96000 a10:1:2.5:120000; do
    IFS=: read -r name ch secs samples <<<"$spec"
    f=$name.mxf
    check "$f: ffprobe" probe "$f"
    check "$f: one pcm_s24le stream, 48 kHz, $ch ch, $secs s" jqt "$f.json" \
        "(.streams | length) == 1 and .streams[0].codec_name == \"pcm_s24le\" and
         .streams[0].sample_rate == \"48000\" and .streams[0].channels == $ch and
         .streams[0].bits_per_sample == 24 and (.streams[0].duration | tonumber) == $secs and
         (.format.duration | tonumber) == $secs and .format.format_name == \"mxf\""
    check "$f: decodes" decodes_clean "$f"
    check "$f: structure" structure "$f" "$samples"
done
check "a20.mxf: language from the soundfield group" jqt a20.mxf.json '.streams[0].tags.language == "fre"'
check "a51.mxf: OP1a" jqt a51.mxf.json '.format.tags.operational_pattern_ul | startswith("060e2b34.04010101.0d010201.0101")'

# --- video: frame-wrapped JPEG 2000, RGB 4:4:4
gen mxf-video -o v.mxf --frames 48 --partition-frames 20 --cut 24 --black 30:33 --freeze 40:44
gen mxf-video -o vll.mxf --frames 6 --lossless --bits 12 --rate 24000/1001 --width 128 --height 72
gen mxf-video -o v8.mxf --frames 5 --bits 8 --rate 25 --width 64 --height 36
gen mxf-video -o vpx.mxf --frames 3 --width 1 --height 1 --bits 8 # no IMF profile fits: Rsiz 0
for spec in v:320:180:24/1:48 vll:128:72:24000/1001:6 v8:64:36:25/1:5 vpx:1:1:24/1:3; do
    IFS=: read -r name w h rate n <<<"$spec"
    f=$name.mxf
    check "$f: ffprobe" probe "$f"
    check "$f: one jpeg2000 stream ${w}x$h at $rate, $n frames" jqt "$f.json" \
        "(.streams | length) == 1 and .streams[0].codec_name == \"jpeg2000\" and
         .streams[0].width == $w and .streams[0].height == $h and .streams[0].r_frame_rate == \"$rate\" and
         .streams[0].nb_read_packets == \"$n\""
    check "$f: every frame decodes" decodes_clean "$f"
    check "$f: structure" structure "$f" "$n"
done
check "v.mxf: 2 s" jqt v.mxf.json '(.format.duration | tonumber) == 2'
check "vll.mxf: 12-bit RGB" jqt vll.mxf.json '.streams[0].pix_fmt == "rgb48le"'

# Frozen frames repeat the previous picture exactly, black frames are one picture, the cut is a cut.
ffmpeg -nostdin -v error -i v.mxf -f framemd5 - 2>/dev/null | grep -v '^#' | awk -F', *' '{print $6}' >v.md5
md5() { sed -n "$(($1 + 1))p" v.md5; }
check "v.mxf: 48 decoded frames" [ "$(wc -l <v.md5)" -eq 48 ]
check "v.mxf: frames 40-43 repeat frame 39" \
    [ "$(md5 39)" = "$(md5 40)" -a "$(md5 39)" = "$(md5 43)" -a "$(md5 38)" != "$(md5 39)" -a "$(md5 44)" != "$(md5 43)" ]
check "v.mxf: frames 30-32 are one black picture" \
    [ "$(md5 30)" = "$(md5 32)" -a "$(md5 29)" != "$(md5 30)" -a "$(md5 33)" != "$(md5 32)" ]
check "v.mxf: moving picture elsewhere" [ "$(sort v.md5 | uniq | wc -l)" -eq 42 ]
ffmpeg -nostdin -v error -i v.mxf -vf "scdet=threshold=15,metadata=print:file=-" -f null - 2>/dev/null |
    sed -n 's/^lavfi.scd.time=//p' >v.scd
check "v.mxf: FFmpeg's scdet finds the cut at 1 s (and the black run)" [ "$(head -1 v.scd)" = "1" ]

# Damaged codestreams: the container stays intact, the decoder complains. Garbage in entropy-coded data
# need not be detectable (no error resilience in these streams), so there only the picture must change.
gen mxf-video -o d_clean.mxf --frames 8
frame_md5() { ffmpeg -nostdin -v quiet -i "$1" -f framemd5 - 2>/dev/null | grep -v '^#' | sed -n "$(($2 + 1))p"; }
for kind in header truncate psot garbage; do
    f=d_$kind.mxf
    gen mxf-video -o "$f" --frames 8 --damage 3:$kind --damage 6:$kind
    check "$f: ffprobe" probe "$f"
    check "$f: 8 packets" jqt "$f.json" '.streams[0].nb_read_packets == "8"'
    check "$f: structure" structure "$f" 8
    if [ "$kind" = garbage ]; then
        check "$f: frame 3 no longer decodes to the clean picture" \
            [ "$(frame_md5 "$f" 3 | awk -F', *' '{print $6}')" != "$(frame_md5 d_clean.mxf 3 | awk -F', *' '{print $6}')" ]
    else
        check "$f: ffmpeg reports the damage" decode_complains "$f"
    fi
done

# --- determinism and identity
gen mxf-audio -o a51b.mxf --seconds 4 --layout 5.1 --click 2:1.5s:-12 --zero 0:2s:2.04s
check "same options, same bytes (audio)" cmp -s a51.mxf a51b.mxf
gen mxf-video -o vb.mxf --frames 48 --partition-frames 20 --cut 24 --black 30:33 --freeze 40:44
check "same options, same bytes (video)" cmp -s v.mxf vb.mxf
gen mxf-audio -o a51s.mxf --seconds 4 --layout 5.1 --seed 7
probe a51s.mxf
check "another seed, another file package UMID" jqt a51s.mxf.json \
    "(.streams[0].tags.file_package_umid != \"$(jq -r .streams[0].tags.file_package_umid a51.mxf.json)\")"
check "IMF file package UMID prefix" jqt a51.mxf.json \
    '.streams[0].tags.file_package_umid | ascii_downcase | startswith("0x060a2b340101010501010f2013000000")'

# --- the checker itself must catch a broken chain: the first essence partition sits at 16384 (the header
# partition is padded to 16 KiB); set its BodyOffset (pack value bytes 52-59) to 1
cp v.mxf broken.mxf
printf '\001' | dd of=broken.mxf bs=1 seek=$((16384 + 20 + 52 + 7)) conv=notrunc 2>/dev/null
check "mxf_check rejects a wrong BodyOffset" eval '! "$CHECK" broken.mxf 2>/dev/null'
head -c -1 a20.mxf >cut-rip.mxf
check "mxf_check rejects a file without its last byte" eval '! "$CHECK" cut-rip.mxf 2>/dev/null'

# --- MediaInfo, when installed
if command -v mediainfo >/dev/null; then
    mi() { mediainfo --Output=JSON "$1" >"$1.mi.json" 2>/dev/null; }
    mi a51.mxf
    check "mediainfo: a51.mxf PCM 6 ch 48 kHz 24-bit 192000 samples, MCA labels" jqt a51.mxf.mi.json \
        '[.media.track[] | select(."@type" == "Audio")][0] | .Format == "PCM" and .Channels == "6" and
         .SamplingRate == "48000" and .BitDepth == "24" and .SamplingCount == "192000" and
         .ChannelLayout == "L R C LFE Ls Rs" and .Language == "en" and
         .extra.MCA_Audio_Content_Kind == "PRM" and .extra.MCA_Audio_Element_Kind == "FCMP"'
    mi v.mxf
    check "mediainfo: v.mxf JPEG 2000 IMF 2K 320x180 24 fps 48 frames RGB BT.709" jqt v.mxf.mi.json \
        '[.media.track[] | select(."@type" == "Video")][0] | .Format == "JPEG 2000" and
         (.Format_Profile | startswith("IMFS2k")) and .Width == "320" and .Height == "180" and
         .FrameRate == "24.000" and .FrameCount == "48" and .BitDepth == "10" and .ColorSpace == "RGB" and
         .colour_primaries == "BT.709"'
    check "mediainfo: OP-1a, closed complete" jqt v.mxf.mi.json \
        '[.media.track[] | select(."@type" == "General")][0] | .Format == "MXF" and .Format_Profile == "OP-1a"'
else
    echo "SKIP: mediainfo not installed (the ffprobe checks still ran)"
fi

finish
