// SPDX-License-Identifier: MIT
/* Dropouts: (1) runs of digital zero with signal on both sides — corruption, not mixing, since
 * mastering noise floors are rarely exactly zero; (2) sudden level drops of ≥ 40 dB against the
 * preceding half second that recover within a second (the FTE "dropout event" idea). Runs longer
 * than max_zero_s belong to the silence analyzer. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "kernels/zerorun.h"

#define MAX_PENDING 16
#define MAX_HISTORY 256
#define MAX_CANDIDATES 16384

typedef struct DropoutOpts {
    double zero_level, min_zero_ms, max_zero_s, signal_dbfs, window_ms, drop_db, recover_s,
        history_ms;
} DropoutOpts;

typedef struct Pending { ///< a zero run waiting for the RMS of the window after it
    int64_t start, end;
    double pre_db, acc;
    int got;
} Pending;

typedef struct ChanState {
    int in_zero;
    int64_t zstart;
    double zpre_db;
    Pending pend[MAX_PENDING];
    int npend;
    float *tail;              ///< last `win` samples of the previous blocks
    double hist[MAX_HISTORY]; ///< window levels before now, dB
    int nhist, hpos;
    int in_drop, drop_zero;
    int64_t drop_start;
    double drop_ref, drop_min;
} ChanState;

typedef struct DropoutPriv {
    DropoutOpts o;
    QcZeroRunDSP zr;
    QcLevelDSP lvl;
    int win, nwin_max, hist_len;
    int64_t min_zero, max_zero, recover;
    float zero_level;
    ChanState *ch;
    QcFindingList found; ///< merged across channels in finish
    int64_t overflow;
} DropoutPriv;

#define OFF(x) offsetof(DropoutPriv, o.x)
static const QcOption dropout_options[] = {
    {"zero_level", "|sample| at or below this is digital zero", OFF(zero_level), QC_OPT_DOUBLE, 0,
     0, 0.01, "FS"},
    {"min_zero_ms", "shortest digital-zero run reported", OFF(min_zero_ms), QC_OPT_DOUBLE, 1, 0.02,
     1000, "ms"},
    {"max_zero_s", "longer zero runs are left to the silence analyzer", OFF(max_zero_s),
     QC_OPT_DOUBLE, 2, 0.01, 3600, "s"},
    {"signal_dbfs", "RMS on both sides of a gap, and level before a drop, at least",
     OFF(signal_dbfs), QC_OPT_DOUBLE, -50, -120, 0, "dBFS"},
    {"window_ms", "RMS window", OFF(window_ms), QC_OPT_DOUBLE, 10, 1, 100, "ms"},
    {"drop_db", "a level drop this deep within one window is a dropout", OFF(drop_db),
     QC_OPT_DOUBLE, 40, 6, 140, "dB"},
    {"recover_s", "a drop must recover within this time, else it is a level change", OFF(recover_s),
     QC_OPT_DOUBLE, 1, 0.01, 60, "s"},
    {"history_ms", "reference level: median over this much before the drop", OFF(history_ms),
     QC_OPT_DOUBLE, 500, 20, 2000, "ms"},
    {0},
};

static int dropout_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    DropoutPriv *p = a->priv;
    qc_zerorun_dsp_init(&p->zr, a->cpu_flags);
    qc_level_dsp_init(&p->lvl, a->cpu_flags);
    p->win = (int)qc_seconds_to_samples(a, p->o.window_ms / 1000.0);
    if (p->win < 1)
        p->win = 1;
    int block = (t->sample_rate + 5) / 10;
    p->nwin_max = (block + p->win - 1) / p->win;
    p->hist_len = (int)lround(p->o.history_ms / p->o.window_ms);
    if (p->hist_len < 1)
        p->hist_len = 1;
    if (p->hist_len > MAX_HISTORY)
        p->hist_len = MAX_HISTORY;
    p->min_zero = qc_seconds_to_samples(a, p->o.min_zero_ms / 1000.0);
    if (p->min_zero < 1)
        p->min_zero = 1;
    p->max_zero = qc_seconds_to_samples(a, p->o.max_zero_s);
    p->recover = qc_seconds_to_samples(a, p->o.recover_s);
    p->zero_level = (float)p->o.zero_level;
    a->stats_size = (size_t)t->channels * (size_t)p->nwin_max * sizeof(double);
    p->ch = calloc((size_t)t->channels, sizeof(ChanState));
    if (!p->ch)
        return QC_ERR_NOMEM;
    for (int c = 0; c < t->channels; c++)
        if (!(p->ch[c].tail = calloc((size_t)p->win, sizeof(float))))
            return QC_ERR_NOMEM;
    return 0;
}

/* map: sum of squares of each window of the block, per channel */
static int dropout_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const DropoutPriv *p = a->priv;
    double *out = stats;
    const int n = f->audio.nb_samples;
    for (int c = 0; c < f->audio.channels; c++) {
        for (int w = 0; w * p->win < n; w++) {
            int len = n - w * p->win < p->win ? n - w * p->win : p->win;
            QcLevelStats st;
            p->lvl.stats_f32(f->audio.planes[c] + w * p->win, (size_t)len, &st);
            out[(size_t)c * p->nwin_max + w] = st.sumsq / len;
        }
    }
    return 0;
}

