// SPDX-License-Identifier: MIT
/**
 * @file timecode.h
 * SMPTE timecode (ST 12-1) as a composition states it: frame counts to and from
 * "hh:mm:ss:ff", drop-frame aware at 30 and 60 fps nominal rates.
 */
#ifndef QC_ENGINE_CORE_TIMECODE_H
#define QC_ENGINE_CORE_TIMECODE_H

#include <stddef.h>
#include <stdint.h>

/** Parses "hh:mm:ss:ff" (any of the separators : / ; , . + -) into frames at @p rate, with
 *  drop-frame numbering when @p drop. @return 0 or -1 (malformed, or a number drop-frame
 *  counting never shows). */
int qc_timecode_parse(const char *text, int rate, int drop, int64_t *frames);

/** Formats frame count @p frames at @p rate ("hh:mm:ss;ff" when drop-frame); wraps at 24 h. */
void qc_timecode_format(int64_t frames, int rate, int drop, char *out, size_t size);

#endif
