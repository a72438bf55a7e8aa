// SPDX-License-Identifier: MIT
/* SMPTE timecode on a composition: counting frames, with drop-frame numbering (ST 12-1) at
 * 30 and 60 fps nominal rates, where frame numbers 0 and 1 (0–3 at 60) are skipped at the start
 * of every minute not divisible by ten. */
#include <stdio.h>
#include <string.h>

#include "engine/core/timecode.h"

static int dropped_per_minute(int rate, int drop)
{
    return drop && rate % 30 == 0 ? rate / 15 : 0;
}

int qc_timecode_parse(const char *text, int rate, int drop, int64_t *frames)
{
    int hh, mm, ss, ff, n = 0;
    char s1, s2, s3;
    if (rate <= 0 || sscanf(text, "%2d%c%2d%c%2d%c%d%n", &hh, &s1, &mm, &s2, &ss, &s3, &ff, &n) != 7 ||
        text[n] != 0)
        return -1;
    static const char seps[] = ":/;,.+-";
    if (!strchr(seps, s1) || !strchr(seps, s2) || !strchr(seps, s3) || hh < 0 || hh > 23 ||
        mm < 0 || mm > 59 || ss < 0 || ss > 59 || ff < 0 || ff >= rate)
        return -1;
    int d = dropped_per_minute(rate, drop);
    if (d && ss == 0 && mm % 10 && ff < d)
        return -1; /* a frame number drop-frame counting never shows */
    int64_t total_minutes = (int64_t)hh * 60 + mm;
    *frames = ((total_minutes * 60 + ss) * rate + ff) - d * (total_minutes - total_minutes / 10);
    return 0;
}

void qc_timecode_format(int64_t frames, int rate, int drop, char *out, size_t size)
{
    if (rate <= 0 || frames < 0) {
        snprintf(out, size, "--:--:--:--");
        return;
    }
    int d = dropped_per_minute(rate, drop);
    if (d) {
        /* add back the skipped numbers: 9 of every 10 minutes skip d numbers */
        int64_t per10 = (int64_t)rate * 600 - 9 * d;
        int64_t per1 = (int64_t)rate * 60 - d;
        int64_t tens = frames / per10, rem = frames % per10;
        frames += 9 * d * tens;
        if (rem >= d)
            frames += d * ((rem - d) / per1);
    }
    int64_t day = (int64_t)rate * 86400;
    frames %= day;
    int ff = (int)(frames % rate);
    int64_t secs = frames / rate;
    snprintf(out, size, "%02d:%02d:%02d%c%02d", (int)(secs / 3600), (int)(secs / 60 % 60),
             (int)(secs % 60), d ? ';' : ':', ff);
}
