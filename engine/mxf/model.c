// SPDX-License-Identifier: MIT
#include "engine/mxf/model.h"

#include <stdio.h>
#include <string.h>

#include "engine/mxf/essence.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

const QcMxfSet *qc_mxf_set_by_uid(const QcMxf *m, const uint8_t *uid)
{
    if (qc_uuid_is_nil(uid))
        return NULL;
    for (size_t i = 0; i < m->nb_sets; i++)
        if (!memcmp(m->sets[i].uid, uid, 16))
            return &m->sets[i];
    return NULL;
}

const QcMxfSet *qc_mxf_first_set(const QcMxf *m, const char *name)
{
    for (size_t i = 0; i < m->nb_sets; i++)
        if (qc_mxf_class_is(m->sets[i].cls, name))
            return &m->sets[i];
    return NULL;
}

const QcMxfProperty *qc_mxf_get(const QcMxfSet *s, const char *name)
{
    for (uint32_t i = 0; s && i < s->nb_props; i++)
        if (s->props[i].def && !strcmp(s->props[i].def->name, name))
            return &s->props[i];
    return NULL;
}

int qc_mxf_get_uint(const QcMxfSet *s, const char *name, uint64_t *v)
{
    const QcMxfProperty *p = qc_mxf_get(s, name);
    if (!p || (p->length != 1 && p->length != 2 && p->length != 4 && p->length != 8))
        return -1;
    uint64_t x = 0;
    for (uint32_t i = 0; i < p->length; i++)
        x = x << 8 | p->value[i];
    *v = x;
    return 0;
}

int qc_mxf_get_int(const QcMxfSet *s, const char *name, int64_t *v)
{
    uint64_t u;
    const QcMxfProperty *p = qc_mxf_get(s, name);
    if (qc_mxf_get_uint(s, name, &u) < 0)
        return -1;
    int bits = (int)p->length * 8;
    *v = bits < 64 && (u >> (bits - 1) & 1) ? (int64_t)(u - (1ull << bits)) : (int64_t)u;
    return 0;
}

int qc_mxf_get_rational(const QcMxfSet *s, const char *name, int32_t *num, int32_t *den)
{
    const QcMxfProperty *p = qc_mxf_get(s, name);
    if (!p || p->length != 8)
        return -1;
    *num = (int32_t)qc_be32(p->value);
    *den = (int32_t)qc_be32(p->value + 4);
    return 0;
}

int qc_mxf_get_bytes(const QcMxfSet *s, const char *name, uint8_t *out, size_t n)
{
    const QcMxfProperty *p = qc_mxf_get(s, name);
    if (!p || p->length != n)
        return -1;
    memcpy(out, p->value, n);
    return 0;
}

int qc_mxf_get_array16(const QcMxfSet *s, const char *name, const uint8_t **items, uint32_t *count)
{
    const QcMxfProperty *p = qc_mxf_get(s, name);
    if (!p || p->length < 8)
        return -1;
    uint32_t n = qc_be32(p->value), size = qc_be32(p->value + 4);
    if (size != 16 || (uint64_t)n * 16 + 8 != p->length)
        return -1;
    *items = p->value + 8;
    *count = n;
    return 0;
}

static void utf8_put(char *out, size_t size, size_t *pos, unsigned cp)
{
    char tmp[4];
    size_t n;
    if (cp < 0x80) {
        tmp[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xc0 | cp >> 6);
        tmp[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else {
        tmp[0] = (char)(0xe0 | cp >> 12);
        tmp[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        tmp[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    }
    if (*pos + n < size) {
        memcpy(out + *pos, tmp, n);
        *pos += n;
    }
}

/* Strings stop at the first NUL, as regxmllib does; surrogates and controls become U+FFFD. */
static void string_text(const QcMxfProperty *p, int utf16, char *out, size_t size)
{
    size_t pos = 0;
    if (utf16) {
        for (uint32_t i = 0; i + 1 < p->length; i += 2) {
            unsigned cp = qc_be16(p->value + i);
            if (!cp)
                break;
            utf8_put(out, size, &pos, (cp >= 0xd800 && cp < 0xe000) || cp < 0x20 ? 0xfffd : cp);
        }
    } else {
        for (uint32_t i = 0; i < p->length && p->value[i]; i++)
            utf8_put(out, size, &pos,
                     p->value[i] < 0x80 && p->value[i] >= 0x20 ? p->value[i] : 0xfffd);
    }
    out[pos < size ? pos : size - 1] = '\0';
}

int qc_mxf_get_string(const QcMxfSet *s, const char *name, char *out, size_t size)
{
    const QcMxfProperty *p = qc_mxf_get(s, name);
    if (!p || !size)
        return -1;
    string_text(p, !p->def || p->def->type != QC_MXF_ISO7, out, size);
    return 0;
}

static const uint8_t ddef_picture[14] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01,
                                         0x01, 0x01, 0x03, 0x02, 0x02, 0x01, 0x00};
static const uint8_t ddef_sound[14] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01,
                                       0x01, 0x01, 0x03, 0x02, 0x02, 0x02, 0x00};
static const uint8_t ddef_data[14] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01,
                                      0x01, 0x01, 0x03, 0x02, 0x02, 0x03, 0x00};
static const uint8_t ddef_timecode[14] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01,
                                          0x01, 0x01, 0x03, 0x02, 0x01, 0x01, 0x00};
