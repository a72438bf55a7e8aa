// SPDX-License-Identifier: MIT
/* Channel mapping: the MCA labels of an MXF sound track against IMF's rules (ST 377-4, ST
 * 2067-2 §5.3, ST 2067-8; primer §5.2) — blockers — and signal evidence that a channel is not
 * what its label says — issues: an LFE carrying wide-band content, a silent centre while left
 * and right carry a common (phantom-centre) signal. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "analyzers/mca_rules.h"
#include "engine/mxf/mca.h"

typedef struct MapOpts {
    double lfe_wideband_db, lfe_signal_dbfs, centre_silent_dbfs, sides_dbfs, phantom_corr;
} MapOpts;

typedef struct MapStats {
    double lfe_x2, lfe_e2, lr, ll, rr;
} MapStats;

typedef struct MapPriv {
    MapOpts o;
    int lfe, c, l, r; ///< channel indices, -1 when absent
    MapStats sum;
    double c2, l2, r2;
} MapPriv;

#define OFF(x) offsetof(MapPriv, o.x)
static const QcOption map_options[] = {
    {"lfe_wideband_db",
     "LFE second-difference energy above this, relative to its level, is wide-band content",
     OFF(lfe_wideband_db), QC_OPT_DOUBLE, -40, -120, 0, "dB"},
    {"lfe_signal_dbfs", "judge the LFE only when its RMS is above this", OFF(lfe_signal_dbfs),
     QC_OPT_DOUBLE, -60, -120, 0, "dBFS"},
    {"centre_silent_dbfs", "a centre whose RMS is below this is silent", OFF(centre_silent_dbfs),
     QC_OPT_DOUBLE, -60, -140, 0, "dBFS"},
    {"sides_dbfs", "... while left and right RMS are above this", OFF(sides_dbfs), QC_OPT_DOUBLE,
     -50, -120, 0, "dBFS"},
    {"phantom_corr", "... and correlate above this (a phantom centre)", OFF(phantom_corr),
     QC_OPT_DOUBLE, 0.3, -1, 1, ""},
    {0},
};

static int find(const QcTrackInfo *t, QcChannelLabel l)
{
    for (int c = 0; c < t->channels && c < QC_MAX_CHANNELS; c++)
        if (t->labels[c] == l)
            return c;
    return -1;
}

static int map_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    MapPriv *p = a->priv;
    p->lfe = find(t, QC_CH_LFE);
    p->c = find(t, QC_CH_C);
    p->l = find(t, QC_CH_L);
    p->r = find(t, QC_CH_R);
    return 0;
}

static int map_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const MapPriv *p = a->priv;
    MapStats *s = stats;
    memset(s, 0, sizeof(*s));
    const int n = f->audio.nb_samples;
    if (p->lfe >= 0) {
        /* the second difference is a 12 dB/octave high-pass: LFE content below 120 Hz barely
         * registers, full-range content does */
        const float *x = f->audio.planes[p->lfe];
        for (int i = 0; i < n; i++) {
            double e = (double)x[i] - 2.0 * x[i - 1] + x[i - 2];
            s->lfe_e2 += e * e;
        }
        s->lfe_x2 = f->audio.levels[p->lfe].sumsq;
    }
    if (p->l >= 0 && p->r >= 0) {
        const float *l = f->audio.planes[p->l], *r = f->audio.planes[p->r];
        for (int i = 0; i < n; i++)
            s->lr += (double)l[i] * r[i];
    }
    return 0;
}

static int map_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    MapPriv *p = a->priv;
    const MapStats *s = stats;
    p->sum.lfe_x2 += s->lfe_x2;
    p->sum.lfe_e2 += s->lfe_e2;
    p->sum.lr += s->lr;
    if (p->c >= 0)
        p->c2 += f->audio.levels[p->c].sumsq;
    if (p->l >= 0)
        p->l2 += f->audio.levels[p->l].sumsq;
    if (p->r >= 0)
        p->r2 += f->audio.levels[p->r].sumsq;
    return 0;
}

static double ms_db(double sumsq, int64_t n)
{
    return n > 0 && sumsq > 0 ? 10 * log10(sumsq / (double)n) : -INFINITY;
}

static int signal_evidence(QcAnalyzerCtx *a)
{
    MapPriv *p = a->priv;
    char name[32];
    QcFinding f;
    double lfe = ms_db(p->sum.lfe_x2, a->samples);
    if (p->lfe >= 0 && lfe > p->o.lfe_signal_dbfs) {
        double hf = ms_db(p->sum.lfe_e2, a->samples) - lfe;
        if (hf > p->o.lfe_wideband_db) {
            qc_finding_init(&f, QC_CODE_AUDIO_CHANNEL_MAPPING);
            f.severity = QC_SEV_ISSUE;
            f.channel = p->lfe;
            f.start = 0;
            f.duration = a->samples;
            qc_finding_message(&f,
                               "%s carries wide-band content (high-frequency energy %.0f dB "
                               "below its level): a full-range channel may be mapped to the LFE",
                               qc_channel_name(a, p->lfe, name, sizeof(name)), -hf);
            qc_finding_detail_double(&f, "highpass_relative_db", hf);
            int ret = qc_analyzer_emit(a, &f);
            if (ret < 0)
                return ret;
        }
    }
    if (p->c < 0 || p->l < 0 || p->r < 0)
        return 0;
    double c = ms_db(p->c2, a->samples), l = ms_db(p->l2, a->samples), r = ms_db(p->r2, a->samples);
    double corr = p->l2 > 0 && p->r2 > 0 ? p->sum.lr / sqrt(p->l2 * p->r2) : 0;
    if (c < p->o.centre_silent_dbfs && l > p->o.sides_dbfs && r > p->o.sides_dbfs &&
        corr > p->o.phantom_corr) {
        qc_finding_init(&f, QC_CODE_AUDIO_CHANNEL_MAPPING);
        f.severity = QC_SEV_ISSUE;
        f.channel = p->c;
        f.start = 0;
        f.duration = a->samples;
        qc_finding_message(&f,
                           "the centre is silent (%.0f dBFS) while left and right share a "
                           "common signal (correlation %.2f): dialogue may be in L/R, or a stereo "
                           "mix sits in a 5.1 layout",
                           c, corr);
        qc_finding_detail_double(&f, "lr_correlation", corr);
        return qc_analyzer_emit(a, &f);
    }
    return 0;
}

static int map_finish(QcAnalyzerCtx *a)
{
    int ret = a->track->mca ? qc_mca_check(a, a->track->mca) : 0;
    if (ret >= 0 && !a->incomplete && a->samples > 0)
        ret = signal_evidence(a);
    return ret;
}

const QcAnalyzer qc_analyzer_channel_mapping = {
    .name = "channel_mapping",
    .description = "MCA channel labels against IMF rules, and signal evidence of mismapping",
    .media = QC_MEDIA_AUDIO,
    .flags = QC_AN_FRAME_PURE,
    .options = map_options,
    .priv_size = sizeof(MapPriv),
    .stats_size = sizeof(MapStats),
    .init = map_init,
    .map = map_map,
    .process = map_process,
    .finish = map_finish,
};
