// SPDX-License-Identifier: MIT
/* What the per-media runners share: analyzer contexts from the profile, and merging their
 * findings and metrics into the report in registry order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline/inspect_internal.h"

void qc_inspect_relay(void *opaque, int64_t done, int64_t total)
{
    QcInspectRelay *p = opaque;
    if (p->s->progress)
        p->s->progress(p->s->opaque, p->track, p->nb_tracks, done, total);
}

void qc_inspect_free_contexts(QcAnalyzerCtx **ctx, int n)
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
int qc_inspect_make_contexts(const QcInspectSettings *s, QcMediaKind media, const QcTrackInfo *info,
                             QcAnalyzerCtx ***out, int *nb, QcError *err)
{
    int n = 0;
    for (const QcAnalyzer *const *a = s->analyzers; *a; a++)
        n += ((*a)->media & media) && qc_inspect_selected(s, *a);
    QcAnalyzerCtx **ctx = calloc((size_t)n + 1, sizeof(*ctx));
    if (!ctx)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    *out = ctx;
    *nb = 0;
    for (const QcAnalyzer *const *a = s->analyzers; *a; a++) {
        if (!((*a)->media & media) || !qc_inspect_selected(s, *a))
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

int qc_inspect_merge_findings(QcReport *r, int t, const QcFindingList *from)
{
    for (size_t i = 0; i < from->count; i++) {
        QcFinding f = from->items[i];
        f.track = t;
        int ret = qc_finding_list_add(&r->findings, &f);
        if (ret < 0)
            return ret;
    }
    return 0;
}

/* The one place where the profile's severities are applied, so that what on_finding saw and what
 * the report says cannot differ, whichever check added the finding. */
void qc_inspect_announce(const QcInspectSettings *s, QcReport *r)
{
    for (size_t i = r->findings_announced; i < r->findings.count; i++) {
        QcFinding *f = &r->findings.items[i];
        if (s->profile && s->profile->severity[f->code] >= 0)
            f->severity = (QcSeverity)s->profile->severity[f->code];
        if (s->on_finding)
            s->on_finding(s->opaque, r, f);
    }
    r->findings_announced = r->findings.count;
}

int qc_inspect_merge_metrics(QcMetrics *to, const QcMetrics *from)
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

int qc_inspect_finish_contexts(QcReport *r, int t, QcAnalyzerCtx *const *ctx, int n, int64_t units,
                               int incomplete)
{
    QcTrackReport *tr = &r->tracks[t];
    int ret = 0;
    for (int k = 0; k < n && ret >= 0; k++) {
        ctx[k]->samples = units;
        ctx[k]->incomplete = incomplete;
        if (ctx[k]->desc->finish)
            ret = ctx[k]->desc->finish(ctx[k]);
        if (ret >= 0)
            ret = qc_inspect_merge_findings(r, t, &ctx[k]->findings);
        if (ret >= 0)
            ret = qc_inspect_merge_metrics(&tr->metrics, &ctx[k]->metrics);
        for (int c = 0; c < QC_CODE_COUNT; c++)
            tr->suppressed[c] += ctx[k]->suppressed[c];
    }
    return ret;
}
