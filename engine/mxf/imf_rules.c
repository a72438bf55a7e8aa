// SPDX-License-Identifier: MIT
#include "engine/mxf/imf_rules.h"

#include <string.h>

#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

#define NOT_IMF(off, ...)                                                                          \
    do {                                                                                           \
        if (qc_mxf_defect(m, QC_CODE_MXF_NOT_IMF, (off), __VA_ARGS__) < 0)                         \
            return QC_ERR_NOMEM;                                                                   \
    } while (0)

static const uint8_t op_prefix[12] = {0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01,
                                      0x01, 0x01, 0x0d, 0x01, 0x02, 0x01};
static const uint8_t umid_prefix[16] = {0x06, 0x0a, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x05,
                                        0x01, 0x01, 0x0f, 0x20, 0x13, 0x00, 0x00, 0x00};

static int count_sets(const QcMxf *m, const char *cls)
{
    int n = 0;
    for (size_t i = 0; i < m->nb_sets; i++)
        n += qc_mxf_class_is(m->sets[i].cls, cls);
    return n;
}

/* Partitions: closed complete header, a footer, a RIP, one kind of content per partition. */
static int check_partitions(QcMxf *m)
{
    const QcMxfPartition *h = &m->parts[0];
    if (!h->closed || !h->complete)
        NOT_IMF(h->offset,
                "the header partition is %s and %s; IMF track files close and "
                "complete it",
                h->closed ? "closed" : "open", h->complete ? "complete" : "incomplete");
    if (m->parts[m->nb_parts - 1].kind != QC_MXF_FOOTER_PARTITION)
        NOT_IMF(m->parts[m->nb_parts - 1].offset, "the file has no footer partition");
    if (!m->nb_rip)
        NOT_IMF(m->size, "the file has no Random Index Pack");
    for (int i = 0; i < m->nb_parts; i++) {
        const QcMxfPartition *p = &m->parts[i];
        int kinds = (p->header_bytes > 0) + (p->index_bytes > 0) + (p->essence_start >= 0);
        if (kinds > 1)
            NOT_IMF(p->offset,
                    "the partition at byte %lld mixes %s%s%s: ST 2067-5 allows one "
                    "kind of content per partition",
                    (long long)p->offset, p->header_bytes ? "header metadata " : "",
                    p->index_bytes ? "index " : "", p->essence_start >= 0 ? "essence" : "");
    }
    return 0;
}

static int check_packages(QcMxf *m, const QcMxfModel *model)
{
    const QcMxfSet *pf = model->preface;
    uint8_t op[16], primary[16];
    if (pf && !qc_mxf_get_bytes(pf, "OperationalPattern", op, 16) &&
        (!qc_ul_prefix(op, op_prefix, 12) || op[12] != 0x01 || op[13] != 0x01))
        NOT_IMF(pf->offset, "the operational pattern is not OP1a (single item, single package)");
    if (count_sets(m, "MaterialPackage") != 1 || count_sets(m, "ContentStorage") != 1 ||
        count_sets(m, "EssenceContainerData") != 1)
        NOT_IMF(pf ? pf->offset : 0,
                "IMF track files have exactly one material package, one "
                "content storage and one essence container (found %d, %d, %d)",
                count_sets(m, "MaterialPackage"), count_sets(m, "ContentStorage"),
                count_sets(m, "EssenceContainerData"));
    const QcMxfPackage *fp = model->file_package;
    if (!fp)
        return 0;
    if (pf && (qc_mxf_get_bytes(pf, "PrimaryPackage", primary, 16) < 0 ||
               memcmp(primary, fp->set->uid, 16)))
        NOT_IMF(pf->offset, "the Preface's PrimaryPackage is not the top-level file package");
    if (memcmp(fp->umid, umid_prefix, 16))
        NOT_IMF(fp->set->offset,
                "the file package UMID does not have the IMF form "
                "(06.0a.2b.34.01.01.01.05.01.01.0f.20.13.00.00.00 + the track file UUID)");
    int essence = 0;
    for (int i = 0; i < fp->nb_tracks; i++) {
        const QcMxfTrack *t = &fp->tracks[i];
        essence += t->kind == QC_MXF_TRACK_PICTURE || t->kind == QC_MXF_TRACK_SOUND ||
                   t->kind == QC_MXF_TRACK_DATA;
        if (t->origin != 0)
            NOT_IMF(t->set->offset, "track %u has Origin %lld; IMF timeline tracks start at 0",
                    t->id, (long long)t->origin);
    }
    if (essence != 1)
        NOT_IMF(fp->set->offset,
                "the file package has %d essence tracks; an IMF track file "
                "carries exactly one",
                essence);
    return 0;
}

/* Material and file package tracks must last equally long (in their own edit rates). */
static int check_durations(QcMxf *m, const QcMxfModel *model)
{
    const QcMxfPackage *fp = model->file_package;
    for (int i = 0; fp && i < model->nb_packages; i++) {
        const QcMxfPackage *mp = &model->packages[i];
        if (!mp->material)
            continue;
        for (int a = 0; a < mp->nb_tracks; a++)
            for (int b = 0; b < fp->nb_tracks; b++) {
                const QcMxfTrack *x = &mp->tracks[a], *y = &fp->tracks[b];
                if (x->kind != y->kind || x->kind == QC_MXF_TRACK_TIMECODE || x->duration < 0 ||
                    y->duration < 0 || x->rate_den <= 0 || y->rate_den <= 0)
                    continue;
                /* compare seconds exactly: d1·n2·den1 ... as cross products */
                __int128 l = (__int128)x->duration * x->rate_den * y->rate_num;
                __int128 r = (__int128)y->duration * y->rate_den * x->rate_num;
                if (l != r)
                    if (qc_mxf_defect(m, QC_CODE_MXF_INVALID, x->set->offset,
                                      "material track %u lasts %lld edit units at %d/%d, file "
                                      "track %u %lld at %d/%d: the durations disagree",
                                      x->id, (long long)x->duration, x->rate_num, x->rate_den,
                                      y->id, (long long)y->duration, y->rate_num, y->rate_den) < 0)
                        return QC_ERR_NOMEM;
            }
    }
    return 0;
}

int qc_mxf_check_imf(QcMxf *m, const QcMxfModel *model)
{
    int ret = check_partitions(m);
    if (ret >= 0)
        ret = check_packages(m, model);
    if (ret >= 0)
        ret = check_durations(m, model);
    return ret;
}
