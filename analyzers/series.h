// SPDX-License-Identifier: MIT
/**
 * @file series.h
 * A measurement over time in bounded memory: one value per step, the largest of the step. When
 * the buffer is full, neighbours merge pairwise and the step doubles, so a feature and a trailer
 * both end up with between QC_SERIES_MAX / 2 and QC_SERIES_MAX points.
 */
#ifndef QC_ANALYZERS_SERIES_H
#define QC_ANALYZERS_SERIES_H

#include <stdint.h>

#include "engine/core/metrics.h"

#define QC_SERIES_MAX 1024

typedef struct QcSeries {
    double v[QC_SERIES_MAX]; ///< maxima per step, in the unit the caller feeds
    int count;               ///< complete points in v
    int64_t step;            ///< inputs per point
    int64_t pending;         ///< inputs in the point being built
    double cur;              ///< its maximum so far
} QcSeries;

void qc_series_init(QcSeries *s);

/** Adds one input (one per fixed period, e.g. 100 ms). */
void qc_series_add(QcSeries *s, double value);

/**
 * Writes the points (with the partial last one) as @p key in @p group, each through @p map
 * (e.g. energy to LUFS; NULL keeps values), and the step as "step_s": @p period_s × inputs per
 * point. @return 0 or QC_ERR_NOMEM
 */
int qc_series_store(const QcSeries *s, QcMetrics *m, const char *group, const char *key,
                    double (*map)(double), double period_s);

#endif
