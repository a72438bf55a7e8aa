// SPDX-License-Identifier: MIT
/*
 * Partitions, the header rewrite, the footer and the RIP, with plain stdio. The partition packs of a file
 * are kept in memory (a few dozen at most) so that the final pass can rewrite every one of them with the
 * PreviousPartition and FooterPartition values that are only known at the end, as asdcplib does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "mxfw_int.h"

#define PACK_SIZE   124   /* key 16 + BER 4 + value 104 (one essence container label) */
#define HEADER_SIZE 16384 /* bytes reserved for the header partition, as asdcplib's default */

static int io_fail(QcMxfwErr *err, const char *what)
{
    return qc_mxfw_fail(err, QC_MXFW_ERR_IO, "%s: %s", what, strerror(errno ? errno : EIO));
}

int qc_mxfw_file_open(QcMxfwFile *f, const char *path, const uint8_t *ec, QcMxfwErr *err)
{
    memset(f, 0, sizeof(*f));
    f->ec = ec;
    f->f = fopen(path, "wb");
    if (!f->f)
        return qc_mxfw_fail(err, QC_MXFW_ERR_IO, "cannot create: %s", strerror(errno));
    return 0;
}

int qc_mxfw_file_write(QcMxfwFile *f, const void *p, const size_t n, QcMxfwErr *err)
{
    if (n && fwrite(p, 1, n, f->f) != n)
        return io_fail(err, "write");
    f->pos += n;
    return 0;
}

static int seek(QcMxfwFile *f, const uint64_t pos, QcMxfwErr *err)
{
    if (fseeko(f->f, (off_t)pos, SEEK_SET))
        return io_fail(err, "seek");
    f->pos = pos;
    return 0;
}

int qc_mxfw_file_patch(QcMxfwFile *f, const uint64_t at, const void *p, const size_t n, QcMxfwErr *err)
{
    const uint64_t end = f->pos;
    int r = seek(f, at, err);
    if (!r)
        r = qc_mxfw_file_write(f, p, n, err);
    return r ? r : seek(f, end, err);
}

/* The pack of partition i, with the chain values known so far. */
static void encode_pack(const QcMxfwFile *f, const size_t i, const uint64_t footer, QcMxfwBuf *b)
{
    const QcMxfwPartition *p = &f->part[i];
    uint8_t key[16];
    qc_mxfw_partition_key(key, p->kind, 4); /* closed complete; a footer is complete by its kind */
    qc_mxfw_buf_bytes(b, key, 16);
    qc_mxfw_buf_ber4(b, PACK_SIZE - 20);
    qc_mxfw_buf_u16(b, 1); /* major version */
    qc_mxfw_buf_u16(b, 3); /* minor version: ST 377-1:2011 */
    qc_mxfw_buf_u32(b, 1); /* KAG */
    qc_mxfw_buf_u64(b, p->offset);
    qc_mxfw_buf_u64(b, i ? f->part[i - 1].offset : 0);
    qc_mxfw_buf_u64(b, footer);
    qc_mxfw_buf_u64(b, p->header_bytes);
    qc_mxfw_buf_u64(b, p->index_bytes);
    qc_mxfw_buf_u32(b, p->index_sid);
    qc_mxfw_buf_u64(b, p->body_offset);
    qc_mxfw_buf_u32(b, p->body_sid);
    qc_mxfw_buf_bytes(b, qc_mxfw_op1a, 16);
    qc_mxfw_buf_u32(b, 1);
    qc_mxfw_buf_u32(b, 16);
    qc_mxfw_buf_bytes(b, f->ec, 16);
}

/* Record a partition at the current position and write its pack. */
static int add_partition(QcMxfwFile *f, const QcMxfwPartition *p, QcMxfwErr *err)
{
    if (f->nparts == f->cap) {
        const size_t cap = f->cap ? 2 * f->cap : 16;
        QcMxfwPartition *np = realloc(f->part, cap * sizeof(*np));
        if (!np)
            return qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory");
        f->part = np;
        f->cap = cap;
    }
    f->part[f->nparts] = *p;
    f->part[f->nparts].offset = f->pos;
    f->nparts++;
    QcMxfwBuf b = { 0 };
    encode_pack(f, f->nparts - 1, 0, &b);
    const int r = b.oom ? qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory")
                        : qc_mxfw_file_write(f, b.p, b.len, err);
    qc_mxfw_buf_free(&b);
    return r;
}

