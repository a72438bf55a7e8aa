// SPDX-License-Identifier: MIT
/* Black runs, as FFmpeg's blackdetect judges a frame: black when at least pic_th of its pixels
 * are at or below the black level (pix_th of the range above black). Runs of at least 2 s
 * outside the expected head and tail black are issues (Netflix "commercial blacks"). */
#include <math.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "kernels/picture.h"

typedef struct BlackOpts {
    double pix_th, pic_th, min_duration_s, head_s, tail_s;
} BlackOpts;

typedef struct BlackPriv {
    BlackOpts o;
    QcPictureDSP dsp;
    int level; ///< 8-bit luma at or below which a pixel is black
    int64_t min_len, head, tail_frames;
    int in_run;
    int64_t run_start;
} BlackPriv;

#define OFF(x) offsetof(BlackPriv, o.x)
static const QcOption black_options[] = {
    {"pix_th", "a pixel is black at or below this share of the range above black", OFF(pix_th),
     QC_OPT_DOUBLE, 0.10, 0, 1, "fraction"},
    {"pic_th", "a frame is black when this share of its pixels is", OFF(pic_th), QC_OPT_DOUBLE,
     0.98, 0, 1, "fraction"},
    {"min_duration_s", "shortest black run reported", OFF(min_duration_s), QC_OPT_DOUBLE, 2, 0,
     86400, "s"},
    {"head_s", "black expected at the head, ignored", OFF(head_s), QC_OPT_DOUBLE, 1, 0, 86400, "s"},
    {"tail_s", "black expected at the tail, ignored", OFF(tail_s), QC_OPT_DOUBLE, 1, 0, 86400, "s"},
    {0},
};

static int64_t frames_of(const QcTrackInfo *t, double s)
{
    return t->rate_den > 0 ? (int64_t)llround(s * t->rate_num / t->rate_den) : 0;
}

static int black_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    BlackPriv *p = a->priv;
    qc_picture_dsp_init(&p->dsp, a->cpu_flags);
    /* full range: black is 0; narrow range: 16 of 16..235 */
    p->level =
        t->full_range ? (int)floor(p->o.pix_th * 255) : (int)floor(16 + p->o.pix_th * (235 - 16));
    p->min_len = frames_of(t, p->o.min_duration_s);
    p->head = frames_of(t, p->o.head_s);
    p->tail_frames = frames_of(t, p->o.tail_s);
    return 0;
}

static int black_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    const BlackPriv *p = a->priv;
    int *black = stats;
    *black = 0;
    if (!f->video.decoded)
        return 0;
    uint32_t hist[256] = {0};
    p->dsp.hist_u8(hist, f->video.luma, f->video.luma_w, f->video.luma_w, f->video.luma_h);
    uint64_t dark = 0, n = (uint64_t)f->video.luma_w * (uint64_t)f->video.luma_h;
    for (int i = 0; i <= p->level && i < 256; i++)
        dark += hist[i];
    *black = (double)dark >= p->o.pic_th * (double)n;
    return 0;
}

static int close_run(QcAnalyzerCtx *a, int64_t end)
{
    BlackPriv *p = a->priv;
    if (!p->in_run)
        return 0;
    p->in_run = 0;
    int64_t s = p->run_start > p->head ? p->run_start : p->head;
    /* the tail is known from the track's duration; a->samples is only set at the end */
    int64_t total = a->track->duration > 0 ? a->track->duration : a->samples, e = end;
    if (total > 0 && e > total - p->tail_frames)
        e = total - p->tail_frames;
    if (e - s < p->min_len || e <= s)
        return 0;
    QcFinding f;
    qc_finding_init(&f, QC_CODE_VIDEO_BLACK);
    f.start = s;
    f.duration = e - s;
    qc_finding_message(&f, "black for %lld frames from frame %lld", (long long)(e - s),
                       (long long)s);
    return qc_analyzer_emit(a, &f);
}

static int black_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    BlackPriv *p = a->priv;
    int black = *(const int *)stats;
    if (black && !p->in_run) {
        p->in_run = 1;
        p->run_start = f->edit_unit;
    } else if (!black && p->in_run) {
        return close_run(a, f->edit_unit);
    }
    return 0;
}

static int black_finish(QcAnalyzerCtx *a)
{
    return close_run(a, a->samples);
}

const QcAnalyzer qc_analyzer_black = {
    .name = "black",
    .description = "black runs (FFmpeg blackdetect's thresholds) outside head and tail",
    .media = QC_MEDIA_VIDEO,
    .flags = QC_AN_FRAME_PURE,
    .options = black_options,
    .priv_size = sizeof(BlackPriv),
    .stats_size = sizeof(int),
    .init = black_init,
    .map = black_map,
    .process = black_process,
    .finish = black_finish,
};
