// SPDX-License-Identifier: MIT
/* Byte buffers, header-metadata sets with their primer, and the deterministic identifiers. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mxfw_int.h"
#include "synth_dsp.h"

int qc_mxfw_fail(QcMxfwErr *err, const int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
    }
    return code;
}

/* ---------------------------------------------------------------------------------------------- */

void qc_mxfw_buf_free(QcMxfwBuf *b)
{
    free(b->p);
    memset(b, 0, sizeof(*b));
}

static uint8_t *grow(QcMxfwBuf *b, const size_t n)
{
    if (b->oom)
        return NULL;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return NULL;
        }
        b->p = p;
        b->cap = cap;
    }
    uint8_t *at = b->p + b->len;
    b->len += n;
    return at;
}

void qc_mxfw_put_be(uint8_t *p, const uint64_t v, const int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (uint8_t)(v >> (8 * (bytes - 1 - i)));
}

void qc_mxfw_buf_bytes(QcMxfwBuf *b, const void *p, const size_t n)
{
    uint8_t *at = grow(b, n);
    if (at && n)
        memcpy(at, p, n);
}

void qc_mxfw_buf_zeros(QcMxfwBuf *b, const size_t n)
{
    uint8_t *at = grow(b, n);
    if (at && n)
        memset(at, 0, n);
}

static void buf_be(QcMxfwBuf *b, const uint64_t v, const int bytes)
{
    uint8_t *at = grow(b, (size_t)bytes);
    if (at)
        qc_mxfw_put_be(at, v, bytes);
}

void qc_mxfw_buf_u8(QcMxfwBuf *b, const unsigned v) { buf_be(b, v, 1); }
void qc_mxfw_buf_u16(QcMxfwBuf *b, const unsigned v) { buf_be(b, v, 2); }
void qc_mxfw_buf_u32(QcMxfwBuf *b, const uint32_t v) { buf_be(b, v, 4); }
void qc_mxfw_buf_u64(QcMxfwBuf *b, const uint64_t v) { buf_be(b, v, 8); }

void qc_mxfw_buf_ber4(QcMxfwBuf *b, const uint32_t v)
{
    buf_be(b, 0x83, 1);
    buf_be(b, v, 3);
}

/* ---------------------------------------------------------------------------------------------- */

void qc_mxfw_meta_reset(QcMxfwMeta *m)
{
    m->sets.len = 0;
    m->sets.oom = 0;
    memset(m->tag, 0, sizeof(m->tag));
    m->nused = 0;
    m->next_dynamic = 0xffff;
}

void qc_mxfw_meta_free(QcMxfwMeta *m)
{
    qc_mxfw_buf_free(&m->sets);
}

static uint16_t tag_of(QcMxfwMeta *m, const QcMxfwProp prop)
{
    if (!m->tag[prop]) {
        const uint16_t fixed = qc_mxfw_props[prop].tag;
        /* ~100 properties at most: the dynamic range (0x8000..0xffff) cannot run out. */
        m->tag[prop] = fixed ? fixed : (uint16_t)m->next_dynamic--;
        m->order[m->nused++] = (uint8_t)prop;
    }
    return m->tag[prop];
}

void qc_mxfw_set_begin(QcMxfwMeta *m, const QcMxfwSetKind kind, const uint8_t uid[16])
{
    uint8_t key[16];
    qc_mxfw_set_key(key, kind);
    m->set_start = m->sets.len;
    qc_mxfw_buf_bytes(&m->sets, key, 16);
    qc_mxfw_buf_ber4(&m->sets, 0); /* patched by set_end */
    qc_mxfw_put_bytes(m, QC_MXFW_P_INSTANCE_UID, uid, 16);
}

void qc_mxfw_set_end(QcMxfwMeta *m)
{
    if (m->sets.oom)
        return;
    const size_t value = m->sets.len - m->set_start - 20;
    qc_mxfw_put_be(m->sets.p + m->set_start + 17, value, 3);
}

void qc_mxfw_set_discard(QcMxfwMeta *m)
{
    if (!m->sets.oom)
        m->sets.len = m->set_start;
}

void qc_mxfw_item_begin(QcMxfwMeta *m, const QcMxfwProp prop)
{
    qc_mxfw_buf_u16(&m->sets, tag_of(m, prop));
    m->item_start = m->sets.len;
    qc_mxfw_buf_u16(&m->sets, 0); /* patched by item_end */
}

void qc_mxfw_item_end(QcMxfwMeta *m)
{
    if (m->sets.oom)
        return;
    const size_t n = m->sets.len - m->item_start - 2;
    if (n > 0xffff) { /* a 2-byte local length cannot say it: make the set unusable rather than wrong */
        m->sets.oom = 1;
        return;
    }
    qc_mxfw_put_be(m->sets.p + m->item_start, n, 2);
}

