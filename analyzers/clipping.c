// SPDX-License-Identifier: MIT
/* Clipping, after Netflix's AudioClippingInspector criteria 1-3: runs of equal samples at or
 * above -0.45 dBFS (criterion 1), many flat tops at the channel's own maximum (criterion 2, a
 * clipper or limiter set below full scale), and too many full-scale samples (criterion 3).
 * Only blocks whose peak reaches the levels in play are scanned sample by sample. */
#include <math.h>
#include <stdlib.h>

#include "analyzers/analyzer.h"

typedef struct ClipOpts {
    double clip_dbfs, merge_ms, full_scale_share, blocker_share;
    int min_run, max_segments;
} ClipOpts;

typedef struct ClipChan {
    float prev; ///< value of the current run of equal samples
    int64_t run_start, run_len;
    int in_event;
    int64_t ev_start, ev_end, ev_samples;
    int events;
    float max; ///< channel peak so far
    int64_t seg_at_max, first_seg_at_max;
    int64_t full_scale, first_full_scale, clipped;
} ClipChan;

typedef struct ClipPriv {
    ClipOpts o;
    float clip_level, fs_level;
    int64_t merge;
    ClipChan *ch;
} ClipPriv;

#define OFF(x) offsetof(ClipPriv, o.x)
static const QcOption clip_options[] = {
    {"clip_dbfs", "runs of equal samples at or above this level are clipping", OFF(clip_dbfs),
     QC_OPT_DOUBLE, -0.45, -20, 0, "dBFS"},
    {"min_run", "equal consecutive samples that make a run", OFF(min_run), QC_OPT_INT, 3, 2, 1000,
     "samples"},
    {"merge_ms", "clipped runs closer than this are one event", OFF(merge_ms), QC_OPT_DOUBLE, 10, 0,
     10000, "ms"},
    {"full_scale_share", "full-scale samples above this share of the channel are an issue",
     OFF(full_scale_share), QC_OPT_DOUBLE, 0.0001, 0, 1, "fraction"},
    {"blocker_share", "... and above this share a blocker", OFF(blocker_share), QC_OPT_DOUBLE, 0.01,
     0, 1, "fraction"},
    {"max_segments", "this many flat tops at the channel's own peak are clipping",
     OFF(max_segments), QC_OPT_INT, 10, 1, 1000000, ""},
    {0},
};

static int clip_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    ClipPriv *p = a->priv;
    p->clip_level = (float)pow(10.0, p->o.clip_dbfs / 20.0);
    /* the largest positive code of the stored format counts as full scale */
    int bits = t->is_float || t->bits <= 0 || t->bits > 24 ? 24 : t->bits;
    p->fs_level = t->is_float ? 1.0f : (float)(1.0 - ldexp(1.0, -(bits - 1)));
    p->merge = qc_seconds_to_samples(a, p->o.merge_ms / 1000.0);
    p->ch = calloc((size_t)t->channels, sizeof(ClipChan));
    if (!p->ch)
        return QC_ERR_NOMEM;
    for (int c = 0; c < t->channels; c++)
        p->ch[c].prev = NAN;
    return 0;
}

static int flush_event(QcAnalyzerCtx *a, int c)
{
    ClipPriv *p = a->priv;
    ClipChan *h = &p->ch[c];
    if (!h->in_event)
        return 0;
    h->in_event = 0;
    h->events++;
    char name[32];
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_CLIPPING);
    f.channel = c;
    f.start = h->ev_start;
    f.duration = h->ev_end - h->ev_start;
    qc_finding_message(&f,
                       "clipping on %s at %.3f s: %lld samples in runs at or above %.2f dBFS "
                       "over %.1f ms",
                       qc_channel_name(a, c, name, sizeof(name)), qc_samples_to_seconds(a, f.start),
                       (long long)h->ev_samples, p->o.clip_dbfs,
                       1000.0 * qc_samples_to_seconds(a, f.duration));
    qc_finding_detail_int(&f, "clipped_samples", h->ev_samples);
    qc_finding_detail_string(&f, "criterion", "equal_runs_near_full_scale");
    return qc_analyzer_emit(a, &f);
}

/* A run of equal samples ended: criterion 1 and 2 bookkeeping. */
static int close_run(QcAnalyzerCtx *a, int c)
{
    ClipPriv *p = a->priv;
    ClipChan *h = &p->ch[c];
    if (h->run_len < p->o.min_run || isnan(h->prev))
        return 0;
    float v = fabsf(h->prev);
    if (v > 0 && v == h->max) {
        if (!h->seg_at_max++)
            h->first_seg_at_max = h->run_start;
    }
    if (v < p->clip_level)
        return 0;
    int64_t end = h->run_start + h->run_len;
    h->clipped += h->run_len;
    if (h->in_event && h->run_start - h->ev_end <= p->merge) {
        h->ev_end = end;
        h->ev_samples += h->run_len;
        return 0;
    }
    int ret = flush_event(a, c);
    h->in_event = 1;
    h->ev_start = h->run_start;
    h->ev_end = end;
    h->ev_samples = h->run_len;
    return ret;
}

