// SPDX-License-Identifier: MIT
/**
 * @file progress.h
 * Progress on stderr: a bar for people, JSON lines for services.
 */
#ifndef QC_CLI_PROGRESS_H
#define QC_CLI_PROGRESS_H

#include <stdint.h>

#include "cli/args.h"

typedef struct QcProgress {
    QcProgressMode mode; ///< resolved: BAR, JSON or NONE
    const char *const *paths;
    double last; ///< monotonic seconds of the last update
    int last_track;
} QcProgress;

void qc_progress_init(QcProgress *p, QcProgressMode mode, const char *const *paths, int n);

/** The callback given to the engine (opaque = QcProgress). */
void qc_progress_update(void *opaque, int track, int nb_tracks, int64_t done, int64_t total);

/** Final line: clears the bar, or emits the "done" event. */
void qc_progress_done(QcProgress *p, const char *status);

#endif