static void put_be(QcMxfwMeta *m, const QcMxfwProp prop, const uint64_t v, const int bytes)
{
    qc_mxfw_item_begin(m, prop);
    buf_be(&m->sets, v, bytes);
    qc_mxfw_item_end(m);
}

void qc_mxfw_put_u8(QcMxfwMeta *m, const QcMxfwProp prop, const unsigned v) { put_be(m, prop, v, 1); }
void qc_mxfw_put_u16(QcMxfwMeta *m, const QcMxfwProp prop, const unsigned v) { put_be(m, prop, v, 2); }
void qc_mxfw_put_u32(QcMxfwMeta *m, const QcMxfwProp prop, const uint32_t v) { put_be(m, prop, v, 4); }
void qc_mxfw_put_u64(QcMxfwMeta *m, const QcMxfwProp prop, const uint64_t v) { put_be(m, prop, v, 8); }

void qc_mxfw_put_rational(QcMxfwMeta *m, const QcMxfwProp prop, const QcMxfwRational r)
{
    qc_mxfw_item_begin(m, prop);
    qc_mxfw_buf_u32(&m->sets, (uint32_t)r.num);
    qc_mxfw_buf_u32(&m->sets, (uint32_t)r.den);
    qc_mxfw_item_end(m);
}

void qc_mxfw_put_bytes(QcMxfwMeta *m, const QcMxfwProp prop, const uint8_t *p, const size_t n)
{
    qc_mxfw_item_begin(m, prop);
    qc_mxfw_buf_bytes(&m->sets, p, n);
    qc_mxfw_item_end(m);
}

void qc_mxfw_put_timestamp(QcMxfwMeta *m, const QcMxfwProp prop, const int64_t unix_seconds)
{
    const time_t t = (time_t)unix_seconds;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        memset(&tm, 0, sizeof(tm));
    const uint8_t v[8] = { (uint8_t)((tm.tm_year + 1900) >> 8), (uint8_t)(tm.tm_year + 1900),
                           (uint8_t)(tm.tm_mon + 1), (uint8_t)tm.tm_mday, (uint8_t)tm.tm_hour,
                           (uint8_t)tm.tm_min, (uint8_t)tm.tm_sec, 0 };
    qc_mxfw_put_bytes(m, prop, v, 8);
}

void qc_mxfw_put_utf16(QcMxfwMeta *m, const QcMxfwProp prop, const char *s)
{
    qc_mxfw_item_begin(m, prop);
    for (; *s; s++)
        qc_mxfw_buf_u16(&m->sets, (unsigned char)*s & 0x7f);
    qc_mxfw_item_end(m);
}

void qc_mxfw_put_array16(QcMxfwMeta *m, const QcMxfwProp prop, const uint8_t (*v)[16], const uint32_t n)
{
    qc_mxfw_item_begin(m, prop);
    qc_mxfw_buf_u32(&m->sets, n);
    qc_mxfw_buf_u32(&m->sets, 16);
    for (uint32_t i = 0; i < n; i++)
        qc_mxfw_buf_bytes(&m->sets, v[i], 16);
    qc_mxfw_item_end(m);
}

void qc_mxfw_meta_primer(const QcMxfwMeta *m, QcMxfwBuf *out)
{
    qc_mxfw_buf_bytes(out, qc_mxfw_key_primer, 16);
    qc_mxfw_buf_ber4(out, 8 + 18 * (uint32_t)m->nused);
    qc_mxfw_buf_u32(out, (uint32_t)m->nused);
    qc_mxfw_buf_u32(out, 18);
    for (int i = 0; i < m->nused; i++) {
        const QcMxfwProp prop = (QcMxfwProp)m->order[i];
        qc_mxfw_buf_u16(out, m->tag[prop]);
        qc_mxfw_buf_bytes(out, qc_mxfw_props[prop].ul, 16);
    }
}

/* ---------------------------------------------------------------------------------------------- */

void qc_mxfw_uuid(const uint64_t seed, const uint32_t slot, uint8_t out[16])
{
    const uint64_t hi = qc_synth_mix64(seed ^ ((uint64_t)slot << 32) ^ 0x4d58465752495445ull);
    const uint64_t lo = qc_synth_mix64(hi ^ slot);
    qc_mxfw_put_be(out, hi, 8);
    qc_mxfw_put_be(out + 8, lo, 8);
    out[6] = (uint8_t)((out[6] & 0x0f) | 0x40); /* version 4 */
    out[8] = (uint8_t)((out[8] & 0x3f) | 0x80); /* RFC 4122 variant */
}

void qc_mxfw_umid(const uint8_t material[16], uint8_t out[32])
{
    static const uint8_t prefix[16] = { 0x06, 0x0a, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x05,
                                        0x01, 0x01, 0x0f, 0x20, 0x13, 0x00, 0x00, 0x00 };
    memcpy(out, prefix, 16);
    memcpy(out + 16, material, 16);
}
