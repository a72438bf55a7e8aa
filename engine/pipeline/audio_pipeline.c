// SPDX-License-Identifier: MIT
#include "engine/pipeline/audio_pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "kernels/level.h"
#include "kernels/pcm.h"
#include "engine/pipeline/pool.h"

/* One slot of the window: a block's samples, its level stats and every analyzer's map output. */
typedef struct Slot {
    float **planes; ///< planes[c] points QC_AUDIO_CONTEXT floats into its storage
    float *interleaved;
    QcLevelStats *levels;
    unsigned char *stats; ///< analyzer k's record at stats + stats_offset[k]
    QcFrame frame;
} Slot;

typedef struct Window {
    int nb_slots, channels, block;
    Slot *slots;
    float *storage; ///< all planes of all slots, one allocation
    float *tail;    ///< last QC_AUDIO_CONTEXT samples per channel, for the next block
    size_t *stats_offset;
    size_t stats_size;
} Window;

static void window_free(Window *w)
{
    if (w->slots)
        for (int i = 0; i < w->nb_slots; i++) {
            free(w->slots[i].planes);
            free(w->slots[i].interleaved);
            free(w->slots[i].levels);
            free(w->slots[i].stats);
        }
    free(w->slots);
    free(w->storage);
    free(w->tail);
    free(w->stats_offset);
}

static int window_alloc(Window *w, int nb_slots, int channels, int block, QcAnalyzerCtx *const *ctx,
                        int n)
{
    memset(w, 0, sizeof(*w));
    w->nb_slots = nb_slots;
    w->channels = channels;
    w->block = block;
    /* plane stride rounded to 16 floats so every plane starts 64-byte aligned */
    size_t stride = ((size_t)QC_AUDIO_CONTEXT + (size_t)block + 15) & ~(size_t)15;
    w->slots = calloc((size_t)nb_slots, sizeof(*w->slots));
    w->stats_offset = calloc((size_t)n + 1, sizeof(size_t));
    w->tail = calloc((size_t)channels * QC_AUDIO_CONTEXT, sizeof(float));
    w->storage = aligned_alloc(64, (size_t)nb_slots * channels * stride * sizeof(float));
    if (!w->slots || !w->stats_offset || !w->tail || !w->storage)
        return QC_ERR_NOMEM;
    for (int k = 0; k < n; k++) {
        w->stats_offset[k] = w->stats_size;
        w->stats_size += (ctx[k]->stats_size + 63) & ~(size_t)63;
    }
    for (int i = 0; i < nb_slots; i++) {
        Slot *s = &w->slots[i];
        s->planes = calloc((size_t)channels, sizeof(float *));
        s->interleaved = malloc((size_t)block * channels * sizeof(float));
        s->levels = calloc((size_t)channels, sizeof(QcLevelStats));
        s->stats = calloc(w->stats_size ? w->stats_size : 1, 1);
        if (!s->planes || !s->interleaved || !s->levels || !s->stats)
            return QC_ERR_NOMEM;
        for (int c = 0; c < channels; c++)
            s->planes[c] = w->storage + ((size_t)i * channels + c) * stride + QC_AUDIO_CONTEXT;
    }
    return 0;
}

/* Reads one block (a short read only at the end of the stream). */
static int read_block(QcAudioSource *src, Slot *s, int block)
{
    const int ch = src->info.channels;
    int got = 0;
    while (got < block) {
        int r = qc_audio_source_read(src, s->interleaved + (size_t)got * ch, block - got);
        if (r < 0)
            return r;
        if (r == 0)
            break;
        got += r;
    }
    return got;
}

/* Deinterleaves into the planes and carries the previous block's tail in as context. */
static void fill_planes(Window *w, Slot *s, const QcPcmDSP *pcm, int nb)
{
    const int ch = w->channels;
    pcm->deinterleave_f32(s->planes, s->interleaved, (size_t)nb, ch);
    for (int c = 0; c < ch; c++) {
        float *tail = w->tail + (size_t)c * QC_AUDIO_CONTEXT;
        memcpy(s->planes[c] - QC_AUDIO_CONTEXT, tail, QC_AUDIO_CONTEXT * sizeof(float));
        if (nb >= QC_AUDIO_CONTEXT) {
            memcpy(tail, s->planes[c] + nb - QC_AUDIO_CONTEXT, QC_AUDIO_CONTEXT * sizeof(float));
        } else {
            memmove(tail, tail + nb, (size_t)(QC_AUDIO_CONTEXT - nb) * sizeof(float));
            memcpy(tail + QC_AUDIO_CONTEXT - nb, s->planes[c], (size_t)nb * sizeof(float));
        }
    }
}

static int map_slot(const Window *w, Slot *s, const QcLevelDSP *lvl, QcAnalyzerCtx *const *ctx,
                    int n)
{
    for (int c = 0; c < w->channels; c++)
        lvl->stats_f32(s->planes[c], (size_t)s->frame.audio.nb_samples, &s->levels[c]);
    for (int k = 0; k < n; k++) {
        if (!ctx[k]->desc->map)
            continue;
        int ret = ctx[k]->desc->map(ctx[k], &s->frame, s->stats + w->stats_offset[k]);
        if (ret < 0)
            return ret;
    }
    return 0;
}

