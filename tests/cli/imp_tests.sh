#!/bin/bash
# SPDX-License-Identifier: MIT
# IMF packages end to end: a clean IMP passes; one defect per package gives exactly its finding
# and severity; a supplemental package resolves against the earlier delivery and says which
# virtual tracks changed; XML attacks are refused; reports agree for any --threads.
# Usage: imp_tests.sh IMFQC IMFQC_SYNTH
set -u
IMFQC="$1"
SYNTH="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=imp
. "$HERE/lib.sh"

"$SYNTH" mxf-video -o pic.mxf --frames 48 --seed 3 >/dev/null || exit 2
"$SYNTH" mxf-video -o pic2.mxf --frames 48 --seed 5 >/dev/null || exit 2
"$SYNTH" mxf-audio -o snd.mxf --seconds 2 --seed 4 >/dev/null || exit 2

mkimp() { # mkimp DIR [imp options...]: an IMP of pic.mxf + snd.mxf
    local dir="$1"; shift
    mkdir -p "$dir" && cp pic.mxf snd.mxf "$dir/"
    "$SYNTH" imp -o "$dir" --picture "$dir/pic.mxf" --audio "$dir/snd.mxf" "$@" >/dev/null
}
inspect() { # inspect DIR [options...] > out.json; the exit status is kept in $rc
    "$IMFQC" inspect --format json --progress none "$@" >out.json 2>err.txt
    rc=$?
}
only_finding() { # only_finding CODE SEVERITY: no other finding but notes, and this one once
    jqt out.json "[.findings[] | select(.severity != \"fyi\" or .code == \"$1\")] as \$f
                  | (\$f | length) == 1 and \$f[0].code == \"$1\" and \$f[0].severity == \"$2\""
}
first() { # first CODE: that finding, for the checks below
    jq "[.findings[] | select(.code == \"$1\")][0]" out.json >first.json
}

# --- the clean package: every digest verified, the timeline as written, nothing found
mkimp clean
inspect clean --threads 1
check "clean: exit 0" test "$rc" -eq 0
check "clean: pass, no finding" jqt out.json '.status == "pass" and (.findings | length) == 0'
check "clean: digests" jqt out.json '[.packages[0].assets[] | select(.type != "pkl") | .hash] | all(. == "ok") and length == 3'
check "clean: composition" jqt out.json '.compositions[0] | .duration == 48 and .edit_rate == "24/1" and .timecode_start == "01:00:00:00" and ([.tracks[].kind] == ["video","audio"]) and ([.tracks[].status] | all(. == "new"))'
check "clean: resources linked" jqt out.json '[.compositions[0].tracks[].resources[0] | .inspected and .entry_point == 0] | all'
check "clean: track files by id" jqt out.json '[.track_files[].id] == [.compositions[0].tracks[].resources[0].track_file]'
cp out.json clean1.json
inspect clean --threads 2
check "clean: same report with 2 threads" cmp -s <(jq -S 'del(.run, .settings.threads)' clean1.json) \
    <(jq -S 'del(.run, .settings.threads)' out.json)
inspect clean/CPL_*.xml
check "a CPL path inspects its composition" jqt out.json '.status == "pass" and (.compositions | length) == 1 and (.track_files | length) == 2'
inspect clean --no-hash
check "--no-hash" jqt out.json '[.packages[0].assets[] | select(.type != "pkl") | .hash] | all(. == "skipped")'

# --- one defect per package
for c in "hash ASSET_HASH_MISMATCH" "size ASSET_SIZE_MISMATCH" "missing ASSET_MISSING" \
    "path-dotdot ASSET_PATH_UNSAFE" "path-absolute ASSET_PATH_UNSAFE" \
    "path-symlink ASSET_PATH_UNSAFE" "uuid ASSET_ID_MISMATCH" "cpl-id ASSET_ID_MISMATCH" \
    "unresolved TRACK_FILE_UNRESOLVED"; do
    set -- $c
    mkimp "d-$1" --defect "$1"
    inspect "d-$1"
    check "$1: exit 1" test "$rc" -eq 1
    check "$1: $2 blocker" only_finding "$2" blocker
done
check "hash: the right file and digest" jqt <(inspect d-hash; cat out.json) \
    '.findings[0].details.path == "pic.mxf" and (.findings[0].message | test("the PKL says")) and ([.packages[0].assets[] | select(.path | endswith("pic.mxf")) | .hash] == ["mismatch"])'
inspect d-path-dotdot
first ASSET_PATH_UNSAFE
check "unsafe path: named" jqt first.json '.details.path == "../snd.mxf"'
check "unsafe path: never opened" jqt out.json '([.packages[0].assets[] | select(.hash == "unsafe")] | length) == 1 and ([.track_files[].path | test("snd")] | any | not)'
inspect d-path-symlink
first ASSET_PATH_UNSAFE
check "symlink out of the package: where it leads" jqt first.json '.message | test("symbolic link")'
inspect d-unresolved
check "unresolved: placed on the timeline" jqt out.json '.findings[0].start.timecode == "01:00:00:00" and .findings[0].composition == .compositions[0].id'
mkimp d-overrun --defect overrun
inspect d-overrun
check "overrun: exit 1" test "$rc" -eq 1
check "overrun: past the end, at the resource" jqt out.json '[.findings[] | select(.code == "CPL_TIMELINE" and .severity == "blocker" and (.message | test("runs past the end")))] | length == 1 and .[0].start.timecode == "01:00:00:00"'
mkimp d-unlisted --defect unlisted
inspect d-unlisted
check "unlisted: fyi, exit 0" test "$rc" -eq 0
check "unlisted: the file" jqt out.json '.findings | length == 1 and .[0].code == "ASSET_UNLISTED" and .[0].severity == "fyi" and .[0].details.path == "notes.txt"'

