#!/bin/bash
# SPDX-License-Identifier: MIT
# The command-line contract (design.md §7-§8): exit codes, JSON fields and types, reports written
# atomically, --only/--skip, --threads reproducibility, FFmpeg inputs. Progress events and signals
# are in progress_tests.sh, profiles and the analyzer listing in profile_tests.sh.
# Usage: cli_tests.sh IMFQC IMFQC_SYNTH
set -u
IMFQC="$1"
SYNTH="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=cli
. "$HERE/lib.sh"

"$SYNTH" programme -o clean.wav --seconds 12 >/dev/null
"$SYNTH" programme -o defects.wav --seconds 12 --click 2:6.0s:-12 >/dev/null
"$SYNTH" programme -o stereo.wav --seconds 12 --layout stereo --click 1:5.0s:-12 >/dev/null
"$SYNTH" tone -o silent.wav --freq 1000 --dbfs -90 --seconds 6 >/dev/null

# --- usage and exit codes
expect_exit 0 "--version" "$IMFQC" --version
check "version text" grep -q '^imfqc [0-9]' out.json
expect_exit 0 "--help" "$IMFQC" --help
expect_exit 2 "no arguments" "$IMFQC"
expect_exit 2 "unknown command" "$IMFQC" frobnicate
expect_exit 2 "inspect without PATH" "$IMFQC" inspect
expect_exit 2 "unknown option" "$IMFQC" inspect --frob clean.wav
expect_exit 2 "bad --threads" "$IMFQC" inspect --threads 0 clean.wav
expect_exit 2 "bad report extension" "$IMFQC" inspect --report r.pdf clean.wav
expect_exit 2 "unknown analyzer" "$IMFQC" inspect --only silence,nope clean.wav
check "unknown analyzer named" grep -q nope err.txt
expect_exit 2 "unknown profile" "$IMFQC" inspect --profile no-such-profile clean.wav
expect_exit 2 "bad --cpu-mask" "$IMFQC" inspect --cpu-mask avx9 clean.wav

# --- the JSON contract on a clean programme
expect_exit 0 "clean programme" "$IMFQC" inspect --format json --progress none clean.wav
check "schema" jqt out.json '.schema == "imfqc-report/1" and .tool.name == "imfqc"'
check "status pass" jqt out.json '.status == "pass" and (.summary | .blocker == 0 and .issue == 0 and .fyi == 0)'
check "no findings" jqt out.json '.findings == []'
check "essence" jqt out.json '.track_files[0].essence | .channels == 6 and .sample_rate == 48000 and .bits == 24 and .duration == 576000 and .edit_rate == "48000/1" and .codec == "pcm_s24le"'
check "labels" jqt out.json '.track_files[0].essence.channel_labels == ["L","R","C","LFE","Ls","Rs"]'
check "track id" jqt out.json '.track_files[0].id | test("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")'
check "loudness metrics" jqt out.json '.track_files[0].metrics.loudness | (.integrated_lufs|type) == "number" and (.range_lu|type) == "number" and (.true_peak_dbtp|length) == 6'
check "level metrics" jqt out.json '.track_files[0].metrics.levels | (.peak_dbfs|length) == 6 and (.rms_dbfs|length) == 6'
check "settings echo" jqt out.json '.settings.profile == "default" and .settings.analyzers.silence.threshold_dbfs == -60 and .settings.analyzers.loudness.target_lufs == -24'

# --- a finding, placed
expect_exit 0 "click" "$IMFQC" inspect --format json --progress none defects.wav
check "click finding" jqt out.json '[.findings[] | select(.code == "AUDIO_DIGITAL_HIT")] | length == 1 and .[0].severity == "issue" and .[0].channel == 2 and (.[0].start.edit_unit - 288000 | fabs) <= 2 and .[0].stage == "iaas" and (.[0].start.seconds|type) == "number" and .[0].track_file != null'
check "summary counts" jqt out.json '.summary.issue == ([.findings[] | select(.severity == "issue")] | length)'

# --- blocker: exit 1
expect_exit 1 "silent file" "$IMFQC" inspect --format json --progress none silent.wav
check "status fail" jqt out.json '.status == "fail" and .summary.blocker == 1 and .findings[0].code == "AUDIO_SILENCE" and .findings[0].severity == "blocker"'

# --- inputs that cannot be inspected: exit 3, the report is still written
: > empty.wav
echo "not audio at all" > text.wav
for f in missing.wav empty.wav text.wav; do
    expect_exit 3 "$f" "$IMFQC" inspect --format json --progress none --report "r-$f.json" "$f" clean.wav
    check "$f: report written" jqt "r-$f.json" '.status == "incomplete" and (.track_files[0].error|type) == "string" and .track_files[0].inspected == false and .track_files[1].inspected == true'
