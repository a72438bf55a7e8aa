#!/bin/bash
# SPDX-License-Identifier: MIT
# MXF through the command line: probe on files FFmpeg's muxers write, MXF audio inspected like a
# WAV, and damaged files (cut at every partition boundary, lengths past the end, flipped bytes)
# that must give findings or exit 3, never a crash or a hang.
# Usage: mxf_tests.sh IMFQC MXF_READ
set -u
IMFQC="$1"
MXF_READ="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=mxf
. "$HERE/lib.sh"

if ! command -v ffmpeg >/dev/null; then
    echo "mxf: ffmpeg not installed, nothing to test"
    exit 0
fi
ffmpeg -v error -y -f lavfi -i testsrc=size=320x180:rate=24 -f lavfi -i sine=frequency=1000:sample_rate=48000 \
    -t 2 -c:v libopenjpeg -c:a pcm_s24le -f mxf op1a.mxf
ffmpeg -v error -y -f lavfi -i "sine=frequency=1000:sample_rate=48000,volume=0.1" -t 3 -c:a pcm_s24le \
    -f mxf_opatom -mxf_audio_edit_rate 25 atom.mxf

# --- probe: structure, packages, descriptors
"$IMFQC" probe op1a.mxf >p.json
check "probe exit" test $? -eq 0
check "partitions" jqt p.json '[.partitions[].kind] == ["header","body","footer"] and (.partitions[0].operational_pattern | startswith("urn:smpte:ul:060e2b34.04010101.0d010201"))'
check "packages" jqt p.json '[.packages[].kind] == ["material","source"] and (.packages[1].tracks | map(.kind)) == ["timecode","picture","sound"]'
check "track durations" jqt p.json '[.packages[].tracks[].duration] | all(. == 48)'
check "descriptor tree" jqt p.json '.descriptors[0].class == "MultipleDescriptor" and (.descriptors[0].sub_descriptors | map(.regxml_class)) == ["CDCIDescriptor","AES3PCMDescriptor"]'
check "RegXML values" jqt p.json '.descriptors[0].sub_descriptors[0].properties | .StoredWidth == 320 and .SampleRate == "24/1" and .ImageAspectRatio == "16/9" and (.InstanceID | test("^urn:uuid:")) and (.PictureCompression | test("^urn:smpte:ul:060e2b34\\.0401010[0-9a-f]\\.04010202\\.0301"))'
check "index" jqt p.json '.index_segments[0] | .entries == 48 and .duration == 48 and .edit_unit_byte_count == 0'
check "track_files" jqt p.json '.track_files[0] | .kind == "video" and (.id | test("^urn:uuid:")) and .essence.codec == "jpeg2000" and .essence.width == 320 and .essence.duration == 48'
# FFmpeg's OP1a file is well-formed MXF but not an IMF track file: two essence tracks, no IMF UMID
check "no structural defect" jqt p.json '[.findings[].code] | all(. == "MXF_NOT_IMF")'
check "not IMF" jqt p.json '[.findings[].message] | any(test("2 essence tracks")) and any(test("UMID"))'
"$IMFQC" probe atom.mxf >a.json
check "audio track_files" jqt a.json '.track_files[0] | .kind == "audio" and .essence.sample_rate == 48000 and .essence.channels == 1 and .essence.bits == 24 and .essence.duration == 144000'
check "audio descriptor" jqt a.json '.descriptors[0] | .regxml_class == "WAVEPCMDescriptor" and .properties.BlockAlign == 3 and .properties.AudioSampleRate == "48000/1"'
check "RegXML in probe" jqt p.json '.descriptors[0].regxml | startswith("<r0:MultipleDescriptor")'

# --- inspect OP1a: its pictures through our reader and OpenJPEG, its sound beside them
for t in 1 2; do
    "$IMFQC" inspect --format json --progress json --threads "$t" op1a.mxf >"op1a$t.json" 2>"op1a$t.err"
    jq -S 'del(.run, .settings.threads)' "op1a$t.json" >"op1a$t.s.json"