static double to_db(double mean_square)
{
    return mean_square > 0 ? 10.0 * log10(mean_square) : -INFINITY;
}

static int add_candidate(DropoutPriv *p, const QcFinding *f)
{
    if (p->found.count >= MAX_CANDIDATES) {
        p->overflow++;
        return 0;
    }
    return qc_finding_list_add(&p->found, f);
}

static int report_zero_run(QcAnalyzerCtx *a, int c, const Pending *pd, double post_db)
{
    DropoutPriv *p = a->priv;
    if (pd->pre_db < p->o.signal_dbfs || post_db < p->o.signal_dbfs)
        return 0;
    char name[32];
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_DROPOUT);
    f.channel = c;
    f.start = pd->start;
    f.duration = pd->end - pd->start;
    qc_finding_message(&f,
                       "digital-zero dropout of %.1f ms on %s at %.3f s (signal %.0f dBFS "
                       "before, %.0f dBFS after)",
                       1000.0 * qc_samples_to_seconds(a, f.duration),
                       qc_channel_name(a, c, name, sizeof(name)),
                       qc_samples_to_seconds(a, pd->start), pd->pre_db, post_db);
    qc_finding_detail_string(&f, "kind", "digital_zero");
    qc_finding_detail_double(&f, "level_before_dbfs", pd->pre_db);
    qc_finding_detail_double(&f, "level_after_dbfs", post_db);
    return add_candidate(p, &f);
}

/* Feeds the window after each pending zero run with this block's samples. */
static int feed_pending(QcAnalyzerCtx *a, int c, const float *x, int64_t base, int n)
{
    DropoutPriv *p = a->priv;
    ChanState *s = &p->ch[c];
    for (int k = 0; k < s->npend;) {
        Pending *pd = &s->pend[k];
        int64_t from = pd->end + pd->got, to = pd->end + p->win;
        if (from < base)
            from = base;
        if (to > base + n)
            to = base + n;
        for (int64_t i = from; i < to; i++)
            pd->acc += (double)x[i - base] * x[i - base];
        pd->got += to > from ? (int)(to - from) : 0;
        if (pd->got < p->win) {
            k++;
            continue;
        }
        int ret = report_zero_run(a, c, pd, to_db(pd->acc / p->win));
        if (ret < 0)
            return ret;
        s->pend[k] = s->pend[--s->npend];
    }
    return 0;
}

static double rms_before(const DropoutPriv *p, const ChanState *s, const float *x, int j)
{
    double acc = 0;
    for (int i = j - p->win; i < j; i++) {
        float v = i >= 0 ? x[i] : s->tail[p->win + i];
        acc += (double)v * v;
    }
    return to_db(acc / p->win);
}

