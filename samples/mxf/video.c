// SPDX-License-Identifier: MIT
/*
 * Frame-wrapped JPEG 2000 track files (ST 422 P1 in ST 2067-5) with an RGBA descriptor and a JPEG 2000
 * sub-descriptor taken from a real codestream. Essence goes into body partitions of `partition_frames`
 * frames; after each, an index partition holds VBR segments for that partition's frames, as asdcplib's
 * AS-02 writer arranges them. Only one partition's stream offsets are held in memory at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "mxfw_int.h"

#define MAX_SEGMENT_ENTRIES 5000 /* asdcplib's limit; 5000 x 11 bytes fits a 2-byte local length */

struct QcMxfwVideo {
    QcMxfwFile          file;
    QcMxfwMeta          meta;
    QcMxfwVideoSettings s;
    QcMxfwJ2kInfo       j2k;
    int                 started;     ///< header written (needs the first codestream)
    int64_t             frames;      ///< frames written
    uint64_t            stream;      ///< essence container stream offset of the next KLV
    uint64_t           *offsets;     ///< stream offsets of the current partition's frames
    size_t              noffsets, cap;
    int64_t             first_frame; ///< edit unit of offsets[0]
    uint32_t            nsegments;   ///< index segments written (names their UUIDs)
};

void qc_mxfw_video_default_settings(QcMxfwVideoSettings *s)
{
    memset(s, 0, sizeof(*s));
    s->edit_rate = (QcMxfwRational){ 24, 1 };
    s->seed = 1;
}

static uint32_t gcd(uint32_t a, uint32_t b)
{
    while (b) {
        const uint32_t t = a % b;
        a = b;
        b = t;
    }
    return a ? a : 1;
}

static void j2k_subdescriptor(QcMxfwMeta *m, const QcMxfwVideo *w, const uint8_t layout[16])
{
    const QcMxfwJ2kInfo *j = &w->j2k;
    uint8_t id[16], sizing[8 + 3 * 4];
    const unsigned nc = j->csiz < 4 ? j->csiz : 4;
    qc_mxfw_put_be(sizing, nc, 4);
    qc_mxfw_put_be(sizing + 4, 3, 4);
    for (unsigned c = 0; c < nc; c++) {
        sizing[8 + 3 * c] = j->ssiz[c];
        sizing[9 + 3 * c] = j->xrsiz[c];
        sizing[10 + 3 * c] = j->yrsiz[c];
    }
    qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_SUB, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_J2K_SUB, id);
    qc_mxfw_put_u16(m, QC_MXFW_P_RSIZ, j->rsiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_XSIZ, j->xsiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_YSIZ, j->ysiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_XOSIZ, j->xosiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_YOSIZ, j->yosiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_XTSIZ, j->xtsiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_YTSIZ, j->ytsiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_XTOSIZ, j->xtosiz);
    qc_mxfw_put_u32(m, QC_MXFW_P_YTOSIZ, j->ytosiz);
    qc_mxfw_put_u16(m, QC_MXFW_P_CSIZ, j->csiz);
    qc_mxfw_put_bytes(m, QC_MXFW_P_COMPONENT_SIZING, sizing, 8 + 3 * nc);
    qc_mxfw_put_bytes(m, QC_MXFW_P_CODING_STYLE_DEFAULT, j->cod, j->cod_size);
    qc_mxfw_put_bytes(m, QC_MXFW_P_QUANTIZATION_DEFAULT, j->qcd, j->qcd_size);
    qc_mxfw_put_bytes(m, QC_MXFW_P_J2C_LAYOUT, layout, 16);
    qc_mxfw_set_end(m);
}

/* Picture geometry: stored = sampled = displayed = the codestream's image area (no cropping). */
static void geometry(QcMxfwMeta *m, const QcMxfwJ2kInfo *j)
{
    const uint32_t width = j->xsiz - j->xosiz, height = j->ysiz - j->yosiz, g = gcd(width, height);
    static const uint8_t line_map[16] = { 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0 };
    qc_mxfw_put_u8(m, QC_MXFW_P_FRAME_LAYOUT, 0); /* full frame */
    qc_mxfw_put_u32(m, QC_MXFW_P_STORED_WIDTH, width);
    qc_mxfw_put_u32(m, QC_MXFW_P_STORED_HEIGHT, height);
    qc_mxfw_put_u32(m, QC_MXFW_P_SAMPLED_WIDTH, width);
    qc_mxfw_put_u32(m, QC_MXFW_P_SAMPLED_HEIGHT, height);
    qc_mxfw_put_u32(m, QC_MXFW_P_DISPLAY_WIDTH, width);
    qc_mxfw_put_u32(m, QC_MXFW_P_DISPLAY_HEIGHT, height);
    const QcMxfwRational aspect = { (int32_t)(width / g), (int32_t)(height / g) }; /* square pixels */
    qc_mxfw_put_rational(m, QC_MXFW_P_ASPECT_RATIO, aspect);
    /* Two entries of 0: line numbers are unknown for a file-based progressive picture. */
    qc_mxfw_put_bytes(m, QC_MXFW_P_VIDEO_LINE_MAP, line_map, 16);
}

