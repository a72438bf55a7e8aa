// SPDX-License-Identifier: MIT
/* The floor for the video benchmark (bench/video.sh): every frame of a JPEG 2000 track file read
 * with the engine's MXF reader (index → offset → pread) and decoded with plain OpenJPEG from
 * memory, nothing else: no codestream validation, no thumbnail, no analyzers. THREADS pthreads
 * each take the next frame from a shared counter and decode it on their own (OpenJPEG's own
 * threads stay off: the codec's thread count is never set). REDUCE discards that many resolution
 * levels (opj_set_decoded_resolution_factor); "auto" picks what `imfqc inspect --decode fast`
 * does (reduce_for in engine/pipeline/video_pipeline.c: the fewest levels that bring both sides
 * to QC_THUMB_MAX pixels or less, never more than the codestream has). Timing starts when the
 * threads start and ends when the last one finishes; opening the file is outside it.
 * Prints {"frames": N, "seconds": S, "fps": F, …} and exits 1 if any frame failed.
 * Usage: j2k_decode_loop FILE.mxf THREADS [REDUCE|auto] */
#include <openjpeg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/codec/opj/opj_memory.h"
#include "engine/mxf/essence.h"
#include "engine/mxf/model.h"
#include "engine/pipeline/video_pipeline.h"

#define MAX_THREADS 64
#define FAST_SIDE QC_THUMB_MAX /* the rule of reduce_for in engine/pipeline/video_pipeline.c */

typedef struct Loop {
    QcMxf *m;
    QcMxfStream st;
    int64_t frames;
    int reduce; ///< -1: auto
    atomic_llong next, bytes, failed, pixels;
    atomic_int reduce_used;
} Loop;

static void quiet(const char *msg, void *user)
{
    (void)msg;
    (void)user;
}

static void loud(const char *msg, void *user)
{
    (void)user;
    fprintf(stderr, "j2k_decode_loop: OpenJPEG: %s", msg);
}

/* Decodes one codestream; @return decoded samples of the first component, or -1. */
static long long decode(Loop *l, const uint8_t *cs, size_t n)
{
    QcOpjInput in;
    opj_codec_t *codec = opj_create_decompress(OPJ_CODEC_J2K);
    opj_stream_t *st = qc_opj_input_stream(&in, cs, n);
    opj_image_t *img = NULL;
    long long px = -1;
    if (codec && st) {
        opj_set_info_handler(codec, quiet, NULL);
        opj_set_warning_handler(codec, loud, NULL);
        opj_set_error_handler(codec, loud, NULL);
        opj_dparameters_t prm;
        opj_set_default_decoder_parameters(&prm);
        if (opj_setup_decoder(codec, &prm) && opj_read_header(st, codec, &img)) {
            int r = l->reduce;
            if (r < 0) {
                opj_codestream_info_v2_t *ci = opj_get_cstr_info(codec);
                int levels = ci ? (int)ci->m_default_tile_info.tccp_info[0].numresolutions - 1 : 0;
                uint32_t w = img->x1 - img->x0, h = img->y1 - img->y0;
                r = 0;
                while (r < levels && ((w >> r) > FAST_SIDE || (h >> r) > FAST_SIDE))
                    r++;
                opj_destroy_cstr_info(&ci);
            }
            atomic_store(&l->reduce_used, r);
            if ((r == 0 || opj_set_decoded_resolution_factor(codec, (OPJ_UINT32)r)) &&
                opj_decode(codec, st, img) && opj_end_decompress(codec, st) && img->comps[0].data)
                px = (long long)img->comps[0].w * img->comps[0].h;
        }
    }
    opj_image_destroy(img);
    if (st)
        opj_stream_destroy(st);
    if (codec)
        opj_destroy_codec(codec);
    return px;
}

