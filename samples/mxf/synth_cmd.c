// SPDX-License-Identifier: MIT
/* Option helpers and the usage text shared by imfqc-synth's mxf-audio and mxf-video commands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "synth_cmd.h"

const char qc_mxfw_cmd_usage[] =
    "mxf-audio -o OUT.mxf: the programme as an IMF clip-wrapped WAVE PCM track file (48 kHz, 24-bit,\n"
    "              ST 2067-2 MCA labels)\n"
    "  --seconds S           duration (default 30)\n"
    "  --layout 5.1|stereo|7.1|mono   5.1 = L R C LFE Ls Rs (sg51); stereo = L R (sgST);\n"
    "                        7.1 = L R C LFE Lss Rss Lrs Rrs (sg71, 7.1DS); mono = C (sgM)\n"
    "  --rate HZ             sample rate (default 48000; IMF allows 48000 and 96000)\n"
    "  --language TAG        RFC 5646 language of the soundfield group (default en)\n"
    "  --title TEXT          MCATitle (default \"imfqc synthetic programme\")\n"
    "  --seed K              PRNG seed for the signal and every UUID (default 1)\n"
    "  --mca-defect KIND     broken MCA labels, for tests: missing-channel, duplicate-id,\n"
    "                        broken-link, no-group, wrong-group, no-assignment\n"
    "  the programme defects (--silence, --zero, --click, --clip, --drop, --dc, --invert, --copy);\n"
    "  CH counts channels in the file's order above\n"
    "\n"
    "mxf-video -o OUT.mxf: moving test pictures as an IMF frame-wrapped JPEG 2000 track file (RGB 4:4:4)\n"
    "  --frames N            number of frames (default 240)\n"
    "  --width W --height H  picture size (default 320 x 180)\n"
    "  --rate N[/D]          frame rate (default 24/1)\n"
    "  --bits N              component depth, 8 to 16 (default 10)\n"
    "  --lossless            reversible 5/3 (default: irreversible 9/7)\n"
    "  --ratio R             OpenJPEG rate (compression ratio) for lossy coding (default 12)\n"
    "  --partition-frames N  frames per body partition (default 10 s worth)\n"
    "  --seed K              PRNG seed for the pictures and every UUID (default 1)\n"
    "  defects (frames count from 0; A:B is the half-open range [A, B); repeatable):\n"
    "  --cut K               hard cut: frames from K on show a different scene\n"
    "  --black A:B           black frames\n"
    "  --freeze A:B          frames A..B-1 repeat frame A-1 exactly (A >= 1)\n"
    "  --damage K:KIND       damage frame K's codestream: header (main header zeroed), truncate (no EOC),\n"
    "                        psot (first tile-part length past the end), garbage (tile data overwritten)\n";

int qc_mxfw_cmd_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("imfqc-synth: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

int qc_mxfw_cmd_int(const char *s, const long long lo, const long long hi, long long *out)
{
    char *end;
    errno = 0;
    const long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return 1;
    *out = v;
    return 0;
}

int qc_mxfw_cmd_range(const char *s, const long long lo, const long long hi, long long *a, long long *b)
{
    char *end;
    errno = 0;
    *a = strtoll(s, &end, 10);
    if (errno || end == s || *end != ':')
        return 1;
    const char *t = end + 1;
    *b = strtoll(t, &end, 10);
    return errno || end == t || *end || *a < lo || *b > hi || *a >= *b;
}

int qc_mxfw_cmd_rational(const char *s, int32_t *num, int32_t *den)
{
    char *end;
    errno = 0;
    const long n = strtol(s, &end, 10);
    long d = 1;
    if (!errno && end != s && *end == '/') {
        const char *t = end + 1;
        d = strtol(t, &end, 10);
        if (end == t)
            return 1;
    }
    if (errno || end == s || *end || n <= 0 || d <= 0 || n > 1000000 || d > 1000000)
        return 1;
    *num = (int32_t)n;
    *den = (int32_t)d;
    return 0;
}

int qc_mxfw_cmd_seed(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 0);
    return errno || end == s || *end;
}
