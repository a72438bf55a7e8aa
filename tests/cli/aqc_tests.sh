#!/bin/bash
# SPDX-License-Identifier: MIT
# Automated QC on metadata: the sample IMP with one CPL edit per case gives exactly one
# ESSENCE_DESCRIPTOR_MISMATCH with the exact property diff; the unmodified IMP gives none; the
# normalized comparison forgives a UL written with another version byte and nothing else;
# languages against --expect-language and the CPL's LocaleList.
# Usage: aqc_tests.sh IMFQC IMFQC_SYNTH
set -u
IMFQC="$1"
SYNTH="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=aqc
. "$HERE/lib.sh"

"$SYNTH" mxf-video -o pic.mxf --frames 24 --seed 3 >/dev/null || exit 2
"$SYNTH" mxf-audio -o snd.mxf --seconds 1 --seed 4 --language en >/dev/null || exit 2
"$SYNTH" mxf-audio -o fr.mxf --seconds 1 --seed 5 --language fr-CA >/dev/null || exit 2
mkdir base && cp pic.mxf snd.mxf base/
"$SYNTH" imp -o base --picture base/pic.mxf --audio base/snd.mxf >/dev/null || exit 2

inspect() { # inspect DIR [options...] > out.json; the exit status in $rc
    "$IMFQC" inspect --format json --progress none "$@" >out.json 2>err.txt
    rc=$?
}
edit() { cpl_edit base "$@"; } # edit CASE SED-SCRIPT: a copy of base with its CPL edited
one_mismatch() { # one_mismatch DIFF-JSON: the only finding, blocker, with exactly this diff
    jqt out.json "(.findings | length) == 1 and .findings[0].code == \"ESSENCE_DESCRIPTOR_MISMATCH\"
                  and .findings[0].severity == \"blocker\" and .findings[0].family == \"IMF_CPL_ERROR\"
                  and .findings[0].details.diff == $1"
}

inspect base
check "unmodified: exit 0" test "$rc" -eq 0
check "unmodified: no finding" jqt out.json '(.findings | length) == 0 and .settings.descriptor_compare == "exact"'

# ColorPrimaries BT.709 -> BT.2020
edit primaries 's|<r1:ColorPrimaries>urn:smpte:ul:060e2b34.04010106.04010101.03030000<|<r1:ColorPrimaries>urn:smpte:ul:060e2b34.0401010d.04010101.03040000<|'
inspect primaries
check "ColorPrimaries: exit 1" test "$rc" -eq 1
check "ColorPrimaries: the diff" one_mismatch '[{"path": "RGBADescriptor/ColorPrimaries", "cpl": "urn:smpte:ul:060e2b34.0401010d.04010101.03040000", "mxf": "urn:smpte:ul:060e2b34.04010106.04010101.03030000"}]'
check "ColorPrimaries: placed and named" jqt out.json '.findings[0] | .start.timecode == "01:00:00:00" and (.message | test("1 property differs, first RGBADescriptor/ColorPrimaries")) and .details.compare == "exact"'

# a mastering-display property the MXF does not have
edit mastering 's|\( *\)<r1:ColorPrimaries>|\1<r1:MasteringDisplayMaximumLuminance>10000000</r1:MasteringDisplayMaximumLuminance>\n&|'
inspect mastering
check "added property: the diff" one_mismatch '[{"path": "RGBADescriptor/MasteringDisplayMaximumLuminance", "cpl": "10000000", "mxf": null}]'

# the JPEG 2000 sub-descriptor removed
edit nosub '/<r0:JPEG2000SubDescriptor>/,/<\/r0:JPEG2000SubDescriptor>/d'
inspect nosub
check "removed sub-descriptor: the diff" one_mismatch '[{"path": "RGBADescriptor/SubDescriptors/JPEG2000SubDescriptor", "cpl": null, "mxf": "<JPEG2000SubDescriptor> with 15 properties"}]'

# AudioSampleRate 48000/1 -> 96000/1
edit rate 's|<r1:AudioSampleRate>48000/1<|<r1:AudioSampleRate>96000/1<|'
inspect rate
check "sample rate: the diff" one_mismatch '[{"path": "WAVEPCMDescriptor/AudioSampleRate", "cpl": "96000/1", "mxf": "48000/1"}]'

