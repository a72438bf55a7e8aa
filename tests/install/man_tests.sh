#!/bin/bash
# SPDX-License-Identifier: MIT
# The man page: groff finds nothing to warn about, and it documents every option and command
# that `imfqc --help` lists.
# Usage: man_tests.sh SOURCE_DIR IMFQC
set -u
SRC="$1" IMFQC="$2"
NAME=man
OUT=out.txt
# shellcheck source=../cli/lib.sh
. "$SRC/tests/cli/lib.sh"
PAGE="$SRC/cli/imfqc.1"

if ! command -v groff >/dev/null; then
    echo "man: groff (groff-base) missing: skipped" >&2
    exit 77
fi
groff -man -ww -z "$PAGE" >groff.txt 2>&1
check "groff -man -ww: no warning" test ! -s groff.txt
[ -s groff.txt ] && cat groff.txt >&2
# the rendered text, with roff's \- turned back into plain hyphens
groff -man -Tutf8 -P-cbou "$PAGE" 2>/dev/null | sed 's/\xe2\x80\x90/-/g' >page.txt
"$IMFQC" --help >help.txt
options="$(grep -oE -- '--[a-z][a-z-]+' help.txt | sort -u)"
check "imfqc --help lists options" test -n "$options"
for o in $options; do
    check "the page documents $o" grep -qF -- "$o" page.txt
done
for c in inspect probe analyzers; do
    check "the page documents the $c command" grep -qE "^ +$c\$|^ +$c " page.txt
done
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" REPORTS EXAMPLES "SEE ALSO"; do
    check "section $s" grep -qx "$s" page.txt
done
for code in 0 1 2 3 130; do
    check "exit status $code" grep -qE "^ +$code( |,|\$)" page.txt
done
check "the page names the report schema" grep -q 'imfqc-report/1' page.txt
finish
