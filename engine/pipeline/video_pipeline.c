// SPDX-License-Identifier: MIT
#include "engine/pipeline/video_pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/codec/j2k/j2k.h"
#include "engine/codec/j2k_decode.h"
#include "engine/pipeline/pool.h"
#include "kernels/picture.h"

typedef struct VSlot {
    uint8_t *cs; ///< the compressed frame
    size_t cs_cap, cs_size;
    uint8_t *thumb;       ///< QC_THUMB_MAX² bytes
    unsigned char *stats; ///< analyzer k's map() record at stats + stats_offset[k]
    QcFrameCheck check;
    QcFrame frame;
} VSlot;

enum { STAGES = 2 };

typedef struct VRun {
    QcVideoSource *src;
    QcAnalyzerCtx *const *ctx;
    int n, nb_slots, fast;
    VSlot *slots[STAGES];
    int filled[STAGES];
    size_t *stats_offset, stats_size;
    int64_t next; ///< next edit unit to schedule
    QcPictureDSP dsp;
    int t;
    const volatile sig_atomic_t *cancel;
} VRun;

static int alloc_slots(VRun *r)
{
    r->stats_offset = calloc((size_t)r->n + 1, sizeof(size_t));
    if (!r->stats_offset)
        return QC_ERR_NOMEM;
    for (int k = 0; k < r->n; k++) {
        r->stats_offset[k] = r->stats_size;
        r->stats_size += (r->ctx[k]->stats_size + 63) & ~(size_t)63;
    }
    for (int w = 0; w < STAGES; w++) {
        if (!(r->slots[w] = calloc((size_t)r->nb_slots, sizeof(VSlot))))
            return QC_ERR_NOMEM;
        for (int i = 0; i < r->nb_slots; i++) {
            VSlot *s = &r->slots[w][i];
            s->thumb = malloc(QC_THUMB_MAX * QC_THUMB_MAX);
            s->stats = calloc(r->stats_size ? r->stats_size : 1, 1);
            if (!s->thumb || !s->stats)
                return QC_ERR_NOMEM;
        }
    }
    return 0;
}

static void free_slots(VRun *r)
{
    for (int w = 0; w < STAGES; w++)
        for (int i = 0; r->slots[w] && i < r->nb_slots; i++) {
            free(r->slots[w][i].cs);
            free(r->slots[w][i].thumb);
            free(r->slots[w][i].stats);
        }
    for (int w = 0; w < STAGES; w++)
        free(r->slots[w]);
    free(r->stats_offset);
}

/* Resolution levels to discard so the picture lands near the thumbnail size (fast mode), never
 * more than the codestream has. */
static int reduce_for(const QcJ2kInfo *info, int fast)
{
    int r = 0;
    uint32_t w = info->xsiz - info->xosiz, h = info->ysiz - info->yosiz;
    while (fast && r < info->levels && ((w >> r) > QC_THUMB_MAX || (h >> r) > QC_THUMB_MAX))
        r++;
    return r;
}

static void thumbnail(VRun *r, VSlot *s, const QcPicture *pic)
{
    int longest = pic->width > pic->height ? pic->width : pic->height;
    int factor = (longest + QC_THUMB_MAX - 1) / QC_THUMB_MAX;
    if (factor < 1)
        factor = 1;
    int tw = pic->width / factor, th = pic->height / factor;
    int rgb = pic->planes >= 3 && r->src->info.full_range && pic->w[1] == pic->width &&
              pic->h[1] == pic->height && pic->w[2] == pic->width && pic->h[2] == pic->height;
    int bits = pic->bits < 8 ? 8 : pic->bits;
    if (rgb)
        r->dsp.thumb_rgb_i32(s->thumb, tw, pic->plane[0], pic->plane[1], pic->plane[2], pic->w[0],
                             tw, th, factor, bits);
    else
        r->dsp.thumb_y_i32(s->thumb, tw, pic->plane[0], pic->w[0], tw, th, factor, bits);
    s->frame.video.decoded = 1;
    s->frame.video.width = pic->width;
    s->frame.video.height = pic->height;
    s->frame.video.luma = s->thumb;
    s->frame.video.luma_w = tw;
    s->frame.video.luma_h = th;
}

