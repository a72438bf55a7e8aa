#!/bin/bash
# SPDX-License-Identifier: MIT
# Progress and control (design.md §7): the JSON events a service reads on stderr (start,
# progress, finding, done), the bar, and a stop on SIGTERM or SIGINT within a second with the
# partial report written.
# Usage: progress_tests.sh IMFQC IMFQC_SYNTH
# QC_STOP_LIMIT_MS: the longest a stop may take, signal to exit (default 1000).
set -u
IMFQC="$1"
SYNTH="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=progress
. "$HERE/lib.sh"
LIMIT_MS="${QC_STOP_LIMIT_MS:-1000}"

gen programme -o clean.wav --seconds 12
gen programme -o defects.wav --seconds 12 --click 2:6.0s:-12
cat > house.json <<'JSON'
{"name": "house", "severity": {"AUDIO_DIGITAL_HIT": "blocker"}}
JSON

events() { # events FILE: every line of FILE is one JSON object with an "event"
    [ -s "$1" ] && [ "$(jq -c 'select(type == "object" and (.event | type) == "string")' "$1" |
        wc -l)" -eq "$(wc -l <"$1")" ]
}

# --- one object per line: start, progress per track, a finding as soon as a track is done, done
"$IMFQC" inspect --format json --progress json --profile house.json --threads 1 \
    defects.wav clean.wav >out.json 2>ev.txt
code=$?
check "events: one JSON object per line" events ev.txt
jq -s . ev.txt >ev.json
check "start first" jqt ev.json '.[0] | .event == "start" and (.version | test("^[0-9]")) and .paths == ["defects.wav", "clean.wav"] and .settings == {"profile": "house", "threads": 1, "decode": "full"}'
check "done last, with the exit status" jqt ev.json \
    ".[-1] | .event == \"done\" and .status == \"fail\" and .exit_code == $code and .exit_code == 1"
check "done summary = report summary" test "$(jq -c '.[-1].summary' ev.json)" = "$(jq -c .summary out.json)"
check "progress fields" jqt ev.json '[.[] | select(.event == "progress")] | length >= 2 and all(
    (.track | type) == "number" and (.path | type) == "string" and .unit == "samples"
    and (.done | type) == "number" and .total == 576000 and (.fraction | type) == "number"
    and (.rate | type) != "string" and (.eta_s | type) != "string" and .fraction <= 1)'
check "progress per track ends at 1" jqt ev.json '[.[] | select(.event == "progress")] | group_by(.track)
    | length == 2 and all(.[-1] | .fraction == 1 and .done == 576000) and .[0][0].path == "defects.wav"'
check "progress rate and eta" jqt ev.json '[.[] | select(.event == "progress" and .fraction == 1)]
    | all(.rate > 0 and .eta_s == 0)'
check "finding event" jqt ev.json '[.[] | select(.event == "finding")] | length == 1 and (.[0] | .code == "AUDIO_DIGITAL_HIT" and .severity == "blocker" and .stage == "iaas" and .track == 0 and .path == "defects.wav" and (.track_file | startswith("urn:uuid:")) and .channel == 2 and (.start.edit_unit - 288000 | fabs) <= 2 and (.start.seconds - 6 | fabs) < 0.001 and (.message | length) > 0)'
check "finding before the next track" jqt ev.json '(map(.event == "finding") | index(true)) < (map(.event == "progress" and .track == 1) | index(true))'
check "finding events = report findings" test \
    "$(jq -c '[.[] | select(.event == "finding") | [.code, .severity, .start.edit_unit, .channel, .message]] | sort' ev.json)" = \
    "$(jq -c '[.findings[] | [.code, .severity, .start.edit_unit, .channel, .message]] | sort' out.json)"

# the same findings and outcome, in the same order, whatever --threads is
"$IMFQC" inspect --format json --progress json --profile house.json --threads 3 \
    defects.wav clean.wav >/dev/null 2>ev3.txt
check "events with --threads 3" test \
    "$(jq -c 'select(.event == "finding" or .event == "done")' ev3.txt)" = \
    "$(jq -c 'select(.event == "finding" or .event == "done")' ev.txt)"

