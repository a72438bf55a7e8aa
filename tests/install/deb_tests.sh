#!/bin/bash
# SPDX-License-Identifier: MIT
# `cpack -G DEB` in the build tree: the package holds the command, the library, the header, the
# pkg-config file, the CMake package and the man page, and its Depends (from dpkg-shlibdeps)
# names the libraries the binaries link.
# Usage: deb_tests.sh BUILD_DIR SOURCE_DIR LIBDIR CPACK
set -u
BUILD="$1" SRC="$2" LIBDIR="$3" CPACK="$4"
NAME=deb
OUT=out.txt
# shellcheck source=../cli/lib.sh
. "$SRC/tests/cli/lib.sh"

if ! command -v dpkg-deb >/dev/null || ! command -v dpkg-shlibdeps >/dev/null; then
    echo "deb: dpkg-deb or dpkg-shlibdeps (dpkg-dev) missing: skipped" >&2
    exit 77
fi
if (cd "$BUILD" && "$CPACK" -G DEB -B "$WORK/pkg" --config CPackConfig.cmake) >cpack.log 2>&1
then ok; else
    bad "cpack -G DEB"; cat cpack.log >&2; exit 1
fi
deb="$(ls pkg/imfqc_*.deb 2>/dev/null | head -n 1)"
check "one .deb named imfqc_VERSION_ARCH.deb" test -n "$deb"
[ -n "$deb" ] || { finish; exit; }
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||' >contents.txt
dpkg-deb -c "$deb" | awk '$1 ~ /^l/ {print $(NF-2)}' | sed 's|^\./||' >>contents.txt
for f in usr/bin/imfqc "usr/$LIBDIR/libimfqc.so.0.1.0" "usr/$LIBDIR/libimfqc.so.0" \
    "usr/$LIBDIR/libimfqc.so" usr/include/imfqc.h "usr/$LIBDIR/pkgconfig/imfqc.pc" \
    "usr/$LIBDIR/cmake/imfqc/imfqcConfig.cmake" "usr/$LIBDIR/cmake/imfqc/imfqcConfigVersion.cmake" \
    "usr/$LIBDIR/cmake/imfqc/imfqcTargets.cmake"; do
    check "the .deb holds $f" grep -qx "$f" contents.txt
done
check "the .deb holds the man page" grep -qE '^usr/share/man/man1/imfqc\.1(\.gz)?$' contents.txt
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: imfqc" test "$(field Package)" = imfqc
check "Version: 0.1.0" test "$(field Version)" = 0.1.0
check "Section: video" test "$(field Section)" = video
check "Maintainer set" test -n "$(field Maintainer)"
check "Description set" sh -c "dpkg-deb -f '$deb' Description | grep -q 'IMF'"
depends="$(field Depends)"
for lib in libavformat libopenjp2 libsndfile libxml2 libc6; do
    check "Depends names $lib ($depends)" sh -c "echo '$depends' | grep -q '$lib'"
done
finish
