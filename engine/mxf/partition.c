// SPDX-License-Identifier: MIT
/* Partition packs, the Random Index Pack and the partition list (imf-mxf-primer §2). The RIP is
 * preferred, then the footer and PreviousPartition chain, then a forward walk: in that order
 * the cost stays independent of the essence size for well-formed files. */
#include <stdlib.h>
#include <string.h>

#include "engine/mxf/klv.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

static const uint8_t pp_key[13] = {0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01,
                                   0x01, 0x0d, 0x01, 0x02, 0x01, 0x01};
static const uint8_t rip_key[16] = {0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01,
                                    0x0d, 0x01, 0x02, 0x01, 0x01, 0x11, 0x01, 0x00};

int qc_mxf_is_partition_key(const uint8_t *key)
{
    /* status 0x11 is a generic stream partition (ST 410): a body partition carrying a data
     * stream such as Dolby Vision metadata */
    return qc_ul_prefix(key, pp_key, 13) && key[13] >= 0x02 && key[13] <= 0x04 &&
           ((key[14] >= 0x01 && key[14] <= 0x04) || (key[13] == 0x03 && key[14] == 0x11));
}

uint16_t qc_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

uint32_t qc_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint64_t qc_be64(const uint8_t *p)
{
    return (uint64_t)qc_be32(p) << 32 | qc_be32(p + 4);
}

/* Parses the pack at @p offset into @p p. @return 0, 1 when it is not a valid pack (a finding
 * was added), or a negative error. */
static int read_pack(QcMxf *m, int64_t offset, QcMxfPartition *p)
{
    QcKLV k;
    int st = qc_klv_read(m->file, offset, m->size, &k);
    if (st < 0)
        return st;
    if (st != QC_KLV_OK || !qc_mxf_is_partition_key(k.key)) {
        int ret =
            qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset, "no partition pack at byte %lld (%s)",
                          (long long)offset, st ? qc_klv_status_text(st) : "another key is there");
        return ret < 0 ? ret : 1;
    }
    uint8_t v[80 + 8 + 16 * QC_MXF_MAX_EC];
    if (k.length < 88 || k.length > 1 << 20) {
        int ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset,
                                "partition pack at byte %lld has a %lld-byte value (at least 88 "
                                "expected)",
                                (long long)offset, (long long)k.length);
        return ret < 0 ? ret : 1;
    }
    size_t n = k.length < (int64_t)sizeof(v) ? (size_t)k.length : sizeof(v);
    int ret = qc_file_pread(m->file, v, n, qc_klv_value(&k));
    if (ret < 0)
        return ret;
    memset(p, 0, sizeof(*p));
    p->offset = offset;
    p->pack_end = qc_klv_end(&k);
    p->kind = (QcMxfPartitionKind)k.key[13];
    p->closed = k.key[14] == 0x02 || k.key[14] == 0x04 || k.key[14] == 0x11;
    p->complete = k.key[14] == 0x03 || k.key[14] == 0x04 || k.key[14] == 0x11;
    p->generic_stream = k.key[14] == 0x11;
    p->major = qc_be16(v);
    p->minor = qc_be16(v + 2);
    p->kag = qc_be32(v + 4);
    p->this_partition = qc_be64(v + 8);
    p->previous = qc_be64(v + 16);
    p->footer = qc_be64(v + 24);
    p->header_bytes = qc_be64(v + 32);
    p->index_bytes = qc_be64(v + 40);
    p->index_sid = qc_be32(v + 48);
    p->body_offset = qc_be64(v + 52);
    p->body_sid = qc_be32(v + 60);
    memcpy(p->op, v + 64, 16);
    p->essence_start = -1;
    uint32_t count = qc_be32(v + 80), size = qc_be32(v + 84);
    if (size != 16 || (uint64_t)k.length != 88 + (uint64_t)count * 16)
        qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset,
                      "partition pack at byte %lld: essence "
                      "container batch of %u × %u bytes does not fit its %lld-byte value",
                      (long long)offset, count, size, (long long)k.length);
    else
        p->nb_ec = count;
    for (uint32_t i = 0; i < p->nb_ec && i < QC_MXF_MAX_EC && 88 + 16 * i + 16 <= n; i++)
        memcpy(p->ec[i], v + 88 + 16 * i, 16);
    if ((int64_t)p->this_partition != offset)
        qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset,
                      "partition at byte %lld says it is at "
                      "byte %llu (ThisPartition)",
                      (long long)offset, (unsigned long long)p->this_partition);
    return 0;
}