# --- a package: delivery findings first, with the profile's severity; a track file's finding once
gen mxf-video -o pic.mxf --frames 24 --seed 3
gen mxf-audio -o snd.mxf --seconds 1 --seed 4 --click 2:0.5s:-12
mkdir imp && cp pic.mxf snd.mxf imp/
gen imp -o imp --picture imp/pic.mxf --audio imp/snd.mxf
echo "a note nobody lists" >imp/notes.txt
echo '{"severity": {"ASSET_UNLISTED": "issue"}}' >unlisted.json
"$IMFQC" inspect --format json --progress json --profile unlisted.json imp >pkg.json 2>pev.txt
check "package: events" events pev.txt
jq -s . pev.txt >pev.json
check "package: delivery finding before the essence" jqt pev.json '(map(.event == "finding" and .code == "ASSET_UNLISTED") | index(true)) < (map(.event == "progress") | index(true))'
check "package: the profile's severity" jqt pev.json '[.[] | select(.event == "finding" and .code == "ASSET_UNLISTED")] | length == 1 and .[0].severity == "issue" and .[0].stage == "delivery" and .[0].track == null and .[0].start == null'
check "package: the same in the report" jqt pkg.json '[.findings[] | select(.code == "ASSET_UNLISTED")] | length == 1 and .[0].severity == "issue"'
check "package: the click once, on its track file" jqt pev.json '[.[] | select(.event == "finding" and .code == "AUDIO_DIGITAL_HIT")] | length == 1 and .[0].path == "imp/snd.mxf" and .[0].start.edit_unit == 24000'
check "package: progress in frames and samples" jqt pev.json '[.[] | select(.event == "progress")] | group_by(.track) | map(.[-1] | [.unit, .done, .total, .fraction]) == [["frames", 24, 24, 1], ["samples", 48000, 48000, 1]]'
check "package: tracks known" jqt pev.json '[.[] | select(.event == "progress") | .tracks] | all(. == 2)'
check "package: done" jqt pev.json '.[-1] | .event == "done" and .status == "pass" and .summary.issue == 2 and .exit_code == 0'

# --- the bar: only on request in a pipe; rate, time left, and the line cleared at the end
"$IMFQC" inspect --format json --progress auto clean.wav >/dev/null 2>auto.txt
check "auto in a pipe: nothing" test ! -s auto.txt
COLUMNS=160 "$IMFQC" inspect --format json --progress bar --only levels clean.wav >/dev/null 2>bar.txt
check "bar: track, bar and seconds" grep -qE '\[1/1\] clean\.wav \[#+ *\] +[0-9]+%  [0-9.]+/12\.0 s' bar.txt
check "bar: speed and time left" grep -qE 'x realtime\)  ETA [0-9]+:[0-9]{2}' bar.txt
check "bar: cleared at the end" test "$(tail -c 4 bar.txt | od -An -c | tr -d ' ')" = '\r033[K'
COLUMNS=160 "$IMFQC" inspect --format json --progress bar --threads 1 pic.mxf >/dev/null 2>vbar.txt
check "bar: frames and fps" grep -qE '\[1/1\] pic\.mxf .*[0-9]+/24 frames  [0-9.]+ fps  \([0-9.]+x realtime\)' vbar.txt

# --- a file's sound runs beside its pictures (threads > 1): the same report and findings, in
# the same order, as one after the other (--threads 1); each track file's progress starts at 0
if command -v ffmpeg >/dev/null; then
    ffmpeg -v error -y -f lavfi \
        -i "testsrc2=size=320x180:rate=24,drawbox=enable='between(n,24,72)':color=black:t=fill" \
        -i defects.wav -t 8 -c:v prores_ks -c:a pcm_s24le av.mov
    for t in 1 2 3; do
        COLUMNS=160 "$IMFQC" inspect --format json --progress bar --threads "$t" av.mov \
            >/dev/null 2>"avbar$t.txt"
        "$IMFQC" inspect --format json --progress json --threads "$t" av.mov >"av$t.json" \
            2>"avev$t.txt"
        jq -s . "avev$t.txt" >"avev$t.json"
        jq -S 'del(.run, .settings.threads)' "av$t.json" >"avs$t.json"
    done
    check "beside: both track files" jqt av2.json '[.track_files[] | [.kind, .samples_analyzed]] == [["video", 192], ["audio", 384000]]'
    check "beside: black and click found" jqt av2.json '.track_files as $t | [.findings[] | [.code, .track_file, .start.edit_unit, .channel]] == [["VIDEO_BLACK", $t[0].id, 24, null], ["AUDIO_DIGITAL_HIT", $t[1].id, 288000, 2]]'
    check "beside: report at --threads 2 = --threads 1" cmp -s avs1.json avs2.json
    check "beside: report at --threads 3 = --threads 1" cmp -s avs1.json avs3.json
    for t in 2 3; do
        check "beside: finding and done events at --threads $t" test \
            "$(jq -c 'select(.event == "finding" or .event == "done")' "avev$t.txt")" = \
            "$(jq -c 'select(.event == "finding" or .event == "done")' avev1.txt)"
    done
    check "beside: pictures' findings first" jqt avev2.json '[.[] | select(.event == "finding") | .track] | . == sort and .[0] == 0 and .[-1] == 1'
    # one after the other, the sound's track file is known once the pictures are done
    for t in 1:1 2:2; do
        IFS=: read -r t known <<<"$t"
        check "beside: progress from 0 to 1 per track file (--threads $t)" jqt "avev$t.json" "[.[] | select(.event == \"progress\")] | group_by(.track) | map([.[0].done, .[-1].fraction, .[0].tracks]) == [[0, 1, $known], [0, 1, 2]]"
        check "beside: a rate from the sound's own start (--threads $t)" jqt "avev$t.json" '[.[] | select(.event == "progress" and .track == 1 and .fraction == 1)] | length == 1 and .[0].rate > 0 and .[0].rate < 48000 * 100000'
    done
    check "beside: the sound begins with the pictures" jqt avev2.json '[.[] | select(.event == "progress")] | (.[0] | .track == 0 and .done == 0) and (.[1] | .track == 1 and .done == 0)'
    check "one after the other at --threads 1" jqt avev1.json '[.[] | select(.event == "progress")] | (map(.track) | . == sort)'
    check "beside: the bar stays with the pictures" test "$(tr '\r' '\n' <avbar2.txt |
        grep -o '^.*\[[12]/2\]' | sed 's/.*\[\([12]\)\/2\]/\1/' | tr -d '\n' | sed 's/^1*2*$/ok/')" = ok
    check "beside: the bar shows the pictures" grep -qE '\[1/2\] av\.mov .*/192 frames' avbar2.txt
