// SPDX-License-Identifier: MIT
/*
 * imfqc-synth mxf-video: moving synthetic pictures, JPEG 2000 coded, as an IMF video track file, with
 * cuts, black and frozen runs and damaged codestreams at given frames. A frozen or black frame re-uses the
 * previous codestream byte for byte, which is what a real freeze looks like after encoding.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mxfw.h"
#include "synth_cmd.h"

#define MAX_EVENTS 64

typedef struct Range {
    long long a, b; ///< frames [a, b)
} Range;

typedef struct VideoOpts {
    const char  *out;
    long long    frames, width, height, bits, partition, cut;
    int32_t      rate_num, rate_den;
    int          lossless;
    double       ratio;
    uint64_t     seed;
    const char  *black[MAX_EVENTS], *freeze[MAX_EVENTS], *damage[MAX_EVENTS];
    int          nblack, nfreeze, ndamage;
    Range        black_r[MAX_EVENTS], freeze_r[MAX_EVENTS];
    long long    damage_at[MAX_EVENTS];
    QcMxfwDamage damage_kind[MAX_EVENTS];
} VideoOpts;

enum { O_FRAMES = 256, O_WIDTH, O_HEIGHT, O_RATE, O_BITS, O_LOSSLESS, O_RATIO, O_PARTITION, O_SEED, O_CUT,
       O_BLACK, O_FREEZE, O_DAMAGE, O_HELP };

static const struct option video_opts[] = {
    { "output", required_argument, NULL, 'o' },   { "frames", required_argument, NULL, O_FRAMES },
    { "width", required_argument, NULL, O_WIDTH }, { "height", required_argument, NULL, O_HEIGHT },
    { "rate", required_argument, NULL, O_RATE },   { "bits", required_argument, NULL, O_BITS },
    { "lossless", no_argument, NULL, O_LOSSLESS }, { "ratio", required_argument, NULL, O_RATIO },
    { "partition-frames", required_argument, NULL, O_PARTITION }, { "seed", required_argument, NULL, O_SEED },
    { "cut", required_argument, NULL, O_CUT },     { "black", required_argument, NULL, O_BLACK },
    { "freeze", required_argument, NULL, O_FREEZE }, { "damage", required_argument, NULL, O_DAMAGE },
    { "help", no_argument, NULL, O_HELP },         { NULL, 0, NULL, 0 },
};

static int push(const char **list, int *n, const char *arg)
{
    if (*n == MAX_EVENTS)
        return 1;
    list[(*n)++] = arg;
    return 0;
}

static int take(VideoOpts *o, const int code, const char *arg)
{
    char *end;
    switch (code) {
    case 'o': o->out = arg; return 0;
    case O_FRAMES: return qc_mxfw_cmd_int(arg, 1, 10000000, &o->frames);
    case O_WIDTH: return qc_mxfw_cmd_int(arg, 1, 8192, &o->width);
    case O_HEIGHT: return qc_mxfw_cmd_int(arg, 1, 8192, &o->height);
    case O_RATE: return qc_mxfw_cmd_rational(arg, &o->rate_num, &o->rate_den);
    case O_BITS: return qc_mxfw_cmd_int(arg, 8, 16, &o->bits);
    case O_LOSSLESS: o->lossless = 1; return 0;
    case O_RATIO:
        o->ratio = strtod(arg, &end);
        return end == arg || *end || !(o->ratio >= 1 && o->ratio <= 1000);
    case O_PARTITION: return qc_mxfw_cmd_int(arg, 1, 1000000, &o->partition);
    case O_SEED: return qc_mxfw_cmd_seed(arg, &o->seed);
    case O_CUT: return qc_mxfw_cmd_int(arg, 1, 10000000, &o->cut);
    case O_BLACK: return push(o->black, &o->nblack, arg);
    case O_FREEZE: return push(o->freeze, &o->nfreeze, arg);
    case O_DAMAGE: return push(o->damage, &o->ndamage, arg);
    default: return 1;
    }
}

/* Ranges and damage specs need --frames, which may come later on the command line. */
static int check_events(VideoOpts *o)
{
    for (int i = 0; i < o->nblack; i++)
        if (qc_mxfw_cmd_range(o->black[i], 0, o->frames, &o->black_r[i].a, &o->black_r[i].b))
            return qc_mxfw_cmd_die("bad --black '%s' (A:B with 0 <= A < B <= %lld)", o->black[i], o->frames);
    for (int i = 0; i < o->nfreeze; i++)
        if (qc_mxfw_cmd_range(o->freeze[i], 1, o->frames, &o->freeze_r[i].a, &o->freeze_r[i].b))
            return qc_mxfw_cmd_die("bad --freeze '%s' (A:B with 1 <= A < B <= %lld)", o->freeze[i],
                                   o->frames);
    for (int i = 0; i < o->ndamage; i++) {
        const char *colon = strchr(o->damage[i], ':');
        char num[32];
        const size_t n = colon ? (size_t)(colon - o->damage[i]) : 0;
        if (n && n < sizeof(num)) {
            memcpy(num, o->damage[i], n);
            num[n] = '\0';
        }
        if (!n || n >= sizeof(num) || qc_mxfw_cmd_int(num, 0, o->frames - 1, &o->damage_at[i]) ||
            qc_mxfw_damage_parse(colon + 1, &o->damage_kind[i]))
            return qc_mxfw_cmd_die("bad --damage '%s' (K:header|truncate|psot|garbage, 0 <= K < %lld)",
                                   o->damage[i], o->frames);
    }
    if (o->cut >= o->frames)
        return qc_mxfw_cmd_die("--cut %lld is not inside the %lld frames", o->cut, o->frames);
    return -1;
}

