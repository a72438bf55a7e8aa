# SPDX-License-Identifier: MIT
# Shared by the command-line and install test scripts: a scratch folder, counters and assertions.
# Source it after setting NAME; it cd's into a fresh folder removed on exit.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/imfqc-$NAME-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { # check DESCRIPTION COMMAND...
    local what="$1"; shift
    if "$@"; then ok; else bad "$what"; fi
}
expect_exit() { # expect_exit CODE DESCRIPTION COMMAND...: stdout in $OUT (out.json), stderr in err.txt
    local want="$1" what="$2"; shift 2
    "$@" >"${OUT:-out.json}" 2>err.txt
    local got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, want $want"; cat err.txt >&2; fi
}
jqt() { # jqt FILE FILTER: the filter must yield true
    [ "$(jq -r "$2" "$1" 2>/dev/null)" = "true" ]
}
gen() { # gen COMMAND ARGS...: "$SYNTH" (imfqc-synth) must succeed silently
    if "$SYNTH" "$@" >gen.out 2>&1 && [ ! -s gen.out ]; then
        ok
    else
        bad "imfqc-synth $*"
        cat gen.out >&2
    fi
}
sha1b64() { openssl sha1 -binary "$1" | base64; }
# cpl_edit SRC DST SED-SCRIPT: a copy of package SRC whose CPL is edited by the script, its PKL
# Hash and Size and ASSETMAP Length repacked, so that only the edit shows
cpl_edit() {
    local src="$1" dir="$2" script="$3"
    cp -r "$src" "$dir"
    local cpl pkl old_hash old_size
    cpl=$(ls "$dir"/CPL_*.xml)
    pkl=$(ls "$dir"/PKL_*.xml)
    old_hash=$(sha1b64 "$cpl")
    old_size=$(stat -c %s "$cpl")
    sed -i -e "$script" "$cpl"
    sed -i "s|<Hash>$old_hash</Hash>|<Hash>$(sha1b64 "$cpl")</Hash>|; s|<Size>$old_size</Size>|<Size>$(stat -c %s "$cpl")</Size>|" "$pkl"
    sed -i "s|<Length>$old_size</Length>|<Length>$(stat -c %s "$cpl")</Length>|" "$dir/ASSETMAP.xml"
}
finish() { # the closing line ctest and CI read, and the exit status
    echo "$NAME: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