fi

# --- SIGTERM and SIGINT: a stop within a second, the partial report, exit 128 + signal
"$SYNTH" programme -o long.wav --seconds 240 >/dev/null
# 60 frames of 1080p for the cost of one encode: a frozen picture is its codestream repeated
gen mxf-video -o long.mxf --frames 60 --width 1920 --height 1080 --freeze 1:60 --ratio 40
stop_run() { # stop_run SIGNAL FILE [THREADS]: inspect FILE, signal it once it made progress
    rm -f partial.json sig.json sig.err
    "$IMFQC" inspect --threads "${3:-1}" --format json --progress json --report partial.json "$2" \
        >sig.json 2>sig.err &
    local pid=$! i
    for i in $(seq 1 400); do
        grep -q '"event":"progress".*"done":[1-9]' sig.err 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    local t0 t1
    t0=$(date +%s%N)
    kill "-$1" "$pid"
    wait "$pid"
    code=$?
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    echo "stop: $2 $1 after $ms ms, exit $code"
}
for f in long.wav long.mxf; do
    for sig in TERM:15:143 INT:2:130; do
        IFS=: read -r name num want <<<"$sig"
        stop_run "$name" "$f"
        check "SIG$name $f: exit $want (got $code)" test "$code" -eq "$want"
        check "SIG$name $f: stopped in $ms ms (limit $LIMIT_MS)" test "$ms" -lt "$LIMIT_MS"
        check "SIG$name $f: partial report is JSON, incomplete" jqt partial.json \
            ".status == \"incomplete\" and .run.interrupted_by_signal == $num
             and .track_files[0].samples_analyzed < .track_files[0].essence.duration"
        check "SIG$name $f: stdout report too" jqt sig.json '.status == "incomplete"'
        check "SIG$name $f: done event" jqt <(tail -n1 sig.err) \
            ".event == \"done\" and .status == \"incomplete\" and .exit_code == $want"
    done
done
# a stop while the sound runs beside the pictures: both threads end, the report is partial
if command -v ffmpeg >/dev/null; then
    ffmpeg -v error -y -f lavfi -i "testsrc2=size=640x360:rate=24" \
        -f lavfi -i "sine=frequency=500:sample_rate=48000" -t 300 -c:v mpeg2video -q:v 20 \
        -c:a pcm_s24le -ac 2 long_av.mov
    stop_run TERM long_av.mov 2
    check "SIGTERM beside: exit 143 (got $code)" test "$code" -eq 143
    check "SIGTERM beside: stopped in $ms ms (limit $LIMIT_MS)" test "$ms" -lt "$LIMIT_MS"
    check "SIGTERM beside: partial report of both track files" jqt partial.json \
        '.status == "incomplete" and ([.track_files[].kind] == ["video", "audio"])
         and .track_files[0].samples_analyzed < 7200 and .track_files[1].samples_analyzed < 14400000'
    check "SIGTERM beside: done event" jqt <(tail -n1 sig.err) '.event == "done" and .exit_code == 143'
fi

finish
