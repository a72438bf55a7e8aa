// SPDX-License-Identifier: MIT
/* Scene changes, scored as FFmpeg's scdet does: the mean absolute difference to the previous
 * picture (MAFD, % of full scale) and its change from the previous MAFD; the score is the
 * smaller of the two, so steady motion (high MAFD, no jump) is not a cut. Luma thumbnails only:
 * MAFD barely depends on scale. The shot list goes to metrics.scene_changes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/analyzer.h"
#include "engine/core/grow.h"
#include "kernels/picture.h"

typedef struct SceneOpts {
    double threshold, min_gap_s;
} SceneOpts;

typedef struct ScenePriv {
    SceneOpts o;
    QcPictureDSP dsp;
    uint8_t *prev;
    int prev_w, prev_h, have_prev;
    double prev_mafd;
    int64_t min_gap, last_cut;
    int64_t *cuts;
    size_t nb_cuts, cap;
} ScenePriv;

#define OFF(x) offsetof(ScenePriv, o.x)
static const QcOption scene_options[] = {
    {"threshold", "score at or above this is a new shot (FFmpeg scdet's scale)", OFF(threshold),
     QC_OPT_DOUBLE, 10, 0, 100, "%"},
    {"min_gap_s", "shots shorter than this are not split again", OFF(min_gap_s), QC_OPT_DOUBLE, 0.5,
     0, 3600, "s"},
    {0},
};

static int scene_init(QcAnalyzerCtx *a, const QcTrackInfo *t)
{
    ScenePriv *p = a->priv;
    qc_picture_dsp_init(&p->dsp, a->cpu_flags);
    p->prev = malloc(480 * 480);
    p->min_gap = t->rate_den > 0 ? (int64_t)llround(p->o.min_gap_s * t->rate_num / t->rate_den) : 0;
    p->last_cut = -p->min_gap - 1;
    return p->prev ? 0 : QC_ERR_NOMEM;
}

static int scene_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    (void)stats;
    ScenePriv *p = a->priv;
    const QcVideoFrame *v = &f->video;
    if (!v->decoded) {
        p->have_prev = 0; /* no comparison across a frame we could not see */
        return 0;
    }
    size_t n = (size_t)v->luma_w * (size_t)v->luma_h;
    if (p->have_prev && v->luma_w == p->prev_w && v->luma_h == p->prev_h) {
        uint64_t sad = p->dsp.sad_u8(v->luma, v->luma_w, p->prev, p->prev_w, v->luma_w, v->luma_h);
        double mafd = (double)sad * 100.0 / (double)n / 256.0;
        double diff = fabs(mafd - p->prev_mafd);
        double score = fmin(fmax(fmin(mafd, diff), 0), 100);
        p->prev_mafd = mafd;
        if (score >= p->o.threshold && f->edit_unit - p->last_cut >= p->min_gap) {
            if (qc_grow((void **)&p->cuts, &p->cap, p->nb_cuts + 1, sizeof(int64_t)) < 0)
                return QC_ERR_NOMEM;
            p->cuts[p->nb_cuts++] = f->edit_unit;
            p->last_cut = f->edit_unit;
        }
    } else {
        p->prev_mafd = 0;
    }
    memcpy(p->prev, v->luma, n);
    p->prev_w = v->luma_w;
    p->prev_h = v->luma_h;
    p->have_prev = 1;
    return 0;
}

static int scene_finish(QcAnalyzerCtx *a)
{
    ScenePriv *p = a->priv;
    /* design.md §8: metrics.scene_changes, at the top of the track's metrics */
    return qc_metrics_set_ints(&a->metrics, "", "scene_changes", p->cuts, p->nb_cuts);
}

static void scene_uninit(QcAnalyzerCtx *a)
{
    ScenePriv *p = a->priv;
    free(p->prev);
    free(p->cuts);
}

const QcAnalyzer qc_analyzer_scene = {
    .name = "scene",
    .description = "scene changes (FFmpeg scdet score on luma): the shot list in metrics",
    .media = QC_MEDIA_VIDEO,
    .options = scene_options,
    .priv_size = sizeof(ScenePriv),
    .init = scene_init,
    .process = scene_process,
    .finish = scene_finish,
    .uninit = scene_uninit,
};
