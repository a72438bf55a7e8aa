// SPDX-License-Identifier: MIT
#include "engine/codec/opj/opj_memory.h"

#include <openjpeg.h>
#include <stdlib.h>
#include <string.h>

static OPJ_SIZE_T in_read(void *buf, OPJ_SIZE_T n, void *user)
{
    QcOpjInput *s = user;
    if (s->pos >= s->size)
        return (OPJ_SIZE_T)-1;
    size_t k = s->size - s->pos < n ? s->size - s->pos : n;
    memcpy(buf, s->data + s->pos, k);
    s->pos += k;
    return k;
}

static OPJ_OFF_T in_skip(OPJ_OFF_T n, void *user)
{
    QcOpjInput *s = user;
    if (n < 0 && (size_t)-n > s->pos)
        n = -(OPJ_OFF_T)s->pos;
    if (n > 0 && (size_t)n > s->size - s->pos)
        n = (OPJ_OFF_T)(s->size - s->pos);
    s->pos += (size_t)n;
    return n;
}

static OPJ_BOOL in_seek(OPJ_OFF_T n, void *user)
{
    QcOpjInput *s = user;
    if (n < 0 || (size_t)n > s->size)
        return OPJ_FALSE;
    s->pos = (size_t)n;
    return OPJ_TRUE;
}

void *qc_opj_input_stream(QcOpjInput *in, const uint8_t *data, size_t n)
{
    *in = (QcOpjInput){data, n, 0};
    opj_stream_t *st = opj_stream_create(1 << 16, OPJ_TRUE);
    if (!st)
        return NULL;
    opj_stream_set_user_data(st, in, NULL);
    opj_stream_set_user_data_length(st, n);
    opj_stream_set_read_function(st, in_read);
    opj_stream_set_skip_function(st, in_skip);
    opj_stream_set_seek_function(st, in_seek);
    return st;
}

/* Room up to @p need bytes, zero-filled, so a skip forward leaves defined bytes. */
static int out_reserve(QcOpjOutput *m, size_t need)
{
    if (need <= m->cap)
        return 0;
    size_t cap = m->cap ? m->cap : 65536;
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

static OPJ_SIZE_T out_write(void *buf, OPJ_SIZE_T n, void *user)
{
    QcOpjOutput *m = user;
    if (out_reserve(m, m->pos + n) < 0)
        return (OPJ_SIZE_T)-1;
    memcpy(m->data + m->pos, buf, n);
    m->pos += n;
    if (m->pos > m->size)
        m->size = m->pos;
    return n;
}

static OPJ_OFF_T out_skip(OPJ_OFF_T n, void *user)
{
    QcOpjOutput *m = user;
    if ((n < 0 && (size_t)-n > m->pos) || (n > 0 && out_reserve(m, m->pos + (size_t)n) < 0))
        return -1;
    m->pos = (size_t)((OPJ_OFF_T)m->pos + n);
    if (m->pos > m->size)
        m->size = m->pos;
    return n;
}

static OPJ_BOOL out_seek(OPJ_OFF_T to, void *user)
{
    QcOpjOutput *m = user;
    if (to < 0 || out_reserve(m, (size_t)to) < 0)
        return OPJ_FALSE;
    m->pos = (size_t)to;
    return OPJ_TRUE;
}

void *qc_opj_output_stream(QcOpjOutput *out)
{
    memset(out, 0, sizeof(*out));
    opj_stream_t *st = opj_stream_create(1 << 16, OPJ_FALSE);
    if (!st)
        return NULL;
    opj_stream_set_user_data(st, out, NULL);
    opj_stream_set_write_function(st, out_write);
    opj_stream_set_skip_function(st, out_skip);
    opj_stream_set_seek_function(st, out_seek);
    return st;
}
