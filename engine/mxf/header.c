// SPDX-License-Identifier: MIT
/* Header metadata: the primer and every local set, kept as a generic property tree keyed by
 * UL (imf-mxf-primer §3). Unknown sets and properties are kept, not dropped: the CPL
 * comparison needs every property. */
#include <stdlib.h>
#include <string.h>

#include "engine/mxf/klv.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

static const uint8_t primer_key[16] = {0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01,
                                       0x0d, 0x01, 0x02, 0x01, 0x01, 0x05, 0x01, 0x00};
static const uint8_t instance_uid_ul[16] = {0x06, 0x0e, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x01,
                                            0x01, 0x01, 0x15, 0x02, 0x00, 0x00, 0x00, 0x00};

/* The partition whose header metadata counts: the last closed one that carries metadata, as
 * bmx does; failing that, any that carries it. */
static int pick_partition(const QcMxf *m)
{
    int best = -1;
    for (int i = 0; i < m->nb_parts; i++)
        if (m->parts[i].header_bytes && (best < 0 || m->parts[i].closed || !m->parts[best].closed))
            best = i;
    return best;
}

static int read_primer(QcMxf *m, const uint8_t *v, int64_t len, int64_t offset)
{
    if (len < 8 || qc_be32(v + 4) != 18 || qc_be32(v) > 65536 ||
        8 + (int64_t)qc_be32(v) * 18 != len)
        return qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset,
                             "primer pack at byte %lld is malformed", (long long)offset);
    m->nb_primer = qc_be32(v);
    m->primer = calloc(m->nb_primer ? m->nb_primer : 1, sizeof(*m->primer));
    if (!m->primer)
        return QC_ERR_NOMEM;
    for (uint32_t i = 0; i < m->nb_primer; i++) {
        m->primer[i].tag = qc_be16(v + 8 + 18 * i);
        memcpy(m->primer[i].ul, v + 10 + 18 * i, 16);
    }
    return 0;
}

static const uint8_t *primer_ul(const QcMxf *m, uint16_t tag)
{
    for (uint32_t i = 0; i < m->nb_primer; i++)
        if (m->primer[i].tag == tag)
            return m->primer[i].ul;
    return NULL;
}

/* A local set with 2-byte tags (b5 0x53: 2-byte lengths; 0x13: BER lengths). */
static int is_local_set(const uint8_t *key)
{
    return key[4] == 0x02 && (key[5] == 0x53 || key[5] == 0x13);
}

static int add_property(QcMxf *m, QcMxfSet *set, size_t *cap, uint16_t tag, const uint8_t *v,
                        uint32_t len, int64_t offset)
{
    if (qc_grow((void **)&set->props, cap, set->nb_props + 1, sizeof(*set->props)) < 0)
        return QC_ERR_NOMEM;
    QcMxfProperty *p = &set->props[set->nb_props++];
    memset(p, 0, sizeof(*p));
    p->tag = tag;
    p->value = v;
    p->length = len;
    p->offset = offset;
    const uint8_t *ul = primer_ul(m, tag);
    const QcMxfPropDef *def = ul ? qc_mxf_prop_def(ul) : NULL;
    if (!ul && tag < 0x8000 && (def = qc_mxf_prop_def_by_tag(tag)) != NULL)
        ul = def->ul;
    if (ul)
        memcpy(p->ul, ul, 16);
    else
        return qc_mxf_defect(m, QC_CODE_MXF_INVALID, offset - 4,
                             "local tag 0x%04x at byte %lld is not in the primer", tag,
                             (long long)(offset - 4));
    p->def = def;
    if (qc_ul_equal(p->ul, instance_uid_ul) && len == 16)
        memcpy(set->uid, v, 16);
    return 0;
}

