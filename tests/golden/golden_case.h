/* SPDX-License-Identifier: MIT */
/* The .case file format of the golden tests (see cases/README.md). */
#ifndef QC_TESTS_GOLDEN_CASE_H
#define QC_TESTS_GOLDEN_CASE_H

#include <stdint.h>

#define GC_MAX_EXPECT  64
#define GC_MAX_METRIC  32
#define GC_MAX_JSON    16
#define GC_MAX_EXITS   4
#define GC_TEXT        512

typedef enum GcRule { GC_EXPECT, GC_ALLOW, GC_FORBID } GcRule;
typedef enum GcChannel { GC_CH_ANY, GC_CH_NULL, GC_CH_NUM } GcChannel;

/** A place or a length, in samples or in seconds, with a symmetric tolerance. */
typedef struct GcPos {
    int    set;       ///< 0 = not constrained
    double value;     ///< samples, or seconds if seconds != 0
    int    seconds;
    double tol;       ///< same unit as value; < 0 = default (one 100 ms analysis block)
    int    tol_seconds;
} GcPos;

typedef struct GcFindingRule {
    GcRule    rule;
    char      code[64];
    char      severity[16]; ///< "" = any
    GcChannel ch_mode;
    int       ch;
    GcPos     start;        ///< start.edit_unit
    GcPos     duration;     ///< duration.edit_units
    int       line;
    char      text[GC_TEXT];
} GcFindingRule;

typedef enum GcOp { GC_OP_TOL, GC_OP_LT, GC_OP_GT } GcOp;

typedef struct GcMetric {
    char   path[160];  ///< relative to the first audio track file's "metrics", or "$." for the report root
    GcOp   op;
    double value;
    double plus, minus; ///< allowed deviation above and below value (GC_OP_TOL)
    int    line;
    char   text[GC_TEXT];
} GcMetric;

typedef struct GcJson {
    char path[160];
    char json[GC_TEXT]; ///< expected value, JSON text
    int  line;
} GcJson;

typedef struct GcCase {
    char          name[128];
    char          synth[GC_TEXT];   ///< imfqc-synth arguments; "-o INPUT" is appended
    char          make[32];         ///< "", "missing", "empty", "text" or "wav-header"
    long          make_channels;    ///< wav-header: channel count written into the header
    char          input[160];       ///< file name inside the work directory
    char          truncate[32];     ///< "50%" or a byte count, applied after synthesis
    char          args[GC_TEXT];    ///< extra imfqc inspect arguments
    int           exits[GC_MAX_EXITS];
    int           nexits;
    char          status[16];       ///< expected report status, "" = not checked
    int           none_other;       ///< every finding must match an expect or allow rule
    GcFindingRule rule[GC_MAX_EXPECT];
    int           nrules;
    GcMetric      metric[GC_MAX_METRIC];
    int           nmetrics;
    GcJson        json[GC_MAX_JSON];
    int           njson;
    char          skip[GC_TEXT];    ///< non-empty: the case is skipped, with this reason
} GcCase;

/**
 * Parse a case file. The case name is the file name without directory and ".case".
 * @return 0, or -1 with a message (file:line: why) in err.
 */
int gc_case_load(GcCase *c, const char *path, char *err, int errlen);

#endif /* QC_TESTS_GOLDEN_CASE_H */
