// SPDX-License-Identifier: MIT
/* Programme loudness per ITU-R BS.1770 / EBU R 128 with libebur128 in histogram mode (memory
 * independent of duration): integrated, loudness range, and the maxima of momentary (400 ms)
 * and short-term (3 s) loudness. The maxima are built from libebur128's 100 ms block energies,
 * stepped every 100 ms: asking libebur128 for a 3 s window at every step would re-sum the whole
 * window each time. True peak comes from the true_peak analyzer's kernel, not from here. */
#include <ebur128.h>
#include <math.h>
#include <stdlib.h>

#include "analyzers/analyzer.h"
#include "analyzers/loudness.h"
#include "analyzers/series.h"

#define M_BLOCKS 4  ///< 400 ms of 100 ms blocks
#define S_BLOCKS 30 ///< 3 s

typedef struct LoudOpts {
    double target_lufs, tolerance_lu;
} LoudOpts;

typedef struct LoudPriv {
    LoudOpts o;
    ebur128_state *st;
    double energy[S_BLOCKS]; ///< ring of 100 ms block energies (mean square, K-weighted)
    int pos, filled;
    double max_m, max_s; ///< energies
    QcSeries momentary, short_term; ///< energies over time, for plots
} LoudPriv;

#define OFF(x) offsetof(LoudPriv, o.x)
static const QcOption loud_options[] = {
    {"target_lufs", "integrated loudness target (LUFS and LKFS are the same scale)",
     OFF(target_lufs), QC_OPT_DOUBLE, -24, -60, 0, "LUFS"},
    {"tolerance_lu", "allowed deviation from the target", OFF(tolerance_lu), QC_OPT_DOUBLE, 2, 0,
     30, "LU"},
    {0},
};

int qc_loudness_ebur128_channel(QcChannelLabel l)
{
    switch (l) {
    case QC_CH_LFE: return EBUR128_UNUSED;
    case QC_CH_L:
    case QC_CH_LT:
    case QC_CH_LC: return EBUR128_LEFT;
    case QC_CH_R:
    case QC_CH_RT:
    case QC_CH_RC: return EBUR128_RIGHT;
    case QC_CH_C:
    case QC_CH_M: return EBUR128_CENTER;
    case QC_CH_LS: return EBUR128_LEFT_SURROUND;
    case QC_CH_RS: return EBUR128_RIGHT_SURROUND;
    /* BS.1770-4 Table 4: side (±90°) channels weigh +1.5 dB, rear (±135°) channels 0 dB */
    case QC_CH_LSS: return EBUR128_Mp090;
    case QC_CH_RSS: return EBUR128_Mm090;
    case QC_CH_LRS: return EBUR128_Mp135;
    case QC_CH_RRS: return EBUR128_Mm135;
    case QC_CH_CS: return EBUR128_Mp180;
    default: return EBUR128_LEFT; /* unknown: weight 1, as BS.1770 does for any front channel */
    }
}

static int loud_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    LoudPriv *p = a->priv;
    p->st = ebur128_init((unsigned)t->channels, (unsigned long)t->sample_rate,
                         EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_HISTOGRAM);
    if (!p->st)
        return QC_ERR_NOMEM;
    for (int c = 0; c < t->channels; c++)
        ebur128_set_channel(p->st, (unsigned)c, qc_loudness_ebur128_channel(t->labels[c]));
    qc_series_init(&p->momentary);
    qc_series_init(&p->short_term);
    return 0;
}

/* loudness back to energy: libebur128 reports -0.691 + 10·log10(energy) */
static double energy_of(double lufs)
{
    return isfinite(lufs) ? pow(10.0, (lufs + 0.691) / 10.0) : 0.0;
}

static double lufs_of(double energy)
{
    return energy > 0 ? -0.691 + 10.0 * log10(energy) : -INFINITY;
}