static int parse_set(QcMxf *m, const QcKLV *k, const uint8_t *v)
{
    QcMxfSet set;
    memset(&set, 0, sizeof(set));
    memcpy(set.key, k->key, 16);
    set.cls = qc_mxf_class_def(k->key);
    set.offset = k->offset;
    size_t cap = 0;
    const int ber = k->key[5] == 0x13;
    int64_t pos = 0, len = k->length, base = qc_klv_value(k);
    while (len - pos >= 4) {
        uint16_t tag = qc_be16(v + pos);
        uint64_t ilen;
        int lsize = 2;
        if (ber) {
            lsize = qc_ber_decode(v + pos + 2, (size_t)(len - pos - 2), &ilen);
        } else {
            ilen = qc_be16(v + pos + 2);
        }
        if (!lsize || (int64_t)ilen > len - pos - 2 - lsize) {
            int ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, base + pos,
                                    "item 0x%04x at byte %lld runs past the end of its set", tag,
                                    (long long)(base + pos));
            if (ret < 0)
                return ret;
            break;
        }
        int64_t at = pos + 2 + lsize;
        int ret = add_property(m, &set, &cap, tag, v + at, (uint32_t)ilen, base + at);
        if (ret < 0) {
            free(set.props);
            return ret;
        }
        pos = at + (int64_t)ilen;
    }
    if (qc_grow((void **)&m->sets, &m->sets_cap, m->nb_sets + 1, sizeof(set)) < 0) {
        free(set.props);
        return QC_ERR_NOMEM;
    }
    m->sets[m->nb_sets++] = set;
    return 0;
}

/* Walks the header metadata of partition @p pi: primer first, then sets, fill skipped. */
static int walk(QcMxf *m, const QcMxfPartition *p, int64_t start, int64_t end)
{
    int64_t pos = start;
    int seen_primer = 0;
    while (pos < end) {
        QcKLV k;
        int st = qc_klv_read(m->file, pos, end, &k);
        if (st < 0)
            return st;
        if (st == QC_KLV_END)
            break;
        if (st != QC_KLV_OK)
            return qc_mxf_defect(m, QC_CODE_MXF_INVALID, pos,
                                 "header metadata KLV at byte %lld: "
                                 "%s",
                                 (long long)pos, qc_klv_status_text(st));
        const uint8_t *v = m->header + (qc_klv_value(&k) - start);
        int ret = 0;
        if (qc_ul_equal(k.key, primer_key)) {
            ret = seen_primer++ ? qc_mxf_defect(m, QC_CODE_MXF_INVALID, pos,
                                                "second primer pack at byte %lld", (long long)pos)
                                : read_primer(m, v, k.length, pos);
        } else if (is_local_set(k.key)) {
            if (!seen_primer++)
                ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, pos,
                                    "header metadata at byte %lld "
                                    "does not start with a primer pack",
                                    (long long)pos);
            if (ret >= 0)
                ret = parse_set(m, &k, v);
        }
        if (ret < 0)
            return ret;
        pos = qc_klv_end(&k);
    }
    (void)p;
    return 0;
}

/* Header metadata starts after the pack and any fill that follows it. */
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

int qc_mxf_read_header(QcMxf *m)
{
    m->header_part = pick_partition(m);
    if (m->header_part < 0)
        return qc_mxf_defect(m, QC_CODE_MXF_INVALID, 0, "no partition carries header metadata");
    const QcMxfPartition *p = &m->parts[m->header_part];
    int64_t start = skip_fill(m, p->pack_end, p->end);
    int64_t avail = p->end - start;
    int64_t len = qc_mxf_clamp(p->header_bytes,
                               avail < QC_MXF_MAX_HEADER_BYTES ? avail : QC_MXF_MAX_HEADER_BYTES);
    if ((uint64_t)len != p->header_bytes) {
        int ret = qc_mxf_defect(m, QC_CODE_MXF_INVALID, p->offset,
                                "HeaderByteCount %llu of the "
                                "partition at byte %lld runs past the partition",
                                (unsigned long long)p->header_bytes, (long long)p->offset);
        if (ret < 0)
            return ret;
    }
    if (len <= 0)
        return 0;
    m->header = malloc((size_t)len);
    if (!m->header)
        return QC_ERR_NOMEM;
    int ret = qc_file_pread(m->file, m->header, (size_t)len, start);
    if (ret < 0)
        return ret;
    return walk(m, p, start, start + len);
}
