// SPDX-License-Identifier: MIT
/* Index table segments (imf-mxf-primer §4.4) and where each partition's essence begins
 * (§2.3): after the pack, fill, header metadata and index. */
#include <stdlib.h>
#include <string.h>

#include "engine/mxf/klv.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

static const uint8_t segment_key[13] = {0x06, 0x0e, 0x2b, 0x34, 0x02, 0x53, 0x01,
                                        0x01, 0x0d, 0x01, 0x02, 0x01, 0x01};

static int is_segment_key(const uint8_t *key)
{
    return qc_ul_prefix(key, segment_key, 5) && (key[5] == 0x53 || key[5] == 0x13) &&
           qc_ul_prefix(key + 8, segment_key + 8, 5) && key[13] == 0x10 && key[14] == 0x01;
}

static int64_t skip_fill(QcMxf *m, int64_t pos, int64_t end)
{
    for (int i = 0; i < 1024 && pos < end; i++) {
        QcKLV k;
        if (qc_klv_read(m->file, pos, end, &k) != QC_KLV_OK || !qc_klv_is_fill(k.key))
            break;
        pos = qc_klv_end(&k);
    }
    return pos;
}

/* Start of the index region of @p p: past the pack, the header metadata and fill. */
static int64_t index_start(QcMxf *m, const QcMxfPartition *p)
{
    int64_t pos = skip_fill(m, p->pack_end, p->end);
    if (p->header_bytes) {
        pos += qc_mxf_clamp(p->header_bytes, p->end - pos);
        pos = skip_fill(m, pos, p->end);
    }
    return pos;
}

static int read_entries(QcMxf *m, QcMxfIndexSegment *s, const uint8_t *v, uint32_t len,
                        int64_t offset)
{
    if (len < 8)
        return qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset, "index entry array too short");
    uint32_t n = qc_be32(v), size = qc_be32(v + 4);
    if (size < 11 || (uint64_t)n * size + 8 != len)
        return qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset,
                             "index entry array at byte %lld: "
                             "%u entries of %u bytes do not fill %u bytes",
                             (long long)offset, n, size, len);
    s->entries = calloc(n ? n : 1, sizeof(*s->entries));
    if (!s->entries)
        return QC_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = v + 8 + (size_t)i * size;
        s->entries[i] = (QcMxfIndexEntry){(int8_t)e[0], (int8_t)e[1], e[2], qc_be64(e + 3)};
    }
    s->nb_entries = n;
    return 0;
}

static int read_deltas(QcMxf *m, QcMxfIndexSegment *s, const uint8_t *v, uint32_t len,
                       int64_t offset)
{
    if (len < 8 || qc_be32(v + 4) != 6 || (uint64_t)qc_be32(v) * 6 + 8 != len)
        return qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset,
                             "delta entry array at byte %lld is malformed", (long long)offset);
    s->nb_deltas = qc_be32(v);
    for (uint32_t i = 0; i < s->nb_deltas && i < QC_MXF_MAX_DELTAS; i++) {
        const uint8_t *e = v + 8 + 6 * i;
        s->deltas[i] = (QcMxfDeltaEntry){(int8_t)e[0], e[1], qc_be32(e + 2)};
    }
    return 0;
}