static void descriptor(QcMxfwMeta *m, const void *ctx, const int64_t duration)
{
    const QcMxfwVideo *w = ctx;
    const QcMxfwJ2kInfo *j = &w->j2k;
    const unsigned depth = (j->ssiz[0] & 0x7f) + 1u;
    uint8_t id[16], coding[16], sub[1][16], layout[16] = { 0 };
    static const char comp[3] = { 'R', 'G', 'B' };
    for (unsigned c = 0; c < 3 && c < j->csiz; c++) {
        layout[2 * c] = (uint8_t)comp[c];
        layout[2 * c + 1] = (uint8_t)((j->ssiz[c] & 0x7f) + 1);
    }
    qc_mxfw_j2k_coding_ul(j->rsiz, coding);
    qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_SUB, sub[0]);
    qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_DESC, id);
    qc_mxfw_set_begin(m, QC_MXFW_SET_RGBA, id);
    qc_mxfw_put_array16(m, QC_MXFW_P_SUB_DESCRIPTORS, (const uint8_t (*)[16])sub, 1);
    qc_mxfw_put_u32(m, QC_MXFW_P_LINKED_TRACK_ID, QC_MXFW_FP_TRACK_ID);
    qc_mxfw_put_rational(m, QC_MXFW_P_SAMPLE_RATE, w->s.edit_rate);
    qc_mxfw_put_u64(m, QC_MXFW_P_CONTAINER_DURATION, (uint64_t)duration);
    qc_mxfw_put_bytes(m, QC_MXFW_P_ESSENCE_CONTAINER, qc_mxfw_ec_j2k_p1, 16);
    geometry(m, j);
    qc_mxfw_put_bytes(m, QC_MXFW_P_PICTURE_ESSENCE_CODING, coding, 16);
    qc_mxfw_put_bytes(m, QC_MXFW_P_COLOR_PRIMARIES, qc_mxfw_bt709_primaries, 16);
    qc_mxfw_put_bytes(m, QC_MXFW_P_TRANSFER_CHARACTERISTIC, qc_mxfw_bt709_transfer, 16);
    qc_mxfw_put_bytes(m, QC_MXFW_P_CODING_EQUATIONS, qc_mxfw_bt709_coding, 16);
    qc_mxfw_put_u32(m, QC_MXFW_P_COMPONENT_MAX_REF, (1u << depth) - 1); /* full range (QE2) */
    qc_mxfw_put_u32(m, QC_MXFW_P_COMPONENT_MIN_REF, 0);
    qc_mxfw_put_bytes(m, QC_MXFW_P_PIXEL_LAYOUT, layout, 16);
    qc_mxfw_set_end(m);
    j2k_subdescriptor(m, w, layout);
}

static void build_header(QcMxfwVideo *w)
{
    const QcMxfwTrackInfo t = { w->s.seed, w->s.timestamp, w->s.edit_rate, w->frames, 0x15010801,
                                qc_mxfw_ddef_picture, qc_mxfw_ec_j2k_p1, descriptor, w };
    qc_mxfw_header_build(&w->meta, &t);
}

