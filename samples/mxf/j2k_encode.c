// SPDX-License-Identifier: MIT
/*
 * OpenJPEG front end: a planar picture in, a raw J2K codestream in memory out, written through the
 * engine's memory output stream (engine/codec/opj/opj_memory.h).
 */
#include <stdlib.h>
#include <string.h>

#include <openjpeg.h>

#include "engine/codec/opj/opj_memory.h"
#include "mxfw_int.h"

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

static int encode(const QcMxfwPicture *pic, const QcMxfwJ2kParams *p, QcOpjOutput *sink, QcMxfwErr *err)
{
    opj_cparameters_t cp;
    set_params(&cp, pic, p);
    opj_image_t *img = make_image(pic);
    opj_codec_t *codec = opj_create_compress(OPJ_CODEC_J2K);
    opj_stream_t *st = qc_opj_output_stream(sink);
    int r = img && codec && st ? 0 : qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory");
    if (!r) {
        opj_set_info_handler(codec, quiet, NULL);
        opj_set_warning_handler(codec, quiet, NULL);
        opj_set_error_handler(codec, keep_error, err);
        if (!opj_setup_encoder(codec, &cp, img) || !opj_start_compress(codec, img, st) ||
            !opj_encode(codec, st) || !opj_end_compress(codec, st))
            r = sink->failed ? qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory")
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
    QcOpjOutput sink = { 0 };
    const int r = encode(pic, p, &sink, err);
    if (r) {
        free(sink.data);
        return r;
    }
    *out = sink.data;
    *size = sink.size;
    return 0;
}
