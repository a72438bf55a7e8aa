// SPDX-License-Identifier: MIT
/* Digital hits (ticks, clicks, pops, edit clicks): a sample discontinuity far above the local
 * level. The detector is the second difference e[n] = x[n] - 2x[n-1] + x[n-2], which is small on
 * band-limited programme and large on a step or an impulse. map() reduces e to per-millisecond
 * max and mean; process() compares each millisecond with the mean level on BOTH sides (25 ms
 * each), so the onset of a loud sound (loud after) or its end (loud before) is not a hit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "kernels/discont.h"

typedef struct HitOpts {
    double ratio, peak_ratio, floor_dbfs, side_ms, merge_ms;
} HitOpts;

typedef struct SubWin { ///< one millisecond of e
    float max, sum;
    int32_t len;
    int64_t start; ///< first sample
} SubWin;

typedef struct HitChan {
    SubWin *rec; ///< ring of sub-windows, rec_ring entries
    int64_t nrec, center;
    float *ring; ///< ring of the latest samples, for locating the hit exactly
    int in_hit;
    int64_t hit_start, hit_end;
    double hit_ratio, hit_peak;
} HitChan;

typedef struct HitPriv {
    HitOpts o;
    QcDiscontDSP dsp;
    int sub, nsub_max, side, rec_ring;
    int64_t ring_len, merge;
    float floor;
    HitChan *ch;
} HitPriv;

#define OFF(x) offsetof(HitPriv, o.x)
static const QcOption hit_options[] = {
    {"ratio", "second difference must exceed this many times the local mean", OFF(ratio),
     QC_OPT_DOUBLE, 10, 2, 1000, "times"},
    {"peak_ratio", "... and this many times the largest one nearby", OFF(peak_ratio), QC_OPT_DOUBLE,
     2, 1, 100, "times"},
    {"floor_dbfs", "and must exceed this absolute level", OFF(floor_dbfs), QC_OPT_DOUBLE, -40, -120,
     6, "dBFS"},
    {"side_ms", "local level: mean over this long on each side", OFF(side_ms), QC_OPT_DOUBLE, 25, 2,
     200, "ms"},
    {"merge_ms", "hits closer than this are one event", OFF(merge_ms), QC_OPT_DOUBLE, 2, 0, 1000,
     "ms"},
    {0},
};

static int64_t pow2_at_least(int64_t v)
{
    int64_t r = 1;
    while (r < v)
        r <<= 1;
    return r;
}

static int hit_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    HitPriv *p = a->priv;
    qc_discont_dsp_init(&p->dsp, a->cpu_flags);
    p->sub = (int)qc_seconds_to_samples(a, 0.001);
    if (p->sub < 1)
        p->sub = 1;
    int block = (t->sample_rate + 5) / 10;
    p->nsub_max = (block + p->sub - 1) / p->sub;
    p->side = (int)lround(p->o.side_ms);
    p->rec_ring = (int)pow2_at_least(2 * (int64_t)p->side + 2 * p->nsub_max + 4);
    p->ring_len = pow2_at_least((int64_t)block + (int64_t)(p->side + 3) * p->sub + 8);
    p->merge = qc_seconds_to_samples(a, p->o.merge_ms / 1000.0);
    p->floor = (float)pow(10.0, p->o.floor_dbfs / 20.0);
    a->stats_size = (size_t)t->channels * (size_t)p->nsub_max * 2 * sizeof(float);
    p->ch = calloc((size_t)t->channels, sizeof(HitChan));
    if (!p->ch)
        return QC_ERR_NOMEM;
    for (int c = 0; c < t->channels; c++) {
        p->ch[c].rec = calloc((size_t)p->rec_ring, sizeof(SubWin));
        p->ch[c].ring = calloc((size_t)p->ring_len, sizeof(float));
        if (!p->ch[c].rec || !p->ch[c].ring)
            return QC_ERR_NOMEM;
    }
    return 0;
}

static int hit_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const HitPriv *p = a->priv;
    const int n = f->audio.nb_samples, full = n / p->sub, rem = n - full * p->sub;
    for (int c = 0; c < f->audio.channels; c++) {
        float *mx = (float *)stats + (size_t)c * p->nsub_max * 2;
        float *sm = mx + p->nsub_max;
        const float *x = f->audio.planes[c];
        p->dsp.windows_f32(x, (size_t)full, (size_t)p->sub, mx, sm);
        if (rem)
            p->dsp.windows_f32(x + (size_t)full * p->sub, 1, (size_t)rem, mx + full, sm + full);
    }
    return 0;
}

static float sample_at(const HitPriv *p, const HitChan *h, int64_t i)
{
    return i < 0 ? 0.0f : h->ring[i & (p->ring_len - 1)];
}

static int flush_hit(QcAnalyzerCtx *a, int c)
{
    HitPriv *p = a->priv;
    HitChan *h = &p->ch[c];
    if (!h->in_hit)
        return 0;
    h->in_hit = 0;
    char name[32];
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_DIGITAL_HIT);
    f.channel = c;
    f.start = h->hit_start;
    f.duration = h->hit_end - h->hit_start;
    double db = 20.0 * log10(h->hit_ratio);
    qc_channel_name(a, c, name, sizeof(name));
    if (isfinite(db))
        qc_finding_message(&f, "click of %.1f dB above the local level on %s at %.6f s", db, name,
                           qc_samples_to_seconds(a, f.start));
    else
        qc_finding_message(&f, "click of %.1f dBFS in digital silence on %s at %.6f s",
                           qc_db(h->hit_peak), name, qc_samples_to_seconds(a, f.start));
    qc_finding_detail_double(&f, "above_local_db", db);
    qc_finding_detail_double(&f, "discontinuity_dbfs", qc_db(h->hit_peak));
    return qc_analyzer_emit(a, &f);
}

/* e at the first two samples of the stream measures the jump from silence before the file,
 * which is not in the programme: the first sub-window's maximum leaves them out. */
