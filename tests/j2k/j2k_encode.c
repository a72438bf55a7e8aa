// SPDX-License-Identifier: MIT
/* Real codestreams for the tests: OpenJPEG encodes a synthetic picture into memory through the
 * opj_stream callbacks (IMF mode seeks back to fill in TLM, so the stream can seek). */
#include <openjpeg.h>
#include <stdlib.h>
#include <string.h>

#include "j2k_test.h"

typedef struct MemOut {
    uint8_t *data;
    size_t size, cap, pos;
    int failed;
} MemOut;

static int mem_reserve(MemOut *m, const size_t need)
{
    if (need <= m->cap)
        return 0;
    size_t cap = m->cap ? m->cap : 4096;
    while (cap < need)
        cap *= 2;
    uint8_t *p = realloc(m->data, cap);
    if (!p) {
        m->failed = 1;
        return -1;
    }
    memset(p + m->cap, 0, cap - m->cap);
    m->data = p;
    m->cap = cap;
    return 0;
}

static OPJ_SIZE_T mem_write(void *buf, OPJ_SIZE_T n, void *user)
{
    MemOut *m = user;
    if (mem_reserve(m, m->pos + n) < 0)
        return (OPJ_SIZE_T)-1;
    memcpy(m->data + m->pos, buf, n);
    m->pos += n;
    if (m->pos > m->size)
        m->size = m->pos;
    return n;
}

static OPJ_OFF_T mem_skip(OPJ_OFF_T n, void *user)
{
    MemOut *m = user;
    if (n < 0 && (size_t)-n > m->pos)
        return -1;
    if (n > 0 && mem_reserve(m, m->pos + (size_t)n) < 0)
        return -1;
    m->pos = (size_t)((OPJ_OFF_T)m->pos + n);
    if (m->pos > m->size)
        m->size = m->pos;
    return n;
}

static OPJ_BOOL mem_seek(OPJ_OFF_T to, void *user)
{
    MemOut *m = user;
    if (to < 0 || mem_reserve(m, (size_t)to) < 0)
        return OPJ_FALSE;
    m->pos = (size_t)to;
    return OPJ_TRUE;
}

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
    MemOut m = {0};
    opj_cparameters_t par;
    set_parameters(s, &par);
    opj_image_t *img = make_image(s);
    opj_codec_t *codec = opj_create_compress(OPJ_CODEC_J2K);
    opj_stream_t *st = opj_stream_create(1 << 16, OPJ_FALSE);
    int ok = img && codec && st;
    if (ok) {
        opj_set_warning_handler(codec, quiet, NULL);
        opj_set_info_handler(codec, quiet, NULL);
        opj_stream_set_user_data(st, &m, NULL);
        opj_stream_set_write_function(st, mem_write);
        opj_stream_set_skip_function(st, mem_skip);
        opj_stream_set_seek_function(st, mem_seek);
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
