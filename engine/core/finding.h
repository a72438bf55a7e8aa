// SPDX-License-Identifier: MIT
/**
 * @file finding.h
 * Findings are typed structs handed to a sink, never strings parsed later.
 */
#ifndef QC_ENGINE_CORE_FINDING_H
#define QC_ENGINE_CORE_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "engine/core/codes.h"

#define QC_DETAIL_MAX 8

typedef enum QcDetailKind {
    QC_DETAIL_INT,
    QC_DETAIL_DOUBLE,
    QC_DETAIL_STRING,
    QC_DETAIL_CHANNELS, ///< a set of 0-based channels, written as an array
    QC_DETAIL_DIFF,     ///< i indexes the report's property diffs, written as a table
} QcDetailKind;

typedef struct QcDetail {
    char key[32];
    QcDetailKind kind;
    int64_t i;     ///< QC_DETAIL_INT
    double d;      ///< QC_DETAIL_DOUBLE (non-finite values are written as null)
    uint64_t mask; ///< QC_DETAIL_CHANNELS: bit c = channel c (channels 0..63)
    char s[96];    ///< QC_DETAIL_STRING
} QcDetail;

typedef struct QcFinding {
    QcCode code;
    QcSeverity severity;
    int track;         ///< index into the report's track files, or -1
    int composition;   ///< index into the report's compositions, or -1
    int64_t comp_start; ///< where it plays: composition edit units, or -1
    int channel;       ///< 0-based channel, or -1 for the whole track
    int64_t start;     ///< edit units of the track file (samples for audio), or -1
    int64_t duration;  ///< edit units, or 0 when the finding is a point or has no extent
    char message[256]; ///< what happened and what to fix, for a person
    int nb_details;
    QcDetail details[QC_DETAIL_MAX];
} QcFinding;

/** Starts a finding with the code's default severity and no place. */
void qc_finding_init(QcFinding *f, QcCode code);

void qc_finding_message(QcFinding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qc_finding_detail_int(QcFinding *f, const char *key, int64_t v);
void qc_finding_detail_double(QcFinding *f, const char *key, double v);
void qc_finding_detail_string(QcFinding *f, const char *key, const char *v);
void qc_finding_detail_channels(QcFinding *f, const char *key, uint64_t mask);
/** A property-level diff kept beside the findings (QcReport.diffs[@p index]). */
void qc_finding_detail_diff(QcFinding *f, const char *key, int64_t index);

/** A growable list of findings. */
typedef struct QcFindingList {
    QcFinding *items;
    size_t count;
    size_t capacity;
} QcFindingList;

/** Appends a copy of @p f. @return 0 or QC_ERR_NOMEM. */
int qc_finding_list_add(QcFindingList *l, const QcFinding *f);

/** Appends every finding of @p src. @return 0 or QC_ERR_NOMEM. */
int qc_finding_list_extend(QcFindingList *l, const QcFindingList *src);

/** Sorts by (composition, track, start, code, channel), then by duration and message: a total order, so the
 *  report does not depend on the order analyzers or threads produced findings in. */
void qc_finding_list_sort(QcFindingList *l);

void qc_finding_list_free(QcFindingList *l);

#endif
