// SPDX-License-Identifier: MIT
/* A JPEG 2000 IMF track file with entropy-rich pictures for the video benchmark (bench/video.sh).
 * SCENES x PER_SCENE distinct 10-bit RGB 4:4:4 pictures (moving gradients and shapes from
 * qc_mxfw_scene_render, plus film grain) are encoded once, on all cores, and written over and
 * over: frame i shows scene (i / CUT) % SCENES, so there is a hard cut every CUT frames, and
 * inside a scene the pictures go back and forth (0 1 2 1 0 1 …) so the shapes never jump.
 * Decoding cost follows the coded size, so the grain and the lossy ratio are set to give the
 * bit rates of the pictures in perf-baselines.md (about 190 Mb/s lossy at 1080p, 200 Mb/s at
 * 2160p, 750 Mb/s lossless at 1080p, at 24 fps). Prints one JSON line about what it wrote.
 * Usage: video_make OUT.mxf FRAMES [--size WxH] [--lossless] [--ratio R] [--grain SIGMA]
 *                   [--scenes S] [--per-scene P] [--cut F] [--seed N] */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mxfw.h"

#define BITS 10

typedef struct Job {
    int w, h, lossless, per_scene, distinct;
    double ratio, grain;
    uint64_t seed;
    uint8_t **cs;
    const unsigned char *used; ///< which pictures the frames show
    size_t *size;
    atomic_int next;
    atomic_int failed;
    char msg[256];
    pthread_mutex_t lock;
} Job;

static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* About N(0, 1) from the four 16-bit quarters of a hash (sum of 4 uniforms, unit variance). */
static double gauss4(uint64_t h)
{
    double s = 0;
    for (int i = 0; i < 4; i++, h >>= 16)
        s += (double)(h & 0xffff) / 65536.0;
    return (s - 2.0) * 1.7320508;
}

/* Film grain on top of the rendered picture: a component shared by R, G and B (the grain of the
 * emulsion) and one of each channel's own, both a little clumped (each sample averages with its
 * left and upper neighbours' noise), strongest in the mid-tones. */
static void add_grain(uint16_t *rgb[3], int w, int h, double sigma, uint64_t seed, double *rows)
{
    const double maxv = (double)((1u << BITS) - 1u);
    double *prev = rows, *cur = rows + 4 * (size_t)w; /* 4 noise fields: shared, R, G, B */
    memset(prev, 0, sizeof(double) * 4 * (size_t)w);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint64_t base = seed ^ ((uint64_t)y << 32 | (uint64_t)x) * 4;
            for (int f = 0; f < 4; f++) {
                double n = gauss4(mix64(base + (uint64_t)f));
                double left = x ? cur[f * w + x - 1] : 0.0;
                cur[f * w + x] = 0.70 * n + 0.25 * left + 0.25 * prev[f * w + x];
            }
            size_t i = (size_t)y * (size_t)w + (size_t)x;
            for (int c = 0; c < 3; c++) {
                double v = rgb[c][i], t = v / maxv;
                double g = 0.6 * cur[x] + 0.8 * cur[(c + 1) * w + x];
                v += sigma * (0.5 + 2.0 * t * (1.0 - t)) * g;
                rgb[c][i] = (uint16_t)(v <= 0.0 ? 0.0 : v >= maxv ? maxv : v + 0.5);
            }
        }
        double *t = prev;
        prev = cur;
        cur = t;
    }
}

