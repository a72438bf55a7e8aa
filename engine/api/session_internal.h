// SPDX-License-Identifier: MIT
/**
 * @file session_internal.h
 * What a QcSession holds behind the public header: the engine settings it drives, copies of
 * the caller's strings, and the report of the last run.
 */
#ifndef QC_ENGINE_API_SESSION_INTERNAL_H
#define QC_ENGINE_API_SESSION_INTERNAL_H

#include <signal.h>

#include "engine/core/profile.h"
#include "engine/core/report.h"
#include "engine/imfqc.h"
#include "engine/pipeline/inspect.h"

struct QcSession {
    QcProfile profile;          ///< loaded once at open: a run never reads the profile file again
    QcInspectSettings settings; ///< points into this session (profile, copies, cancel)
    char *only, *skip, *expect_language;
    char **previous;
    int nb_previous;
    int usable;                   ///< 0: qc_session_open failed; only the message is valid
    volatile sig_atomic_t cancel; ///< signal number the engine records, 0 to run
    QcReport report;
    int has_report;     ///< a qc_session_inspect has run
    int has_thumbnails; ///< the report's pictures were gathered (HTML)
    char error[512];
};

#endif
