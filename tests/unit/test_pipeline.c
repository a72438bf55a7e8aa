// SPDX-License-Identifier: MIT
/* The thread pool and the audio pipeline, driven by an in-memory source and a probe analyzer
 * that checks what every analyzer relies on: blocks in order, context samples carried over,
 * map() output delivered with its own block. */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline/audio_pipeline.h"
#include "engine/pipeline/pool.h"
#include "kernels/cpu.h"
#include "unit.h"

static int record(void *arg, int i)
{
    int *seen = arg;
    __atomic_fetch_add(&seen[i], 1, __ATOMIC_RELAXED);
    return i == 7 || i == 3 ? -(100 + i) : 0;
}

void test_pool(void)
{
    for (int threads = 1; threads <= 4; threads++) {
        QcPool *p = NULL;
        CHECK(qc_pool_open(&p, threads) == 0);
        for (int round = 0; round < 50; round++) {
            int seen[20] = {0};
            int ret = qc_pool_run(p, record, seen, 20);
            CHECK(ret == -103); /* the lowest failing index wins */
            int once = 1;
            for (int i = 0; i < 20; i++)
                once &= seen[i] == 1;
            CHECK(once);
        }
        qc_pool_close(&p);
        CHECK(p == NULL);
    }
}

typedef struct MemSrc {
    int64_t frames, pos;
    int chunk; ///< frames per read, to exercise short reads
} MemSrc;

static float sample_value(int64_t i, int c)
{
    return (float)sin(0.001 * (double)i * (c + 1)) * 0.5f;
}

static int mem_read(QcAudioSource *s, float *out, int max)
{
    MemSrc *m = s->impl;
    int n = max < m->chunk ? max : m->chunk;
    if (n > m->frames - m->pos)
        n = (int)(m->frames - m->pos);
    for (int i = 0; i < n; i++)
        for (int c = 0; c < s->info.channels; c++)
            out[i * s->info.channels + c] = sample_value(m->pos + i, c);
    m->pos += n;
    return n;
}

static const QcAudioSourceOps mem_ops = {"memory", mem_read, NULL, NULL, NULL};

typedef struct Probe {
    int64_t next; ///< expected first sample of the next block
    int errors;
    int blocks;
} Probe;

static int probe_map(const QcAnalyzerCtx *a, const QcFrame *f, void *stats)
{
    (void)a;
    double sum = 0;
    for (int i = 0; i < f->audio.nb_samples; i++)
        sum += f->audio.planes[1][i];
    *(double *)stats = sum;
    return 0;
}

static int probe_process(QcAnalyzerCtx *a, const QcFrame *f, const void *stats)
{
    Probe *p = a->priv;
    const QcAudioBlock *b = &f->audio;
    double sum = 0;
    for (int i = 0; i < b->nb_samples; i++)
        sum += b->planes[1][i];
    p->errors += b->first_sample != p->next;
    p->errors += sum != *(const double *)stats;
    for (int c = 0; c < b->channels; c++) {
        for (int k = 1; k <= QC_AUDIO_CONTEXT; k++) {
            int64_t i = b->first_sample - k;
            float want = i >= 0 ? sample_value(i, c) : 0.0f;
            p->errors += b->planes[c][-k] != want;
        }
        p->errors += b->interleaved[c] != b->planes[c][0];
        p->errors += b->levels[c].absmax < fabsf(b->planes[c][b->nb_samples - 1]);
    }
    p->next = b->first_sample + b->nb_samples;
    p->blocks++;
    return 0;
}

static const QcAnalyzer probe_desc = {
    .name = "probe",
    .media = QC_MEDIA_AUDIO,
    .flags = QC_AN_FRAME_PURE,
    .priv_size = sizeof(Probe),
    .stats_size = sizeof(double),
    .map = probe_map,
    .process = probe_process,
};

static int run(int threads, int64_t frames, int chunk, volatile sig_atomic_t *cancel, Probe *out,
               int64_t *samples)
{
    MemSrc m = {frames, 0, chunk};
    QcAudioSource src = {.ops = &mem_ops, .impl = &m};
    src.info.channels = 3;
    src.info.sample_rate = 1000; /* 100-sample blocks */
    src.info.duration = frames;
    Probe p = {0};
    QcAnalyzerCtx ctx = {
        .desc = &probe_desc, .priv = &p, .track = &src.info, .stats_size = sizeof(double)};
    QcAnalyzerCtx *list[1] = {&ctx};
    QcAudioPipelineSettings st = {threads, qc_cpu_flags(), cancel, NULL, NULL};
    QcError e;
    qc_error_clear(&e);
    int ret = qc_audio_pipeline_run(&src, list, 1, &st, samples, &e);
    *out = p;
    return ret;
}

void test_pipeline(void)
{
    const int64_t lengths[] = {0, 1, 99, 100, 101, 1234, 10000};
    for (int threads = 1; threads <= 3; threads++)
        for (size_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
            Probe p;
            int64_t samples = -1;
            CHECK(run(threads, lengths[k], 37, NULL, &p, &samples) == 0);
            CHECK(samples == lengths[k] && p.next == lengths[k] && p.errors == 0);
            CHECK(p.blocks == (int)((lengths[k] + 99) / 100));
        }
    volatile sig_atomic_t cancel = SIGTERM;
    Probe p;
    int64_t samples = -1;
    CHECK(run(2, 100000, 1000, &cancel, &p, &samples) == QC_ERR_CANCELLED);
    CHECK(samples == 0 && p.blocks == 0);
}
