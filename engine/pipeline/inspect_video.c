// SPDX-License-Identifier: MIT
/* One picture track file through its analyzers: the frame-parallel pipeline, then each
 * analyzer's findings and metrics into the report, with the MXF reader's own findings. */
#include <stdio.h>

#include "engine/pipeline/inspect_internal.h"
#include "engine/pipeline/video_pipeline.h"

int qc_inspect_video_track(QcVideoSource *src, const QcInspectSettings *s, QcReport *r, int t,
                           QcError *err)
{
    QcTrackReport *tr = &r->tracks[t];
    src->info.decode_reduce = s->fast_decode;
    QcAnalyzerCtx **ctx = NULL;
    int n = 0;
    int ret = qc_inspect_make_contexts(s, QC_MEDIA_VIDEO, &src->info, &ctx, &n, err);
    if (ret >= 0)
        ret = qc_inspect_merge_findings(r, t, &src->findings);
    if (ret < 0) {
        snprintf(tr->error, sizeof(tr->error), "%s", err->msg);
        qc_inspect_free_contexts(ctx, n);
        return ret == QC_ERR_NOMEM ? ret : 0;
    }
    QcInspectRelay rel = {s, t, r->tracks_expected};
    qc_inspect_relay(&rel, 0, src->frames);
    QcVideoPipelineSettings ps = {s->threads, s->cpu_flags,     s->fast_decode,
                                  s->cancel,  qc_inspect_relay, &rel};
    QcError perr;
    qc_error_clear(&perr);
    int64_t frames = 0;
    int pret = qc_video_pipeline_run(src, ctx, n, &ps, &frames, &perr);
    tr->samples_read = frames;
    tr->complete = pret == 0;
    if (pret != 0 && pret != QC_ERR_CANCELLED)
        snprintf(tr->error, sizeof(tr->error), "%s", perr.msg);
    if (ret >= 0)
        ret = qc_inspect_finish_contexts(r, t, ctx, n, frames, pret != 0);
    qc_inspect_free_contexts(ctx, n);
    if (ret < 0)
        return qc_error_set(err, ret, "%s: %s", tr->path, qc_strerror(ret));
    return pret == QC_ERR_NOMEM ? qc_error_set(err, pret, "%s", perr.msg) : 0;
}

int qc_inspect_lavf_video_track(QcLavfVideo *src, const QcInspectSettings *s, QcReport *r, int t,
                                QcError *err)
{
    QcTrackReport *tr = &r->tracks[t];
    QcAnalyzerCtx **ctx = NULL;
    int n = 0;
    int ret = qc_inspect_make_contexts(s, QC_MEDIA_VIDEO, qc_lavf_video_info(src), &ctx, &n, err);
    if (ret < 0) {
        snprintf(tr->error, sizeof(tr->error), "%s", err->msg);
        qc_inspect_free_contexts(ctx, n);
        return ret == QC_ERR_NOMEM ? ret : 0;
    }
    QcInspectRelay rel = {s, t, r->tracks_expected};
    qc_inspect_relay(&rel, 0, qc_lavf_video_info(src)->duration);
    QcVideoPipelineSettings ps = {s->threads, s->cpu_flags, 0, s->cancel, qc_inspect_relay, &rel};
    QcError perr;
    qc_error_clear(&perr);
    int64_t frames = 0;
    int pret = qc_lavf_video_pipeline_run(src, ctx, n, &ps, &frames, &perr);
    tr->samples_read = frames;
    tr->complete = pret == 0;
    if (pret == 0)
        tr->info.duration = frames;
    else if (pret != QC_ERR_CANCELLED)
        snprintf(tr->error, sizeof(tr->error), "%s", perr.msg);
    ret = qc_inspect_finish_contexts(r, t, ctx, n, frames, pret != 0);
    qc_inspect_free_contexts(ctx, n);
    if (ret < 0)
        return qc_error_set(err, ret, "%s: %s", tr->path, qc_strerror(ret));
    return pret == QC_ERR_NOMEM ? qc_error_set(err, pret, "%s", perr.msg) : 0;
}