/* The RIP, when the last four bytes point at one that ends exactly at the end of the file. */
static int read_rip(QcMxf *m)
{
    uint8_t b[4];
    if (m->size < 20 + 4 || qc_file_pread(m->file, b, 4, m->size - 4) < 0)
        return 0;
    uint32_t len = qc_be32(b);
    if (len < 16 + 1 + 4 || len > m->size)
        return 0;
    QcKLV k;
    if (qc_klv_read(m->file, m->size - len, m->size, &k) != QC_KLV_OK ||
        !qc_ul_equal(k.key, rip_key) || qc_klv_end(&k) != m->size || k.length < 4 ||
        (k.length - 4) % 12 != 0)
        return 0;
    int n = (int)((k.length - 4) / 12);
    if (n < 1 || n > QC_MXF_MAX_PARTITIONS)
        return 0;
    uint8_t *buf = malloc((size_t)n * 12);
    if (!buf)
        return QC_ERR_NOMEM;
    int ret = qc_file_pread(m->file, buf, (size_t)n * 12, qc_klv_value(&k));
    m->rip = ret < 0 ? NULL : calloc((size_t)n, sizeof(*m->rip));
    if (m->rip) {
        for (int i = 0; i < n; i++)
            m->rip[i] = (QcMxfRipEntry){qc_be32(buf + 12 * i), qc_be64(buf + 12 * i + 4)};
        m->nb_rip = n;
        m->rip_offset = k.offset;
    }
    free(buf);
    return ret < 0 ? ret : m->rip ? 0 : QC_ERR_NOMEM;
}

static int add_partition(QcMxf *m, const QcMxfPartition *p)
{
    if (m->nb_parts >= QC_MXF_MAX_PARTITIONS)
        return 1;
    if (qc_grow((void **)&m->parts, &m->parts_cap, (size_t)m->nb_parts + 1, sizeof(*p)) < 0)
        return QC_ERR_NOMEM;
    m->parts[m->nb_parts++] = *p;
    return 0;
}

static int cmp_part(const void *a, const void *b)
{
    int64_t x = ((const QcMxfPartition *)a)->offset, y = ((const QcMxfPartition *)b)->offset;
    return x < y ? -1 : x > y;
}

/* Partitions named by the RIP; entries that are not partition packs are findings. */
static int from_rip(QcMxf *m)
{
    for (int i = 0; i < m->nb_rip; i++) {
        QcMxfPartition p;
        if (m->rip[i].offset >= (uint64_t)m->size) {
            int ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, m->rip_offset,
                                    "RIP entry %d points past the end of the file (byte %llu)", i,
                                    (unsigned long long)m->rip[i].offset);
            if (ret < 0)
                return ret;
            continue;
        }
        int ret = read_pack(m, (int64_t)m->rip[i].offset, &p);
        if (ret < 0)
            return ret;
        if (ret == 0 && (ret = add_partition(m, &p)) < 0)
            return ret;
    }
    return 0;
}

/* Without a RIP: the footer named by the header, then PreviousPartition back to the start,
 * each step strictly backwards so a loop cannot hold us. */
static int from_chain(QcMxf *m, const QcMxfPartition *header)
{
    uint64_t at = header->footer;
    int64_t last = m->size;
    while (at > 0 && (int64_t)at < last) {
        QcMxfPartition p;
        int ret = read_pack(m, (int64_t)at, &p);
        if (ret < 0)
            return ret;
        if (ret > 0 || (ret = add_partition(m, &p)) != 0)
            return ret < 0 ? ret : 0;
        last = (int64_t)at;
        at = p.previous;
    }
    return 0;
}