static float first_max(const HitPriv *p, const HitChan *h, const SubWin *w)
{
    float m = 0;
    for (int64_t i = 2; i < w->start + w->len; i++) {
        float e = (sample_at(p, h, i) - 2.0f * sample_at(p, h, i - 1)) + sample_at(p, h, i - 2);
        m = fmaxf(m, fabsf(e));
    }
    return m;
}

/* Judges sub-window number ci; sub-windows up to `last` are known (fewer at the end). */
static int judge(QcAnalyzerCtx *a, int c, int64_t ci, int64_t last)
{
    HitPriv *p = a->priv;
    HitChan *h = &p->ch[c];
    SubWin *w = &h->rec[ci & (p->rec_ring - 1)];
    if (w->start < 2)
        w->max = first_max(p, h, w);
    if (w->max <= p->floor)
        return 0;
    /* A click stands out from the mean of e on both sides AND from the largest e nearby; the
     * neighbours right next to it are left out of the latter, as the click may spill into
     * them. Gaussian-like content (noise, rain) has maxima a few times its mean, and onsets
     * of loud sounds have a loud side: neither passes. */
    double sb = 0, sa = 0, near = 0;
    int64_t lb = 0, la = 0;
    for (int64_t k = ci - p->side; k < ci; k++)
        if (k >= 0) {
            const SubWin *r = &h->rec[k & (p->rec_ring - 1)];
            sb += r->sum;
            lb += r->len;
            if (k < ci - 1)
                near = fmax(near, r->max);
        }
    for (int64_t k = ci + 1; k <= ci + p->side && k <= last; k++) {
        const SubWin *r = &h->rec[k & (p->rec_ring - 1)];
        sa += r->sum;
        la += r->len;
        if (k > ci + 1)
            near = fmax(near, r->max);
    }
    double level = fmax(lb ? sb / lb : 0, la ? sa / la : 0);
    double thr = fmax(fmax(p->o.ratio * level, p->o.peak_ratio * near), p->floor);
    if (w->max <= thr)
        return 0;
    /* the hit's onset and extent: samples over half the threshold, so the onset is the sample
     * that jumps, not the larger rebound after it */
    int64_t first = -1, last_over = w->start;
    for (int64_t i = w->start > 2 ? w->start : 2; i < w->start + w->len; i++) {
        float e = (sample_at(p, h, i) - 2.0f * sample_at(p, h, i - 1)) + sample_at(p, h, i - 2);
        if (fabsf(e) > 0.5 * thr) {
            if (first < 0)
                first = i;
            last_over = i;
        }
    }
    if (first < 0)
        first = w->start;
    double ratio = level > 0 ? w->max / level : INFINITY; /* a click in digital silence */
    if (h->in_hit && first - h->hit_end <= p->merge) {
        h->hit_end = last_over + 1;
        h->hit_ratio = fmax(h->hit_ratio, ratio);
        h->hit_peak = fmax(h->hit_peak, w->max);
        return 0;
    }
    int ret = flush_hit(a, c);
    h->in_hit = 1;
    h->hit_start = first;
    h->hit_end = last_over + 1;
    h->hit_ratio = ratio;
    h->hit_peak = w->max;
    return ret;
}

static int hit_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    HitPriv *p = a->priv;
    const QcAudioBlock *b = &f->audio;
    const int nsub = (b->nb_samples + p->sub - 1) / p->sub;
    for (int c = 0; c < b->channels; c++) {
        HitChan *h = &p->ch[c];
        const float *mx = (const float *)stats + (size_t)c * p->nsub_max * 2;
        const float *sm = mx + p->nsub_max;
        for (int i = 0; i < b->nb_samples; i++)
            h->ring[(b->first_sample + i) & (p->ring_len - 1)] = b->planes[c][i];
        for (int s = 0; s < nsub; s++) {
            int len = b->nb_samples - s * p->sub < p->sub ? b->nb_samples - s * p->sub : p->sub;
            h->rec[h->nrec & (p->rec_ring - 1)] =
                (SubWin){mx[s], sm[s], len, b->first_sample + (int64_t)s * p->sub};
            h->nrec++;
        }
        for (; h->center + p->side < h->nrec; h->center++) {
            int ret = judge(a, c, h->center, h->nrec - 1);
            if (ret < 0)
                return ret;
        }
    }
    return 0;
}

static int hit_finish(QcAnalyzerCtx *a)
{
    HitPriv *p = a->priv;
    for (int c = 0; c < a->track->channels; c++) {
        HitChan *h = &p->ch[c];
        for (; h->center < h->nrec; h->center++) {
            int ret = judge(a, c, h->center, h->nrec - 1);
            if (ret < 0)
                return ret;
        }
        int ret = flush_hit(a, c);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static void hit_uninit(QcAnalyzerCtx *a)
{
    HitPriv *p = a->priv;
    if (p->ch)
        for (int c = 0; c < a->track->channels; c++) {
            free(p->ch[c].rec);
            free(p->ch[c].ring);
        }
    free(p->ch);
}

const QcAnalyzer qc_analyzer_digital_hit = {
    .name = "digital_hit",
    .description = "clicks, ticks and pops: sample discontinuities far above the local level",
    .media = QC_MEDIA_AUDIO,
    .flags = QC_AN_FRAME_PURE,
    .options = hit_options,
    .priv_size = sizeof(HitPriv),
    .init = hit_init,
    .map = hit_map,
    .process = hit_process,
    .finish = hit_finish,
    .uninit = hit_uninit,
};