/* Returns -1 to go on, else an exit status. */
static int parse(VideoOpts *o, int argc, char **argv)
{
    optind = 1;
    opterr = 0;
    int code, idx = -1;
    while ((code = getopt_long(argc, argv, ":o:", video_opts, &idx)) != -1) {
        if (code == '?')
            return qc_mxfw_cmd_die("unknown option '%s' (try --help)", argv[optind - 1]);
        if (code == ':')
            return qc_mxfw_cmd_die("option '%s' needs a value", argv[optind - 1]);
        if (code == O_HELP) {
            fputs(qc_mxfw_cmd_usage, stdout);
            return 0;
        }
        if (take(o, code, optarg))
            return qc_mxfw_cmd_die("bad value '%s' for %s%s", optarg ? optarg : "", code == 'o' ? "-" : "--",
                                   code == 'o' ? "o" : idx >= 0 ? video_opts[idx].name : "?");
        idx = -1;
    }
    if (optind < argc)
        return qc_mxfw_cmd_die("unexpected argument '%s'", argv[optind]);
    if (!o->out)
        return qc_mxfw_cmd_die("missing -o OUT");
    return check_events(o);
}

/* ---------------------------------------------------------------------------------------------- */

/* What frame k shows: black, or the scene and animation time of the frame it repeats. */
typedef struct Source {
    int     black, scene;
    int64_t t;
} Source;

static Source source(const VideoOpts *o, int64_t k)
{
    for (;;) {
        for (int i = 0; i < o->nblack; i++)
            if (k >= o->black_r[i].a && k < o->black_r[i].b)
                return (Source){ 1, 0, 0 };
        int moved = 0;
        for (int i = 0; i < o->nfreeze && !moved; i++) {
            if (k >= o->freeze_r[i].a && k < o->freeze_r[i].b) {
                k = o->freeze_r[i].a - 1; /* strictly earlier, so this ends */
                moved = 1;
            }
        }
        if (!moved)
            return (Source){ 0, o->cut > 0 && k >= o->cut, k };
    }
}

typedef struct Coder {
    const VideoOpts *o;
    uint16_t        *plane[3];
    uint8_t         *cs;      ///< codestream of `have`
    size_t           size;
    Source           have;
    int              valid;
} Coder;