static int scan(QcAnalyzerCtx *a, int c, const float *x, int n, int64_t base)
{
    ClipPriv *p = a->priv;
    ClipChan *h = &p->ch[c];
    for (int i = 0; i < n; i++) {
        float v = x[i];
        if (fabsf(v) >= p->fs_level && !h->full_scale++)
            h->first_full_scale = base + i;
        if (v == h->prev) {
            h->run_len++;
            continue;
        }
        int ret = close_run(a, c);
        if (ret < 0)
            return ret;
        h->prev = v;
        h->run_start = base + i;
        h->run_len = 1;
    }
    return 0;
}

static int clip_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)stats;
    ClipPriv *p = a->priv;
    const QcAudioBlock *b = &f->audio;
    for (int c = 0; c < b->channels; c++) {
        ClipChan *h = &p->ch[c];
        float peak = b->levels[c].absmax;
        if (peak > h->max) {
            h->max = peak;
            h->seg_at_max = 0; /* flat tops below the new peak are not at the maximum */
        }
        int ret;
        if (peak < p->clip_level && peak < h->max) {
            /* nothing here can clip or sit at the peak: only close the run */
            ret = close_run(a, c);
            h->prev = NAN;
            h->run_len = 0;
        } else {
            ret = scan(a, c, b->planes[c], b->nb_samples, b->first_sample);
        }
        if (ret < 0)
            return ret;
    }
    return 0;
}

static int channel_summary(QcAnalyzerCtx *a, int c)
{
    ClipPriv *p = a->priv;
    ClipChan *h = &p->ch[c];
    char name[32];
    QcFinding f;
    double share = a->samples > 0 ? (double)h->full_scale / (double)a->samples : 0;
    if (!h->events && h->full_scale && share > p->o.full_scale_share) {
        qc_finding_init(&f, QC_CODE_AUDIO_CLIPPING);
        f.severity = share > p->o.blocker_share ? QC_SEV_BLOCKER : QC_SEV_ISSUE;
        f.channel = c;
        f.start = h->first_full_scale;
        qc_finding_message(&f,
                           "%s has %lld full-scale samples (%.3f %% of the channel), first "
                           "at %.3f s",
                           qc_channel_name(a, c, name, sizeof(name)), (long long)h->full_scale,
                           share * 100, qc_samples_to_seconds(a, f.start));
        qc_finding_detail_int(&f, "full_scale_samples", h->full_scale);
        qc_finding_detail_string(&f, "criterion", "full_scale_share");
        return qc_analyzer_emit(a, &f);
    }
    if (!h->events && h->seg_at_max >= p->o.max_segments && h->max < p->clip_level) {
        qc_finding_init(&f, QC_CODE_AUDIO_CLIPPING);
        f.channel = c;
        f.start = h->first_seg_at_max;
        qc_finding_message(&f,
                           "%s is flat-topped at its peak of %.2f dBFS in %lld places: "
                           "clipped or hard-limited below full scale",
                           qc_channel_name(a, c, name, sizeof(name)), qc_db(h->max),
                           (long long)h->seg_at_max);
        qc_finding_detail_int(&f, "segments_at_peak", h->seg_at_max);
        qc_finding_detail_string(&f, "criterion", "flat_tops_at_peak");
        return qc_analyzer_emit(a, &f);
    }
    return 0;
}

static int clip_finish(QcAnalyzerCtx *a)
{
    ClipPriv *p = a->priv;
    const int ch = a->track->channels;
    int64_t *clipped = malloc((size_t)ch * sizeof(int64_t));
    int ret = clipped ? 0 : QC_ERR_NOMEM;
    for (int c = 0; c < ch && !ret; c++) {
        ret = close_run(a, c);
        if (!ret)
            ret = flush_event(a, c);
        if (!ret)
            ret = channel_summary(a, c);
        if (clipped)
            clipped[c] = p->ch[c].clipped;
    }
    if (!ret)
        ret = qc_metrics_set_ints(&a->metrics, "clipping", "clipped_samples", clipped, (size_t)ch);
    free(clipped);
    return ret;
}

static void clip_uninit(QcAnalyzerCtx *a)
{
    ClipPriv *p = a->priv;
    free(p->ch);
}

const QcAnalyzer qc_analyzer_clipping = {
    .name = "clipping",
    .description = "clipped runs near full scale, flat tops at the peak, full-scale share",
    .media = QC_MEDIA_AUDIO,
    .options = clip_options,
    .priv_size = sizeof(ClipPriv),
    .init = clip_init,
    .process = clip_process,
    .finish = clip_finish,
    .uninit = clip_uninit,
};