int qc_mxfw_video_open(QcMxfwVideo **out, const QcMxfwVideoSettings *s, QcMxfwErr *err)
{
    *out = NULL;
    if (!s->path || s->edit_rate.num <= 0 || s->edit_rate.den <= 0 || s->partition_frames < 0)
        return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "bad video settings (path, edit rate or partition size)");
    QcMxfwVideo *w = calloc(1, sizeof(*w));
    if (!w)
        return qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory");
    w->s = *s;
    w->s.ref_codestream = NULL; /* not ours to keep: parsed now */
    if (!w->s.partition_frames) {
        const int64_t ten_s = (10 * (int64_t)s->edit_rate.num + s->edit_rate.den / 2) / s->edit_rate.den;
        w->s.partition_frames = ten_s > 0 ? (int)ten_s : 1;
    }
    int r = 0;
    if (s->ref_codestream) {
        r = qc_mxfw_j2k_parse(s->ref_codestream, s->ref_size, &w->j2k, err);
        w->started = -1; /* described, not yet written */
    }
    if (!r)
        r = qc_mxfw_file_open(&w->file, s->path, qc_mxfw_ec_j2k_p1, err);
    if (r) {
        free(w);
        return r;
    }
    *out = w;
    return 0;
}

/* Index segments for the frames of the partition just finished, in their own partition. */
static int flush_index(QcMxfwVideo *w, QcMxfwErr *err)
{
    if (!w->noffsets)
        return 0;
    QcMxfwBuf seg = { 0 };
    for (size_t i = 0; i < w->noffsets; i += MAX_SEGMENT_ENTRIES) {
        const size_t n = w->noffsets - i < MAX_SEGMENT_ENTRIES ? w->noffsets - i : MAX_SEGMENT_ENTRIES;
        uint8_t id[16];
        qc_mxfw_uuid(w->s.seed, QC_MXFW_ID_INDEX + w->nsegments++, id);
        qc_mxfw_index_vbr(&seg, id, w->s.edit_rate, w->first_frame + (int64_t)i, w->offsets + i, (uint32_t)n);
    }
    const int r = qc_mxfw_file_index(&w->file, &seg, err);
    qc_mxfw_buf_free(&seg);
    w->first_frame += (int64_t)w->noffsets;
    w->noffsets = 0;
    return r;
}

static int start(QcMxfwVideo *w, const uint8_t *cs, const size_t size, QcMxfwErr *err)
{
    int r = w->started ? 0 : qc_mxfw_j2k_parse(cs, size, &w->j2k, err);
    if (!r) {
        build_header(w);
        r = qc_mxfw_file_header(&w->file, &w->meta, 0, err);
    }
    if (!r)
        r = qc_mxfw_file_body(&w->file, QC_MXFW_BODY_SID, 0, err);
    w->started = r ? w->started : 1;
    return r;
}

int qc_mxfw_video_write(QcMxfwVideo *w, const uint8_t *cs, const size_t size, QcMxfwErr *err)
{
    if (!size || size > 0xffffffffu)
        return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "frame of %zu bytes", size);
    int r = w->started == 1 ? 0 : start(w, cs, size, err);
    if (!r && w->noffsets == (size_t)w->s.partition_frames) {
        r = flush_index(w, err);
        if (!r)
            r = qc_mxfw_file_body(&w->file, QC_MXFW_BODY_SID, w->stream, err);
    }
    if (!r && w->noffsets == w->cap) {
        const size_t cap = w->cap ? 2 * w->cap : 256;
        uint64_t *p = realloc(w->offsets, cap * sizeof(*p));
        if (!p)
            return qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory");
        w->offsets = p;
        w->cap = cap;
    }
    if (r)
        return r;
    /* 4-byte BER as asdcplib writes for frames; longer frames get the 9-byte form */
    uint8_t kl[25];
    memcpy(kl, qc_mxfw_key_j2k_frame, 16);
    const int ber = size < (1u << 24) ? 4 : 9;
    kl[16] = (uint8_t)(0x80 | (ber - 1));
    qc_mxfw_put_be(kl + 17, size, ber - 1);
    r = qc_mxfw_file_write(&w->file, kl, 16 + (size_t)ber, err);
    if (!r)
        r = qc_mxfw_file_write(&w->file, cs, size, err);
    if (!r) {
        w->offsets[w->noffsets++] = w->stream;
        w->stream += 16 + (uint64_t)ber + size;
        w->frames++;
    }
    return r;
}

int qc_mxfw_video_close(QcMxfwVideo **pw, QcMxfwErr *err)
{
    QcMxfwVideo *w = *pw;
    if (!w)
        return 0;
    *pw = NULL;
    int r = w->frames ? flush_index(w, err) : qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "no frame was written");
    if (!r) {
        build_header(w);
        r = qc_mxfw_file_finish(&w->file, &w->meta, err);
    }
    qc_mxfw_file_abort(&w->file);
    qc_mxfw_meta_free(&w->meta);
    free(w->offsets);
    free(w);
    return r;
}