static int encode(Coder *c, const Source src, QcMxfwErr *err)
{
    if (c->valid && src.black == c->have.black && src.scene == c->have.scene && src.t == c->have.t)
        return 0;
    const VideoOpts *o = c->o;
    const size_t n = (size_t)o->width * (size_t)o->height;
    if (src.black) {
        for (int p = 0; p < 3; p++)
            memset(c->plane[p], 0, n * sizeof(uint16_t));
    } else {
        const QcMxfwSceneParams sp = { (int)o->width, (int)o->height, (int)o->bits, o->seed };
        qc_mxfw_scene_render(&sp, src.scene, src.t, c->plane);
    }
    const QcMxfwPicture pic = { (int)o->width, (int)o->height, (int)o->bits, 3,
                                { c->plane[0], c->plane[1], c->plane[2] }, (size_t)o->width };
    const QcMxfwJ2kParams jp = { o->lossless, o->ratio, 1, { o->rate_num, o->rate_den } };
    free(c->cs);
    c->cs = NULL;
    c->valid = 0;
    const int r = qc_mxfw_j2k_encode(&pic, &jp, &c->cs, &c->size, err);
    if (!r) {
        c->have = src;
        c->valid = 1;
    }
    return r;
}

static int write_frame(const VideoOpts *o, Coder *c, QcMxfwVideo *w, const int64_t k, QcMxfwErr *err)
{
    int r = encode(c, source(o, k), err);
    int kind = -1;
    for (int i = 0; i < o->ndamage; i++)
        if (o->damage_at[i] == k)
            kind = (int)o->damage_kind[i];
    if (r || kind < 0)
        return r ? r : qc_mxfw_video_write(w, c->cs, c->size, err);
    uint8_t *bad = malloc(c->size);
    if (!bad)
        return QC_MXFW_ERR_NOMEM;
    memcpy(bad, c->cs, c->size);
    size_t size = c->size;
    r = qc_mxfw_damage_apply(bad, &size, (QcMxfwDamage)kind, o->seed ^ (uint64_t)k);
    if (r)
        snprintf(err->msg, sizeof(err->msg), "frame %lld: no tile-part to damage", (long long)k);
    else
        r = qc_mxfw_video_write(w, bad, size, err);
    free(bad);
    return r;
}

static int run(const VideoOpts *o, Coder *c, QcMxfwErr *err)
{
    /* The descriptor describes the clean stream even when frame 0 itself is damaged. */
    int r = encode(c, source(o, 0), err);
    if (r)
        return r;
    QcMxfwVideoSettings s;
    qc_mxfw_video_default_settings(&s);
    s.path = o->out;
    s.edit_rate = (QcMxfwRational){ o->rate_num, o->rate_den };
    s.partition_frames = (int)o->partition;
    s.seed = o->seed;
    s.ref_codestream = c->cs;
    s.ref_size = c->size;
    QcMxfwVideo *w;
    r = qc_mxfw_video_open(&w, &s, err);
    if (r)
        return r;
    for (int64_t k = 0; !r && k < o->frames; k++)
        r = write_frame(o, c, w, k, err);
    const int rc = qc_mxfw_video_close(&w, r ? NULL : err);
    return r ? r : rc;
}

int qc_mxfw_cmd_video(int argc, char **argv)
{
    VideoOpts o = { .frames = 240, .width = 320, .height = 180, .bits = 10, .rate_num = 24, .rate_den = 1,
                    .ratio = 12.0, .seed = 1, .cut = -1 };
    const int pr = parse(&o, argc, argv);
    if (pr >= 0)
        return pr;
    Coder c = { .o = &o };
    const size_t n = (size_t)o.width * (size_t)o.height;
    int r = 0;
    for (int p = 0; p < 3; p++)
        if (!(c.plane[p] = malloc(n * sizeof(uint16_t))))
            r = QC_MXFW_ERR_NOMEM;
    QcMxfwErr err = { "out of memory" };
    if (!r) {
        err.msg[0] = '\0';
        r = run(&o, &c, &err);
    }
    for (int p = 0; p < 3; p++)
        free(c.plane[p]);
    free(c.cs);
    if (r) {
        unlink(o.out); /* no half-written file that looks valid */
        return qc_mxfw_cmd_die("%s: %s", o.out, err.msg[0] ? err.msg : "out of memory");
    }
    return 0;
}
