// SPDX-License-Identifier: MIT
/* Shared between the inspection driver and its per-media runners. */
#ifndef QC_ENGINE_PIPELINE_INSPECT_INTERNAL_H
#define QC_ENGINE_PIPELINE_INSPECT_INTERNAL_H

#include "engine/codec/audio_source.h"
#include "engine/pipeline/inspect.h"

/** Runs the selected audio analyzers over @p src into track @p t of @p r.
 *  @return 0, QC_ERR_CANCELLED (partial results kept), or a fatal error (NOMEM). */
int qc_inspect_audio_track(QcAudioSource *src, const QcInspectSettings *s, QcReport *r, int t,
                           QcError *err);

int qc_inspect_selected(const QcInspectSettings *s, const QcAnalyzer *a);

typedef struct QcInspectRelay { ///< progress of one track, relayed to the caller's callback
    const QcInspectSettings *s;
    int track, nb_tracks;
} QcInspectRelay;

void qc_inspect_relay(void *opaque, int64_t done, int64_t total);

/** Contexts for the selected analyzers of @p media, initialised for @p info. */
int qc_inspect_make_contexts(const QcInspectSettings *s, QcMediaKind media, const QcTrackInfo *info,
                             QcAnalyzerCtx ***out, int *nb, QcError *err);
void qc_inspect_free_contexts(QcAnalyzerCtx **ctx, int n);
/** Appends @p from to the report as track @p t's findings. @return 0 or QC_ERR_NOMEM */
int qc_inspect_merge_findings(QcReport *r, int t, const QcFindingList *from);
int qc_inspect_merge_metrics(QcMetrics *to, const QcMetrics *from);
/** Applies the profile's severities to the findings added since the last call and hands each to
 *  on_finding. Call it whenever a step has added findings that are final. */
void qc_inspect_announce(const QcInspectSettings *s, QcReport *r);
/** finish() every analyzer after @p units edit units, and merge what they found. */
int qc_inspect_finish_contexts(QcReport *r, int t, QcAnalyzerCtx *const *ctx, int n, int64_t units,
                               int incomplete);

/** Runs the selected picture analyzers over @p src into track @p t of @p r. */
struct QcVideoSource;
struct QcLavfVideo;
/** The same for pictures FFmpeg decodes. */
int qc_inspect_lavf_video_track(struct QcLavfVideo *src, const QcInspectSettings *s, QcReport *r,
                                int t, QcError *err);
int qc_inspect_video_track(struct QcVideoSource *src, const QcInspectSettings *s, QcReport *r,
                           int t, QcError *err);
int qc_inspect_apply_options(const QcInspectSettings *s, const QcAnalyzer *a, void *priv,
                             QcError *err);

struct QcFile;
/** Called around the essence reads of one input (packages hash track files from those reads). */
typedef struct QcFileHooks {
    /** After the source opened @p f, before any essence is read. @return 0 or QC_ERR_NOMEM */
    int (*opened)(void *opaque, struct QcFile *f);
    /** After the last essence read, before @p f closes. @return 0 or a fatal error */
    int (*done)(void *opaque, struct QcFile *f);
    void *opaque;
} QcFileHooks;

/**
 * Inspects one media file: its pictures, then its sound. Track entries carry @p display as
 * their path. @p hooks may be NULL. @return 0, QC_ERR_CANCELLED, or a fatal error.
 */
int qc_inspect_one(const char *path, const char *display, const QcFileHooks *hooks,
                   const QcInspectSettings *s, QcReport *r, QcError *err);

/** Adds a track entry for @p display; NULL when out of memory. */
QcTrackReport *qc_inspect_add_track(QcReport *r, const char *display);

struct QcMcaInfo;
/** Keeps the soundfield group's language (MCA RFC5646SpokenLanguage) in the track report. */
void qc_inspect_track_language(QcTrackReport *tr, const struct QcMcaInfo *mca);

/** --expect-language on audio track @p t: LANGUAGE_MISSING or LANGUAGE_MISMATCH.
 *  @return 0 or QC_ERR_NOMEM */
int qc_inspect_expect_language(const QcInspectSettings *s, QcReport *r, int t);

/** Packages, package sets and CPLs: delivery checks, compositions, their track files. */
int qc_inspect_packages(const char *const *paths, int nb_paths, const QcInspectSettings *s,
                        QcReport *r, QcError *err);

#endif
