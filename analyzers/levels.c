// SPDX-License-Identifier: MIT
/* Per-channel sample peak, RMS and mean over the programme: metrics only, no findings. */
#include <math.h>
#include <stdlib.h>

#include "analyzers/analyzer.h"

typedef struct LevelsPriv {
    double *peak, *sum, *sumsq; ///< per channel; linear full scale
} LevelsPriv;

static int levels_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    LevelsPriv *p = a->priv;
    p->peak = calloc((size_t)t->channels, sizeof(double));
    p->sum = calloc((size_t)t->channels, sizeof(double));
    p->sumsq = calloc((size_t)t->channels, sizeof(double));
    return p->peak && p->sum && p->sumsq ? 0 : QC_ERR_NOMEM;
}

static int levels_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)stats;
    LevelsPriv *p = a->priv;
    for (int c = 0; c < f->audio.channels; c++) {
        const QcLevelStats *l = &f->audio.levels[c];
        if (l->absmax > p->peak[c])
            p->peak[c] = l->absmax;
        p->sum[c] += l->sum;
        p->sumsq[c] += l->sumsq;
    }
    return 0;
}

static int levels_finish(QcAnalyzerCtx *a)
{
    LevelsPriv *p = a->priv;
    const int ch = a->track->channels;
    double *peak = malloc((size_t)ch * sizeof(double));
    double *rms = malloc((size_t)ch * sizeof(double));
    double *dc = malloc((size_t)ch * sizeof(double));
    int ret = QC_ERR_NOMEM;
    if (peak && rms && dc) {
        double n = a->samples > 0 ? (double)a->samples : 1.0;
        for (int c = 0; c < ch; c++) {
            peak[c] = qc_db(p->peak[c]);
            rms[c] = qc_db(sqrt(p->sumsq[c] / n));
            dc[c] = p->sum[c] / n;
        }
        ret = qc_metrics_set_doubles(&a->metrics, "levels", "peak_dbfs", peak, (size_t)ch);
        if (!ret)
            ret = qc_metrics_set_doubles(&a->metrics, "levels", "rms_dbfs", rms, (size_t)ch);
        if (!ret)
            ret = qc_metrics_set_doubles(&a->metrics, "levels", "dc_offset", dc, (size_t)ch);
    }
    free(peak);
    free(rms);
    free(dc);
    return ret;
}

static void levels_uninit(QcAnalyzerCtx *a)
{
    LevelsPriv *p = a->priv;
    free(p->peak);
    free(p->sum);
    free(p->sumsq);
}

const QcAnalyzer qc_analyzer_levels = {
    .name = "levels",
    .description = "per-channel sample peak, RMS and mean (metrics only)",
    .media = QC_MEDIA_AUDIO,
    .priv_size = sizeof(LevelsPriv),
    .init = levels_init,
    .process = levels_process,
    .finish = levels_finish,
    .uninit = levels_uninit,
};
