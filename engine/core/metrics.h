// SPDX-License-Identifier: MIT
/**
 * @file metrics.h
 * Measurements of a track file (loudness, levels, …), grouped as `metrics.<group>.<key>` in
 * the report. Entries keep their insertion order so the report is reproducible.
 */
#ifndef QC_ENGINE_CORE_METRICS_H
#define QC_ENGINE_CORE_METRICS_H

#include <stddef.h>
#include <stdint.h>

typedef enum QcMetricKind {
    QC_METRIC_DOUBLE,
    QC_METRIC_INT,
    QC_METRIC_DOUBLES, ///< array, non-finite elements are written as null
    QC_METRIC_INTS,
    QC_METRIC_STRING,
} QcMetricKind;

typedef struct QcMetric {
    char group[32]; ///< "loudness"
    char key[48];   ///< "integrated_lufs"
    QcMetricKind kind;
    size_t count; ///< elements for arrays, 1 otherwise
    double *d;    ///< QC_METRIC_DOUBLE(S)
    int64_t *i;   ///< QC_METRIC_INT(S)
    char *s;      ///< QC_METRIC_STRING
} QcMetric;

typedef struct QcMetrics {
    QcMetric *items;
    size_t count;
    size_t capacity;
} QcMetrics;

/** Each setter replaces an existing entry of the same group and key. @return 0 or QC_ERR_NOMEM */
int qc_metrics_set_double(QcMetrics *m, const char *group, const char *key, double v);
int qc_metrics_set_int(QcMetrics *m, const char *group, const char *key, int64_t v);
int qc_metrics_set_doubles(QcMetrics *m, const char *group, const char *key, const double *v,
                           size_t n);
int qc_metrics_set_ints(QcMetrics *m, const char *group, const char *key, const int64_t *v,
                        size_t n);
int qc_metrics_set_string(QcMetrics *m, const char *group, const char *key, const char *v);

/** The entry of @p group / @p key, or NULL. */
const QcMetric *qc_metrics_get(const QcMetrics *m, const char *group, const char *key);

void qc_metrics_free(QcMetrics *m);

#endif