# --- core constraints: 44.1 kHz audio is not IMF audio
"$SYNTH" mxf-audio -o snd441.mxf --seconds 2 --rate 44100 --seed 8 >/dev/null
mkdir d-441 && cp pic.mxf snd441.mxf d-441/
"$SYNTH" imp -o d-441 --seed 13 --picture d-441/pic.mxf --audio d-441/snd441.mxf >/dev/null
inspect d-441
check "44.1 kHz: exit 1" test "$rc" -eq 1
check "44.1 kHz: CPL_CONSTRAINT blocker" only_finding CPL_CONSTRAINT blocker
check "44.1 kHz: says why" jqt out.json '[.findings[] | select(.code == "CPL_CONSTRAINT")][0] | (.message | test("AudioSampleRate 44100/1")) and .details.rules == "ST 2067-2 core constraints" and .start.timecode == "01:00:00:00"'

# --- a supplemental package: new picture, the audio from the earlier delivery
mkdir supp && cp pic2.mxf supp/
"$SYNTH" imp -o supp --like clean/CPL_*.xml --seed 9 --picture supp/pic2.mxf --audio clean/snd.mxf >/dev/null
inspect supp
check "supplemental alone: audio unresolved" only_finding TRACK_FILE_UNRESOLVED blocker
inspect supp --previous clean
check "supplemental: exit 0" test "$rc" -eq 0
check "supplemental: resolved" jqt out.json '.status == "pass" and (.findings | length) == 0'
check "supplemental: statuses" jqt out.json '[.compositions[0].tracks[] | [.kind, .status]] == [["video","modified"],["audio","unmodified"]]'
check "supplemental: previous package listed" jqt out.json '[.packages[].previous] == [false, true]'
mkdir dropped && cp pic2.mxf dropped/
"$SYNTH" imp -o dropped --like clean/CPL_*.xml --seed 10 --picture dropped/pic2.mxf >/dev/null
inspect dropped --previous clean
check "dropped: exit 1" test "$rc" -eq 1
check "dropped: TRACK_DROPPED" only_finding TRACK_DROPPED blocker
check "dropped: names the track" jqt out.json '.findings[0].message | test("MainAudioSequence")'

# --- timeline: a splice joining two waveforms clicks, two pictures meeting make a cut; the same
# essence continuing across two resources is no splice at all
"$SYNTH" mxf-audio -o snd3.mxf --seconds 3 --seed 6 >/dev/null
mkdir splice && cp pic.mxf pic2.mxf snd3.mxf splice/
"$SYNTH" imp -o splice --seed 11 --picture splice/pic.mxf:0:24 --picture splice/pic2.mxf:0:24 \
    --audio splice/snd3.mxf:0:48000 --audio splice/snd3.mxf:60000:48000 >/dev/null
inspect splice
check "splice: exit 0 (issues only)" test "$rc" -eq 0
check "splice: clicks where the second audio resource begins" jqt out.json '[.findings[] | select(.code == "AUDIO_DIGITAL_HIT")] | length >= 1 and all(.start.timecode == "01:00:01:00" and .start.composition_edit_unit == 24 and .start.edit_unit == 60000 and .severity == "issue" and (.message | test("where resource")))'
check "splice: nothing else (the synthetic programme's loudness aside)" jqt out.json '[.findings[] | select(.code != "AUDIO_DIGITAL_HIT" and .code != "AUDIO_LOUDNESS")] | length == 0'
check "splice: the cut on the composition" jqt out.json '.compositions[0].metrics | .scene_changes == [24] and .splices.picture == 1 and .splices.picture_cuts == 1 and .splices.audio == 1'
check "splice: loudness as it plays" jqt out.json '.compositions[0].metrics.loudness.integrated_lufs | type == "number"'
mkdir seamless && cp pic.mxf snd3.mxf seamless/
"$SYNTH" imp -o seamless --seed 12 --picture seamless/pic.mxf:0:24 --picture seamless/pic.mxf:24:24 \
    --audio seamless/snd3.mxf:0:48000 --audio seamless/snd3.mxf:48000:48000 >/dev/null
inspect seamless
check "seamless: no splice, no click" jqt out.json '([.findings[] | select(.code != "AUDIO_LOUDNESS")] | length) == 0 and .compositions[0].metrics.splices == {"picture": 0, "picture_cuts": 0, "audio": 0} and .compositions[0].metrics.scene_changes == []'

# --- XML attacks: a DOCTYPE is refused unread, whatever it asks for
mkimp xxe
cpl=$(ls xxe/CPL_*.xml)
{ echo '<?xml version="1.0"?>'; echo '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
  tail -n +2 "$cpl"; } >x.tmp && mv x.tmp "$cpl"
inspect xxe --no-hash
check "external entity: CPL_INVALID" jqt out.json '[.findings[] | select(.code == "CPL_INVALID")][0].message | test("DOCTYPE is not allowed")'
check "external entity: nothing of it in the report" test "$(grep -c 'root:' out.json)" -eq 0
mkimp laughs
am=laughs/ASSETMAP.xml
{ echo '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
  tail -n +2 "$am"; } >x.tmp && mv x.tmp "$am"
inspect laughs
check "entity expansion: ASSETMAP_INVALID, exit 1" jqt out.json '.findings[0].code == "ASSETMAP_INVALID" and (.findings[0].message | test("DOCTYPE"))'

finish
