// SPDX-License-Identifier: MIT
/* Index table segments (ST 377-1 §11): static local tags, no primer needed. */
#include "mxfw_int.h"

static void tl(QcMxfwBuf *b, const unsigned tag, const unsigned len)
{
    qc_mxfw_buf_u16(b, tag);
    qc_mxfw_buf_u16(b, len);
}

/* The fields every segment carries; returns the position of the BER length to patch. */
static size_t common(QcMxfwBuf *b, const uint8_t uid[16], const QcMxfwRational rate, const int64_t start,
                     const int64_t duration, const uint32_t edit_unit_bytes)
{
    qc_mxfw_buf_bytes(b, qc_mxfw_key_index, 16);
    const size_t at = b->len;
    qc_mxfw_buf_ber4(b, 0);
    tl(b, 0x3c0a, 16);
    qc_mxfw_buf_bytes(b, uid, 16);
    tl(b, 0x3f0b, 8);
    qc_mxfw_buf_u32(b, (uint32_t)rate.num);
    qc_mxfw_buf_u32(b, (uint32_t)rate.den);
    tl(b, 0x3f0c, 8);
    qc_mxfw_buf_u64(b, (uint64_t)start);
    tl(b, 0x3f0d, 8);
    qc_mxfw_buf_u64(b, (uint64_t)duration);
    tl(b, 0x3f05, 4);
    qc_mxfw_buf_u32(b, edit_unit_bytes);
    tl(b, 0x3f06, 4);
    qc_mxfw_buf_u32(b, QC_MXFW_INDEX_SID);
    tl(b, 0x3f07, 4);
    qc_mxfw_buf_u32(b, QC_MXFW_BODY_SID);
    tl(b, 0x3f08, 1); /* SliceCount */
    qc_mxfw_buf_u8(b, 0);
    tl(b, 0x3f0e, 1); /* PosTableCount */
    qc_mxfw_buf_u8(b, 0);
    return at;
}

static void patch(QcMxfwBuf *b, const size_t at)
{
    if (!b->oom)
        qc_mxfw_put_be(b->p + at + 1, b->len - at - 4, 3);
}

void qc_mxfw_index_cbr(QcMxfwBuf *b, const uint8_t uid[16], const QcMxfwRational rate, const int64_t duration,
                       const uint32_t edit_unit_bytes)
{
    patch(b, common(b, uid, rate, 0, duration, edit_unit_bytes));
}

void qc_mxfw_index_vbr(QcMxfwBuf *b, const uint8_t uid[16], const QcMxfwRational rate, const int64_t start,
                       const uint64_t *stream_offsets, const uint32_t n)
{
    const size_t at = common(b, uid, rate, start, n, 0);
    tl(b, 0x3f09, 8 + 6); /* one delta entry: the single element of each edit unit sits at its start */
    qc_mxfw_buf_u32(b, 1);
    qc_mxfw_buf_u32(b, 6);
    qc_mxfw_buf_u8(b, 0);  /* PosTableIndex */
    qc_mxfw_buf_u8(b, 0);  /* Slice */
    qc_mxfw_buf_u32(b, 0); /* ElementDelta */
    tl(b, 0x3f0a, 8 + 11 * n); /* callers keep n <= 5000, so this fits the 2-byte length */
    qc_mxfw_buf_u32(b, n);
    qc_mxfw_buf_u32(b, 11);
    for (uint32_t i = 0; i < n; i++) {
        qc_mxfw_buf_u8(b, 0);    /* TemporalOffset */
        qc_mxfw_buf_u8(b, 0);    /* KeyFrameOffset */
        qc_mxfw_buf_u8(b, 0x80); /* Flags: random access (every J2K frame is intra) */
        qc_mxfw_buf_u64(b, stream_offsets[i]);
    }
    patch(b, at);
}
