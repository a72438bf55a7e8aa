// SPDX-License-Identifier: MIT
/* Phase: the correlation ρ = Σab / sqrt(Σa²·Σb²) of each symmetric channel pair (L/R, Ls/Rs, …)
 * over 400 ms windows, stepped every 100 ms block. Sustained ρ < -0.5 is out of phase (issue);
 * ρ < -0.95 over most of the programme is an inverted channel (blocker). ρ > 0.999 is mono. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "kernels/corr.h"

#define MAX_PAIRS 16
#define MAX_WINDOW_BLOCKS 50

typedef struct PhaseOpts {
    double out_of_phase, inverted, mono, min_duration_s, window_ms, signal_dbfs, inverted_share,
        mono_share, merge_gap_s;
} PhaseOpts;

typedef struct PairState {
    int a, b;                          ///< channels
    double sums[MAX_WINDOW_BLOCKS][3]; ///< ring of per-block Σab, Σa², Σb²
    int64_t counts[MAX_WINDOW_BLOCKS];
    int pos, filled;
    int run; ///< 0 none, 1 out of phase, 2 mono
    int64_t run_start, run_end;
    double run_min;
    int64_t signal_windows, inverted_windows, mono_windows;
    double tot[3];
} PairState;

typedef struct PhasePriv {
    PhaseOpts o;
    QcCorrDSP dsp;
    int npairs, wblocks;
    int64_t min_len, merge_gap;
    double signal_ms; ///< mean square
    PairState pair[MAX_PAIRS];
    QcFindingList runs; ///< kept until the programme verdict is known
} PhasePriv;

#define OFF(x) offsetof(PhasePriv, o.x)
static const QcOption phase_options[] = {
    {"out_of_phase", "correlation below this, sustained, is out of phase", OFF(out_of_phase),
     QC_OPT_DOUBLE, -0.5, -1, 0, ""},
    {"inverted", "correlation below this marks an inverted window", OFF(inverted), QC_OPT_DOUBLE,
     -0.95, -1, 0, ""},
    {"inverted_share", "inverted windows above this share of the programme: blocker",
     OFF(inverted_share), QC_OPT_DOUBLE, 0.5, 0, 1, "fraction"},
    {"mono", "correlation above this is mono", OFF(mono), QC_OPT_DOUBLE, 0.999, 0, 1, ""},
    {"mono_share", "mono above this share of the programme is an issue", OFF(mono_share),
     QC_OPT_DOUBLE, 0.9, 0, 1, "fraction"},
    {"min_duration_s", "shortest out-of-phase or mono run reported", OFF(min_duration_s),
     QC_OPT_DOUBLE, 2, 0.1, 86400, "s"},
    {"merge_gap_s", "runs of the same kind closer than this are one", OFF(merge_gap_s),
     QC_OPT_DOUBLE, 1, 0, 3600, "s"},
    {"window_ms", "correlation window (a multiple of 100)", OFF(window_ms), QC_OPT_DOUBLE, 400, 100,
     5000, "ms"},
    {"signal_dbfs", "windows where either channel is below this RMS are skipped", OFF(signal_dbfs),
     QC_OPT_DOUBLE, -50, -120, 0, "dBFS"},
    {0},
};

static const QcChannelLabel pair_labels[][2] = {
    {QC_CH_L, QC_CH_R},     {QC_CH_LS, QC_CH_RS}, {QC_CH_LSS, QC_CH_RSS},
    {QC_CH_LRS, QC_CH_RRS}, {QC_CH_LC, QC_CH_RC}, {QC_CH_LT, QC_CH_RT},
};

static int find_label(const QcTrackInfo *t, QcChannelLabel l)
{
    for (int c = 0; c < t->channels; c++)
        if (t->labels[c] == l)
            return c;
    return -1;
}

static int phase_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    PhasePriv *p = a->priv;
    qc_corr_dsp_init(&p->dsp, a->cpu_flags);
    for (size_t k = 0; k < sizeof(pair_labels) / sizeof(pair_labels[0]); k++) {
        int ca = find_label(t, pair_labels[k][0]), cb = find_label(t, pair_labels[k][1]);
        if (ca >= 0 && cb >= 0 && p->npairs < MAX_PAIRS)
            p->pair[p->npairs++] = (PairState){.a = ca, .b = cb};
    }
    /* an unlabelled two-channel file is a stereo pair */
    if (!p->npairs && t->channels == 2)
        p->pair[p->npairs++] = (PairState){.a = 0, .b = 1};
    p->wblocks = (int)lround(p->o.window_ms / 100.0);
    if (p->wblocks < 1)
        p->wblocks = 1;
    if (p->wblocks > MAX_WINDOW_BLOCKS)
        p->wblocks = MAX_WINDOW_BLOCKS;
    p->min_len = qc_seconds_to_samples(a, p->o.min_duration_s);
    p->merge_gap = qc_seconds_to_samples(a, p->o.merge_gap_s);
    p->signal_ms = pow(10.0, p->o.signal_dbfs / 10.0);
    a->stats_size = (size_t)(p->npairs ? p->npairs : 1) * 3 * sizeof(double);
    return 0;
}

