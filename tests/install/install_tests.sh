#!/bin/bash
# SPDX-License-Identifier: MIT
# What `cmake --install` gives an integrator: the files in their places, a library that exports
# the functions of imfqc.h and nothing else, a header that stands alone, and the example program
# built against the installed tree twice (CMake package, pkg-config) and run on synthesized WAVs.
# Usage: install_tests.sh BUILD_DIR SOURCE_DIR LIBDIR SYNTH CC CMAKE [EXAMPLE_FLAGS]
# EXAMPLE_FLAGS: a sanitizer build's library needs its runtime in the executable, so the
# example is built with the same -fsanitize flags.
set -u
BUILD="$1" SRC="$2" LIBDIR="$3" SYNTH="$4" CC="$5" CMAKE="$6" FLAGS="${7:-}"
NAME=install
OUT=out.txt
# shellcheck source=../cli/lib.sh
. "$SRC/tests/cli/lib.sh"
PREFIX="$WORK/prefix"

# --- the installed tree
if "$CMAKE" --install "$BUILD" --prefix "$PREFIX" >install.log 2>&1; then ok; else
    bad "cmake --install"; cat install.log >&2; exit 1
fi
for f in bin/imfqc "$LIBDIR/libimfqc.so" "$LIBDIR/libimfqc.so.0" "$LIBDIR/libimfqc.so.0.1.0" \
    include/imfqc.h "$LIBDIR/pkgconfig/imfqc.pc" "$LIBDIR/cmake/imfqc/imfqcConfig.cmake" \
    "$LIBDIR/cmake/imfqc/imfqcConfigVersion.cmake" "$LIBDIR/cmake/imfqc/imfqcTargets.cmake" \
    share/man/man1/imfqc.1; do
    check "installed $f" test -e "$PREFIX/$f"
done
check "installed imfqc runs" sh -c "'$PREFIX/bin/imfqc' --version | grep -qx 'imfqc 0.1.0'"
LIB="$PREFIX/$LIBDIR/libimfqc.so.0"
check "soname libimfqc.so.0" sh -c "readelf -d '$LIB' | grep -q 'SONAME.*\[libimfqc.so.0\]'"

# --- exports: exactly the QC_API functions the installed header declares
sed -n 's/^QC_API .*[ *]\(qc_[a-z_]*\)(.*/\1/p' "$PREFIX/include/imfqc.h" | sort >declared.txt
nm -D --defined-only "$LIB" | awk '{print $NF}' | sed 's/@.*//' | sort >exported.txt
check "the header declares the API" test "$(wc -l <declared.txt)" -ge 15
if diff declared.txt exported.txt >exports.diff; then ok; else
    bad "exports differ from the header's QC_API functions (< header, > library)"
    cat exports.diff >&2
fi

# --- the header stands alone (C11 and C++), and includes no engine header
printf '#include <imfqc.h>\nint main(void) { return qc_version() == 0; }\n' >alone.c
check "imfqc.h compiles alone (C11, -pedantic -Werror)" \
    "$CC" -std=c11 -Wall -Wextra -pedantic -Werror -I"$PREFIX/include" -fsyntax-only alone.c
if command -v c++ >/dev/null; then
    check "imfqc.h compiles as C++" \
        c++ -Wall -Werror -I"$PREFIX/include" -fsyntax-only -x c++ alone.c
fi
check "imfqc.h includes only standard headers" \
    sh -c "! grep '#include' '$PREFIX/include/imfqc.h' | grep -v '<std'"

# --- the example, built as an integrator would
# shellcheck disable=SC2086
if "$CMAKE" -S "$SRC/samples/api-example" -B ex-cmake -DCMAKE_PREFIX_PATH="$PREFIX" \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$FLAGS" >cmake.log 2>&1 &&
    "$CMAKE" --build ex-cmake >>cmake.log 2>&1; then ok; else
    bad "example: find_package(imfqc) build"; cat cmake.log >&2
fi
export PKG_CONFIG_PATH="$PREFIX/$LIBDIR/pkgconfig"
check "pkg-config knows imfqc 0.1.0" sh -c "pkg-config --modversion imfqc | grep -qx 0.1.0"
# shellcheck disable=SC2046,SC2086
if "$CC" $FLAGS "$SRC/samples/api-example/example.c" $(pkg-config --cflags --libs imfqc) \
    -o ex-pc 2>pc.log; then ok; else
    bad "example: cc \$(pkg-config --cflags --libs imfqc) build"; cat pc.log >&2
fi

check "synthesize the WAVs" sh -c "'$SYNTH' programme -o clean.wav --seconds 6 &&
    '$SYNTH' programme -o click.wav --seconds 6 --click 2:3.0s:-12"
export LD_LIBRARY_PATH="$PREFIX/$LIBDIR"
findings() { grep -cE '^(fyi|issue|blocker) ' "$1"; }
for ex in ex-cmake/imfqc-example ./ex-pc; do
    [ -x "$ex" ] || continue
    check "$ex loads the installed library" \
        sh -c "ldd '$ex' | grep -q 'libimfqc.so.0 => $PREFIX/$LIBDIR/libimfqc.so.0'"
    expect_exit 0 "$ex click.wav" "$ex" -o click.json click.wav
    mv out.txt click.out
    check "$ex prints the click: issue, code, channel 2, sample 144000" grep -qE \
        '^issue +AUDIO_DIGITAL_HIT +click\.wav channel 2 at 144000 \(3\.000 s\): .+' click.out
    check "$ex prints one finding" test "$(findings click.out)" -eq 1
    check "$ex prints the counts" grep -qx '0 blocker, 1 issue, 0 fyi' click.out
    check "$ex prints the loudness" \
        grep -qE '^click\.wav: audio, integrated loudness -2[0-9]\.[0-9] LUFS$' click.out
    check "$ex -o writes the JSON report" jqt click.json \
        '.schema == "imfqc-report/1" and .status == "pass" and (.findings | length) == 1 and
         .findings[0].code == "AUDIO_DIGITAL_HIT" and .findings[0].channel == 2 and
         .findings[0].start.edit_unit == 144000 and .findings[0].severity == "issue"'
    expect_exit 0 "$ex clean.wav" "$ex" clean.wav
    check "$ex: no finding on the clean WAV" test "$(findings out.txt)" -eq 0
    check "$ex: clean counts" grep -qx '0 blocker, 0 issue, 0 fyi' out.txt
    expect_exit 3 "$ex on a missing file" "$ex" missing.wav
    check "$ex names the missing file" grep -q 'missing.wav' err.txt
    expect_exit 2 "$ex without a path" "$ex"
done
check "both example builds ran" test -x ex-cmake/imfqc-example -a -x ex-pc

finish