done
check "op1a: pictures and sound" jqt op1a2.json '[.track_files[] | [.kind, .essence.container, .samples_analyzed, .inspected]] == [["video", "mxf", 48, true], ["audio", "mxf", 96000, true]]'
check "op1a: the same report at --threads 1 and 2" cmp -s op1a1.s.json op1a2.s.json
check "op1a: the sound began beside the pictures" test \
    "$(jq -c 'select(.event == "progress") | [.track, .done]' op1a2.err | head -n 2 | tr -d '\n')" = '[0,0][1,0]'

# --- frame-accurate access: every edit unit through the index, the sizes FFmpeg demuxes
"$MXF_READ" --list op1a.mxf >ours.txt
ffprobe -v error -select_streams v:0 -show_entries packet=size -of csv=p=0 op1a.mxf >theirs.txt
check "frames as FFmpeg reads them" cmp -s ours.txt theirs.txt
check "48 frames" test "$(wc -l <ours.txt)" -eq 48

# --- MXF audio is inspected like a WAV, by our reader
"$IMFQC" inspect --format json --progress none atom.mxf >i.json
check "inspect mxf audio" jqt i.json '(.track_files[0].essence | .container == "mxf" and .duration == 144000 and .channels == 1)'
# FFmpeg's OP-Atom audio has no MCA labels: one channel-mapping blocker says so
check "track file id from the UMID" test "$(jq -r '.track_files[0].id' i.json)" = "$(jq -r '.track_files[0].id' a.json)"
check "no MCA labels" jqt i.json '[.findings[] | select(.code == "AUDIO_CHANNEL_MAPPING")] | length == 1 and .[0].severity == "blocker" and (.[0].message | test("no MCA labels"))'
# the same samples through FFmpeg: our reader must measure exactly what FFmpeg decodes
ffmpeg -v error -y -i atom.mxf -c:a pcm_s24le atom.wav
"$IMFQC" inspect --format json --progress none atom.wav >w.json
check "mxf reads like ffmpeg" test "$(jq -c '.track_files[0].metrics | del(.channel_mapping)' i.json)" = "$(jq -c '.track_files[0].metrics | del(.channel_mapping)' w.json)"

# --- not MXF, and damaged MXF: exit 3 or findings, never a crash
echo "not mxf" >text.mxf
"$IMFQC" probe text.mxf >/dev/null 2>&1
check "probe text file exits 3" test $? -eq 3
size=$(stat -c %s op1a.mxf)
cuts=$(jq -r '.partitions[].offset' p.json)
for cut in $cuts 1 100 1000 $((size / 2)) $((size - 1)); do
    for extra in 0 17 200; do
        at=$((cut + extra))
        [ "$at" -ge "$size" ] && continue
        head -c "$at" op1a.mxf >cut.mxf
        "$IMFQC" probe cut.mxf >cut.json 2>/dev/null
        code=$?
        if [ "$code" -eq 0 ]; then
            check "cut at $at: findings" jqt cut.json '.findings | length > 0'
        else
            check "cut at $at: exit $code" test "$code" -eq 3
        fi
        timeout 60 "$IMFQC" inspect --progress none --format json cut.mxf >/dev/null 2>&1
        code=$?
        check "inspect cut at $at: exit $code" test "$code" -le 3
    done
done
# a BER length far past the end of the file, in the header metadata
off=$(( $(jq -r '.partitions[0].offset' p.json) + 124 + 16 ))
cp op1a.mxf ber.mxf
printf '\210\177\377\377\377\377\377\377\377' | dd of=ber.mxf bs=1 seek="$off" conv=notrunc 2>/dev/null
"$IMFQC" probe ber.mxf >ber.json 2>/dev/null
code=$?
check "huge BER: exit $code" test "$code" -eq 0 -o "$code" -eq 3
# flipped bytes in the header metadata, 40 deterministic variants
for i in $(seq 1 40); do
    cp op1a.mxf flip.mxf
    pos=$(( (i * 7919) % 5000 + 130 ))
    printf "\\$(printf '%03o' $(( (i * 37) % 256 )))" | dd of=flip.mxf bs=1 seek="$pos" conv=notrunc 2>/dev/null
    timeout 60 "$IMFQC" probe flip.mxf >/dev/null 2>&1
    code=$?
    check "flip $i at $pos: exit $code" test "$code" -eq 0 -o "$code" -eq 3
done

finish