/* The codestream checks every frame gets, decodable or not. */
static void check_codestream(VRun *r, VSlot *s, QcJ2kReport *rep)
{
    QcFrameCheck *c = &s->check;
    int structure = qc_j2k_validate(s->cs, s->cs_size, rep);
    qc_j2k_check_profile(rep);
    qc_j2k_compare(rep, &r->src->picture);
    c->jp2 = rep->info.jp2;
    c->budget = qc_j2k_frame_budget(rep->info.rsiz, r->src->info.rate_num, r->src->info.rate_den);
    for (int i = 0; i < rep->nb_problems; i++) {
        const QcJ2kProblem *p = &rep->problems[i];
        int *count = p->kind == QC_J2K_STRUCTURE  ? &c->structure
                     : p->kind == QC_J2K_MISMATCH ? &c->mismatches
                                                  : &c->profile;
        char *msg = p->kind == QC_J2K_STRUCTURE  ? c->message
                    : p->kind == QC_J2K_MISMATCH ? c->mismatch
                                                 : c->profile_msg;
        size_t size = p->kind == QC_J2K_STRUCTURE  ? sizeof(c->message)
                      : p->kind == QC_J2K_MISMATCH ? sizeof(c->mismatch)
                                                   : sizeof(c->profile_msg);
        if (!(*count)++)
            snprintf(msg, size, "%s (byte %u of the frame)", p->message, p->offset);
    }
    (void)structure;
}

/* Read, check, decode, thumbnail and map() one edit unit: everything a worker can do alone. */
static int decode_slot(VRun *r, VSlot *s, int64_t eu)
{
    memset(&s->check, 0, sizeof(s->check));
    s->check.decode_status = -1;
    s->check.budget = -1;
    s->frame = (QcFrame){.kind = QC_MEDIA_VIDEO, .edit_unit = eu};
    s->frame.video.check = &s->check;
    int ret = qc_video_source_read(r->src, eu, &s->cs, &s->cs_cap, &s->cs_size, s->check.message,
                                   sizeof(s->check.message));
    if (ret < 0)
        return ret;
    if (ret == 1) {
        s->check.missing = 1;
    } else {
        s->frame.video.bytes = (int64_t)s->cs_size;
        QcJ2kReport rep;
        check_codestream(r, s, &rep);
        const uint8_t *cs = s->cs + rep.info.codestream_offset;
        size_t n = s->cs_size - rep.info.codestream_offset;
        QcJ2kLimits lim = {(uint32_t)r->src->info.width, (uint32_t)r->src->info.height, 0};
        QcPicture pic;
        char msg[256];
        int st = qc_j2k_decode(cs, n, reduce_for(&rep.info, r->fast), &lim, &pic, msg, sizeof(msg));
        if (st < 0)
            return st;
        s->check.decode_status = st;
        if (st != QC_J2K_DECODED && !s->check.message[0])
            snprintf(s->check.message, sizeof(s->check.message), "%s", msg);
        if (st == QC_J2K_DECODED || st == QC_J2K_DAMAGED) {
            thumbnail(r, s, &pic);
            qc_picture_free(&pic);
        }
    }
    for (int k = 0; k < r->n; k++) {
        if (!r->ctx[k]->desc->map)
            continue;
        ret = r->ctx[k]->desc->map(r->ctx[k], &s->frame, s->stats + r->stats_offset[k]);
        if (ret < 0)
            return ret;
    }
    return 0;
}

/* Tasks of one batch: decode every slot of window t, process window t-1 analyzer by analyzer. */
static int stage_task(void *opaque, int i)
{
    VRun *r = opaque;
    int dw = r->t % STAGES, pw = (r->t + 1) % STAGES;
    /* a stop request skips the decodes still queued: one large frame can take a second, and this
     * window is never processed once the run stops */
    if (i < r->nb_slots && r->cancel && *r->cancel)
        return 0;
    if (i < r->nb_slots)
        return i < r->filled[dw] ? decode_slot(r, &r->slots[dw][i], r->slots[dw][i].frame.edit_unit)
                                 : 0;
    int k = i - r->nb_slots;
    for (int b = 0; b < r->filled[pw]; b++) {
        VSlot *s = &r->slots[pw][b];
        int ret = r->ctx[k]->desc->process(r->ctx[k], &s->frame, s->stats + r->stats_offset[k]);
        if (ret < 0)
            return ret;
    }
    return 0;
}