/* AAF-era data definitions still written by some tools */
static const uint8_t legacy_picture[16] = {0x80, 0x7d, 0x00, 0x60, 0x08, 0x14, 0x3e, 0x6f,
                                           0x6f, 0x3c, 0x8c, 0xe1, 0x6c, 0xef, 0x11, 0xd2};
static const uint8_t legacy_sound[16] = {0x80, 0x7d, 0x00, 0x60, 0x08, 0x14, 0x3e, 0x6f,
                                         0x78, 0xe1, 0xeb, 0xe1, 0x6c, 0xef, 0x11, 0xd2};

static QcMxfTrackKind kind_of(const uint8_t *ddef)
{
    if (qc_ul_prefix(ddef, ddef_picture, 14) || !memcmp(ddef, legacy_picture, 16))
        return QC_MXF_TRACK_PICTURE;
    if (qc_ul_prefix(ddef, ddef_sound, 14) || !memcmp(ddef, legacy_sound, 16))
        return QC_MXF_TRACK_SOUND;
    if (qc_ul_prefix(ddef, ddef_data, 14))
        return QC_MXF_TRACK_DATA;
    if (qc_ul_prefix(ddef, ddef_timecode, 14))
        return QC_MXF_TRACK_TIMECODE;
    return QC_MXF_TRACK_OTHER;
}

/* A strong reference; dangling ones and cycles were reported when the file was opened. */
static const QcMxfSet *follow(QcMxf *m, const QcMxfSet *from, const uint8_t *uid, const char *what)
{
    (void)what;
    const QcMxfSet *s = qc_mxf_set_by_uid(m, uid);
    return s == from ? NULL : s;
}

static void read_track(QcMxf *m, const QcMxfSet *ts, QcMxfTrack *t)
{
    uint64_t u = 0;
    int64_t i = 0;
    memset(t, 0, sizeof(*t));
    t->set = ts;
    t->duration = -1;
    if (!qc_mxf_get_uint(ts, "TrackID", &u))
        t->id = (uint32_t)u;
    if (!qc_mxf_get_uint(ts, "TrackNumber", &u))
        t->number = (uint32_t)u;
    qc_mxf_get_rational(ts, "EditRate", &t->rate_num, &t->rate_den);
    if (!qc_mxf_get_int(ts, "Origin", &i))
        t->origin = i;
    uint8_t ref[16], ddef[16];
    if (qc_mxf_get_bytes(ts, "Sequence", ref, 16) < 0)
        return;
    t->sequence = follow(m, ts, ref, "Sequence");
    if (!t->sequence)
        return;
    if (!qc_mxf_get_int(t->sequence, "Duration", &i))
        t->duration = i;
    if (!qc_mxf_get_bytes(t->sequence, "DataDefinition", ddef, 16))
        t->kind = kind_of(ddef);
}

static void read_package(QcMxf *m, const QcMxfSet *ps, QcMxfPackage *pkg)
{
    memset(pkg, 0, sizeof(*pkg));
    pkg->set = ps;
    pkg->material = qc_mxf_class_is(ps->cls, "MaterialPackage");
    qc_mxf_get_bytes(ps, "PackageUID", pkg->umid, 32);
    const uint8_t *refs;
    uint32_t n;
    if (!qc_mxf_get_array16(ps, "Tracks", &refs, &n))
        for (uint32_t k = 0; k < n && pkg->nb_tracks < QC_MXF_MAX_TRACKS; k++) {
            const QcMxfSet *ts = follow(m, ps, refs + 16 * k, "Tracks");
            if (ts)
                read_track(m, ts, &pkg->tracks[pkg->nb_tracks++]);
        }
    uint8_t ref[16];
    if (!pkg->material && !qc_mxf_get_bytes(ps, "Descriptor", ref, 16))
        pkg->descriptor = follow(m, ps, ref, "Descriptor");
}