static int parse_segment(QcMxf *m, const QcKLV *k, const uint8_t *v)
{
    QcMxfIndexSegment s;
    memset(&s, 0, sizeof(s));
    s.offset = k->offset;
    int64_t pos = 0;
    int ret = 0;
    while (k->length - pos >= 4 && ret >= 0) {
        uint16_t tag = qc_be16(v + pos), len = qc_be16(v + pos + 2);
        const uint8_t *x = v + pos + 4;
        if (len > k->length - pos - 4) {
            ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, k->offset,
                                "index segment item 0x%04x "
                                "at byte %lld runs past its set",
                                tag, (long long)k->offset);
            break;
        }
        switch (tag) {
        case 0x3f0b:
            if (len == 8) {
                s.rate_num = (int32_t)qc_be32(x);
                s.rate_den = (int32_t)qc_be32(x + 4);
            }
            break;
        case 0x3f0c:
            if (len == 8)
                s.start = (int64_t)qc_be64(x);
            break;
        case 0x3f0d:
            if (len == 8)
                s.duration = (int64_t)qc_be64(x);
            break;
        case 0x3f05:
            if (len == 4)
                s.edit_unit_byte_count = qc_be32(x);
            break;
        case 0x3f06:
            if (len == 4)
                s.index_sid = qc_be32(x);
            break;
        case 0x3f07:
            if (len == 4)
                s.body_sid = qc_be32(x);
            break;
        case 0x3f0a:
            if (!s.entries)
                ret = read_entries(m, &s, x, len, qc_klv_value(k) + pos + 4);
            break;
        case 0x3f09: ret = read_deltas(m, &s, x, len, qc_klv_value(k) + pos + 4); break;
        default: break;
        }
        pos += 4 + len;
    }
    if (ret >= 0 && (s.start < 0 || s.duration < 0))
        ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, k->offset,
                            "index segment at byte %lld has a "
                            "negative start or duration",
                            (long long)k->offset);
    if (ret >= 0 &&
        qc_grow((void **)&m->segments, &m->segments_cap, (size_t)m->nb_segments + 1, sizeof(s)) < 0)
        ret = QC_ERR_NOMEM;
    if (ret < 0) {
        free(s.entries);
        return ret;
    }
    m->segments[m->nb_segments++] = s;
    return 0;
}

static int read_partition_index(QcMxf *m, const QcMxfPartition *p, int64_t *budget)
{
    int64_t start = index_start(m, p);
    int64_t len = qc_mxf_clamp(p->index_bytes, p->end - start < *budget ? p->end - start : *budget);
    if ((uint64_t)len != p->index_bytes) {
        int ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, p->offset,
                                "IndexByteCount %llu of the "
                                "partition at byte %lld runs past the partition",
                                (unsigned long long)p->index_bytes, (long long)p->offset);
        if (ret < 0 || len <= 0)
            return ret;
    }
    *budget -= len;
    uint8_t *buf = malloc((size_t)len);
    if (!buf)
        return QC_ERR_NOMEM;
    int ret = qc_file_pread(m->file, buf, (size_t)len, start);
    for (int64_t pos = start; ret >= 0 && pos < start + len;) {
        QcKLV k;
        int st = qc_klv_read(m->file, pos, start + len, &k);
        if (st == QC_KLV_END)
            break;
        if (st != QC_KLV_OK) {
            ret = st < 0 ? st
                         : qc_mxf_defect(m, QC_CODE_MXF_INVALID, pos,
                                         "index KLV at byte "
                                         "%lld: %s",
                                         (long long)pos, qc_klv_status_text(st));
            break;
        }
        if (is_segment_key(k.key))
            ret = parse_segment(m, &k, buf + (qc_klv_value(&k) - start));
        pos = qc_klv_end(&k);
    }
    free(buf);
    return ret;
}

static int cmp_segment(const void *a, const void *b)
{
    const QcMxfIndexSegment *x = a, *y = b;
    if (x->index_sid != y->index_sid)
        return x->index_sid < y->index_sid ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

int qc_mxf_read_index(QcMxf *m)
{
    int64_t budget = QC_MXF_MAX_INDEX_BYTES;
    for (int i = 0; i < m->nb_parts; i++) {
        if (!m->parts[i].index_bytes)
            continue;
        int ret = read_partition_index(m, &m->parts[i], &budget);
        if (ret < 0)
            return ret;
    }
    if (m->nb_segments > 1)
        qsort(m->segments, (size_t)m->nb_segments, sizeof(*m->segments), cmp_segment);
    return 0;
}

int qc_mxf_locate_essence(QcMxf *m)
{
    for (int i = 0; i < m->nb_parts; i++) {
        QcMxfPartition *p = &m->parts[i];
        if (!p->body_sid)
            continue;
        int64_t pos = index_start(m, p);
        if (p->index_bytes)
            pos = skip_fill(m, pos + qc_mxf_clamp(p->index_bytes, p->end - pos), p->end);
        if (pos < p->end)
            p->essence_start = pos;
    }
    return 0;
}
