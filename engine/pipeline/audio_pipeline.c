// SPDX-License-Identifier: MIT
#include "engine/pipeline/audio_pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "kernels/level.h"
#include "kernels/pcm.h"

/* One slot of the window: a block's samples, its level stats and every analyzer's map output. */
typedef struct Slot {
    float **planes;        ///< planes[c] points QC_AUDIO_CONTEXT floats into its storage
    float *interleaved;
    QcLevelStats *levels;
    unsigned char *stats;  ///< analyzer k's record at stats + stats_offset[k]
    QcFrame frame;
} Slot;

typedef struct Window {
    int nb_slots, channels, block;
    Slot *slots;
    float *storage;        ///< all planes of all slots, one allocation
    float *tail;           ///< last QC_AUDIO_CONTEXT samples per channel, for the next block
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

static int map_slot(Window *w, Slot *s, const QcLevelDSP *lvl, QcAnalyzerCtx *const *ctx, int n)
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

/* map() over the filled slots on the workers, then process() per analyzer in block order.
 * Analyzers run side by side in the second phase: each one's state is touched by one thread. */
static int run_window(Window *w, int filled, const QcLevelDSP *lvl, QcAnalyzerCtx *const *ctx,
                      int n, int threads)
{
    int ret = 0;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) if (threads > 1)
    for (int i = 0; i < filled; i++) {
        int r = map_slot(w, &w->slots[i], lvl, ctx, n);
        if (r < 0) {
#pragma omp critical(qc_audio_err)
            if (!ret)
                ret = r;
        }
    }
    if (ret < 0)
        return ret;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1) if (threads > 1)
    for (int k = 0; k < n; k++) {
        for (int i = 0; i < filled; i++) {
            Slot *s = &w->slots[i];
            int r = ctx[k]->desc->process(ctx[k], &s->frame, s->stats + w->stats_offset[k]);
            if (r < 0) {
#pragma omp critical(qc_audio_err)
                if (!ret)
                    ret = r;
                break;
            }
        }
    }
    return ret;
}

int qc_audio_pipeline_run(QcAudioSource *src, QcAnalyzerCtx *const *ctx, int n,
                          const QcAudioPipelineSettings *st, int64_t *samples_read, QcError *err)
{
    const QcTrackInfo *t = &src->info;
    /* 100 ms blocks: libebur128's own block grid, so block edges fall on its 100 ms steps */
    const int block = (t->sample_rate + 5) / 10;
    const int threads = st->threads > 0 ? st->threads : 1;
    const int nb_slots = 2 * threads < 4 ? 4 : 2 * threads;
    QcPcmDSP pcm;
    QcLevelDSP lvl;
    qc_pcm_dsp_init(&pcm, st->cpu_flags);
    qc_level_dsp_init(&lvl, st->cpu_flags);
    *samples_read = 0;

    Window w;
    int ret = window_alloc(&w, nb_slots, t->channels, block, ctx, n);
    if (ret < 0) {
        window_free(&w);
        return qc_error_set(err, ret, "out of memory for the audio window");
    }
    int64_t pos = 0;
    int eof = 0;
    while (!eof) {
        if (st->cancel && *st->cancel) {
            ret = QC_ERR_CANCELLED;
            break;
        }
        int filled = 0;
        while (filled < nb_slots) {
            Slot *s = &w.slots[filled];
            int nb = read_block(src, s, block);
            if (nb < 0) {
                ret = qc_error_set(err, nb, "read error after sample %lld", (long long)pos);
                break;
            }
            if (nb == 0) {
                eof = 1;
                break;
            }
            fill_planes(&w, s, &pcm, nb);
            s->frame = (QcFrame){.kind = QC_MEDIA_AUDIO, .edit_unit = pos};
            s->frame.audio = (QcAudioBlock){pos, nb, t->channels, (const float *const *)s->planes,
                                            s->interleaved, s->levels};
            pos += nb;
            filled++;
            if (nb < block)
                eof = 1;
            if (eof)
                break;
        }
        if (ret < 0)
            break;
        if (filled) {
            ret = run_window(&w, filled, &lvl, ctx, n, threads);
            if (ret < 0) {
                qc_error_set(err, ret, "an analyzer failed near sample %lld", (long long)pos);
                break;
            }
        }
        *samples_read = pos;
        if (st->progress)
            st->progress(st->opaque, pos, t->duration);
    }
    window_free(&w);
    return ret;
}