int qc_video_pipeline_run(QcVideoSource *src, QcAnalyzerCtx *const *ctx, int n,
                          const QcVideoPipelineSettings *st, int64_t *frames_done, QcError *err)
{
    const int threads = st->threads > 0 ? st->threads : 1;
    VRun r = {.src = src, .ctx = ctx, .n = n, .fast = st->fast, .cancel = st->cancel};
    r.nb_slots = 2 * threads < 4 ? 4 : 2 * threads;
    qc_picture_dsp_init(&r.dsp, st->cpu_flags);
    QcPool *pool = NULL;
    int ret = alloc_slots(&r);
    if (!ret)
        ret = qc_pool_open(&pool, threads);
    *frames_done = 0;
    for (r.t = 0; !ret; r.t++) {
        if (st->cancel && *st->cancel) {
            ret = QC_ERR_CANCELLED;
            break;
        }
        int dw = r.t % STAGES, pw = (r.t + 1) % STAGES;
        r.filled[dw] = 0;
        for (; r.filled[dw] < r.nb_slots && r.next < src->frames; r.next++)
            r.slots[dw][r.filled[dw]++].frame.edit_unit = r.next;
        if (!r.filled[dw] && !r.filled[pw])
            break;
        ret = qc_pool_run(pool, stage_task, &r, r.nb_slots + n);
        if (ret < 0)
            break;
        *frames_done += r.filled[pw];
        r.filled[pw] = 0;
        if (st->progress)
            st->progress(st->opaque, *frames_done, src->frames);
    }
    if (ret < 0 && ret != QC_ERR_CANCELLED)
        qc_error_set(err, ret, "picture pipeline stopped near frame %lld: %s",
                     (long long)*frames_done, qc_strerror(ret));
    qc_pool_close(&pool);
    free_slots(&r);
    return ret;
}

/* Pictures FFmpeg decodes arrive in order from one decoder (which has its own threads): each
 * goes through map() and process() at once. */
int qc_lavf_video_pipeline_run(QcLavfVideo *src, QcAnalyzerCtx *const *ctx, int n,
                               const QcVideoPipelineSettings *st, int64_t *frames_done,
                               QcError *err)
{
    VRun r = {.ctx = ctx, .n = n, .nb_slots = 1};
    int ret = alloc_slots(&r);
    VSlot *s = ret ? NULL : &r.slots[0][0];
    const int64_t total = qc_lavf_video_info(src)->duration;
    *frames_done = 0;
    while (!ret) {
        if (st->cancel && *st->cancel) {
            ret = QC_ERR_CANCELLED;
            break;
        }
        int64_t eu = 0;
        int tw = 0, th = 0;
        memset(&s->check, 0, sizeof(s->check));
        s->check.budget = -1;
        int got = qc_lavf_video_next(src, s->thumb, QC_THUMB_MAX, &tw, &th, &eu, s->check.message,
                                     (int)sizeof(s->check.message));
        if (got <= 0) {
            ret = got;
            break;
        }
        s->frame = (QcFrame){.kind = QC_MEDIA_VIDEO, .edit_unit = eu};
        s->frame.video.check = &s->check;
        s->check.decode_status = got == 1 ? QC_J2K_DECODED : QC_J2K_FAILED;
        if (got == 1)
            s->frame.video = (QcVideoFrame){1, tw, th, s->thumb, tw, th, 0, &s->check};
        for (int k = 0; k < n && !ret; k++)
            if (ctx[k]->desc->map)
                ret = ctx[k]->desc->map(ctx[k], &s->frame, s->stats + r.stats_offset[k]);
        for (int k = 0; k < n && !ret; k++)
            ret = ctx[k]->desc->process(ctx[k], &s->frame, s->stats + r.stats_offset[k]);
        ++*frames_done;
        if (st->progress && (*frames_done & 15) == 0)
            st->progress(st->opaque, *frames_done, total);
    }
    if (ret < 0 && ret != QC_ERR_CANCELLED)
        qc_error_set(err, ret, "picture decoding stopped near frame %lld: %s",
                     (long long)*frames_done, qc_strerror(ret));
    free_slots(&r);
    return ret;
}
