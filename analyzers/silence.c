// SPDX-License-Identifier: MIT
/* Silence: runs where the peak stays below the threshold (FFmpeg silencedetect's peak mode),
 * for all channels together and per channel. Runs are exact to the sample: map() finds the first
 * and last loud sample of each block, and a run is the gap between loud samples. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "analyzers/analyzer.h"
#include "analyzers/runs.h"
#include "kernels/zerorun.h"

typedef struct SilenceOpts {
    double threshold_dbfs, min_duration_s, head_s, tail_s, issue_share, channel_share;
    int per_channel, per_channel_lfe;
} SilenceOpts;

typedef struct SilencePriv {
    SilenceOpts o;
    QcZeroRunDSP dsp;
    float level;       ///< threshold as linear amplitude
    int64_t min_len;   ///< samples
    int64_t all_start; ///< first sample after the last loud sample on any channel
    int64_t *ch_start; ///< the same per channel
    QcRuns all;
    QcRuns *ch;
    int64_t *ch_silent; ///< per channel: samples in runs of at least min_len
    int any_loud;
} SilencePriv;

/* map() output per channel: [first loud, last loud + 1) within the block, or {n, 0} if none */
typedef struct LoudSpan {
    int32_t first, end;
} LoudSpan;

#define OFF(x) offsetof(SilencePriv, o.x)
static const QcOption silence_options[] = {
    {"threshold_dbfs", "peak below this is silence", OFF(threshold_dbfs), QC_OPT_DOUBLE, -60, -140,
     0, "dBFS"},
    {"min_duration_s", "shortest silence reported", OFF(min_duration_s), QC_OPT_DOUBLE, 2, 0.01,
     86400, "s"},
    {"head_s", "silence expected at the head, ignored", OFF(head_s), QC_OPT_DOUBLE, 1, 0, 86400,
     "s"},
    {"tail_s", "silence expected at the tail, ignored", OFF(tail_s), QC_OPT_DOUBLE, 1, 0, 86400,
     "s"},
    {"issue_share", "all-channel silence above this share of the programme is an issue",
     OFF(issue_share), QC_OPT_DOUBLE, 0.10, 0, 1, "fraction"},
    {"channel_share", "a full-range channel silent above this share is an issue",
     OFF(channel_share), QC_OPT_DOUBLE, 0.90, 0, 1, "fraction"},
    {"per_channel", "also report runs on single channels", OFF(per_channel), QC_OPT_BOOL, 1, 0, 1,
     ""},
    {"per_channel_lfe", "report single-channel runs on the LFE too", OFF(per_channel_lfe),
     QC_OPT_BOOL, 0, 0, 1, ""},
    {0},
};

static int silence_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    SilencePriv *p = a->priv;
    qc_zerorun_dsp_init(&p->dsp, a->cpu_flags);
    p->level = (float)pow(10.0, p->o.threshold_dbfs / 20.0);
    p->min_len = qc_seconds_to_samples(a, p->o.min_duration_s);
    a->stats_size = (size_t)t->channels * sizeof(LoudSpan);
    p->ch_start = calloc((size_t)t->channels, sizeof(int64_t));
    p->ch = calloc((size_t)t->channels, sizeof(QcRuns));
    p->ch_silent = calloc((size_t)t->channels, sizeof(int64_t));
    return p->ch_start && p->ch && p->ch_silent ? 0 : QC_ERR_NOMEM;
}

static int silence_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const SilencePriv *p = a->priv;
    LoudSpan *span = stats;
    const size_t n = (size_t)f->audio.nb_samples;
    for (int c = 0; c < f->audio.channels; c++) {
        const float *x = f->audio.planes[c];
        if (f->audio.levels[c].absmax <= p->level) {
            span[c] = (LoudSpan){(int32_t)n, 0};
            continue;
        }
        span[c].first = (int32_t)p->dsp.find_loud(x, n, p->level);
        span[c].end = (int32_t)p->dsp.rfind_loud(x, n, p->level);
    }
    return 0;
}

/* A silent stretch [start, end) closed by a loud sample: keep it if long enough. */
static int close_run(const SilencePriv *p, QcRuns *r, int64_t start, int64_t end, int64_t *acc)
{
    if (end - start < p->min_len)
        return 0;
    if (acc)
        *acc += end - start;
    return qc_runs_add(r, start, end, 0);
}

static int silence_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    SilencePriv *p = a->priv;
    const LoudSpan *span = stats;
    const int64_t base = f->audio.first_sample;
    int32_t first_all = f->audio.nb_samples, end_all = 0;
    for (int c = 0; c < f->audio.channels; c++) {
        if (span[c].end == 0)
            continue;
        int ret = close_run(p, &p->ch[c], p->ch_start[c], base + span[c].first, &p->ch_silent[c]);
        if (ret < 0)
            return ret;
        p->ch_start[c] = base + span[c].end;
        if (span[c].first < first_all)
            first_all = span[c].first;
        if (span[c].end > end_all)
            end_all = span[c].end;
    }
    if (end_all) {
        p->any_loud = 1;
        int ret = close_run(p, &p->all, p->all_start, base + first_all, NULL);
        if (ret < 0)
            return ret;
        p->all_start = base + end_all;
    }
    return 0;
}

/* Clips a run to the programme minus its head and tail; 0 when too little is left. */
static int clip_run(const QcAnalyzerCtx *a, const SilencePriv *p, const QcRun *r, int64_t *s,
                    int64_t *e)
{
    int64_t head = qc_seconds_to_samples(a, p->o.head_s);
    int64_t tail = a->samples - qc_seconds_to_samples(a, p->o.tail_s);
    *s = r->start > head ? r->start : head;
    *e = r->end < tail ? r->end : tail;
    return *e - *s >= p->min_len;
}

