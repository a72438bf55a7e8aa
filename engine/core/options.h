// SPDX-License-Identifier: MIT
/**
 * @file options.h
 * Option tables: one table per analyzer drives parsing, range checks, `imfqc analyzers` and the
 * settings echo in the report. No analyzer parses strings itself.
 */
#ifndef QC_ENGINE_CORE_OPTIONS_H
#define QC_ENGINE_CORE_OPTIONS_H

#include <stddef.h>

#include "engine/core/error.h"

typedef enum QcOptionType {
    QC_OPT_DOUBLE, ///< stored as double
    QC_OPT_INT,    ///< stored as int
    QC_OPT_BOOL,   ///< stored as int, 0 or 1
} QcOptionType;

typedef struct QcOption {
    const char *name; ///< "threshold_dbfs"; NULL ends the table
    const char *help; ///< one line: what the value means (the unit has its own member)
    size_t offset;    ///< offsetof(Priv, field)
    QcOptionType type;
    double def, min, max;
    /** What the value counts, for `imfqc analyzers`: "dBFS", "dBTP", "LUFS", "LU", "dB", "s",
     *  "ms", "samples", "frames", "%" (0-100), "FS" (a fraction of full scale), "fraction" (a
     *  share of a whole, 0-1), "times" (a ratio); "" for counts, booleans and correlation
     *  coefficients. */
    const char *unit;
} QcOption;

/** Writes every option's default into @p priv. */
void qc_options_set_defaults(const QcOption *opts, void *priv);

/** The option named @p name in @p opts, or NULL. */
const QcOption *qc_option_find(const QcOption *opts, const char *name);

/**
 * Sets one option in @p priv after a range check.
 * @return 0, or QC_ERR_INVAL with @p err filled (out of range, not an integer, …).
 */
int qc_option_set(const QcOption *o, void *priv, double value, QcError *err);

/** Current value of @p o in @p priv, as a double. */
double qc_option_get(const QcOption *o, const void *priv);

#endif
