#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs session_test (the public API against the shared library) on synthesized WAVs.
# Usage: session_tests.sh SOURCE_DIR SYNTH SESSION_TEST
set -u
SRC="$1" SYNTH="$2" TEST="$3"
NAME=session
OUT=out.txt
# shellcheck source=../cli/lib.sh
. "$SRC/tests/cli/lib.sh"
check "synthesize the WAVs" sh -c "'$SYNTH' programme -o clean.wav --seconds 6 &&
    '$SYNTH' programme -o click.wav --seconds 6 --click 2:3.0s:-12"
check "session_test" "$TEST" clean.wav click.wav "$WORK"
finish