/* Last resort: step over every KLV from the header partition on. */
static int walk_forward(QcMxf *m)
{
    int64_t pos = m->parts[0].pack_end;
    for (int64_t steps = 0; pos < m->size && steps < (1 << 24); steps++) {
        QcKLV k;
        int st = qc_klv_read(m->file, pos, m->size, &k);
        if (st < 0)
            return st;
        if (st == QC_KLV_END)
            break;
        if (st != QC_KLV_OK) {
            int ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, pos, "KLV at byte %lld: %s",
                                    (long long)pos, qc_klv_status_text(st));
            return ret < 0 ? ret : 0;
        }
        if (qc_mxf_is_partition_key(k.key)) {
            QcMxfPartition p;
            int ret = read_pack(m, pos, &p);
            if (ret < 0)
                return ret;
            if (ret == 0 && (ret = add_partition(m, &p)) != 0)
                return ret < 0 ? ret : 0;
        }
        pos = qc_klv_end(&k);
    }
    return 0;
}

/* Each partition ends where the next one (or the RIP) starts; drop duplicates. */
static void finish_list(QcMxf *m)
{
    qsort(m->parts, (size_t)m->nb_parts, sizeof(*m->parts), cmp_part);
    int n = 0;
    for (int i = 0; i < m->nb_parts; i++)
        if (!n || m->parts[n - 1].offset != m->parts[i].offset)
            m->parts[n++] = m->parts[i];
    m->nb_parts = n;
    int64_t end = m->nb_rip ? m->rip_offset : m->size;
    for (int i = n - 1; i >= 0; i--) {
        m->parts[i].end = end;
        end = m->parts[i].offset;
    }
}

/* The end of the file must be whole: a footer the header announces, and KLVs that end where
 * the file does. A cut file shows here. */
static int check_tail(QcMxf *m, const QcMxfPartition *header)
{
    int found = 0;
    for (int i = 0; i < m->nb_parts; i++)
        found |= header->footer && m->parts[i].offset == (int64_t)header->footer;
    if (header->footer && !found) {
        int ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, 0,
                                "the header partition names a footer "
                                "at byte %llu, which the file (%lld bytes) does not have",
                                (unsigned long long)header->footer, (long long)m->size);
        if (ret < 0)
            return ret;
    }
    const QcMxfPartition *last = &m->parts[m->nb_parts - 1];
    int64_t pos = last->pack_end, end = m->nb_rip ? m->rip_offset : m->size;
    for (int steps = 0; pos < end && steps < (1 << 20); steps++) {
        QcKLV k;
        int st = qc_klv_read(m->file, pos, end, &k);
        if (st < 0)
            return st;
        if (st != QC_KLV_OK)
            return qc_mxf_defect(m, QC_CODE_MXF_INVALID, pos,
                                 "the file ends or is damaged at "
                                 "byte %lld (%s): it may be cut short",
                                 (long long)pos, qc_klv_status_text(st));
        pos = qc_klv_end(&k);
    }
    return 0;
}

int qc_mxf_read_partitions(QcMxf *m)
{
    QcMxfPartition header;
    int ret = read_pack(m, 0, &header);
    if (ret != 0)
        return ret < 0 ? ret : QC_ERR_INVALID_DATA;
    if (header.kind != QC_MXF_HEADER_PARTITION)
        return QC_ERR_INVALID_DATA;
    if ((ret = add_partition(m, &header)) < 0 || (ret = read_rip(m)) < 0)
        return ret;
    if (m->nb_rip)
        ret = from_rip(m);
    else if (header.footer)
        ret = from_chain(m, &header);
    if (ret < 0)
        return ret;
    if (m->nb_parts == 1 && !m->nb_rip)
        ret = walk_forward(m);
    if (ret < 0)
        return ret;
    finish_list(m);
    return check_tail(m, &header);
}
