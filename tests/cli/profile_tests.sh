#!/bin/bash
# SPDX-License-Identifier: MIT
# Profiles and the analyzer listing: a profile file sets thresholds and severities; every mistake
# in one is a usage error (exit 2) that names the file and the key path; the report echoes what
# ran; `imfqc analyzers` lists every option with its default, unit and range.
# Usage: profile_tests.sh IMFQC IMFQC_SYNTH
set -u
IMFQC="$1"
SYNTH="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=profile
. "$HERE/lib.sh"

gen programme -o clean.wav --seconds 12
gen programme -o defects.wav --seconds 12 --click 2:6.0s:-12

# --- a profile file applied: thresholds, severities, the echo
cat > house.json <<'JSON'
{"name": "house", "description": "louder streaming deliverables",
 "analyzers": {"loudness": {"target_lufs": -16, "tolerance_lu": 1},
               "silence": {"per_channel": false}},
 "severity": {"AUDIO_DIGITAL_HIT": "blocker"}, "max_findings_per_code": 50}
JSON
expect_exit 1 "profile file" "$IMFQC" inspect --format json --progress none --profile house.json defects.wav
check "profile applied" jqt out.json '.settings.profile == "house" and ([.findings[].code] | index("AUDIO_LOUDNESS") != null) and ([.findings[] | select(.code == "AUDIO_DIGITAL_HIT")][0].severity == "blocker")'
check "severities echoed" jqt out.json '.settings.severity == {"AUDIO_DIGITAL_HIT": "blocker"} and .settings.max_findings_per_code == 50'
check "options echoed" jqt out.json '.settings.analyzers.loudness == {"target_lufs": -16, "tolerance_lu": 1} and .settings.analyzers.silence.per_channel == 0 and .settings.analyzers.silence.threshold_dbfs == -60'
echo '{"base": "ebu-r128", "analyzers": {"loudness": {"tolerance_lu": 0.5}}}' >based.json
expect_exit 0 "profile on a base" "$IMFQC" inspect --format json --progress none --profile based.json clean.wav
check "base and file both" jqt out.json '.settings.analyzers.loudness == {"target_lufs": -23, "tolerance_lu": 0.5} and .settings.analyzers.true_peak.issue_dbtp == -1'
expect_exit 0 "ebu-r128 profile" "$IMFQC" inspect --format json --progress none --profile ebu-r128 clean.wav
check "ebu-r128 target" jqt out.json '.settings.profile == "ebu-r128" and .settings.analyzers.loudness.target_lufs == -23'

# --- every kind of mistake: exit 2, and stderr names the file and the key path
refused() { # refused NAME JSON WANT: the profile NAME.json holding JSON is refused; stderr has WANT
    printf '%s\n' "$2" >"$1.json"
    expect_exit 2 "profile $1" "$IMFQC" inspect --format json --progress none --profile "$1.json" clean.wav
    check "profile $1: message" grep -qF -- "$3" err.txt
    check "profile $1: no report" test ! -s out.json
}
refused topkey '{"analyzer": {"silence": {"threshold_dbfs": -50}}}' \
    'topkey.json: analyzer: unknown key (name, description, base, analyzers'
refused analyzer '{"analyzers": {"silense": {"threshold_dbfs": -50}}}' \
    'analyzer.json: analyzers.silense: unknown analyzer (levels, silence,'
refused bare '{"analyzers": {"silense": {}}}' 'bare.json: analyzers.silense: unknown analyzer'
refused option '{"analyzers": {"silence": {"threshold_dbs": -50}}}' \
    'option.json: analyzers.silence.threshold_dbs: unknown option of silence (threshold_dbfs, min_duration_s,'
refused nooption '{"analyzers": {"levels": {"window_s": 1}}}' \
    'nooption.json: analyzers.levels.window_s: levels has no options'
refused string '{"analyzers": {"silence": {"threshold_dbfs": "-50"}}}' \
    'string.json: analyzers.silence.threshold_dbfs: must be a number, not a string'
refused boolean '{"analyzers": {"silence": {"threshold_dbfs": true}}}' \
    'boolean.json: analyzers.silence.threshold_dbfs: must be a number, not a boolean'
refused flag '{"analyzers": {"silence": {"per_channel": 2}}}' \
    'flag.json: analyzers.silence.per_channel: must be true or false, not 2'
refused object '{"analyzers": {"silence": -50}}' \
    'object.json: analyzers.silence: must be an object of options, not a number'
