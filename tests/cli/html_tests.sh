#!/bin/bash
# SPDX-License-Identifier: MIT
# The HTML report, opened in headless Chromium: an IMP with defects at known places (a picture
# with a hard cut, a black run and two damaged frames; audio with a click and a dropout; a CPL
# whose ColorPrimaries disagree with the MXF) gives a page without console errors whose
# sections, finding rows, timeline marks, plots, thumbnails and descriptor diff are all there;
# a clean package, a WAV master and a ProRes master give their own pages. The page fetches
# nothing.
# Usage: html_tests.sh IMFQC IMFQC_SYNTH
set -u
IMFQC="$1"
SYNTH="$2"
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=html
. "$HERE/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    echo "html: chromium is missing (scripts/setup.sh installs it)" >&2
    exit 2
fi

# browse PAGE: a screenshot (shot.png), the DOM after scripts ran (dom.html) and the console
# lines Chromium logged (console.txt); a fresh profile each time, nothing leaves the machine
browse() {
    local page="$WORK/$1" flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars
        --no-first-run --disable-extensions --disable-background-networking
        --user-data-dir="$WORK/chrome-profile" --enable-logging=stderr --v=0)
    rm -f shot.png dom.html console.txt
    timeout 120 "$CHROMIUM" "${flags[@]}" --window-size=1280,3000 --screenshot="$WORK/shot.png" \
        "file://$page" 2>chrome.err >/dev/null
    grep "CONSOLE" chrome.err >console.txt
    timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$page" >dom.html 2>chrome.err
    grep "CONSOLE" chrome.err >>console.txt
}
count() { grep -o -- "$1" "$2" | wc -l; } # count PATTERN FILE: occurrences, not lines
png_ok() { [ -s shot.png ] && [ "$(head -c 8 shot.png | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] && [ "$(stat -c %s shot.png)" -gt 20000 ]; }
no_network() { # no external fetch possible: no URL in src/href, a CSP that forbids it
    ! grep -Eq '(src|href)="(https?:|//)' "$1" && grep -q "default-src 'none'" "$1" &&
        ! grep -q '<link' "$1" && ! grep -q '<script src' "$1"
}

# --- an IMP with defects at known places
gen mxf-video -o pic.mxf --frames 144 --width 640 --height 360 --rate 24 --seed 5 --cut 40 \
    --black 70:125 --damage 30:garbage --damage 130:header
gen mxf-audio -o snd.mxf --seconds 6 --layout 5.1 --seed 6 --click 2:3.0s:-12 --zero 0:4.0s:4.05s
mkdir base && cp pic.mxf snd.mxf base/
gen imp -o base --seed 3 --picture base/pic.mxf --audio base/snd.mxf
cpl_edit base imp 's|<r1:ColorPrimaries>urn:smpte:ul:060e2b34.04010106.04010101.03030000<|<r1:ColorPrimaries>urn:smpte:ul:060e2b34.0401010d.04010101.03040000<|'

expect_exit 1 "defective IMP: blockers" "$IMFQC" inspect --format json --progress none \
    --report r.html --report r.json imp
check "the json report names the six findings" jqt r.json '[.findings[].code] | sort == ["AUDIO_DIGITAL_HIT", "AUDIO_DROPOUT", "ESSENCE_DESCRIPTOR_MISMATCH", "VIDEO_BLACK", "VIDEO_UNDECODABLE_FRAME", "VIDEO_UNDECODABLE_FRAME"]'
check "html written" test -s r.html
check "html fetches nothing" no_network r.html
browse r.html
check "screenshot is a PNG" png_ok
check "no console messages" test ! -s console.txt
[ -s console.txt ] && cat console.txt >&2
for id in verdict summary fix-first by-stage compositions delivery tracks findings settings \
    timeline-composition-1 timeline-track-1 timeline-track-2 loudness-track-2 levels-track-2 \
    frames-track-1 shots-track-1 findings-table; do
    check "section #$id" grep -q "id=\"$id\"" dom.html
done
check "verdict FAIL with the counts" grep -q '<h1>FAIL</h1>' dom.html
check "title says it" grep -q '<title>imfqc fail: 3 blocker, 3 issue, 0 fyi' dom.html
check "one row per finding" test "$(count '<tr id="f-' dom.html)" -eq 6
check "fix-first lists the 3 blockers" test "$(sed -n '/id="fix-first"/,/<\/table>/p' dom.html | grep -c 'class="sev"')" -eq 3
row() { # row CODE TIMECODE: a findings-table row with this code at this timecode
    grep -A1 "<code>$1</code>" dom.html | grep -q "$2"
}
check "row: undecodable frame 30 at 01:00:01:06" row VIDEO_UNDECODABLE_FRAME 01:00:01:06
check "row: undecodable frame 130 at 01:00:05:10" row VIDEO_UNDECODABLE_FRAME 01:00:05:10
check "row: black run at 01:00:02:22" row VIDEO_BLACK 01:00:02:22
check "row: click at 01:00:03:00 on C" grep -q 'snd.mxf C</td><td class="mono">01:00:03:00' dom.html
check "row: dropout at 01:00:04:00 on L" grep -q 'snd.mxf L</td><td class="mono">01:00:04:00' dom.html
check "descriptor diff as a table" grep -q '<td>RGBADescriptor/ColorPrimaries</td><td>urn:smpte:ul:060e2b34.0401010d.04010101.03040000</td><td>urn:smpte:ul:060e2b34.04010106.04010101.03030000</td>' dom.html
# every finding is a mark on the composition timeline (the descriptor one on the picture lane)
check "composition timeline: 6 marks" test "$(sed -n '/id="timeline-composition-1"/,/<\/svg>/p' dom.html | grep -c 'class="mark"')" -eq 6
check "composition timeline: 3 shots" test "$(sed -n '/id="timeline-composition-1"/,/<\/svg>/p' dom.html | grep -c 'new shot at edit unit')" -eq 3
check "track timeline: audio marks on L and C lanes" test "$(sed -n '/id="timeline-track-2"/,/<\/svg>/p' dom.html | grep -c 'class="mark"')" -eq 2
check "loudness: momentary and short-term lines" test "$(sed -n '/id="loudness-track-2"/,/<\/svg>/p' dom.html | grep -c -E 'class="(momentary|short-term)"')" -ge 2
check "levels: 6 channels with true peak" test "$(sed -n '/id="levels-track-2"/,/<\/svg>/p' dom.html | grep -c 'channel [0-9]* true peak [-0-9.]* dBTP</title>')" -eq 6
frames=$(sed -n '/id="frames-track-1"/,/<\/div>$/p' dom.html)
check "finding frames: 70 pictured, 30 and 130 not decodable" test \
    "$(grep -c 'id="frame-1-70-0"><img' <<<"$frames")/$(grep -c 'id="frame-1-30-0"><div class="nopic"' <<<"$frames")/$(grep -c 'id="frame-1-130-0"><div class="nopic"' <<<"$frames")" = 1/1/1
check "shot strip: frames 0, 40, 70, 125" test "$(grep -o 'id="frame-1-[0-9]*-1"><img' dom.html | tr '\n' ' ')" = 'id="frame-1-0-1"><img id="frame-1-40-1"><img id="frame-1-70-1"><img id="frame-1-125-1"><img '
check "thumbnails are PNG" test "$(count 'src="data:image/png;base64,iVBORw0KGgo' dom.html)" -eq 5

# --- the same package, clean: a PASS page with no rows
gen mxf-video -o clean.mxf --frames 48 --width 320 --height 180 --seed 7
gen mxf-audio -o clean-snd.mxf --seconds 2 --seed 8
mkdir clean && cp clean.mxf clean-snd.mxf clean/
gen imp -o clean --seed 4 --picture clean/clean.mxf --audio clean/clean-snd.mxf
expect_exit 0 "clean IMP" "$IMFQC" inspect --format json --progress none --report clean.html clean
browse clean.html
check "clean: no console messages" test ! -s console.txt
check "clean: PASS" grep -q '<h1>PASS</h1>' dom.html
check "clean: no rows, says so" test "$(count '<tr id="f-' dom.html)" -eq 0 -a "$(grep -c 'No findings.' dom.html)" -eq 1
check "clean: no finding frames, one shot" test "$(count 'id="frame-1-' dom.html)" -eq 1

# --- a WAV master: no package sections, a loudness plot
gen programme -o m.wav --seconds 12 --click 1:5.0s:-12
expect_exit 0 "wav master" "$IMFQC" inspect --format json --progress none --report m.html m.wav
browse m.html
check "wav: no console messages" test ! -s console.txt
check "wav: no composition or delivery section" test "$(grep -c -E 'id="(compositions|delivery)"' dom.html)" -eq 0
check "wav: loudness and levels plots" test "$(grep -c -E 'id="(loudness|levels)-track-1"' dom.html)" -eq 2
check "wav: the click row at 0:00:05.000 on R" grep -q 'm.wav R</td><td class="mono">0:00:05.000' dom.html

# --- a ProRes master (pictures through FFmpeg, seeking by frame rate): black from 1.0 s to 3.6 s
if ffmpeg -loglevel error -y -f lavfi -i "testsrc=size=640x360:rate=24:duration=6,drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,1,3.6)'" \
    -c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le p.mov; then ok; else bad "ffmpeg prores"; fi
expect_exit 0 "prores master" "$IMFQC" inspect --format json --progress none --report p.html p.mov
browse p.html
check "prores: no console messages" test ! -s console.txt
check "prores: the black frame 24 pictured" grep -q 'id="frame-1-24-0"><img' dom.html
check "prores: shots at 0, 24 and 87 pictured" test "$(grep -o 'id="frame-1-[0-9]*-1"><img' dom.html | tr '\n' ' ')" = 'id="frame-1-0-1"><img id="frame-1-24-1"><img id="frame-1-87-1"><img '

finish