done

# --- NaN in a float file: counted, measured as silence, reported once
"$SYNTH" tone -o nan.wav --freq 440 --dbfs -20 --seconds 3 --bits float >/dev/null
data=$(grep -obUa data nan.wav | head -n1 | cut -d: -f1)
printf '\000\000\300\177' | dd of=nan.wav bs=1 seek=$((data + 8 + 8 * 48000)) conv=notrunc 2>/dev/null
expect_exit 1 "NaN samples" "$IMFQC" inspect --format json --progress none nan.wav
check "NaN finding" jqt out.json '[.findings[] | select(.code == "AUDIO_UNDECODABLE")] | length == 1 and .[0].start.edit_unit == 48000 and .[0].details.nonfinite_samples == 1'
check "NaN-free metrics" jqt out.json '.track_files[0].metrics.levels.peak_dbfs | all(type == "number")'

# --- --threads gives the same report, timing aside
"$IMFQC" inspect --format json --progress none --threads 1 defects.wav stereo.wav >t1.json
"$IMFQC" inspect --format json --progress none --threads 2 defects.wav stereo.wav >t2.json
"$IMFQC" inspect --format json --progress none --threads 3 --cpu-mask c defects.wav stereo.wav >t3.json
for f in t1 t2 t3; do jq -S 'del(.run, .settings.threads)' $f.json >$f.norm; done
check "threads 1 = 2" cmp -s t1.norm t2.norm
check "threads 1 = 3 without SIMD" cmp -s t1.norm t3.norm

# --- reports: several, atomic, text and JSON
expect_exit 0 "reports" "$IMFQC" inspect --format text --progress none --report a.json --report a.txt defects.wav
check "json report" jqt a.json '.findings | length >= 1'
check "text report" grep -q AUDIO_DIGITAL_HIT a.txt
check "text on stdout" grep -q AUDIO_DIGITAL_HIT out.json
check "no temporary files" test -z "$(ls | grep '\.tmp\.')"
check "report names" jqt a.json '.track_files[0].path == "defects.wav"'

# --- --only / --skip
expect_exit 0 "--only" "$IMFQC" inspect --format json --progress none --only loudness,levels defects.wav
check "only ran" jqt out.json '(.settings.analyzers | keys) == ["levels","loudness"] and .findings == []'
expect_exit 0 "--skip" "$IMFQC" inspect --format json --progress none --skip digital_hit defects.wav
check "skip ran" jqt out.json '(.settings.analyzers | has("digital_hit") | not) and .findings == []'

# --- other containers through FFmpeg: the same click at the same sample
if command -v ffmpeg >/dev/null; then
    ffmpeg -v error -y -i stereo.wav -c:a pcm_s24le stereo.mov
    ffmpeg -v error -y -i stereo.wav -c:a flac stereo.flac
    for f in stereo.mov stereo.flac; do
        expect_exit 0 "$f" "$IMFQC" inspect --format json --progress none "$f"
        check "$f essence" jqt out.json '.track_files[0].essence | .channels == 2 and .sample_rate == 48000 and .duration == 576000'
        check "$f click" jqt out.json '[.findings[] | select(.code == "AUDIO_DIGITAL_HIT")] | length == 1 and .[0].channel == 1 and (.[0].start.edit_unit - 240000 | fabs) <= 2'
    done
fi

# --- non-IMF video through FFmpeg (hybrid ingest): ProRes with a black run and sound
if command -v ffmpeg >/dev/null; then
    ffmpeg -v error -y -f lavfi \
        -i "testsrc2=size=640x360:rate=24,drawbox=enable='between(n,48,120)':color=black:t=fill" \
        -f lavfi -i sine=frequency=500:sample_rate=48000 -t 8 -c:v prores_ks -profile:v 3 \
        -c:a pcm_s24le prores.mov
    "$IMFQC" inspect --format json --progress none prores.mov >out.json
    check "prores tracks" jqt out.json '[.track_files[] | .kind] == ["video","audio"] and .track_files[0].essence.codec == "prores" and .track_files[0].essence.duration == 192'
    check "prores black" jqt out.json '[.findings[] | select(.code == "VIDEO_BLACK")] | length == 1 and .[0].start.edit_unit == 48 and .[0].duration.edit_units == 73 and (.[0].start.seconds - 2 | fabs) < 1e-9'
    check "prores shots" jqt out.json '.track_files[0].metrics.scene_changes == [48, 121]'
fi

finish
