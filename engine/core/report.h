// SPDX-License-Identifier: MIT
/**
 * @file report.h
 * The report model (schema imfqc-report/1, design.md §8) that the writers serialise.
 */
#ifndef QC_ENGINE_CORE_REPORT_H
#define QC_ENGINE_CORE_REPORT_H

#include <stdint.h>

#include "engine/core/finding.h"
#include "engine/core/metrics.h"
#include "engine/core/track.h"

#define QC_REPORT_SCHEMA "imfqc-report/1"

typedef enum QcReportStatus {
    QC_STATUS_PASS,       ///< inspected, no blocker
    QC_STATUS_FAIL,       ///< inspected, at least one blocker
    QC_STATUS_INCOMPLETE, ///< stopped early or an input could not be inspected
} QcReportStatus;

typedef struct QcTrackReport {
    char id[48];          ///< urn:uuid:…
    char *path;           ///< as given on the command line
    QcTrackInfo info;     ///< valid when opened
    int opened;           ///< 0: the file could not be inspected (see error)
    int complete;         ///< every sample was read and analysed
    int64_t samples_read; ///< samples per channel analysed
    char error[512];      ///< why it could not be inspected, or ""
    QcMetrics metrics;
    int64_t suppressed[QC_CODE_COUNT]; ///< findings counted past the per-code cap
} QcTrackReport;

typedef struct QcReport {
    QcReportStatus status;
    char profile[64];
    int threads;
    int fast_decode;          ///< --decode fast
    unsigned cpu_flags;
    char cpu[64];       ///< SIMD level used, e.g. "avx2"
    QcMetrics settings; ///< analyzer options in force: group = analyzer, key = option
    char **analyzers;   ///< names of the analyzers that ran
    int nb_analyzers;
    QcTrackReport *tracks;
    int nb_tracks;
    QcFindingList findings;   ///< sorted
    int counts[QC_SEV_COUNT]; ///< findings per severity
    double elapsed_s;         ///< wall time (a timing field: not part of reproducibility)
    int interrupted;          ///< signal number that stopped the run, or 0
} QcReport;

/** Recomputes counts and status from the findings and the tracks. */
void qc_report_finalize(QcReport *r);

void qc_report_free(QcReport *r);

#endif
