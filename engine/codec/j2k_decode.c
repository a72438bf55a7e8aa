// SPDX-License-Identifier: MIT
#include "engine/codec/j2k_decode.h"

#include <openjpeg.h>
#include <stdio.h>
#include <string.h>

#include "engine/codec/opj/opj_memory.h"
#include "engine/core/error.h"

typedef struct Messages {
    char *msg;
    size_t size;
    int errors, warnings;
} Messages;

static void keep(Messages *m, const char *prefix, const char *text)
{
    if (m->msg[0] || !m->size)
        return;
    snprintf(m->msg, m->size, "%s%s", prefix, text);
    size_t len = strlen(m->msg);
    while (len && (m->msg[len - 1] == '\n' || m->msg[len - 1] == ' '))
        m->msg[--len] = '\0';
}

static void on_error(const char *text, void *user)
{
    Messages *m = user;
    m->errors++;
    keep(m, "OpenJPEG: ", text);
}

/* In strict mode a clean codestream raises no warning: any warning is about damaged data */
static void on_warning(const char *text, void *user)
{
    Messages *m = user;
    m->warnings++;
    keep(m, "OpenJPEG warning: ", text);
}

static void on_info(const char *text, void *user)
{
    (void)text;
    (void)user;
}

/* Decode only what the descriptor has room for: a picture larger than the stored size it
 * declares, or beyond the engine's limits, is refused before any allocation. */
static int approve(const opj_image_t *img, const QcJ2kLimits *lim, Messages *m)
{
    uint32_t w = img->x1 - img->x0, h = img->y1 - img->y0;
    char why[200] = "";
    if (img->numcomps < 1 || img->numcomps > QC_J2K_MAX_PLANES)
        snprintf(why, sizeof(why), "%u components: not decoded", img->numcomps);
    else if (img->x1 <= img->x0 || img->y1 <= img->y0 || w > QC_J2K_MAX_DIMENSION ||
             h > QC_J2K_MAX_DIMENSION)
        snprintf(why, sizeof(why), "a %ux%u picture is beyond the engine's limits: not decoded", w,
                 h);
    else if (lim && lim->width && (w > lim->width || h > lim->height))
        snprintf(why, sizeof(why), "the %ux%u picture is larger than the descriptor's stored "
                 "%ux%u: not decoded", w, h, lim->width, lim->height);
    else if (lim && lim->components && (int)img->numcomps != lim->components)
        snprintf(why, sizeof(why), "%u components where the descriptor says %d: not decoded",
                 img->numcomps, lim->components);
    for (OPJ_UINT32 c = 0; !why[0] && c < img->numcomps; c++)
        if (img->comps[c].prec < 1 || img->comps[c].prec > 16 || !img->comps[c].dx ||
            !img->comps[c].dy)
            snprintf(why, sizeof(why), "component %u has %u-bit samples: not decoded", c,
                     img->comps[c].prec);
    if (why[0])
        keep(m, "", why);
    return !why[0];
}

static void fill(const opj_image_t *img, QcPicture *out)
{
    memset(out, 0, sizeof(*out));
    out->planes = (int)img->numcomps;
    out->width = (int)img->comps[0].w;
    out->height = (int)img->comps[0].h;
    out->bits = (int)img->comps[0].prec;
    for (int p = 0; p < out->planes; p++) {
        out->dx[p] = (int)img->comps[p].dx;
        out->dy[p] = (int)img->comps[p].dy;
        out->w[p] = (int)img->comps[p].w;
        out->h[p] = (int)img->comps[p].h;
        out->plane[p] = img->comps[p].data;
    }
    out->opaque = (void *)img;
}

int qc_j2k_decode(const uint8_t *cs, size_t n, int reduce, const QcJ2kLimits *limits,
                  QcPicture *out, char *msg, size_t msg_size)
{
    Messages m = {msg, msg_size, 0, 0};
    if (msg_size)
        msg[0] = '\0';
    memset(out, 0, sizeof(*out));
    QcOpjInput in;
    opj_codec_t *codec = opj_create_decompress(OPJ_CODEC_J2K);
    opj_stream_t *st = qc_opj_input_stream(&in, cs, n);
    opj_image_t *img = NULL;
    if (!codec || !st) {
        if (codec)
            opj_destroy_codec(codec);
        if (st)
            opj_stream_destroy(st);
        return QC_ERR_NOMEM;
    }
    opj_set_error_handler(codec, on_error, &m);
    opj_set_warning_handler(codec, on_warning, &m);
    opj_set_info_handler(codec, on_info, &m);
    opj_dparameters_t prm;
    opj_set_default_decoder_parameters(&prm);
    int status = QC_J2K_FAILED;
    if (opj_setup_decoder(codec, &prm) && opj_decoder_set_strict_mode(codec, OPJ_TRUE) &&
        opj_read_header(st, codec, &img)) {
        if (!approve(img, limits, &m))
            status = QC_J2K_REFUSED;
        else if ((reduce == 0 || opj_set_decoded_resolution_factor(codec, (OPJ_UINT32)reduce)) &&
                 opj_decode(codec, st, img) && opj_end_decompress(codec, st) && !m.errors)
            status = m.warnings ? QC_J2K_DAMAGED : QC_J2K_DECODED;
    }
    if ((status == QC_J2K_DECODED || status == QC_J2K_DAMAGED) && img->comps[0].data) {
        fill(img, out);
        img = NULL;
    } else if (status != QC_J2K_REFUSED) {
        status = QC_J2K_FAILED;
        if (msg_size && !msg[0])
            snprintf(msg, msg_size, "OpenJPEG could not decode the codestream");
    }
    opj_image_destroy(img);
    opj_stream_destroy(st);
    opj_destroy_codec(codec);
    return status;
}

void qc_picture_free(QcPicture *p)
{
    if (p->opaque)
        opj_image_destroy(p->opaque);
    memset(p, 0, sizeof(*p));
}
