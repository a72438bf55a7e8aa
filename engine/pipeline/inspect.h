// SPDX-License-Identifier: MIT
/**
 * @file inspect.h
 * One inspection run: every input opened, its analyzers set up from the profile, the essence
 * streamed, and the findings and metrics gathered into a report.
 */
#ifndef QC_ENGINE_PIPELINE_INSPECT_H
#define QC_ENGINE_PIPELINE_INSPECT_H

#include <signal.h>
#include <stdint.h>

#include "analyzers/analyzer.h"
#include "engine/core/profile.h"
#include "engine/core/report.h"

typedef struct QcInspectSettings {
    const QcAnalyzer *const *analyzers; ///< NULL-terminated: the registry
    const char *only;                   ///< comma-separated names, or NULL for all
    const char *skip;                   ///< comma-separated names, or NULL
    const QcProfile *profile;
    int threads;     ///< ≥ 1
    int fast_decode; ///< pictures decoded at reduced resolution (--decode fast)
    int no_hash;     ///< skip the PKL digest checks (--no-hash)
    int descriptor_normalized;   ///< --descriptor-compare normalized (else exact)
    const char *expect_language; ///< --expect-language: RFC 5646 tag the audio must carry, or NULL
    const char *const *previous; ///< earlier deliveries (--previous): IMP folders or CPLs
    int nb_previous;
    unsigned cpu_flags;
    const volatile sig_atomic_t *cancel; ///< signal number when stopped, may be NULL
    /**
     * Progress of track file @p track (an index into the report's track files) out of the
     * @p nb_tracks known so far: edit units done and in total (frames for video, samples for
     * audio; total -1 when unknown), first with done 0 when its run begins. The sound of a
     * file with pictures runs beside them when threads > 1, so the updates of those two track
     * files interleave. May be NULL.
     */
    void (*progress)(void *opaque, int track, int nb_tracks, int64_t done, int64_t total);
    /**
     * Each finding once, as soon as it is certain: when a track file's analyzers finish, and
     * after the delivery and timeline checks. Its severity is the one the report gives it (the
     * profile's overrides applied). The report places a track file's finding on every
     * composition position that plays it; this callback sees it once, before that. May be NULL.
     */
    void (*on_finding)(void *opaque, const QcReport *report, const QcFinding *f);
    void *opaque; ///< handed to progress and on_finding
} QcInspectSettings;

/** The settings every run starts from: all analyzers, default profile, one thread. */
void qc_inspect_default_settings(QcInspectSettings *s);

/**
 * Checks --only/--skip names and every profile override against the analyzers' option tables.
 * @return 0 or QC_ERR_INVAL with @p err saying which name or value is wrong.
 */
int qc_inspect_validate(const QcInspectSettings *s, QcError *err);

/**
 * Inspects @p paths. An input that cannot be opened is recorded in its track report, and the
 * others still run. @p report is filled even on error or cancellation.
 *
 * The callbacks of @p s run on the calling thread, between steps of the run: while one runs,
 * @p report may be read (tracks[track] is the track file the progress is about: its path and
 * QcTrackInfo) but not changed.
 * @return 0, QC_ERR_CANCELLED, QC_ERR_NOMEM or QC_ERR_INVAL.
 */
int qc_inspect(const char *const *paths, int nb_paths, const QcInspectSettings *s, QcReport *report,
               QcError *err);

#endif