static void *encoder(void *opaque)
{
    Job *j = opaque;
    size_t n = (size_t)j->w * (size_t)j->h;
    uint16_t *planes = malloc(sizeof(uint16_t) * 3 * n);
    double *rows = malloc(sizeof(double) * 8 * (size_t)j->w);
    if (!planes || !rows) {
        atomic_store(&j->failed, 1);
        snprintf(j->msg, sizeof(j->msg), "out of memory");
    }
    for (int k; planes && rows && !atomic_load(&j->failed) &&
                (k = atomic_fetch_add(&j->next, 1)) < j->distinct;) {
        if (!j->used[k])
            continue; /* not shown in a file this short */
        uint16_t *rgb[3] = {planes, planes + n, planes + 2 * n};
        int scene = k / j->per_scene, t = k % j->per_scene;
        QcMxfwSceneParams sp = {j->w, j->h, BITS, j->seed};
        qc_mxfw_scene_render(&sp, scene, t, rgb);
        add_grain(rgb, j->w, j->h, j->grain, mix64(j->seed ^ (uint64_t)k << 40), rows);
        QcMxfwPicture pic = {j->w, j->h, BITS, 3, {rgb[0], rgb[1], rgb[2]}, (size_t)j->w};
        QcMxfwJ2kParams prm = {j->lossless, j->lossless ? 0.0 : j->ratio, 1, {24, 1}};
        QcMxfwErr err = {{0}};
        if (qc_mxfw_j2k_encode(&pic, &prm, &j->cs[k], &j->size[k], &err) != 0) {
            pthread_mutex_lock(&j->lock);
            if (!atomic_exchange(&j->failed, 1))
                snprintf(j->msg, sizeof(j->msg), "encoding picture %d: %s", k, err.msg);
            pthread_mutex_unlock(&j->lock);
        }
    }
    free(rows);
    free(planes);
    return NULL;
}

/* The picture frame i shows: scene (i / cut) % scenes, and inside it back and forth through the
 * scene's pictures, 0 1 … P-1 P-2 … 1 0 1 …, so the shapes keep moving without a jump. */
static int picture_of(long i, int scenes, int per_scene, long cut)
{
    long period = per_scene > 1 ? 2 * (per_scene - 1) : 1, ph = i % period;
    int t = (int)(ph < per_scene ? ph : period - ph);
    return (int)((i / cut) % scenes) * per_scene + t;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int usage(void)
{
    fprintf(stderr, "usage: video_make OUT.mxf FRAMES [--size WxH] [--lossless] [--ratio R]\n"
                    "                  [--grain SIGMA] [--scenes S] [--per-scene P] [--cut F]\n"
                    "                  [--seed N]\n"
                    "  defaults: 1920x1080, lossy ratio 15.6 up to 2K and 42 above (about 190 and\n"
                    "  200 Mb/s at 24 fps), grain 7 (10-bit codes), 3 scenes of 3 pictures,\n"
                    "  a cut every 48 frames, seed 1\n");
    return 2;
}

typedef struct Args {
    const char *out;
    long frames, cut;
    int w, h, lossless, scenes, per_scene;
    double ratio, grain;
    unsigned long long seed;
} Args;

/* @return 0, or usage()'s status after printing it. */
static int parse_args(int argc, char **argv, Args *a)
{
    *a = (Args){argv[1], strtol(argv[2], NULL, 10), 48, 1920, 1080, 0, 3, 3, 0, 7, 1};
    for (int i = 3; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--lossless")) {
            a->lossless = 1;
            continue;
        }
        if (!v)
            return usage();
        i++;
        if (!strcmp(o, "--size")) {
            if (sscanf(v, "%dx%d", &a->w, &a->h) != 2)
                return usage();
        } else if (!strcmp(o, "--ratio")) {
            a->ratio = strtod(v, NULL);
        } else if (!strcmp(o, "--grain")) {
            a->grain = strtod(v, NULL);
        } else if (!strcmp(o, "--scenes")) {
            a->scenes = atoi(v);
        } else if (!strcmp(o, "--per-scene")) {
            a->per_scene = atoi(v);
        } else if (!strcmp(o, "--cut")) {
            a->cut = strtol(v, NULL, 10);
        } else if (!strcmp(o, "--seed")) {
            a->seed = strtoull(v, NULL, 10);
        } else {
            return usage();
        }
    }
    if (a->frames < 1 || a->w < 64 || a->h < 64 || a->w > 8192 || a->h > 8192 || a->scenes < 1 ||
        a->scenes > 64 || a->per_scene < 1 || a->per_scene > 64 || a->cut < 1 || a->grain < 0 ||
        a->grain > 200 || a->ratio < 0)
        return usage();
    if (a->ratio == 0)
        a->ratio = a->w <= 2048 && a->h <= 1556 ? 15.6 : 42;
    return 0;
}