static int scan_zero_runs(QcAnalyzerCtx *a, int c, const QcAudioBlock *b)
{
    DropoutPriv *p = a->priv;
    ChanState *s = &p->ch[c];
    const float *x = b->planes[c];
    const size_t n = (size_t)b->nb_samples;
    size_t i = 0;
    while (i < n) {
        if (!s->in_zero) {
            size_t j = i + p->zr.find_quiet(x + i, n - i, p->zero_level);
            if (j >= n)
                break;
            s->in_zero = 1;
            s->zstart = b->first_sample + (int64_t)j;
            s->zpre_db = rms_before(p, s, x, (int)j);
            i = j;
            continue;
        }
        size_t k = i + p->zr.find_loud(x + i, n - i, p->zero_level);
        if (k >= n)
            break;
        s->in_zero = 0;
        int64_t end = b->first_sample + (int64_t)k;
        int64_t len = end - s->zstart;
        if (len >= p->min_zero && len < p->max_zero && s->zpre_db >= p->o.signal_dbfs &&
            s->npend < MAX_PENDING)
            s->pend[s->npend++] = (Pending){s->zstart, end, s->zpre_db, 0, 0};
        i = k;
    }
    return feed_pending(a, c, x, b->first_sample, (int)n);
}

static double median(const double *v, int n)
{
    double tmp[MAX_HISTORY];
    memcpy(tmp, v, (size_t)n * sizeof(double));
    /* insertion sort: n is small and this runs only on drop candidates */
    for (int i = 1; i < n; i++) {
        double x = tmp[i];
        int j = i - 1;
        for (; j >= 0 && tmp[j] > x; j--)
            tmp[j + 1] = tmp[j];
        tmp[j + 1] = x;
    }
    return n & 1 ? tmp[n / 2] : 0.5 * (tmp[n / 2 - 1] + tmp[n / 2]);
}

static int report_drop(QcAnalyzerCtx *a, int c, int64_t end)
{
    DropoutPriv *p = a->priv;
    ChanState *s = &p->ch[c];
    char name[32];
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_DROPOUT);
    double depth = s->drop_ref - s->drop_min;
    f.channel = c;
    f.start = s->drop_start;
    f.duration = end - s->drop_start;
    qc_finding_message(&f,
                       "level drops by %.0f dB for %.0f ms on %s at %.3f s (from %.0f to "
                       "%.0f dBFS)",
                       depth, 1000.0 * qc_samples_to_seconds(a, f.duration),
                       qc_channel_name(a, c, name, sizeof(name)), qc_samples_to_seconds(a, f.start),
                       s->drop_ref, s->drop_min);
    qc_finding_detail_string(&f, "kind", "level_drop");
    qc_finding_detail_double(&f, "depth_db", depth);
    qc_finding_detail_double(&f, "reference_dbfs", s->drop_ref);
    return add_candidate(p, &f);
}

/* One window's level through the drop state machine. */
static int drop_step(QcAnalyzerCtx *a, int c, int64_t wstart, double db)
{
    DropoutPriv *p = a->priv;
    ChanState *s = &p->ch[c];
    if (s->in_drop) {
        if (db < s->drop_min)
            s->drop_min = db;
        s->drop_zero |= isinf(db);
        if (db >= s->drop_ref - p->o.drop_db / 2) {
            s->in_drop = 0;
            /* gaps of digital zero are reported, more precisely, by the zero-run scan */
            if (!s->drop_zero) {
                int ret = report_drop(a, c, wstart);
                if (ret < 0)
                    return ret;
            }
        } else if (wstart - s->drop_start > p->recover) {
            s->in_drop = 0; /* a change of level, not a dropout */
            s->nhist = 0;
        } else {
            return 0;
        }
    } else if (s->nhist >= p->hist_len) {
        double mx = -INFINITY;
        for (int k = 0; k < p->hist_len; k++)
            mx = s->hist[k] > mx ? s->hist[k] : mx;
        if (db <= mx - p->o.drop_db) {
            double m = median(s->hist, p->hist_len);
            if (m >= p->o.signal_dbfs && db <= m - p->o.drop_db) {
                s->in_drop = 1;
                s->drop_zero = isinf(db);
                s->drop_start = wstart;
                s->drop_ref = m;
                s->drop_min = db;
                return 0;
            }
        }
    }
    s->hist[s->hpos] = db;
    s->hpos = (s->hpos + 1) % p->hist_len;
    if (s->nhist < p->hist_len)
        s->nhist++;
    return 0;
}