static int phase_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const PhasePriv *p = a->priv;
    double *out = stats;
    for (int k = 0; k < p->npairs; k++)
        p->dsp.sums_f32(f->audio.planes[p->pair[k].a], f->audio.planes[p->pair[k].b],
                        (size_t)f->audio.nb_samples, out + 3 * k);
    return 0;
}

static int flush_run(QcAnalyzerCtx *a, PairState *s)
{
    PhasePriv *p = a->priv;
    int kind = s->run;
    s->run = 0;
    if (!kind || s->run_end - s->run_start < p->min_len)
        return 0;
    char na[32], nb[32];
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_PHASE);
    f.severity = kind == 1 ? QC_SEV_ISSUE : QC_SEV_FYI;
    f.channel = s->b;
    f.start = s->run_start;
    f.duration = s->run_end - s->run_start;
    qc_channel_name(a, s->a, na, sizeof(na));
    qc_channel_name(a, s->b, nb, sizeof(nb));
    if (kind == 1)
        qc_finding_message(&f,
                           "%s/%s out of phase for %.1f s from %.3f s (correlation down to "
                           "%.2f): check the polarity of %s",
                           na, nb, qc_samples_to_seconds(a, f.duration),
                           qc_samples_to_seconds(a, f.start), s->run_min, nb);
    else
        qc_finding_message(&f, "%s/%s carry identical (mono) signal for %.1f s from %.3f s", na, nb,
                           qc_samples_to_seconds(a, f.duration), qc_samples_to_seconds(a, f.start));
    qc_finding_detail_string(&f, "kind", kind == 1 ? "out_of_phase" : "mono");
    qc_finding_detail_channels(&f, "pair",
                               (s->a < 64 ? 1ull << s->a : 0) | (s->b < 64 ? 1ull << s->b : 0));
    return qc_finding_list_add(&p->runs, &f);
}

static int step(QcAnalyzerCtx *a, PairState *s, int64_t wstart, int64_t wend, const double *w,
                int64_t n)
{
    PhasePriv *p = a->priv;
    int kind = 0;
    double rho = 0;
    if (w[1] / n >= p->signal_ms && w[2] / n >= p->signal_ms) {
        rho = w[0] / sqrt(w[1] * w[2]);
        s->signal_windows++;
        s->inverted_windows += rho < p->o.inverted;
        s->mono_windows += rho > p->o.mono;
        kind = rho < p->o.out_of_phase ? 1 : rho > p->o.mono ? 2 : 0;
    }
    /* a window of another kind inside a run only ends it once the gap is long */
    if (s->run && kind != s->run && wend - s->run_end <= p->merge_gap)
        return 0;
    if (kind != s->run) {
        int ret = flush_run(a, s);
        if (ret < 0)
            return ret;
        if (kind) {
            s->run = kind;
            s->run_start = wstart;
            s->run_min = rho;
        }
    }
    if (kind) {
        s->run_end = wend;
        if (rho < s->run_min)
            s->run_min = rho;
    }
    return 0;
}

