// SPDX-License-Identifier: MIT
/*
 * OpenJPEG front end: a planar picture in, a raw J2K codestream in memory out. OpenJPEG writes through
 * stream callbacks and seeks back once at the end (to fill in the TLM marker of IMF profiles), so the
 * sink is a growable buffer with a cursor rather than an append-only one.
 */
#include <stdlib.h>
#include <string.h>

#include <openjpeg.h>

#include "mxfw_int.h"

typedef struct Sink {
    uint8_t *p;
    size_t   len, cap, at; ///< bytes valid, allocated, cursor
    int      oom;
} Sink;

static OPJ_SIZE_T sink_write(void *data, OPJ_SIZE_T n, void *user)
{
    Sink *s = user;
    if (s->at + n > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < s->at + n)
            cap *= 2;
        uint8_t *p = realloc(s->p, cap);
        if (!p) {
            s->oom = 1;
            return (OPJ_SIZE_T)-1;
        }
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->at, data, n);
    s->at += n;
    if (s->at > s->len)
        s->len = s->at;
    return n;
}

static OPJ_OFF_T sink_skip(OPJ_OFF_T n, void *user)
{
    Sink *s = user;
    if (n < 0 || (OPJ_OFF_T)s->at + n > (OPJ_OFF_T)s->len)
        return -1;
    s->at += (size_t)n;
    return n;
}

static OPJ_BOOL sink_seek(OPJ_OFF_T pos, void *user)
{
    Sink *s = user;
    if (pos < 0 || (size_t)pos > s->len)
        return OPJ_FALSE;
    s->at = (size_t)pos;
    return OPJ_TRUE;
}

/* Warnings (e.g. "not IMF compliant, profile set to NONE") are expected with tiny test pictures. */
static void quiet(const char *msg, void *user)
{
    (void)msg;
    (void)user;
}

static void keep_error(const char *msg, void *user)
{
    QcMxfwErr *err = user;
    if (err && !err->msg[0]) {
        snprintf(err->msg, sizeof(err->msg), "OpenJPEG: %s", msg);
        const size_t n = strlen(err->msg);
        if (n && err->msg[n - 1] == '\n')
            err->msg[n - 1] = '\0';
    }
}

/* Rsiz for an IMF profile at this size and rate (main level from samples per second, ST 15444-1 Table
 * A.53; sublevel 0 for reversible, 1 for lossy), or 0 if none fits. */
static uint16_t imf_rsiz(const QcMxfwPicture *pic, const QcMxfwJ2kParams *p)
{
    static const double msamples[11] = { 65, 130, 195, 260, 520, 1200, 2400, 4800, 9600, 19200, 38400 };
    const int w = pic->width, h = pic->height;
    uint16_t profile;
    if (w <= 2048 && h <= 1556)
        profile = p->lossless ? OPJ_PROFILE_IMF_2K_R : OPJ_PROFILE_IMF_2K;
    else if (w <= 4096 && h <= 3112)
        profile = p->lossless ? OPJ_PROFILE_IMF_4K_R : OPJ_PROFILE_IMF_4K;
    else if (w <= 8192 && h <= 6224)
        profile = p->lossless ? OPJ_PROFILE_IMF_8K_R : OPJ_PROFILE_IMF_8K;
    else
        return 0;
    QcMxfwRational r = p->edit_rate;
    if (r.num <= 0 || r.den <= 0)
        r = (QcMxfwRational){ 24, 1 };
    const double rate = (double)w * h * pic->planes * r.num / r.den / 1e6;
    for (int m = 0; m < 11; m++)
        if (rate <= msamples[m])
            return (uint16_t)(profile | (p->lossless ? 0 : 0x10) | (m + 1));
    return 0;
}