static int dropout_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    DropoutPriv *p = a->priv;
    const QcAudioBlock *b = &f->audio;
    const double *ms = stats;
    for (int c = 0; c < b->channels; c++) {
        int ret = scan_zero_runs(a, c, b);
        for (int w = 0; !ret && w * p->win < b->nb_samples; w++)
            ret = drop_step(a, c, b->first_sample + (int64_t)w * p->win,
                            to_db(ms[(size_t)c * p->nwin_max + w]));
        if (ret < 0)
            return ret;
        ChanState *s = &p->ch[c];
        const float *x = b->planes[c];
        int n = b->nb_samples;
        if (n >= p->win) {
            memcpy(s->tail, x + n - p->win, (size_t)p->win * sizeof(float));
        } else {
            memmove(s->tail, s->tail + n, (size_t)(p->win - n) * sizeof(float));
            memcpy(s->tail + p->win - n, x, (size_t)n * sizeof(float));
        }
    }
    return 0;
}

static int same_event(const QcFinding *x, const QcFinding *y)
{
    return x->start == y->start && x->duration == y->duration && x->severity == y->severity &&
           !strcmp(x->details[0].s, y->details[0].s);
}

/* One finding per event: the same gap on several channels at once is one defect. */
static int emit_merged(QcAnalyzerCtx *a)
{
    DropoutPriv *p = a->priv;
    qc_finding_list_sort(&p->found);
    for (size_t i = 0; i < p->found.count;) {
        size_t j = i + 1;
        uint64_t mask = p->found.items[i].channel < 64 ? 1ull << p->found.items[i].channel : 0;
        /* sorted by start, code, channel: the same event on other channels follows directly */
        while (j < p->found.count && same_event(&p->found.items[i], &p->found.items[j])) {
            if (p->found.items[j].channel < 64)
                mask |= 1ull << p->found.items[j].channel;
            j++;
        }
        QcFinding f = p->found.items[i];
        if (j - i > 1) {
            int all = (int)(j - i) == a->track->channels;
            f.channel = -1;
            qc_finding_detail_channels(&f, "channels", mask);
            const char *kind = f.details[0].s;
            qc_finding_message(&f, "%s dropout of %.1f ms on %s%zu channels at %.3f s",
                               strcmp(kind, "digital_zero") ? "level-drop" : "digital-zero",
                               1000.0 * qc_samples_to_seconds(a, f.duration), all ? "all " : "",
                               j - i, qc_samples_to_seconds(a, f.start));
        }
        int ret = qc_analyzer_emit(a, &f);
        if (ret < 0)
            return ret;
        i = j;
    }
    a->suppressed[QC_CODE_AUDIO_DROPOUT] += p->overflow;
    return 0;
}

static int dropout_finish(QcAnalyzerCtx *a)
{
    DropoutPriv *p = a->priv;
    for (int c = 0; c < a->track->channels; c++) {
        ChanState *s = &p->ch[c];
        /* the stream ended inside the window after a gap: judge on what there is */
        for (int k = 0; k < s->npend; k++)
            if (s->pend[k].got > 0) {
                int ret =
                    report_zero_run(a, c, &s->pend[k], to_db(s->pend[k].acc / s->pend[k].got));
                if (ret < 0)
                    return ret;
            }
        s->npend = 0;
    }
    return emit_merged(a);
}

static void dropout_uninit(QcAnalyzerCtx *a)
{
    DropoutPriv *p = a->priv;
    if (p->ch)
        for (int c = 0; c < a->track->channels; c++)
            free(p->ch[c].tail);
    free(p->ch);
    qc_finding_list_free(&p->found);
}

const QcAnalyzer qc_analyzer_dropout = {
    .name = "dropout",
    .description = "digital-zero gaps inside signal, and sudden level drops that recover",
    .media = QC_MEDIA_AUDIO,
    .flags = QC_AN_FRAME_PURE,
    .options = dropout_options,
    .priv_size = sizeof(DropoutPriv),
    .init = dropout_init,
    .map = dropout_map,
    .process = dropout_process,
    .finish = dropout_finish,
    .uninit = dropout_uninit,
};
