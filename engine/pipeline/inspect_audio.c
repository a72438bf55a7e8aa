// SPDX-License-Identifier: MIT
/* One audio track file through its analyzers: contexts built from the profile, the stream run,
 * then every analyzer's findings and metrics merged into the report in registry order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline/audio_pipeline.h"
#include "engine/pipeline/inspect_internal.h"

int qc_inspect_audio_track(QcAudioSource *src, const QcInspectSettings *s, QcReport *r, int t,
                           QcError *err)
{
    QcTrackReport *tr = &r->tracks[t];
    QcAnalyzerCtx **ctx = NULL;
    int n = 0;
    int ret = qc_inspect_make_contexts(s, QC_MEDIA_AUDIO, &src->info, &ctx, &n, err);
    if (ret < 0) {
        snprintf(tr->error, sizeof(tr->error), "%s", err->msg);
        qc_inspect_free_contexts(ctx, n);
        if (ret != QC_ERR_NOMEM)
            ret = qc_inspect_merge_findings(r, t, &src->findings);
        return ret == QC_ERR_NOMEM ? ret : 0;
    }
    QcInspectRelay rel = {s, t, r->tracks_expected};
    qc_inspect_relay(&rel, 0, src->info.duration);
    QcAudioPipelineSettings ps = {s->threads, s->cpu_flags, s->cancel, qc_inspect_relay, &rel};
    QcError perr;
    qc_error_clear(&perr);
    int64_t samples = 0;
    int pret = qc_audio_pipeline_run(src, ctx, n, &ps, &samples, &perr);
    tr->samples_read = samples;
    tr->complete = pret == 0;
    if (pret == 0)
        tr->info.duration = samples; /* what the file holds, not what its header estimated */
    else if (pret != QC_ERR_CANCELLED)
        snprintf(tr->error, sizeof(tr->error), "%s", perr.msg);
    if (ret >= 0)
        ret = qc_inspect_finish_contexts(r, t, ctx, n, samples, pret != 0);
    qc_inspect_free_contexts(ctx, n);
    /* the reader's own findings (truncation, decode errors, NaN) are complete only now */
    if (ret >= 0)
        ret = qc_audio_source_finish(src);
    if (ret >= 0)
        ret = qc_inspect_merge_findings(r, t, &src->findings);
    if (ret < 0)
        return qc_error_set(err, ret, "%s: %s", tr->path, qc_strerror(ret));
    return pret == QC_ERR_NOMEM ? qc_error_set(err, pret, "%s", perr.msg) : 0;
}
