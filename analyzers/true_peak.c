// SPDX-License-Identifier: MIT
/* True peak per channel (ITU-R BS.1770 Annex 2: 4× oversampling), from our SIMD interpolator:
 * libebur128's true-peak mode would cost about three times its loudness measurement. */
#include <math.h>
#include <stdlib.h>

#include "analyzers/analyzer.h"
#include "kernels/truepeak.h"

typedef struct TpOpts {
    double fyi_dbtp, issue_dbtp;
} TpOpts;

typedef struct TpPriv {
    TpOpts o;
    QcTruePeakDSP dsp;
    float *peak;    ///< per channel, linear
    int64_t *where; ///< first sample of the block holding the peak
} TpPriv;

#define OFF(x) offsetof(TpPriv, o.x)
static const QcOption tp_options[] = {
    {"fyi_dbtp", "true peak above this is reported", OFF(fyi_dbtp), QC_OPT_DOUBLE, -2, -60, 20,
     "dBTP"},
    {"issue_dbtp", "true peak above this is an issue", OFF(issue_dbtp), QC_OPT_DOUBLE, -1, -60, 20,
     "dBTP"},
    {0},
};

static int tp_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    TpPriv *p = a->priv;
    qc_truepeak_dsp_init(&p->dsp, a->cpu_flags);
    a->stats_size = (size_t)t->channels * sizeof(float);
    p->peak = calloc((size_t)t->channels, sizeof(float));
    p->where = calloc((size_t)t->channels, sizeof(int64_t));
    return p->peak && p->where ? 0 : QC_ERR_NOMEM;
}

static int tp_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const TpPriv *p = a->priv;
    float *out = stats;
    for (int c = 0; c < f->audio.channels; c++)
        out[c] = p->dsp.max_abs_4x_f32(f->audio.planes[c], (size_t)f->audio.nb_samples);
    return 0;
}

static int tp_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    TpPriv *p = a->priv;
    const float *in = stats;
    for (int c = 0; c < f->audio.channels; c++) {
        /* the interpolator never reads below the sample peak */
        float v = fmaxf(in[c], f->audio.levels[c].absmax);
        if (v > p->peak[c]) {
            p->peak[c] = v;
            p->where[c] = f->audio.first_sample;
        }
    }
    return 0;
}

static int tp_finish(QcAnalyzerCtx *a)
{
    TpPriv *p = a->priv;
    const int ch = a->track->channels;
    double *db = malloc((size_t)ch * sizeof(double));
    if (!db)
        return QC_ERR_NOMEM;
    double mx = -INFINITY;
    int ret = 0;
    for (int c = 0; c < ch && !ret; c++) {
        db[c] = qc_db(p->peak[c]);
        mx = fmax(mx, db[c]);
        if (db[c] <= p->o.fyi_dbtp)
            continue;
        char name[32];
        QcFinding f;
        qc_finding_init(&f, QC_CODE_AUDIO_TRUE_PEAK);
        f.severity = db[c] > p->o.issue_dbtp ? QC_SEV_ISSUE : QC_SEV_FYI;
        f.channel = c;
        f.start = p->where[c];
        f.duration = qc_seconds_to_samples(a, 0.1);
        qc_finding_message(&f, "true peak %.2f dBTP on %s near %.1f s exceeds %.1f dBTP", db[c],
                           qc_channel_name(a, c, name, sizeof(name)),
                           qc_samples_to_seconds(a, f.start),
                           f.severity == QC_SEV_ISSUE ? p->o.issue_dbtp : p->o.fyi_dbtp);
        qc_finding_detail_double(&f, "true_peak_dbtp", db[c]);
        ret = qc_analyzer_emit(a, &f);
    }
    if (!ret)
        ret = qc_metrics_set_doubles(&a->metrics, "loudness", "true_peak_dbtp", db, (size_t)ch);
    if (!ret)
        ret = qc_metrics_set_double(&a->metrics, "loudness", "true_peak_max_dbtp", mx);
    free(db);
    return ret;
}

static void tp_uninit(QcAnalyzerCtx *a)
{
    TpPriv *p = a->priv;
    free(p->peak);
    free(p->where);
}

const QcAnalyzer qc_analyzer_true_peak = {
    .name = "true_peak",
    .description = "true peak per channel (BS.1770 4x oversampling)",
    .media = QC_MEDIA_AUDIO,
    .flags = QC_AN_FRAME_PURE,
    .options = tp_options,
    .priv_size = sizeof(TpPriv),
    .init = tp_init,
    .map = tp_map,
    .process = tp_process,
    .finish = tp_finish,
    .uninit = tp_uninit,
};
