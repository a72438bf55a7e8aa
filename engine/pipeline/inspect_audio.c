// SPDX-License-Identifier: MIT
/* One audio track file through its analyzers: contexts built from the profile, the stream run,
 * then every analyzer's findings and metrics merged into the report in registry order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline/audio_pipeline.h"
#include "engine/pipeline/inspect_internal.h"

typedef struct Relay {
    const QcInspectSettings *s;
    int track, nb_tracks;
} Relay;

static void relay(void *opaque, int64_t done, int64_t total)
{
    Relay *p = opaque;
    if (p->s->progress)
        p->s->progress(p->s->opaque, p->track, p->nb_tracks, done, total);
}

static void free_contexts(QcAnalyzerCtx **ctx, int n)
{
    for (int k = 0; k < n; k++) {
        if (!ctx[k])
            continue;
        if (ctx[k]->desc->uninit)
            ctx[k]->desc->uninit(ctx[k]);
        qc_finding_list_free(&ctx[k]->findings);
        qc_metrics_free(&ctx[k]->metrics);
        free(ctx[k]->priv);
        free(ctx[k]);
    }
    free(ctx);
}

/* Allocates and initialises a context per selected audio analyzer. */
static int make_contexts(const QcInspectSettings *s, const QcTrackInfo *info, QcAnalyzerCtx ***out,
                         int *nb, QcError *err)
{
    int n = 0;
    for (const QcAnalyzer *const *a = s->analyzers; *a; a++)
        n += ((*a)->media & QC_MEDIA_AUDIO) && qc_inspect_selected(s, *a);
    QcAnalyzerCtx **ctx = calloc((size_t)n + 1, sizeof(*ctx));
    if (!ctx)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    *out = ctx;
    *nb = 0;
    for (const QcAnalyzer *const *a = s->analyzers; *a; a++) {
        if (!((*a)->media & QC_MEDIA_AUDIO) || !qc_inspect_selected(s, *a))
            continue;
        QcAnalyzerCtx *c = calloc(1, sizeof(*c));
        if (!c)
            return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
        ctx[(*nb)++] = c;
        c->desc = *a;
        c->track = info;
        c->cpu_flags = s->cpu_flags;
        c->stats_size = (*a)->stats_size;
        c->max_findings_per_code = s->profile ? s->profile->max_findings_per_code : 200;
        if (!(c->priv = calloc(1, (*a)->priv_size ? (*a)->priv_size : 1)))
            return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
        int ret = qc_inspect_apply_options(s, *a, c->priv, err);
        if (!ret && (*a)->init)
            ret = (*a)->init(c, info);
        if (ret < 0)
            return qc_error_set(err, ret, "analyzer %s could not start: %s", (*a)->name,
                                qc_strerror(ret));
    }
    return 0;
}

static int merge_findings(const QcInspectSettings *s, QcReport *r, int t, QcFindingList *from)
{
    for (size_t i = 0; i < from->count; i++) {
        QcFinding f = from->items[i];
        f.track = t;
        if (s->profile && s->profile->severity[f.code] >= 0)
            f.severity = (QcSeverity)s->profile->severity[f.code];
        int ret = qc_finding_list_add(&r->findings, &f);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static int merge_metrics(QcMetrics *to, const QcMetrics *from)
{
    int ret = 0;
    for (size_t i = 0; i < from->count && !ret; i++) {
        const QcMetric *m = &from->items[i];
        switch (m->kind) {
        case QC_METRIC_DOUBLE: ret = qc_metrics_set_double(to, m->group, m->key, m->d[0]); break;
        case QC_METRIC_INT: ret = qc_metrics_set_int(to, m->group, m->key, m->i[0]); break;
        case QC_METRIC_DOUBLES:
            ret = qc_metrics_set_doubles(to, m->group, m->key, m->d, m->count);
            break;
        case QC_METRIC_INTS: ret = qc_metrics_set_ints(to, m->group, m->key, m->i, m->count); break;
        case QC_METRIC_STRING: ret = qc_metrics_set_string(to, m->group, m->key, m->s); break;
        }
    }
    return ret;
}

int qc_inspect_audio_track(QcAudioSource *src, const QcInspectSettings *s, QcReport *r, int t,
                           QcError *err)
{
    QcTrackReport *tr = &r->tracks[t];
    QcAnalyzerCtx **ctx = NULL;
    int n = 0;
    int ret = make_contexts(s, &src->info, &ctx, &n, err);
    if (ret < 0) {
        snprintf(tr->error, sizeof(tr->error), "%s", err->msg);
        free_contexts(ctx, n);
        if (ret != QC_ERR_NOMEM)
            ret = merge_findings(s, r, t, &src->findings);
        return ret == QC_ERR_NOMEM ? ret : 0;
    }
    Relay rel = {s, t, r->nb_tracks};
    QcAudioPipelineSettings ps = {s->threads, s->cpu_flags, s->cancel, relay, &rel};
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
    for (int k = 0; k < n && ret >= 0; k++) {
        ctx[k]->samples = samples;
        ctx[k]->incomplete = pret != 0;
        if (ctx[k]->desc->finish)
            ret = ctx[k]->desc->finish(ctx[k]);
        if (ret >= 0)
            ret = merge_findings(s, r, t, &ctx[k]->findings);
        if (ret >= 0)
            ret = merge_metrics(&tr->metrics, &ctx[k]->metrics);
        for (int c = 0; c < QC_CODE_COUNT; c++)
            tr->suppressed[c] += ctx[k]->suppressed[c];
    }
    free_contexts(ctx, n);
    /* the reader's own findings (truncation, decode errors, NaN) are complete only now */
    if (ret >= 0)
        ret = qc_audio_source_finish(src);
    if (ret >= 0)
        ret = merge_findings(s, r, t, &src->findings);
    if (ret < 0)
        return qc_error_set(err, ret, "%s: %s", tr->path, qc_strerror(ret));
    return pret == QC_ERR_NOMEM ? qc_error_set(err, pret, "%s", perr.msg) : 0;
}