# the soundfield group's language en -> fr (the channels keep theirs)
edit lang '0,/<r1:RFC5646SpokenLanguage>en</s|<r1:RFC5646SpokenLanguage>en<|<r1:RFC5646SpokenLanguage>fr<|'
inspect lang
check "language: the diff" one_mismatch '[{"path": "WAVEPCMDescriptor/SubDescriptors/SoundfieldGroupLabelSubDescriptor/RFC5646SpokenLanguage", "cpl": "fr", "mxf": "en"}]'

# a UL with another version byte: exact mode says so, normalized mode forgives it and only it
edit version 's|<r1:ColorPrimaries>urn:smpte:ul:060e2b34.04010106.|<r1:ColorPrimaries>urn:smpte:ul:060E2B34.0401010D.|'
inspect version
check "version byte: exact mode finds it" jqt out.json '(.findings | length) == 1 and .findings[0].details.diff[0].path == "RGBADescriptor/ColorPrimaries"'
inspect version --descriptor-compare normalized
check "version byte: normalized mode forgives it" jqt out.json '(.findings | length) == 0 and .settings.descriptor_compare == "normalized"'
inspect primaries --descriptor-compare normalized
check "normalized mode still finds a real change" jqt out.json '(.findings | length) == 1 and .findings[0].details.compare == "normalized" and .findings[0].details.diff[0].cpl == "urn:smpte:ul:060e2b34.0401010d.04010101.03040000"'

# an EssenceDescriptor no resource uses
edit unused 's|<EssenceDescriptorList>|<EssenceDescriptorList><EssenceDescriptor><Id>urn:uuid:00000000-0000-4000-8000-000000000001</Id><Unused/></EssenceDescriptor>|'
inspect unused
check "unused descriptor: one issue" jqt out.json '(.findings | length) == 1 and .findings[0].code == "ESSENCE_DESCRIPTOR_MISMATCH" and .findings[0].severity == "issue" and (.findings[0].message | test("referenced by no resource"))'

# --- languages
inspect base --expect-language en
check "expected language: none found" jqt out.json '(.findings | length) == 0 and .settings.expect_language == "en" and ([.track_files[] | select(.kind == "audio") | .essence.language] == ["en"])'
inspect base --expect-language EN
check "tags compare case-insensitively" jqt out.json '(.findings | length) == 0'
inspect base --expect-language de
check "another language: exit 1" test "$rc" -eq 1
check "another language: LANGUAGE_MISMATCH blocker" jqt out.json '(.findings | length) == 1 and .findings[0].code == "LANGUAGE_MISMATCH" and .findings[0].severity == "blocker" and .findings[0].details.expected == "de" and .findings[0].details.language == "en" and .findings[0].composition != null'
inspect fr.mxf --expect-language fr
check "a range covers its regions (fr covers fr-CA)" jqt out.json '(.findings | map(select(.code | startswith("LANGUAGE"))) | length) == 0'
"$SYNTH" tone -o plain.wav --freq 1000 --dbfs -20 --seconds 1 >/dev/null
inspect plain.wav --expect-language en
check "no tag: LANGUAGE_MISSING issue" jqt out.json '[.findings[] | select(.code | startswith("LANGUAGE"))] | length == 1 and .[0].code == "LANGUAGE_MISSING" and .[0].severity == "issue"'
expect_exit 2 "a malformed --expect-language is a usage error" "$IMFQC" inspect --expect-language "e n" base
# the CPL's LocaleList against the audio
edit locale 's|</TotalRunningTime>|&<LocaleList><Locale><LanguageList><Language>de</Language></LanguageList></Locale></LocaleList>|'
inspect locale
check "LocaleList against the audio: LANGUAGE_MISMATCH issue" jqt out.json '[.findings[] | select(.code == "LANGUAGE_MISMATCH")] | length == 1 and .[0].severity == "issue" and (.[0].message | test("LocaleList"))'

finish