static opj_image_t *make_image(const QcMxfwPicture *pic)
{
    opj_image_cmptparm_t cp[3];
    memset(cp, 0, sizeof(cp));
    for (int c = 0; c < pic->planes; c++) {
        cp[c].dx = cp[c].dy = 1;
        cp[c].w = (OPJ_UINT32)pic->width;
        cp[c].h = (OPJ_UINT32)pic->height;
        cp[c].prec = (OPJ_UINT32)pic->bits;
    }
    opj_image_t *img = opj_image_create((OPJ_UINT32)pic->planes, cp,
                                        pic->planes == 3 ? OPJ_CLRSPC_SRGB : OPJ_CLRSPC_GRAY);
    if (!img)
        return NULL;
    img->x1 = (OPJ_UINT32)pic->width;
    img->y1 = (OPJ_UINT32)pic->height;
    for (int c = 0; c < pic->planes; c++) {
        OPJ_INT32 *d = img->comps[c].data;
        for (int y = 0; y < pic->height; y++)
            for (int x = 0; x < pic->width; x++)
                *d++ = pic->plane[c][(size_t)y * pic->stride + (size_t)x];
    }
    return img;
}

static void set_params(opj_cparameters_t *cp, const QcMxfwPicture *pic, const QcMxfwJ2kParams *p)
{
    opj_set_default_encoder_parameters(cp);
    cp->prog_order = OPJ_CPRL;
    cp->cblockw_init = cp->cblockh_init = 32;
    cp->tcp_numlayers = 1;
    cp->cp_disto_alloc = 1;
    cp->tcp_rates[0] = p->lossless ? 0.0f : (float)p->ratio; /* 0 = keep everything */
    cp->irreversible = !p->lossless;
    cp->tcp_mct = pic->planes == 3 ? 1 : 0;
    cp->rsiz = p->imf ? imf_rsiz(pic, p) : 0;
    if (!cp->rsiz) {
        /* Without a profile OpenJPEG does not fit the decomposition levels to the picture itself. */
        int res = 1;
        while (res < 6 && (pic->width >> res) > 0 && (pic->height >> res) > 0)
            res++;
        cp->numresolution = res;
    }
}

static int encode(const QcMxfwPicture *pic, const QcMxfwJ2kParams *p, Sink *sink, QcMxfwErr *err)
{
    opj_cparameters_t cp;
    set_params(&cp, pic, p);
    opj_image_t *img = make_image(pic);
    opj_codec_t *codec = opj_create_compress(OPJ_CODEC_J2K);
    opj_stream_t *st = opj_stream_create(1 << 16, OPJ_FALSE);
    int r = img && codec && st ? 0 : qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory");
    if (!r) {
        opj_set_info_handler(codec, quiet, NULL);
        opj_set_warning_handler(codec, quiet, NULL);
        opj_set_error_handler(codec, keep_error, err);
        opj_stream_set_write_function(st, sink_write);
        opj_stream_set_skip_function(st, sink_skip);
        opj_stream_set_seek_function(st, sink_seek);
        opj_stream_set_user_data(st, sink, NULL);
        if (!opj_setup_encoder(codec, &cp, img) || !opj_start_compress(codec, img, st) ||
            !opj_encode(codec, st) || !opj_end_compress(codec, st))
            r = sink->oom ? qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory")
                          : (err && err->msg[0] ? QC_MXFW_ERR_CODEC
                                                : qc_mxfw_fail(err, QC_MXFW_ERR_CODEC, "OpenJPEG failed"));
    }
    if (st)
        opj_stream_destroy(st);
    if (codec)
        opj_destroy_codec(codec);
    if (img)
        opj_image_destroy(img);
    return r;
}

int qc_mxfw_j2k_encode(const QcMxfwPicture *pic, const QcMxfwJ2kParams *p, uint8_t **out, size_t *size,
                       QcMxfwErr *err)
{
    *out = NULL;
    *size = 0;
    if (!pic || !p || pic->width <= 0 || pic->height <= 0 || pic->bits < 8 || pic->bits > 16 ||
        (pic->planes != 1 && pic->planes != 3) || pic->stride < (size_t)pic->width)
        return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "bad picture for the JPEG 2000 encoder");
    if (err)
        err->msg[0] = '\0';
    Sink sink = { 0 };
    const int r = encode(pic, p, &sink, err);
    if (r) {
        free(sink.p);
        return r;
    }
    *out = sink.p;
    *size = sink.len;
    return 0;
}