static int phase_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    PhasePriv *p = a->priv;
    const double *in = stats;
    for (int k = 0; k < p->npairs; k++) {
        PairState *s = &p->pair[k];
        memcpy(s->sums[s->pos], in + 3 * k, 3 * sizeof(double));
        s->counts[s->pos] = f->audio.nb_samples;
        for (int j = 0; j < 3; j++)
            s->tot[j] += in[3 * k + j];
        s->pos = (s->pos + 1) % p->wblocks;
        if (s->filled < p->wblocks)
            s->filled++;
        if (s->filled < p->wblocks)
            continue;
        double w[3] = {0, 0, 0};
        int64_t n = 0;
        for (int b = 0; b < p->wblocks; b++) {
            for (int j = 0; j < 3; j++)
                w[j] += s->sums[b][j];
            n += s->counts[b];
        }
        int64_t wend = f->audio.first_sample + f->audio.nb_samples;
        int ret = step(a, s, wend - n, wend, w, n);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static int programme_verdict(QcAnalyzerCtx *a, PairState *s, int *judged)
{
    PhasePriv *p = a->priv;
    *judged = 0;
    if (!s->signal_windows || a->incomplete)
        return 0;
    double inv = (double)s->inverted_windows / s->signal_windows;
    double mono = (double)s->mono_windows / s->signal_windows;
    double rho = s->tot[0] / sqrt(s->tot[1] * s->tot[2]);
    int negative = rho < p->o.out_of_phase;
    if (inv <= p->o.inverted_share && mono <= p->o.mono_share && !negative)
        return 0;
    *judged = 1;
    char na[32], nb[32];
    qc_channel_name(a, s->a, na, sizeof(na));
    qc_channel_name(a, s->b, nb, sizeof(nb));
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_PHASE);
    f.channel = s->b;
    f.start = 0;
    f.duration = a->samples;
    if (inv > p->o.inverted_share) {
        f.severity = QC_SEV_BLOCKER;
        qc_finding_message(&f,
                           "%s is polarity-inverted against %s over %.0f %% of the "
                           "programme (correlation %.2f)",
                           nb, na, inv * 100, rho);
        qc_finding_detail_string(&f, "kind", "inverted");
    } else if (negative) {
        f.severity = QC_SEV_ISSUE;
        qc_finding_message(&f,
                           "%s/%s are out of phase over the programme (correlation %.2f): "
                           "check the polarity of %s",
                           na, nb, rho, nb);
        qc_finding_detail_string(&f, "kind", "out_of_phase");
    } else {
        f.severity = QC_SEV_ISSUE;
        qc_finding_message(&f, "%s/%s carry identical (mono) signal over %.0f %% of the programme",
                           na, nb, mono * 100);
        qc_finding_detail_string(&f, "kind", "mono");
    }
    qc_finding_detail_double(&f, "correlation", rho);
    return qc_analyzer_emit(a, &f);
}

static int phase_finish(QcAnalyzerCtx *a)
{
    PhasePriv *p = a->priv;
    double rho[MAX_PAIRS];
    for (int k = 0; k < p->npairs; k++) {
        PairState *s = &p->pair[k];
        int judged, ret = flush_run(a, s);
        if (!ret)
            ret = programme_verdict(a, s, &judged);
        if (ret < 0)
            return ret;
        double den = sqrt(s->tot[1] * s->tot[2]);
        rho[k] = den > 0 ? s->tot[0] / den : NAN;
        for (size_t i = 0; i < p->runs.count; i++) {
            QcFinding *f = &p->runs.items[i];
            /* one verdict for the programme replaces the runs it is made of */
            if (f->channel == s->b && !judged && (ret = qc_analyzer_emit(a, f)) < 0)
                return ret;
        }
    }
    return p->npairs ? qc_metrics_set_doubles(&a->metrics, "phase", "pair_correlation", rho,
                                              (size_t)p->npairs)
                     : 0;
}

static void phase_uninit(QcAnalyzerCtx *a)
{
    PhasePriv *p = a->priv;
    qc_finding_list_free(&p->runs);
}

const QcAnalyzer qc_analyzer_phase = {
    .name = "phase",
    .description = "correlation of channel pairs: out of phase, inverted, mono",
    .media = QC_MEDIA_AUDIO,
    .flags = QC_AN_FRAME_PURE,
    .options = phase_options,
    .priv_size = sizeof(PhasePriv),
    .init = phase_init,
    .map = phase_map,
    .process = phase_process,
    .finish = phase_finish,
    .uninit = phase_uninit,
};
