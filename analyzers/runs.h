// SPDX-License-Identifier: MIT
/**
 * @file runs.h
 * A capped list of sample intervals: analyzers that can only judge severity at the end of the
 * stream keep their candidate events here (bounded, so memory does not grow with duration).
 */
#ifndef QC_ANALYZERS_RUNS_H
#define QC_ANALYZERS_RUNS_H

#include <stddef.h>
#include <stdint.h>

#define QC_RUNS_MAX 4096 ///< kept per list; more are only counted

typedef struct QcRun {
    int64_t start, end; ///< [start, end) in samples
    double value;       ///< analyzer-defined (level, depth, …)
} QcRun;

typedef struct QcRuns {
    QcRun *items;
    size_t count, capacity;
    int64_t dropped; ///< runs past QC_RUNS_MAX
    int64_t total;   ///< sum of (end - start) over every run added, kept or not
} QcRuns;

/** @return 0 or QC_ERR_NOMEM */
int qc_runs_add(QcRuns *r, int64_t start, int64_t end, double value);
void qc_runs_free(QcRuns *r);

#endif