refused range '{"analyzers": {"loudness": {"target_lufs": -90}}}' \
    'range.json: analyzers.loudness.target_lufs: -90 is out of range [-60, 0]'
refused range2 '{"analyzers": {"silence": {"threshold_dbfs": 5}}}' \
    'range2.json: analyzers.silence.threshold_dbfs: 5 is out of range [-140, 0]'
refused integer '{"analyzers": {"clipping": {"min_run": 2.5}}}' \
    'integer.json: analyzers.clipping.min_run: 2.5 is not an integer'
refused code '{"severity": {"AUDIO_CLICK": "issue"}}' 'code.json: severity.AUDIO_CLICK: unknown finding code'
refused severity '{"severity": {"AUDIO_DC_OFFSET": "major"}}' \
    'severity.json: severity.AUDIO_DC_OFFSET: "major" is not a severity (fyi, issue, blocker)'
refused sevtype '{"severity": {"AUDIO_DC_OFFSET": 2}}' \
    'sevtype.json: severity.AUDIO_DC_OFFSET: must be "fyi", "issue" or "blocker", not a number'
refused base '{"base": "strict"}' 'base.json: base: unknown profile "strict" (default, ebu-r128)'
refused name '{"name": 7}' 'name.json: name: must be a string, not a number'
refused maxf '{"max_findings_per_code": 0}' 'maxf.json: max_findings_per_code: 0 is out of range [1, 1000000]'
refused maxtype '{"max_findings_per_code": "many"}' \
    'maxtype.json: max_findings_per_code: must be an integer, not a string'
refused array '[{"name": "house"}]' 'array.json: a profile is a JSON object, not an array'
refused syntax '{"analyzers": {"silence": {"threshold_dbfs": -50,}}}' 'syntax.json:1:'
refused twice '{"name": "a", "name": "b"}' 'twice.json:1:'
expect_exit 2 "unknown profile name" "$IMFQC" inspect --profile no-such-profile clean.wav
check "unknown profile named" grep -qF 'unknown profile "no-such-profile" (built-in: default, ebu-r128' err.txt

# --- the analyzer listing: every option with its default, unit and range
expect_exit 0 "analyzers --format json" "$IMFQC" analyzers --format json
check "analyzers json" jqt out.json '[.analyzers[].name] == ["levels","silence","dropout","digital_hit","clipping","dc_offset","phase","loudness","true_peak","channel_mapping","decodability","scene","black","freeze","fingerprint"] and (.analyzers[1].options[0] | .name == "threshold_dbfs" and .default == -60)'
check "every option has a unit" jqt out.json '[.analyzers[].options[]] | length > 40 and all(has("unit") and (.unit | type) == "string")'
check "units from the vocabulary" jqt out.json '[.analyzers[].options[].unit] - ["dBFS","dBTP","LUFS","LU","dB","s","ms","samples","frames","%","FS","fraction","times",""] == []'
check "units as the names say" jqt out.json '[.analyzers[].options[]] | ([.[] | select(.name | test("_dbfs$")) | .unit] | all(. == "dBFS")) and ([.[] | select(.name | test("_s$")) | .unit] | all(. == "s")) and ([.[] | select(.name | test("_ms$")) | .unit] | all(. == "ms"))'
check "option fields" jqt out.json '[.analyzers[].options[]] | all((.help | length) > 0 and (.type | IN("number","integer","boolean")) and .min <= .default and .default <= .max)'
check "media" jqt out.json '[.analyzers[].media] | all(IN("audio","video","track"))'
jq -r '.analyzers[] | .name as $a | .options[] | "\($a) \(.name)"' out.json >opts.txt
expect_exit 0 "analyzers text" "$IMFQC" analyzers
check "text: silence threshold row" grep -qE '^ +threshold_dbfs +-60 +dBFS +\[-140, 0\] +peak below this is silence$' out.json
check "text: loudness target row" grep -qE '^ +target_lufs +-24 +LUFS +\[-60, 0\] ' out.json
check "text: boolean row" grep -qE '^ +per_channel +true +true\|false +also report' out.json
check "text: header per analyzer" test "$(grep -cE '^[a-z_]+ \((audio|video|track)\): ' out.json)" -eq 15
missing=0
while read -r a o; do
    grep -qE "^ +$o " out.json || { missing=1; echo "not listed: $a $o" >&2; }
done <opts.txt
check "text: every option listed" test "$missing" -eq 0

finish
