// SPDX-License-Identifier: MIT
/**
 * @file progress.h
 * Progress on stderr: a bar for people, JSON lines for services (README "Progress events").
 */
#ifndef QC_CLI_PROGRESS_H
#define QC_CLI_PROGRESS_H

#include <stdint.h>

#include "cli/args.h"
#include "engine/pipeline/inspect.h"

/** One track file being inspected. Two run at once when a file's sound runs beside its pictures. */
typedef struct QcProgressLane {
    int track;     ///< index into the report's track files, -1 when the lane is free
    double start;  ///< monotonic seconds of its first update (done 0: its run began)
    double last;   ///< monotonic seconds of its last line or event
    int finished;  ///< its last update had done = total
} QcProgressLane;

#define QC_PROGRESS_LANES 4

typedef struct QcProgress {
    QcProgressMode mode;    ///< resolved: BAR, JSON or NONE
    const QcReport *report; ///< the report qc_inspect fills: the tracks' paths and rates
    QcProgressLane lanes[QC_PROGRESS_LANES];
    int drawn;   ///< a bar is on the terminal's last line
    int columns; ///< terminal width, characters
} QcProgress;

/** Resolves auto mode, and emits the "start" event with the settings that matter. */
void qc_progress_init(QcProgress *p, QcProgressMode mode, const QcReport *report,
                      const char *const *paths, int nb_paths, const QcInspectSettings *s);

/** QcInspectSettings.progress (opaque = QcProgress). */
void qc_progress_update(void *opaque, int track, int nb_tracks, int64_t done, int64_t total);

/** QcInspectSettings.on_finding (opaque = QcProgress): the "finding" event. */
void qc_progress_finding(void *opaque, const QcReport *r, const QcFinding *f);

/** Takes the bar off the terminal, so that messages print on a clean line. */
void qc_progress_clear(QcProgress *p);

/** The "done" event: status, summary and the exit status the process is about to return. */
void qc_progress_done(QcProgress *p, const QcReport *r, int exit_code);

#endif
