# SPDX-License-Identifier: MIT
# Shared by the command-line test scripts: a scratch folder, counters and assertions.
# Source it after setting NAME; it cd's into a fresh folder removed on exit.
WORK="$(mktemp -d "/tmp/imfqc-$NAME-XXXXXX")"
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
expect_exit() { # expect_exit CODE DESCRIPTION COMMAND...
    local want="$1" what="$2"; shift 2
    "$@" >out.json 2>err.txt
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
finish() { # the closing line ctest and CI read, and the exit status
    echo "$NAME: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
