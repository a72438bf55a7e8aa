// SPDX-License-Identifier: MIT
#include "engine/mxf/essence.h"

#include "engine/mxf/klv.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

#include <string.h>

/* Stream offset of edit unit @p eu in the essence container. @return 0, or 1 if not covered. */
static int stream_offset(const QcMxf *m, uint32_t index_sid, int64_t eu, uint64_t *out)
{
    uint64_t cbr_base = 0;
    for (int i = 0; i < m->nb_segments; i++) {
        const QcMxfIndexSegment *s = &m->segments[i];
        if (s->index_sid != index_sid)
            continue;
        int in = eu >= s->start && eu - s->start < s->duration;
        if (s->edit_unit_byte_count) {
            if (in) {
                *out = cbr_base + (uint64_t)s->edit_unit_byte_count * (uint64_t)(eu - s->start);
                return 0;
            }
            cbr_base += (uint64_t)s->edit_unit_byte_count * (uint64_t)s->duration;
            continue;
        }
        if (in && (uint64_t)(eu - s->start) < s->nb_entries) {
            *out = s->entries[eu - s->start].stream_offset;
            return 0;
        }
    }
    return 1;
}

/* The body partition holding stream offset @p so: the one with the largest BodyOffset ≤ so. */
static const QcMxfPartition *partition_for(const QcMxf *m, uint32_t body_sid, uint64_t so)
{
    const QcMxfPartition *best = NULL;
    for (int i = 0; i < m->nb_parts; i++) {
        const QcMxfPartition *p = &m->parts[i];
        if (p->body_sid == body_sid && p->essence_start >= 0 && p->body_offset <= so &&
            (!best || p->body_offset >= best->body_offset))
            best = p;
    }
    return best;
}

static int file_offset(const QcMxf *m, uint32_t body_sid, uint64_t so, int64_t *off,
                       const QcMxfPartition **part)
{
    const QcMxfPartition *p = partition_for(m, body_sid, so);
    if (!p || so - p->body_offset >= (uint64_t)(p->end - p->essence_start))
        return 2;
    *off = p->essence_start + (int64_t)(so - p->body_offset);
    *part = p;
    return 0;
}

static int is_element_of(const uint8_t *key, uint32_t track_number)
{
    static const uint8_t gc[12] = {0x06, 0x0e, 0x2b, 0x34, 0x01, 0x02,
                                   0x01, 0x01, 0x0d, 0x01, 0x03, 0x01};
    uint32_t n =
        (uint32_t)key[12] << 24 | (uint32_t)key[13] << 16 | (uint32_t)key[14] << 8 | key[15];
    return qc_ul_prefix(key, gc, 12) && (!track_number || n == track_number);
}

/* An edit unit holds at most a few items (system, picture, sound, data) and fill. */
#define MAX_ITEMS_PER_UNIT 64

int qc_mxf_locate_unit(QcMxf *m, const QcMxfStream *st, int64_t eu, QcMxfUnit *out)
{
    uint64_t so;
    int64_t off;
    const QcMxfPartition *p;
    if (eu < 0 || stream_offset(m, st->index_sid, eu, &so))
        return 1;
    int ret = file_offset(m, st->body_sid, so, &off, &p);
    if (ret)
        return ret;
    for (int item = 0; item < MAX_ITEMS_PER_UNIT; item++) {
        QcKLV k;
        int s = qc_klv_read(m->file, off, p->end, &k);
        if (s < 0)
            return s;
        if (s != QC_KLV_OK || qc_mxf_is_partition_key(k.key))
            return 2;
        if (is_element_of(k.key, st->track_number)) {
            out->key_offset = k.offset;
            out->value_offset = qc_klv_value(&k);
            out->size = k.length;
            memcpy(out->key, k.key, 16);
            return 0;
        }
        off = qc_klv_end(&k);
    }
    return 2;
}

int qc_mxf_read_unit(QcMxf *m, const QcMxfStream *st, int64_t eu, uint8_t *buf, size_t cap,
                     size_t *size)
{
    QcMxfUnit u;
    int ret = qc_mxf_locate_unit(m, st, eu, &u);
    if (ret)
        return ret;
    if ((uint64_t)u.size > cap)
        return QC_ERR_LIMIT;
    ret = qc_file_pread(m->file, buf, (size_t)u.size, u.value_offset);
    if (ret < 0)
        return ret == QC_ERR_INVALID_DATA ? 2 : ret;
    *size = (size_t)u.size;
    return 0;
}

int64_t qc_mxf_index_duration(const QcMxf *m, uint32_t index_sid)
{
    int64_t d = 0;
    for (int i = 0; i < m->nb_segments; i++)
        if (m->segments[i].index_sid == index_sid && m->segments[i].duration > 0 &&
            d <= INT64_MAX - m->segments[i].duration)
            d += m->segments[i].duration;
    return d;
}

int qc_mxf_check_index(QcMxf *m, uint32_t index_sid, uint32_t body_sid)
{
    int bad = 0;
    uint64_t prev = 0;
    for (int i = 0; i < m->nb_segments; i++) {
        const QcMxfIndexSegment *s = &m->segments[i];
        if (s->index_sid != index_sid || s->edit_unit_byte_count)
            continue;
        for (uint32_t k = 0; k < s->nb_entries; k++) {
            int64_t off;
            const QcMxfPartition *p;
            uint64_t so = s->entries[k].stream_offset;
            int out = file_offset(m, body_sid, so, &off, &p);
            int back = (s->start + k > 0 && so <= prev);
            prev = so;
            if (!out && !back)
                continue;
            /* a broken table would repeat this for every frame: report the first few */
            if (bad++ < 8 && qc_mxf_defect(m, QC_CODE_MXF_INVALID, s->offset,
                                           "index entry for edit unit %lld %s (stream offset "
                                           "%llu)",
                                           (long long)(s->start + k),
                                           out ? "points outside the essence of the file"
                                               : "does not move forward",
                                           (unsigned long long)so) < 0)
                return QC_ERR_NOMEM;
        }
    }
    if (bad > 8 &&
        qc_mxf_defect(m, QC_CODE_MXF_INVALID, -1, "%d more index entries are wrong", bad - 8) < 0)
        return QC_ERR_NOMEM;
    return 0;
}