static int loud_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)stats;
    LoudPriv *p = a->priv;
    const QcAudioBlock *b = &f->audio;
    if (ebur128_add_frames_float(p->st, b->interleaved, (size_t)b->nb_samples) != EBUR128_SUCCESS)
        return QC_ERR_NOMEM;
    double l;
    if (ebur128_loudness_window(p->st, 100, &l) != EBUR128_SUCCESS)
        return QC_ERR_INTERNAL;
    p->energy[p->pos] = energy_of(l);
    p->pos = (p->pos + 1) % S_BLOCKS;
    p->filled++;
    double m = 0, s = 0;
    for (int k = 1; k <= S_BLOCKS; k++) {
        double e = p->energy[(p->pos - k + S_BLOCKS) % S_BLOCKS];
        if (k <= M_BLOCKS)
            m += e;
        s += e;
    }
    if (p->filled >= M_BLOCKS && m / M_BLOCKS > p->max_m)
        p->max_m = m / M_BLOCKS;
    if (p->filled >= S_BLOCKS && s / S_BLOCKS > p->max_s)
        p->max_s = s / S_BLOCKS;
    /* a window not yet full has no loudness: 0 energy becomes a gap in the plot */
    qc_series_add(&p->momentary, p->filled >= M_BLOCKS ? m / M_BLOCKS : 0);
    qc_series_add(&p->short_term, p->filled >= S_BLOCKS ? s / S_BLOCKS : 0);
    return 0;
}

static int loud_finish(QcAnalyzerCtx *a)
{
    LoudPriv *p = a->priv;
    double integrated = -INFINITY, range = NAN;
    if (ebur128_loudness_global(p->st, &integrated) != EBUR128_SUCCESS)
        integrated = -INFINITY;
    if (ebur128_loudness_range(p->st, &range) != EBUR128_SUCCESS)
        range = NAN;
    double mm = lufs_of(p->max_m), ms = p->filled >= S_BLOCKS ? lufs_of(p->max_s) : NAN;
    int ret = qc_metrics_set_double(&a->metrics, "loudness", "integrated_lufs", integrated);
    if (!ret)
        ret = qc_metrics_set_double(&a->metrics, "loudness", "range_lu", range);
    if (!ret)
        ret = qc_metrics_set_double(&a->metrics, "loudness", "max_momentary_lufs", mm);
    if (!ret)
        ret = qc_metrics_set_double(&a->metrics, "loudness", "max_short_term_lufs", ms);
    if (!ret)
        ret = qc_metrics_set_double(&a->metrics, "loudness", "target_lufs", p->o.target_lufs);
    if (!ret)
        ret = qc_series_store(&p->momentary, &a->metrics, "loudness_over_time", "momentary_lufs",
                              lufs_of, 0.1);
    if (!ret)
        ret = qc_series_store(&p->short_term, &a->metrics, "loudness_over_time",
                              "short_term_lufs", lufs_of, 0.1);
    if (ret < 0 || a->incomplete)
        return ret;
    /* nothing above the -70 LUFS gate: the silence analyzer reports that */
    if (!isfinite(integrated) || fabs(integrated - p->o.target_lufs) <= p->o.tolerance_lu)
        return 0;
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_LOUDNESS);
    f.start = 0;
    f.duration = a->samples;
    qc_finding_message(&f,
                       "integrated loudness %.1f LUFS is %.1f LU %s the %.1f ± %.1f LUFS "
                       "target (BS.1770, programme-gated)",
                       integrated, fabs(integrated - p->o.target_lufs),
                       integrated > p->o.target_lufs ? "above" : "below", p->o.target_lufs,
                       p->o.tolerance_lu);
    qc_finding_detail_double(&f, "integrated_lufs", integrated);
    qc_finding_detail_double(&f, "target_lufs", p->o.target_lufs);
    qc_finding_detail_double(&f, "range_lu", range);
    return qc_analyzer_emit(a, &f);
}

static void loud_uninit(QcAnalyzerCtx *a)
{
    LoudPriv *p = a->priv;
    if (p->st)
        ebur128_destroy(&p->st);
}

const QcAnalyzer qc_analyzer_loudness = {
    .name = "loudness",
    .description = "BS.1770 integrated loudness, loudness range, max momentary and short-term",
    .media = QC_MEDIA_AUDIO,
    .options = loud_options,
    .priv_size = sizeof(LoudPriv),
    .init = loud_init,
    .process = loud_process,
    .finish = loud_finish,
    .uninit = loud_uninit,
};