/* Primer, sets and the fill that pads the header partition to f->header_size. */
static int header_body(QcMxfwFile *f, const QcMxfwMeta *m, QcMxfwBuf *b, QcMxfwErr *err)
{
    qc_mxfw_meta_primer(m, b);
    qc_mxfw_buf_bytes(b, m->sets.p, m->sets.len);
    if (b->oom || m->sets.oom)
        return qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory building the header metadata");
    if (!f->header_size) {
        f->header_size = HEADER_SIZE;
        while (PACK_SIZE + b->len + 20 > f->header_size)
            f->header_size += 4096;
    }
    /* The final rewrite must fit the room the first write reserved (it does: widths are fixed). */
    if (PACK_SIZE + b->len + 20 > f->header_size)
        return qc_mxfw_fail(err, QC_MXFW_ERR_INVAL, "header metadata grew from %llu to %zu bytes",
                            (unsigned long long)(f->header_size - PACK_SIZE - 20), b->len);
    const uint64_t fill = f->header_size - PACK_SIZE - b->len;
    qc_mxfw_buf_bytes(b, qc_mxfw_key_fill, 16);
    qc_mxfw_buf_ber4(b, (uint32_t)(fill - 20));
    qc_mxfw_buf_zeros(b, (size_t)(fill - 20));
    return b->oom ? qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory") : 0;
}

int qc_mxfw_file_header(QcMxfwFile *f, const QcMxfwMeta *m, const int final, QcMxfwErr *err)
{
    QcMxfwBuf b = { 0 };
    int r = header_body(f, m, &b, err);
    if (!r && !final) {
        const QcMxfwPartition p = { .kind = 2, .header_bytes = b.len };
        r = add_partition(f, &p, err);
        if (!r)
            r = qc_mxfw_file_write(f, b.p, b.len, err);
    } else if (!r) {
        /* The caller's final pass rewrites the pack itself; only the metadata goes here. */
        r = seek(f, PACK_SIZE, err);
        if (!r)
            r = qc_mxfw_file_write(f, b.p, b.len, err);
    }
    qc_mxfw_buf_free(&b);
    return r;
}

int qc_mxfw_file_body(QcMxfwFile *f, const uint32_t body_sid, const uint64_t body_offset, QcMxfwErr *err)
{
    const QcMxfwPartition p = { .kind = 3, .body_sid = body_sid, .body_offset = body_offset };
    return add_partition(f, &p, err);
}

int qc_mxfw_file_index(QcMxfwFile *f, const QcMxfwBuf *segments, QcMxfwErr *err)
{
    if (segments->oom)
        return qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory building index segments");
    const QcMxfwPartition p = { .kind = 3, .index_sid = QC_MXFW_INDEX_SID, .index_bytes = segments->len };
    const int r = add_partition(f, &p, err);
    return r ? r : qc_mxfw_file_write(f, segments->p, segments->len, err);
}

static int write_rip(QcMxfwFile *f, QcMxfwErr *err)
{
    QcMxfwBuf b = { 0 };
    const uint32_t value = 12 * (uint32_t)f->nparts + 4;
    qc_mxfw_buf_bytes(&b, qc_mxfw_key_rip, 16);
    qc_mxfw_buf_ber4(&b, value);
    for (size_t i = 0; i < f->nparts; i++) {
        qc_mxfw_buf_u32(&b, f->part[i].body_sid);
        qc_mxfw_buf_u64(&b, f->part[i].offset);
    }
    qc_mxfw_buf_u32(&b, 20 + value); /* overall length of the RIP KLV */
    const int r = b.oom ? qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory")
                        : qc_mxfw_file_write(f, b.p, b.len, err);
    qc_mxfw_buf_free(&b);
    return r;
}

int qc_mxfw_file_finish(QcMxfwFile *f, const QcMxfwMeta *final_meta, QcMxfwErr *err)
{
    const QcMxfwPartition footer = { .kind = 4 };
    int r = add_partition(f, &footer, err);
    if (!r)
        r = write_rip(f, err);
    const uint64_t footer_at = f->part[f->nparts - 1].offset;
    if (!r)
        r = qc_mxfw_file_header(f, final_meta, 1, err);
    for (size_t i = 0; !r && i < f->nparts; i++) {
        QcMxfwBuf b = { 0 };
        encode_pack(f, i, footer_at, &b);
        r = b.oom ? qc_mxfw_fail(err, QC_MXFW_ERR_NOMEM, "out of memory") : seek(f, f->part[i].offset, err);
        if (!r)
            r = qc_mxfw_file_write(f, b.p, b.len, err);
        qc_mxfw_buf_free(&b);
    }
    if (fclose(f->f) && !r)
        r = io_fail(err, "close");
    f->f = NULL;
    free(f->part);
    f->part = NULL;
    return r;
}

void qc_mxfw_file_abort(QcMxfwFile *f)
{
    if (f->f)
        fclose(f->f);
    f->f = NULL;
    free(f->part);
    f->part = NULL;
}
