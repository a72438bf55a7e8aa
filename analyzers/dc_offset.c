// SPDX-License-Identifier: MIT
/* DC offset: the mean of each channel over the programme, and over 10 s windows so a local offset
 * (a bad edit, a converter glitch) is placed on the timeline. */
#include <math.h>
#include <stdlib.h>

#include "analyzers/analyzer.h"

typedef struct DcOpts {
    double fyi_level, issue_level, window_s;
} DcOpts;

typedef struct DcChan {
    double sum;  ///< whole programme
    double wsum; ///< current window
    int64_t wstart, wlen;
    int in_run; ///< consecutive windows over the issue level
    int64_t run_start, run_end;
    double run_peak;
} DcChan;

typedef struct DcPriv {
    DcOpts o;
    int64_t window;
    DcChan *ch;
    QcFindingList local; ///< window findings, kept until the programme mean is known
} DcPriv;

#define OFF(x) offsetof(DcPriv, o.x)
static const QcOption dc_options[] = {
    {"fyi_level", "programme mean above this is reported", OFF(fyi_level), QC_OPT_DOUBLE, 0.001, 0,
     1, "FS"},
    {"issue_level", "programme or window mean above this is an issue", OFF(issue_level),
     QC_OPT_DOUBLE, 0.01, 0, 1, "FS"},
    {"window_s", "window for local offsets", OFF(window_s), QC_OPT_DOUBLE, 10, 0.1, 3600, "s"},
    {0},
};

static int dc_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    DcPriv *p = a->priv;
    p->window = qc_seconds_to_samples(a, p->o.window_s);
    p->ch = calloc((size_t)t->channels, sizeof(DcChan));
    return p->ch ? 0 : QC_ERR_NOMEM;
}

static int flush_local(QcAnalyzerCtx *a, int c)
{
    DcPriv *p = a->priv;
    DcChan *h = &p->ch[c];
    if (!h->in_run)
        return 0;
    h->in_run = 0;
    char name[32];
    QcFinding f;
    qc_finding_init(&f, QC_CODE_AUDIO_DC_OFFSET);
    f.severity = QC_SEV_ISSUE;
    f.channel = c;
    f.start = h->run_start;
    f.duration = h->run_end - h->run_start;
    qc_finding_message(
        &f, "DC offset of %+.4f (%.1f dBFS) on %s from %.1f s to %.1f s", h->run_peak,
        qc_db(fabs(h->run_peak)), qc_channel_name(a, c, name, sizeof(name)),
        qc_samples_to_seconds(a, h->run_start), qc_samples_to_seconds(a, h->run_end));
    qc_finding_detail_double(&f, "mean", h->run_peak);
    return qc_finding_list_add(&p->local, &f);
}

static int close_window(QcAnalyzerCtx *a, int c)
{
    DcPriv *p = a->priv;
    DcChan *h = &p->ch[c];
    if (!h->wlen)
        return 0;
    double mean = h->wsum / (double)h->wlen;
    int ret = 0;
    if (fabs(mean) > p->o.issue_level) {
        if (!h->in_run) {
            h->in_run = 1;
            h->run_start = h->wstart;
            h->run_peak = mean;
        } else if (fabs(mean) > fabs(h->run_peak)) {
            h->run_peak = mean;
        }
        h->run_end = h->wstart + h->wlen;
    } else {
        ret = flush_local(a, c);
    }
    h->wstart += h->wlen;
    h->wsum = 0;
    h->wlen = 0;
    return ret;
}

static int dc_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)stats;
    DcPriv *p = a->priv;
    for (int c = 0; c < f->audio.channels; c++) {
        DcChan *h = &p->ch[c];
        h->sum += f->audio.levels[c].sum;
        h->wsum += f->audio.levels[c].sum;
        h->wlen += f->audio.nb_samples;
        if (h->wlen >= p->window) {
            int ret = close_window(a, c);
            if (ret < 0)
                return ret;
        }
    }
    return 0;
}

static int dc_finish(QcAnalyzerCtx *a)
{
    DcPriv *p = a->priv;
    if (a->samples <= 0)
        return 0;
    for (int c = 0; c < a->track->channels; c++) {
        int ret = close_window(a, c);
        if (!ret)
            ret = flush_local(a, c);
        if (ret < 0)
            return ret;
        double mean = p->ch[c].sum / (double)a->samples;
        if (fabs(mean) <= p->o.fyi_level)
            continue;
        /* a programme-wide offset says it all: drop this channel's window findings */
        for (size_t k = 0; k < p->local.count; k++)
            if (p->local.items[k].channel == c)
                p->local.items[k].channel = -2;
        char name[32];
        QcFinding f;
        qc_finding_init(&f, QC_CODE_AUDIO_DC_OFFSET);
        f.severity = fabs(mean) > p->o.issue_level ? QC_SEV_ISSUE : QC_SEV_FYI;
        f.channel = c;
        f.start = 0;
        f.duration = a->samples;
        qc_finding_message(&f,
                           "DC offset of %+.4f (%.1f dBFS) over the whole programme on %s: "
                           "high-pass or re-render the channel",
                           mean, qc_db(fabs(mean)), qc_channel_name(a, c, name, sizeof(name)));
        qc_finding_detail_double(&f, "mean", mean);
        if ((ret = qc_analyzer_emit(a, &f)) < 0)
            return ret;
    }
    for (size_t k = 0; k < p->local.count; k++) {
        if (p->local.items[k].channel == -2)
            continue;
        int ret = qc_analyzer_emit(a, &p->local.items[k]);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static void dc_uninit(QcAnalyzerCtx *a)
{
    DcPriv *p = a->priv;
    free(p->ch);
    qc_finding_list_free(&p->local);
}

const QcAnalyzer qc_analyzer_dc_offset = {
    .name = "dc_offset",
    .description = "DC offset per channel, over the programme and over windows",
    .media = QC_MEDIA_AUDIO,
    .options = dc_options,
    .priv_size = sizeof(DcPriv),
    .init = dc_init,
    .process = dc_process,
    .finish = dc_finish,
    .uninit = dc_uninit,
};