const QcMxfSet *qc_mxf_track_descriptor(const QcMxf *m, const QcMxfPackage *pkg,
                                        const QcMxfTrack *t)
{
    const QcMxfSet *d = pkg->descriptor;
    if (!d || !qc_mxf_class_is(d->cls, "MultipleDescriptor"))
        return d;
    const uint8_t *refs;
    uint32_t n;
    if (qc_mxf_get_array16(d, "SubDescriptorUIDs", &refs, &n) < 0)
        return NULL;
    for (uint32_t k = 0; k < n; k++) {
        const QcMxfSet *sub = qc_mxf_set_by_uid(m, refs + 16 * k);
        uint64_t linked;
        if (sub && sub != d && !qc_mxf_get_uint(sub, "LinkedTrackID", &linked) && linked == t->id)
            return sub;
    }
    return NULL;
}

/* The essence container the header names, and the package it belongs to. */
static void link_essence(QcMxf *m, QcMxfModel *out)
{
    const QcMxfSet *ecd = qc_mxf_first_set(m, "EssenceContainerData");
    uint8_t umid[32];
    uint64_t v;
    if (!ecd || qc_mxf_get_bytes(ecd, "LinkedPackageUID", umid, 32) < 0)
        return;
    if (!qc_mxf_get_uint(ecd, "BodySID", &v))
        out->body_sid = (uint32_t)v;
    if (!qc_mxf_get_uint(ecd, "IndexSID", &v))
        out->index_sid = (uint32_t)v;
    for (int i = 0; i < out->nb_packages; i++)
        if (!out->packages[i].material && !memcmp(out->packages[i].umid, umid, 32))
            out->file_package = &out->packages[i];
    if (!out->file_package)
        qc_mxf_defect(m, QC_CODE_MXF_INVALID, ecd->offset,
                      "EssenceContainerData at byte %lld "
                      "links to a package the header does not have",
                      (long long)ecd->offset);
}

/* The index must cover what the essence track says it holds (0 means "not stated", as
 * FFmpeg writes for OP-Atom audio). */
static int check_index_duration(QcMxf *m, const QcMxfModel *out)
{
    const QcMxfPackage *fp = out->file_package;
    int64_t indexed = out->index_sid ? qc_mxf_index_duration(m, out->index_sid) : 0;
    for (int i = 0; fp && indexed > 0 && i < fp->nb_tracks; i++) {
        const QcMxfTrack *t = &fp->tracks[i];
        if ((t->kind == QC_MXF_TRACK_PICTURE || t->kind == QC_MXF_TRACK_SOUND) &&
            t->duration >= 0 && t->duration != indexed)
            return qc_mxf_defect(m, QC_CODE_MXF_INVALID, fp->set->offset,
                                 "the index covers %lld edit units, track %u says %lld: the "
                                 "durations disagree",
                                 (long long)indexed, t->id, (long long)t->duration);
    }
    return 0;
}

int qc_mxf_resolve(QcMxf *m, QcMxfModel *out)
{
    memset(out, 0, sizeof(*out));
    size_t before = m->findings.count;
    out->preface = qc_mxf_first_set(m, "Preface");
    const QcMxfSet *cs = NULL;
    uint8_t ref[16];
    if (out->preface && !qc_mxf_get_bytes(out->preface, "ContentStorage", ref, 16))
        cs = follow(m, out->preface, ref, "ContentStorage");
    if (!cs)
        cs = qc_mxf_first_set(m, "ContentStorage"); /* read on, the defect is reported */
    const uint8_t *refs;
    uint32_t n;
    if (!out->preface || !cs)
        qc_mxf_defect(m, QC_CODE_MXF_INVALID, 0, "header metadata has no %s",
                      out->preface ? "ContentStorage" : "Preface");
    else if (!qc_mxf_get_array16(cs, "Packages", &refs, &n))
        for (uint32_t k = 0; k < n && out->nb_packages < QC_MXF_MAX_PACKAGES; k++) {
            const QcMxfSet *ps = follow(m, cs, refs + 16 * k, "Packages");
            if (ps && qc_mxf_class_is(ps->cls, "GenericPackage"))
                read_package(m, ps, &out->packages[out->nb_packages++]);
        }
    link_essence(m, out);
    int ret = out->index_sid ? qc_mxf_check_index(m, out->index_sid, out->body_sid) : 0;
    if (ret >= 0)
        ret = check_index_duration(m, out);
    return ret < 0 ? ret : m->findings.count >= before ? 0 : QC_ERR_INTERNAL;
}