/* How much of [s, e) no all-channel run covers: a channel run is news only where the other
 * channels carry signal (crossfades make the two differ by a few samples at the edges). */
static int64_t uncovered(const SilencePriv *p, int64_t s, int64_t e)
{
    int64_t left = e - s;
    for (size_t k = 0; k < p->all.count; k++) {
        int64_t a = p->all.items[k].start > s ? p->all.items[k].start : s;
        int64_t b = p->all.items[k].end < e ? p->all.items[k].end : e;
        if (b > a)
            left -= b - a;
    }
    return left;
}

static int emit_run(QcAnalyzerCtx *a, int channel, int64_t s, int64_t e, QcSeverity sev,
                    double share)
{
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_SILENCE);
    f.severity = sev;
    f.channel = channel;
    f.start = s;
    f.duration = e - s;
    char name[32];
    if (channel < 0)
        qc_finding_message(&f,
                           "all channels silent for %.2f s (from %.3f s); %.1f %% of the "
                           "programme is silent",
                           qc_samples_to_seconds(a, e - s), qc_samples_to_seconds(a, s),
                           share * 100.0);
    else
        qc_finding_message(&f,
                           "%s silent for %.2f s (from %.3f s) while other channels carry "
                           "signal",
                           qc_channel_name(a, channel, name, sizeof(name)),
                           qc_samples_to_seconds(a, e - s), qc_samples_to_seconds(a, s));
    return qc_analyzer_emit(a, &f);
}

static int emit_whole_track(QcAnalyzerCtx *a, const SilencePriv *p)
{
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_SILENCE);
    f.severity = QC_SEV_BLOCKER;
    f.start = 0;
    f.duration = a->samples;
    qc_finding_message(&f,
                       "the whole track is silent (peak below %.1f dBFS on every channel): "
                       "wrong or empty audio delivered",
                       p->o.threshold_dbfs);
    return qc_analyzer_emit(a, &f);
}

static int emit_channel_runs(QcAnalyzerCtx *a, SilencePriv *p, int c)
{
    int is_lfe = a->track->labels[c] == QC_CH_LFE;
    if (a->track->channels > 1 && !a->incomplete && !is_lfe &&
        p->ch_silent[c] > p->o.channel_share * (double)a->samples) {
        char name[32];
        QcFinding f;
        qc_finding_init(&f, QC_CODE_AUDIO_SILENCE);
        f.severity = QC_SEV_ISSUE;
        f.channel = c;
        f.start = 0;
        f.duration = a->samples;
        qc_finding_message(&f,
                           "%s is silent for %.0f %% of the programme: empty or mismapped "
                           "channel",
                           qc_channel_name(a, c, name, sizeof(name)),
                           100.0 * (double)p->ch_silent[c] / (double)a->samples);
        return qc_analyzer_emit(a, &f);
    }
    if (!p->o.per_channel || a->track->channels < 2 || (is_lfe && !p->o.per_channel_lfe))
        return 0;
    for (size_t k = 0; k < p->ch[c].count; k++) {
        int64_t s, e;
        if (!clip_run(a, p, &p->ch[c].items[k], &s, &e) || uncovered(p, s, e) < p->min_len)
            continue;
        int ret = emit_run(a, c, s, e, QC_SEV_FYI, 0);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static int silence_finish(QcAnalyzerCtx *a)
{
    SilencePriv *p = a->priv;
    if (a->samples <= 0)
        return 0;
    if (!p->any_loud && !a->incomplete)
        return emit_whole_track(a, p);
    /* close the runs still open at the end of the stream */
    int ret = close_run(p, &p->all, p->all_start, a->samples, NULL);
    for (int c = 0; c < a->track->channels && !ret; c++)
        ret = close_run(p, &p->ch[c], p->ch_start[c], a->samples, &p->ch_silent[c]);
    if (ret < 0)
        return ret;
    int64_t silent = 0;
    for (size_t k = 0; k < p->all.count; k++) {
        int64_t s, e;
        if (clip_run(a, p, &p->all.items[k], &s, &e))
            silent += e - s;
    }
    double share = (double)silent / (double)a->samples;
    QcSeverity sev = share > p->o.issue_share && !a->incomplete ? QC_SEV_ISSUE : QC_SEV_FYI;
    for (size_t k = 0; k < p->all.count; k++) {
        int64_t s, e;
        if (clip_run(a, p, &p->all.items[k], &s, &e) && (ret = emit_run(a, -1, s, e, sev, share)))
            return ret;
    }
    for (int c = 0; c < a->track->channels; c++)
        if ((ret = emit_channel_runs(a, p, c)) < 0)
            return ret;
    return qc_metrics_set_double(&a->metrics, "silence", "silent_share", share);
}

static void silence_uninit(QcAnalyzerCtx *a)
{
    SilencePriv *p = a->priv;
    qc_runs_free(&p->all);
    if (p->ch)
        for (int c = 0; c < a->track->channels; c++)
            qc_runs_free(&p->ch[c]);
    free(p->ch);
    free(p->ch_start);
    free(p->ch_silent);
}

const QcAnalyzer qc_analyzer_silence = {
    .name = "silence",
    .description = "silence on all channels and per channel (peak below a threshold)",
    .media = QC_MEDIA_AUDIO,
    .flags = QC_AN_FRAME_PURE,
    .options = silence_options,
    .priv_size = sizeof(SilencePriv),
    .init = silence_init,
    .map = silence_map,
    .process = silence_process,
    .finish = silence_finish,
    .uninit = silence_uninit,
};
