#!/bin/bash
# SPDX-License-Identifier: MIT
# The package writer (imfqc-synth imp) checked with tools that share none of its code: xmllint for
# well-formedness and the values, `openssl sha1 | base64` for every PKL Hash, the file system for every
# ASSETMAP Path and Length, ffprobe (when installed) for the file package UMIDs behind the Ids. Then each
# --defect must change exactly what it names, and the same arguments must give the same bytes.
# Usage: imp_package.sh IMFQC_SYNTH   (exit 0 pass, 1 fail, 77 skip: no xmllint/openssl/base64)
set -u
[ $# -eq 1 ] || { echo "usage: $0 IMFQC_SYNTH" >&2; exit 2; }
case "$1" in /*) SYNTH="$1" ;; *) SYNTH="$PWD/$1" ;; esac
for tool in xmllint openssl base64; do
    command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
HERE="$(cd "$(dirname "$0")" && pwd)"
NAME=imp-package
. "$HERE/../cli/lib.sh"
# lx FILE FUNCTION PATH: an XPath function of a namespace-blind path: //Asset[Id='x']/Hash stands for
# //*[local-name()='Asset'][*[local-name()='Id']='x']/*[local-name()='Hash']. Quoted text stays as it is.
lx() {
    local out="" seg rest="$3" quoted=0
    while :; do
        seg=${rest%%\'*}
        if [ "$quoted" -eq 1 ]; then
            out+=$seg
        else
            out+=$(printf '%s' "$seg" |
                sed -E "s#(^|[/[(])([A-Za-z][A-Za-z0-9]*)#\1*[local-name()='\2']#g")
        fi
        [ "$seg" = "$rest" ] && break
        out+="'"
        rest=${rest#*\'}
        quoted=$((1 - quoted))
    done
    xmllint --nonet --xpath "$2($out)" "$1" 2>/dev/null
}
sha1() { openssl sha1 -binary <"$1" | base64; }
cpl() { echo "$1"/CPL_*.xml; }
pkl() { echo "$1"/PKL_*.xml; }
umid_uuid() { # the track file UUID of an MXF as ffprobe reads it (UMID bytes 16..31)
    ffprobe -v error -show_entries stream_tags=file_package_umid -of csv=p=0 "$1" |
        tr 'A-F' 'a-f' | sed -E 's/^0x.{32}(.{8})(.{4})(.{4})(.{4})(.{12})$/urn:uuid:\1-\2-\3-\4-\5/'
}

# package(DIR): every XML well-formed, every PKL asset's Hash and Size those of the file its ASSETMAP
# Path names, every Path a regular file inside DIR.
package() {
    local dir="$1" am="$1/ASSETMAP.xml" p i n id path hash size fails=0
    for x in "$am" "$(cpl "$dir")" "$(pkl "$dir")"; do
        xmllint --noout --nonet "$x" || fails=1
    done
    n=$(lx "$am" count //AssetList/Asset)
    for ((i = 1; i <= n; i++)); do
        path=$(lx "$am" string "//AssetList/Asset[$i]//Path")
        case "$path" in
            /* | ../* | */../*) fails=1; echo "$am: Path $path leaves the package" >&2 ;;
        esac
        [ -f "$dir/$path" ] && [ ! -L "$dir/$path" ] || { fails=1; echo "$am: no file $path" >&2; }
        [ "$(lx "$am" string "//AssetList/Asset[$i]//Length")" = "$(stat -c %s "$dir/$path")" ] ||
            fails=1
    done
    p=$(pkl "$dir")
    n=$(lx "$p" count //AssetList/Asset)
    for ((i = 1; i <= n; i++)); do
        id=$(lx "$p" string "//AssetList/Asset[$i]/Id")
        hash=$(lx "$p" string "//AssetList/Asset[$i]/Hash")
        size=$(lx "$p" string "//AssetList/Asset[$i]/Size")
        path=$(lx "$am" string "//Asset[Id='$id']//Path")
        [ -n "$path" ] && [ "$hash" = "$(sha1 "$dir/$path")" ] &&
            [ "$size" = "$(stat -c %s "$dir/$path")" ] ||
            { fails=1; echo "$p: asset $id ($path): Hash or Size is not the file's" >&2; }
    done
    [ "$fails" -eq 0 ]
}

mkdir pkg
gen mxf-video -o pkg/v.mxf --frames 48 --width 64 --height 36 --seed 11
gen mxf-audio -o pkg/a.mxf --seconds 2 --layout stereo --seed 12
gen imp -o pkg --title "Feature & <Title>" --picture pkg/v.mxf --audio pkg/a.mxf
check "package: well-formed, hashes, sizes, paths" package pkg
C=$(cpl pkg)
P=$(pkl pkg)
AM=pkg/ASSETMAP.xml
ns() { xmllint --nonet --xpath 'namespace-uri(/*)' "$1"; }
same() { check "$1" [ "$2" = "$3" ]; }
same "CPL namespace" "$(ns "$C")" "http://www.smpte-ra.org/schemas/2067-3/2016"
same "PKL namespace" "$(ns "$P")" "http://www.smpte-ra.org/schemas/2067-2/2016/PKL"
same "ASSETMAP namespace" "$(ns "$AM")" "http://www.smpte-ra.org/schemas/429-9/2007/AM"
cpl_id=$(lx "$C" string /CompositionPlaylist/Id)
same "the title is text, escaped" "$(lx "$C" string //ContentTitle)" "Feature & <Title>"
same "the CPL file is named after its Id" "$C" "pkg/CPL_${cpl_id#urn:uuid:}.xml"
same "the CPL's Id is its PKL asset Id" "$(lx "$P" string "//Asset[Type='text/xml']/Id")" "$cpl_id"
same "the PKL is listed as a packing list" "$(lx "$AM" string "//Asset[PackingList='true']/Id")" \
    "$(lx "$P" string /PackingList/Id)"
same "three PKL assets" "$(lx "$P" count //Asset)" 3
same "four ASSETMAP assets" "$(lx "$AM" count //Asset)" 4
same "SHA-1 named in the PKL" 3 \
    "$(lx "$P" count "//HashAlgorithm[@Algorithm='http://www.w3.org/2000/09/xmldsig#sha1']")"
same "audio EditRate: the sample rate" "$(lx "$C" string //MainAudioSequence//EditRate)" "48000 1"
same "audio IntrinsicDuration in samples" "$(lx "$C" string //MainAudioSequence//IntrinsicDuration)" 96000
same "picture EditRate" "$(lx "$C" string //MainImageSequence//EditRate)" "24 1"
same "CPL EditRate: the picture's" "$(lx "$C" string /CompositionPlaylist/EditRate)" "24 1"
same "timecode start" "$(lx "$C" string //TimecodeStartAddress)" 01:00:00:00
same "timecode rate" "$(lx "$C" string //TimecodeRate)" 24
same "one EssenceDescriptor per track file" "$(lx "$C" count //EssenceDescriptor)" 2
same "each EssenceDescriptor used" "$(lx "$C" count "//Resource[SourceEncoding=//EssenceDescriptor/Id]")" 2
if command -v ffprobe >/dev/null; then
    same "picture TrackFileId: the MXF file package UMID" \
        "$(lx "$C" string //MainImageSequence//TrackFileId)" "$(umid_uuid pkg/v.mxf)"
    same "audio TrackFileId: the MXF file package UMID" \
        "$(lx "$C" string //MainAudioSequence//TrackFileId)" "$(umid_uuid pkg/a.mxf)"
fi

# Same arguments, same bytes (the directory's name is in none of them).
mkdir again
cp pkg/v.mxf pkg/a.mxf again/
gen imp -o again --title "Feature & <Title>" --picture again/v.mxf --audio again/a.mxf
for f in "$C" "$P" "$AM"; do
    check "same arguments, same $(basename "$f")" cmp -s "$f" "again/$(basename "$f")"
done

# A supplemental package: track files elsewhere are referenced, not listed; resources as given.
mkdir sup
gen imp -o sup --seed 2 --like "$C" --picture pkg/v.mxf:0:12 --picture pkg/v.mxf:24:12:2
S=$(cpl sup)
same "supplemental: only the CPL is an asset" "$(lx "$(pkl sup)" count //Asset)" 1
check "supplemental: well-formed, hashes, paths" package sup
same "supplemental: --like keeps the picture TrackId" "$(lx "$S" string //MainImageSequence/TrackId)" \
    "$(lx "$C" string //MainImageSequence/TrackId)"
same "supplemental: --like keeps the title" "$(lx "$S" string //ContentTitle)" "Feature & <Title>"
same "supplemental: no audio track (dropped)" "$(lx "$S" count //MainAudioSequence)" 0
same "supplemental: EntryPoint" "$(lx "$S" string "//Resource[2]/EntryPoint")" 24
same "supplemental: SourceDuration" "$(lx "$S" string "//Resource[2]/SourceDuration")" 12
same "supplemental: RepeatCount" "$(lx "$S" string "//Resource[2]/RepeatCount")" 2
same "supplemental: no RepeatCount of 1" "$(lx "$S" count "//Resource[1]/RepeatCount")" 0

# Errors: a message, exit 2, and no package left behind.
mkdir err
"$SYNTH" imp -o err --picture pkg/v.mxf:40:20 >err.out 2>&1
check "a resource past the file's end is refused" [ $? -eq 2 -a -s err.out -a -z "$(ls err)" ]
"$SYNTH" imp -o err --picture pkg/v.mxf --audio pkg/a.mxf:0:48000 >err.out 2>&1
check "sequences of different length are refused" [ $? -eq 2 -a -s err.out -a -z "$(ls err)" ]
{ echo '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'; tail -n +2 "$C"; } >xxe.xml
"$SYNTH" imp -o err --like xxe.xml --picture pkg/v.mxf >err.out 2>&1
check "--like refuses a CPL with a DOCTYPE" [ $? -eq 2 -a -s err.out -a -z "$(ls err)" ]

# --defect: each changes what it names. The reference is the clean package of the same seed.
defects="hash size missing path-dotdot path-absolute path-symlink uuid unresolved overrun unlisted cpl-id"
for d in $defects; do
    mkdir "d_$d"
    cp pkg/v.mxf pkg/a.mxf "d_$d/"
    gen imp -o "d_$d" --title "Feature & <Title>" --defect "$d" --picture "d_$d/v.mxf" --audio "d_$d/a.mxf"
done
pv() { lx "$(pkl "d_$1")" string "$2"; } # pv DEFECT PATH: a value of that package's PKL
amc() { lx "d_$1/ASSETMAP.xml" count "$2"; } # amc DEFECT PATH: a count in that package's ASSETMAP
check "hash: v.mxf's Hash is not its digest" \
    [ "$(pv hash "//Asset[OriginalFileName='v.mxf']/Hash")" != "$(sha1 d_hash/v.mxf)" ]
same "hash: a.mxf's Hash is its digest" "$(pv hash "//Asset[OriginalFileName='a.mxf']/Hash")" \
    "$(sha1 d_hash/a.mxf)"
same "size: v.mxf's Size is one more" "$(pv size "//Asset[OriginalFileName='v.mxf']/Size")" \
    $(($(stat -c %s d_size/v.mxf) + 1))
check "missing: a.mxf is gone" [ ! -e d_missing/a.mxf ]
same "missing: a.mxf is listed" "$(amc missing "//Path[.='a.mxf']")" 1
same "path-dotdot" "$(amc path-dotdot "//Path[.='../a.mxf']")" 1
same "path-absolute" "$(amc path-absolute "//Path[.='/etc/hostname']")" 1
same "path-symlink: the link" "$(readlink d_path-symlink/escape.mxf)" /etc/hostname
same "path-symlink: the Path" "$(amc path-symlink "//Path[.='escape.mxf']")" 1
uid=$(pv uuid "//Asset[OriginalFileName='a.mxf']/Id")
check "uuid: a.mxf's PKL Id is not its file package's" \
    [ "$uid" != "$(lx "$C" string //MainAudioSequence//TrackFileId)" ]
same "uuid: the CPL agrees with the PKL" "$(lx "$(cpl d_uuid)" string //MainAudioSequence//TrackFileId)" "$uid"
same "uuid: the ASSETMAP agrees with the PKL" "$(amc uuid "//Asset[Id='$uid']//Path[.='a.mxf']")" 1
tid=$(lx "$(cpl d_unresolved)" string //MainImageSequence//TrackFileId)
check "unresolved: the picture's TrackFileId is a UUID" [ -n "$tid" ]
same "unresolved: the PKL does not hold it" "$(lx "$(pkl d_unresolved)" count "//Asset[Id='$tid']")" 0
same "unresolved: the ASSETMAP does not hold it" "$(amc unresolved "//Asset[Id='$tid']")" 0
same "overrun: SourceDuration = IntrinsicDuration - EntryPoint + 10" \
    "$(lx "$(cpl d_overrun)" string //MainImageSequence//SourceDuration)" 58
check "unlisted: notes.txt is in DIR" [ -f d_unlisted/notes.txt ]
check "unlisted: nothing lists notes.txt" eval '! grep -q notes.txt d_unlisted/*.xml'
cpl_asset=$(pv cpl-id "//Asset[Type='text/xml']/Id")
same "cpl-id: the asset Id is the usual one" "$cpl_asset" "$cpl_id"
check "cpl-id: the CPL's Id is not its asset Id" \
    [ "$(lx "$(cpl d_cpl-id)" string /CompositionPlaylist/Id)" != "$cpl_asset" ]
for d in unlisted cpl-id overrun unresolved; do
    check "$d: the rest of the package is sound" package "d_$d"
done
for d in hash size missing path-dotdot path-absolute path-symlink; do
    check "the package check itself sees the $d defect" eval "! package d_$d 2>/dev/null"
done

finish