static void *worker(void *opaque)
{
    Loop *l = opaque;
    size_t cap = 4 << 20, size = 0;
    uint8_t *buf = malloc(cap);
    for (int64_t eu; buf && (eu = atomic_fetch_add(&l->next, 1)) < l->frames;) {
        int ret = qc_mxf_read_unit(l->m, &l->st, eu, buf, cap, &size);
        if (ret == QC_ERR_LIMIT) {
            QcMxfUnit u;
            uint8_t *b = NULL;
            if (qc_mxf_locate_unit(l->m, &l->st, eu, &u) == 0 && u.size > 0 &&
                (b = realloc(buf, (size_t)u.size)) != NULL) {
                buf = b;
                cap = (size_t)u.size;
                ret = qc_mxf_read_unit(l->m, &l->st, eu, buf, cap, &size);
            }
        }
        long long px = ret == 0 ? decode(l, buf, size) : -1;
        if (px < 0) {
            fprintf(stderr, "j2k_decode_loop: frame %lld: %s\n", (long long)eu,
                    ret ? "not read" : "not decoded");
            atomic_fetch_add(&l->failed, 1);
        } else {
            atomic_fetch_add(&l->bytes, (long long)size);
            atomic_fetch_add(&l->pixels, px);
        }
    }
    if (!buf)
        atomic_fetch_add(&l->failed, 1);
    free(buf);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: j2k_decode_loop FILE.mxf THREADS [REDUCE|auto]\n");
        return 2;
    }
    int threads = atoi(argv[2]);
    int reduce = argc > 3 ? (!strcmp(argv[3], "auto") ? -1 : atoi(argv[3])) : 0;
    if (threads < 1 || threads > MAX_THREADS || reduce < -1 || reduce > 32) {
        fprintf(stderr, "j2k_decode_loop: THREADS 1..%d, REDUCE 0..32 or auto\n", MAX_THREADS);
        return 2;
    }
    Loop l = {.reduce = reduce};
    QcError err;
    qc_error_clear(&err);
    if (qc_mxf_open(&l.m, argv[1], &err) < 0) {
        fprintf(stderr, "j2k_decode_loop: %s\n", err.msg);
        return 3;
    }
    QcMxfModel model;
    if (qc_mxf_resolve(l.m, &model) < 0) {
        fprintf(stderr, "j2k_decode_loop: out of memory\n");
        return 3;
    }
    l.st = (QcMxfStream){model.index_sid, model.body_sid, 0};
    for (int i = 0; model.file_package && i < model.file_package->nb_tracks; i++)
        if (!l.st.track_number && model.file_package->tracks[i].kind == QC_MXF_TRACK_PICTURE)
            l.st.track_number = model.file_package->tracks[i].number;
    if (!l.st.track_number) {
        fprintf(stderr, "j2k_decode_loop: %s has no picture track\n", argv[1]);
        qc_mxf_close(&l.m);
        return 3;
    }
    l.frames = qc_mxf_index_duration(l.m, model.index_sid);
    atomic_init(&l.next, 0);
    atomic_init(&l.bytes, 0);
    atomic_init(&l.failed, 0);
    atomic_init(&l.pixels, 0);
    atomic_init(&l.reduce_used, reduce < 0 ? 0 : reduce);

    pthread_t th[MAX_THREADS];
    int started = 0;
    double t0 = now();
    for (int i = 1; i < threads; i++)
        if (pthread_create(&th[started], NULL, worker, &l) == 0)
            started++;
    worker(&l);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    double dt = now() - t0;

    long long failed = atomic_load(&l.failed), done = (long long)l.frames - failed;
    printf("{\"frames\": %lld, \"seconds\": %.6f, \"fps\": %.4f, \"threads\": %d, \"reduce\": %d, "
           "\"failed\": %lld, \"bytes\": %lld, \"luma_pixels_per_frame\": %lld}\n",
           done, dt, dt > 0 ? (double)done / dt : 0.0, started + 1, atomic_load(&l.reduce_used),
           failed, (long long)atomic_load(&l.bytes),
           done > 0 ? (long long)atomic_load(&l.pixels) / done : 0LL);
    qc_mxf_close(&l.m);
    return failed ? 1 : 0;
}
