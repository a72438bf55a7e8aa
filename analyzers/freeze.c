// SPDX-License-Identifier: MIT
/* Frozen pictures, as FFmpeg's freezedetect judges them: frames whose mean absolute difference
 * to the reference frame (the first of the candidate freeze, not the previous frame, so a slow
 * drift still ends the run) stays at or below the noise level. Frozen black is left to the
 * black analyzer. Runs of 2 s or more are issues (Netflix "low variance"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "kernels/picture.h"

typedef struct FreezeOpts {
    double noise, min_duration_s, black_level;
} FreezeOpts;

typedef struct FreezePriv {
    FreezeOpts o;
    QcPictureDSP dsp;
    uint8_t *ref;
    int ref_w, ref_h, have_ref, ref_dark;
    int64_t ref_eu, frozen_from, min_len;
} FreezePriv;

#define OFF(x) offsetof(FreezePriv, o.x)
static const QcOption freeze_options[] = {
    {"noise", "mean difference to the reference at or below this is frozen", OFF(noise),
     QC_OPT_DOUBLE, 0.001, 0, 1, "FS"},
    {"min_duration_s", "shortest freeze reported", OFF(min_duration_s), QC_OPT_DOUBLE, 2, 0, 86400,
     "s"},
    {"black_level", "a reference picture darker than this mean luma is black, not frozen",
     OFF(black_level), QC_OPT_DOUBLE, 0.10, 0, 1, "FS"},
    {0},
};

static int freeze_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    FreezePriv *p = a->priv;
    qc_picture_dsp_init(&p->dsp, a->cpu_flags);
    p->ref = malloc(480 * 480);
    p->min_len =
        t->rate_den > 0 ? (int64_t)llround(p->o.min_duration_s * t->rate_num / t->rate_den) : 0;
    p->frozen_from = -1;
    return p->ref ? 0 : QC_ERR_NOMEM;
}

static int end_freeze(QcAnalyzerCtx *a, int64_t end)
{
    FreezePriv *p = a->priv;
    int64_t start = p->frozen_from;
    p->frozen_from = -1;
    if (start < 0 || end - start < p->min_len || p->ref_dark)
        return 0;
    QcFinding f;
    qc_finding_init(&f, QC_CODE_VIDEO_FREEZE);
    f.start = start;
    f.duration = end - start;
    qc_finding_message(&f, "picture frozen for %lld frames from frame %lld (repeats frame %lld)",
                       (long long)(end - start), (long long)start, (long long)p->ref_eu);
    return qc_analyzer_emit(a, &f);
}

static void take_reference(FreezePriv *p, const QcFrame *f)
{
    const QcVideoFrame *v = &f->video;
    size_t n = (size_t)v->luma_w * (size_t)v->luma_h;
    uint64_t sum, sumsq;
    p->dsp.sum_sq_u8(v->luma, v->luma_w, v->luma_w, v->luma_h, &sum, &sumsq);
    p->ref_dark = (double)sum / (double)n <= p->o.black_level * 255;
    memcpy(p->ref, v->luma, n);
    p->ref_w = v->luma_w;
    p->ref_h = v->luma_h;
    p->ref_eu = f->edit_unit;
    p->have_ref = 1;
}

static int freeze_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)stats;
    FreezePriv *p = a->priv;
    const QcVideoFrame *v = &f->video;
    int frozen = 0;
    if (v->decoded && p->have_ref && v->luma_w == p->ref_w && v->luma_h == p->ref_h) {
        uint64_t sad = p->dsp.sad_u8(v->luma, v->luma_w, p->ref, p->ref_w, v->luma_w, v->luma_h);
        frozen = (double)sad / ((double)v->luma_w * v->luma_h * 255.0) <= p->o.noise;
    }
    if (frozen) {
        if (p->frozen_from < 0)
            p->frozen_from = f->edit_unit;
        return 0;
    }
    int ret = end_freeze(a, f->edit_unit);
    if (v->decoded)
        take_reference(p, f);
    else
        p->have_ref = 0;
    return ret;
}

static int freeze_finish(QcAnalyzerCtx *a)
{
    return end_freeze(a, a->samples);
}

static void freeze_uninit(QcAnalyzerCtx *a)
{
    FreezePriv *p = a->priv;
    free(p->ref);
}

const QcAnalyzer qc_analyzer_freeze = {
    .name = "freeze",
    .description = "frozen pictures (FFmpeg freezedetect's reference-frame rule)",
    .media = QC_MEDIA_VIDEO,
    .options = freeze_options,
    .priv_size = sizeof(FreezePriv),
    .init = freeze_init,
    .process = freeze_process,
    .finish = freeze_finish,
    .uninit = freeze_uninit,
};