/* Encodes the distinct pictures the frames show, on every CPU. @return seconds taken. */
static double encode_all(Job *j)
{
    double t0 = now();
    long cpus = 2;
#ifdef _SC_NPROCESSORS_ONLN
    cpus = sysconf(_SC_NPROCESSORS_ONLN);
#endif
    int nt = cpus < 1 ? 1 : cpus > 16 ? 16 : (int)cpus;
    if (nt > j->distinct)
        nt = j->distinct;
    pthread_t th[16];
    int started = 0;
    for (int i = 1; i < nt; i++)
        if (pthread_create(&th[started], NULL, encoder, j) == 0)
            started++;
    encoder(j);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    return now() - t0;
}

/* Writes the track file and prints its JSON line. @return 0 or 1. */
static int write_file(const Args *a, const Job *j, double encode_s)
{
    QcMxfwErr err = {{0}};
    QcMxfwVideoSettings s;
    qc_mxfw_video_default_settings(&s);
    s.path = a->out;
    s.seed = a->seed;
    QcMxfwVideo *v = NULL;
    int ret = qc_mxfw_video_open(&v, &s, &err);
    long long bytes = 0;
    for (long i = 0; !ret && i < a->frames; i++) {
        int k = picture_of(i, a->scenes, a->per_scene, a->cut);
        ret = qc_mxfw_video_write(v, j->cs[k], j->size[k], &err);
        bytes += (long long)j->size[k];
    }
    if (!ret)
        ret = qc_mxfw_video_close(&v, &err);
    if (ret) {
        fprintf(stderr, "video_make: %s\n", err.msg);
        return 1;
    }
    int shown = 0;
    for (int k = 0; k < j->distinct; k++)
        shown += j->used[k];
    double mb = (double)bytes / (double)a->frames;
    char rbuf[32] = "null";
    if (!a->lossless)
        snprintf(rbuf, sizeof(rbuf), "%g", a->ratio);
    printf("{\"path\": \"%s\", \"frames\": %ld, \"width\": %d, \"height\": %d, \"bits\": %d, "
           "\"lossless\": %s, \"ratio\": %s, \"grain\": %g, \"distinct\": %d, "
           "\"cut_every\": %ld, \"bytes_per_frame\": %.0f, \"mbit_per_s_at_24\": %.1f, "
           "\"encode_s\": %.2f}\n",
           a->out, a->frames, a->w, a->h, BITS, a->lossless ? "true" : "false", rbuf, a->grain,
           shown, a->cut, mb, mb * 8 * 24 / 1e6, encode_s);
    return 0;
}

int main(int argc, char **argv)
{
    Args a;
    if (argc < 3)
        return usage();
    int bad = parse_args(argc, argv, &a);
    if (bad)
        return bad;
    Job j = {.w = a.w,
             .h = a.h,
             .lossless = a.lossless,
             .per_scene = a.per_scene,
             .distinct = a.scenes * a.per_scene,
             .ratio = a.ratio,
             .grain = a.grain,
             .seed = a.seed};
    j.cs = calloc((size_t)j.distinct, sizeof(*j.cs));
    j.size = calloc((size_t)j.distinct, sizeof(*j.size));
    unsigned char *used = calloc((size_t)j.distinct, 1);
    if (!j.cs || !j.size || !used)
        return 1;
    for (long i = 0; i < a.frames; i++)
        used[picture_of(i, a.scenes, a.per_scene, a.cut)] = 1;
    j.used = used;
    atomic_init(&j.next, 0);
    atomic_init(&j.failed, 0);
    pthread_mutex_init(&j.lock, NULL);
    double encode_s = encode_all(&j);
    int ret = atomic_load(&j.failed) ? 1 : write_file(&a, &j, encode_s);
    if (atomic_load(&j.failed))
        fprintf(stderr, "video_make: %s\n", j.msg);
    for (int k = 0; k < j.distinct; k++)
        free(j.cs[k]);
    free(j.cs);
    free(j.size);
    free(used);
    pthread_mutex_destroy(&j.lock);
    return ret;
}
