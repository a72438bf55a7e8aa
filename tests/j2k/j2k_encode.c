// SPDX-License-Identifier: MIT
/* Real codestreams for the tests: OpenJPEG encodes a synthetic picture into memory through the
 * engine's memory output stream. */
#include <openjpeg.h>
#include <stdlib.h>
#include <string.h>

#include "engine/codec/opj/opj_memory.h"
#include "j2k_test.h"

static void quiet(const char *msg, void *user)
{
    (void)msg;
    (void)user;
}

/* A smooth gradient with some texture, so every sub-band carries data. */
static opj_image_t *make_image(const TestSpec *s)
{
    opj_image_cmptparm_t p[3];
    memset(p, 0, sizeof(p));
    for (int c = 0; c < 3; c++) {
        p[c].dx = (OPJ_UINT32)(c ? s->dx : 1);
        p[c].dy = 1;
        p[c].w = (OPJ_UINT32)((s->w + (int)p[c].dx - 1) / (int)p[c].dx);
        p[c].h = (OPJ_UINT32)s->h;
        p[c].prec = (OPJ_UINT32)s->bits;
    }
    opj_image_t *img = opj_image_create(3, p, OPJ_CLRSPC_SRGB);
    if (!img)
        return NULL;
    img->x1 = (OPJ_UINT32)s->w;
    img->y1 = (OPJ_UINT32)s->h;
    const int max = (1 << s->bits) - 1;
    for (int c = 0; c < 3; c++) {
        const int w = (int)p[c].w;
        for (int y = 0; y < s->h; y++)
            for (int x = 0; x < w; x++)
                img->comps[c].data[y * w + x] =
                    (x * 37 + y * 11 + c * 500 + ((x ^ y) & 7) * 40) * max / 4000 % (max + 1);
    }
    return img;
}

static void set_parameters(const TestSpec *s, opj_cparameters_t *p)
{
    opj_set_default_encoder_parameters(p);
    p->rsiz = s->rsiz;
    p->tcp_numlayers = 1;
    p->tcp_rates[0] = s->lossless ? 0.0f : 8.0f;
    p->cp_disto_alloc = 1;
    p->irreversible = s->lossless ? 0 : 1;
    p->tcp_mct = s->dx == 1; /* the colour transform needs equal components */
    if (s->tile_w) {
        p->tile_size_on = OPJ_TRUE;
        p->cp_tdx = s->tile_w;
        p->cp_tdy = s->tile_h;
    }
    if (s->tp_flag) {
        p->tp_on = 1;
        p->tp_flag = s->tp_flag;
    }
    if (s->cblk)
        p->cblockw_init = p->cblockh_init = s->cblk;
}

int test_encode(const TestSpec *s, TestStream *out)
{
    memset(out, 0, sizeof(*out));
    QcOpjOutput m;
    opj_cparameters_t par;
    set_parameters(s, &par);
    opj_image_t *img = make_image(s);
    opj_codec_t *codec = opj_create_compress(OPJ_CODEC_J2K);
    opj_stream_t *st = qc_opj_output_stream(&m);
    int ok = img && codec && st;
    if (ok) {
        opj_set_warning_handler(codec, quiet, NULL);
        opj_set_info_handler(codec, quiet, NULL);
        const char *tlm[] = {"TLM=YES", NULL};
        ok = opj_setup_encoder(codec, &par, img) &&
             (!s->tlm || opj_encoder_set_extra_options(codec, tlm)) &&
             opj_start_compress(codec, img, st) && opj_encode(codec, st) &&
             opj_end_compress(codec, st) && !m.failed;
    }
    if (st)
        opj_stream_destroy(st);
    if (codec)
        opj_destroy_codec(codec);
    if (img)
        opj_image_destroy(img);
    if (!ok) {
        free(m.data);
        return -1;
    }
    out->data = m.data;
    out->size = m.size;
    return 0;
}

void test_stream_free(TestStream *t)
{
    free(t->data);
    t->data = NULL;
    t->size = 0;
}