/* Three windows move through three stages at once: window t is read, window t-1 mapped (one
 * task per block), window t-2 processed (one task per analyzer, blocks in order). Every task
 * writes only its own data, so the result does not depend on which thread ran it. */
enum { STAGES = 3 };

typedef struct Run {
    QcAudioSource *src;
    QcAnalyzerCtx *const *ctx;
    int n;
    Window win[STAGES];
    int filled[STAGES]; ///< blocks held by each window (0 = empty)
    int64_t pos;        ///< samples read so far
    int eof, read_err;
    QcPcmDSP pcm;
    QcLevelDSP lvl;
    int t; ///< batch number: window t % STAGES is being read
} Run;

static int read_window(Run *r, Window *w, int *filled)
{
    *filled = 0;
    const int ch = w->channels;
    while (*filled < w->nb_slots && !r->eof) {
        Slot *s = &w->slots[*filled];
        int nb = read_block(r->src, s, w->block);
        if (nb < 0)
            return nb;
        if (nb == 0) {
            r->eof = 1;
            break;
        }
        fill_planes(w, s, &r->pcm, nb);
        s->frame = (QcFrame){.kind = QC_MEDIA_AUDIO, .edit_unit = r->pos};
        s->frame.audio = (QcAudioBlock){
            r->pos, nb, ch, (const float *const *)s->planes, s->interleaved, s->levels};
        r->pos += nb;
        (*filled)++;
        if (nb < w->block)
            r->eof = 1;
    }
    return 0;
}

static int stage_task(void *opaque, int i)
{
    Run *r = opaque;
    Window *rd = &r->win[r->t % STAGES];
    Window *mp = &r->win[(r->t + STAGES - 1) % STAGES];
    Window *pr = &r->win[(r->t + STAGES - 2) % STAGES];
    int nmap = r->filled[(r->t + STAGES - 1) % STAGES];
    int npr = r->filled[(r->t + STAGES - 2) % STAGES];
    if (i == 0) /* the read goes first: it is the only stage that cannot be split */
        return r->eof ? 0 : read_window(r, rd, &r->filled[r->t % STAGES]);
    i--;
    if (i < r->n) {
        const QcAnalyzer *d = r->ctx[i]->desc;
        for (int b = 0; b < npr; b++) {
            int ret = d->process(r->ctx[i], &pr->slots[b].frame,
                                 pr->slots[b].stats + pr->stats_offset[i]);
            if (ret < 0)
                return ret;
        }
        return 0;
    }
    i -= r->n;
    return i < nmap ? map_slot(mp, &mp->slots[i], &r->lvl, r->ctx, r->n) : 0;
}

int qc_audio_pipeline_run(QcAudioSource *src, QcAnalyzerCtx *const *ctx, int n,
                          const QcAudioPipelineSettings *st, int64_t *samples_read, QcError *err)
{
    const QcTrackInfo *t = &src->info;
    /* 100 ms blocks: libebur128's own block grid, so block edges fall on its 100 ms steps */
    const int block = (t->sample_rate + 5) / 10;
    const int threads = st->threads > 0 ? st->threads : 1;
    const int nb_slots = 2 * threads < 4 ? 4 : 2 * threads;
    Run *r = calloc(1, sizeof(*r));
    QcPool *pool = NULL;
    if (!r)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory for the audio pipeline");
    r->src = src;
    r->ctx = ctx;
    r->n = n;
    qc_pcm_dsp_init(&r->pcm, st->cpu_flags);
    qc_level_dsp_init(&r->lvl, st->cpu_flags);
    int ret = qc_pool_open(&pool, threads);
    for (int k = 0; k < STAGES && !ret; k++)
        ret = window_alloc(&r->win[k], nb_slots, t->channels, block, ctx, n);
    /* every window carries the context on from the same tail: reads happen in order */
    for (int k = 1; k < STAGES && !ret; k++) {
        free(r->win[k].tail);
        r->win[k].tail = r->win[0].tail;
    }
    if (ret < 0) {
        ret = qc_error_set(err, ret, "out of memory for the audio window");
        goto end;
    }
    int64_t processed = 0;
    *samples_read = 0;
    for (r->t = 0;; r->t++) {
        if (st->cancel && *st->cancel) {
            ret = QC_ERR_CANCELLED;
            break;
        }
        int pr = (r->t + STAGES - 2) % STAGES;
        if (r->t >= STAGES - 1 && !r->filled[pr] && r->eof)
            break;
        r->filled[r->t % STAGES] = 0;
        ret = qc_pool_run(pool, stage_task, r, 1 + n + nb_slots);
        if (ret < 0) {
            qc_error_set(err, ret, "%s near sample %lld",
                         ret == QC_ERR_IO ? "read error" : "an analyzer failed",
                         (long long)processed);
            break;
        }
        for (int b = 0; r->t >= STAGES - 1 && b < r->filled[pr]; b++)
            processed += r->win[pr].slots[b].frame.audio.nb_samples;
        if (r->t >= STAGES - 1)
            r->filled[pr] = 0;
        *samples_read = processed;
        if (st->progress && processed)
            st->progress(st->opaque, processed, t->duration);
    }
end:
    for (int k = 1; k < STAGES; k++)
        r->win[k].tail = NULL;
    for (int k = 0; k < STAGES; k++)
        window_free(&r->win[k]);
    qc_pool_close(&pool);
    free(r);
    return ret;
}
