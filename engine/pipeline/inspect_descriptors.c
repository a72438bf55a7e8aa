// SPDX-License-Identifier: MIT
/* Automated QC on metadata: each CPL EssenceDescriptor against the descriptor of the track file
 * its resources play (ESSENCE_DESCRIPTOR_MISMATCH, with a property-level diff), descriptors no
 * resource uses, and the CPL's languages against the audio's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/core/lang.h"
#include "engine/imf/descriptor_compare.h"
#include "engine/imf/regxml.h"
#include "engine/mxf/model.h"
#include "engine/mxf/ul.h"
#include "engine/pipeline/inspect_package.h"

static const QcCplDescriptor *descriptor(const QcCpl *cpl, const uint8_t id[16])
{
    for (int i = 0; i < cpl->nb_descriptors; i++)
        if (!memcmp(cpl->descriptors[i].id, id, 16))
            return &cpl->descriptors[i];
    return NULL;
}

/* A readable copy of track file @p id in the package set, or NULL. */
static const QcAsset *find_file(const QcPkgRun *run, const uint8_t id[16])
{
    for (int p = 0; p < run->nb_pkgs; p++) {
        const QcAsset *a = qc_package_asset(&run->pkgs[p], id);
        if (a && a->path)
            return a;
    }
    return NULL;
}

/* Keeps @p d in the report's diff table. @return its index, or QC_ERR_NOMEM. */
static int keep_diff(QcReport *r, QcDescDiff *d)
{
    if (qc_grow((void **)&r->diffs, &r->diffs_cap, (size_t)r->nb_diffs + 1, sizeof(*r->diffs)) < 0)
        return QC_ERR_NOMEM;
    QcDiffTable *t = &r->diffs[r->nb_diffs];
    t->items = calloc((size_t)d->count + 1, sizeof(*t->items));
    if (!t->items)
        return QC_ERR_NOMEM;
    for (int i = 0; i < d->count; i++) {
        /* ownership moves to the report */
        t->items[i] = (QcDiffEntry){d->items[i].path, d->items[i].cpl, d->items[i].mxf};
        d->items[i] = (QcDescDiffItem){NULL, NULL, NULL};
    }
    t->count = d->count;
    t->more = d->total - d->count;
    return r->nb_diffs++;
}

/* Compares one (SourceEncoding, track file) pair: 0 match or nothing to compare, 1 mismatch
 * recorded, QC_ERR_NOMEM. */
static int compare_one(QcPkgRun *run, int k, const QcPlacement *p, const QcCplDescriptor *cd,
                       const QcAsset *a)
{
    const QcPkgHeader *h = cd->node ? qc_pkg_header(run, a) : NULL;
    if (!h || !h->resolved || !h->model.file_package || !h->model.file_package->descriptor)
        return 0;
    QcError e;
    qc_error_clear(&e);
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr mxf = NULL;
    QcDescDiff diff = {0};
    int ret = doc ? 0 : QC_ERR_NOMEM;
    if (!ret && qc_regxml_descriptor(h->mxf, h->model.file_package->descriptor, doc, &mxf, &e) >= 0) {
        xmlDocSetRootElement(doc, mxf);
        ret = qc_descriptor_compare(cd->node, mxf, run->s->descriptor_normalized, &diff);
    }
    xmlFreeDoc(doc);
    if (ret <= 0) {
        qc_desc_diff_free(&diff);
        return ret;
    }
    int index = keep_diff(run->r, &diff);
    char enc[48], tf[48];
    qc_uuid_format(cd->id, enc, sizeof(enc));
    qc_uuid_format(a->id, tf, sizeof(tf));
    QcFinding f;
    qc_finding_init(&f, QC_CODE_ESSENCE_DESCRIPTOR_MISMATCH);
    f.composition = k;
    f.comp_start = p->start;
    const char *first = index >= 0 && run->r->diffs[index].count
                            ? run->r->diffs[index].items[0].path
                            : "?";
    qc_finding_message(&f,
                       "EssenceDescriptor %s of the CPL matches no descriptor of track file %s: "
                       "%d %s, first %s",
                       enc, a->rel ? a->rel : tf, diff.total,
                       diff.total == 1 ? "property differs" : "properties differ", first);
    qc_finding_detail_string(&f, "source_encoding", enc);
    qc_finding_detail_string(&f, "track_file", tf);
    qc_finding_detail_string(&f, "compare", run->s->descriptor_normalized ? "normalized" : "exact");
    if (index >= 0)
        qc_finding_detail_diff(&f, "diff", index);
    qc_desc_diff_free(&diff);
    if (index < 0 || qc_finding_list_add(&run->r->findings, &f) < 0)
        return QC_ERR_NOMEM;
    return 1;
}

/* The pair (SourceEncoding, TrackFileId) of placement @p i was seen before in @p c. */
static int seen(const QcComposition *c, int i)
{
    const QcCplResource *r = c->placements[i].res;
    for (int j = 0; j < i; j++) {
        const QcCplResource *q = c->placements[j].res;
        if (q->has_track_file && !memcmp(q->track_file, r->track_file, 16) &&
            !memcmp(q->source_encoding, r->source_encoding, 16))
            return 1;
    }
    return 0;
}

static int used_descriptor(const QcComposition *c, const uint8_t id[16])
{
    for (int i = 0; i < c->nb_placements; i++)
        if (c->placements[i].res->has_track_file &&
            !memcmp(c->placements[i].res->source_encoding, id, 16))
            return 1;
    return 0;
}

static int unused_descriptors(QcPkgRun *run, int k)
{
    const QcComposition *c = &run->comps[k];
    for (int i = 0; i < c->cpl->nb_descriptors; i++) {
        if (used_descriptor(c, c->cpl->descriptors[i].id))
            continue;
        char id[48];
        qc_uuid_format(c->cpl->descriptors[i].id, id, sizeof(id));
        QcFinding f;
        qc_finding_init(&f, QC_CODE_ESSENCE_DESCRIPTOR_MISMATCH);
        f.severity = QC_SEV_ISSUE;
        f.composition = k;
        qc_finding_message(&f,
                           "EssenceDescriptor %s (line %ld) is referenced by no resource's "
                           "SourceEncoding (ST 2067-3 6.1.10): remove it or point a resource at it",
                           id, c->cpl->descriptors[i].line);
        qc_finding_detail_string(&f, "source_encoding", id);
        if (qc_finding_list_add(&run->r->findings, &f) < 0)
            return QC_ERR_NOMEM;
    }
    return 0;
}

int qc_pkg_check_descriptors(QcPkgRun *run)
{
    for (int k = 0; k < run->r->nb_compositions; k++) {
        const QcComposition *c = &run->comps[k];
        int ret = unused_descriptors(run, k);
        for (int i = 0; ret >= 0 && i < c->nb_placements; i++) {
            const QcPlacement *p = &c->placements[i];
            if (!p->res->has_track_file || seen(c, i))
                continue;
            const QcCplDescriptor *cd = descriptor(c->cpl, p->res->source_encoding);
            const QcAsset *a = find_file(run, p->res->track_file);
            /* no descriptor: CPL_TIMELINE says so; no file: TRACK_FILE_UNRESOLVED or
             * ASSET_MISSING does */
            if (cd && a)
                ret = compare_one(run, k, p, cd, a);
        }
        if (ret < 0)
            return ret;
    }
    return 0;
}

/* The CPL's LocaleList languages: well-formed, and covering what the main audio says. */
int qc_pkg_check_languages(QcPkgRun *run)
{
    for (int k = 0; k < run->r->nb_compositions; k++) {
        const QcCpl *cpl = run->comps[k].cpl;
        for (int i = 0; i < cpl->nb_languages; i++) {
            if (qc_lang_well_formed(cpl->languages[i].tag))
                continue;
            QcFinding f;
            qc_finding_init(&f, QC_CODE_CPL_INVALID);
            f.composition = k;
            qc_finding_message(&f, "line %ld: <Language> \"%s\" is not a well-formed RFC 5646 tag",
                               cpl->languages[i].line, cpl->languages[i].tag);
            if (qc_finding_list_add(&run->r->findings, &f) < 0)
                return QC_ERR_NOMEM;
        }
        if (!cpl->nb_languages)
            continue;
        for (int t = 0; t < run->r->nb_tracks; t++) {
            const QcTrackReport *tr = &run->r->tracks[t];
            if (tr->info.kind != QC_MEDIA_AUDIO || !tr->language[0] || (size_t)t >= run->origin_cap ||
                run->origin[t].pkg < 0)
                continue;
            const QcAsset *a = &run->pkgs[run->origin[t].pkg].assets[run->origin[t].asset];
            if (!qc_composition_uses(&run->comps[k], a->id))
                continue;
            int covered = 0;
            for (int i = 0; i < cpl->nb_languages && !covered; i++)
                covered = qc_lang_matches(cpl->languages[i].tag, tr->language) ||
                          qc_lang_matches(tr->language, cpl->languages[i].tag);
            if (covered)
                continue;
            QcFinding f;
            qc_finding_init(&f, QC_CODE_LANGUAGE_MISMATCH);
            f.severity = QC_SEV_ISSUE;
            f.composition = k;
            f.track = t;
            qc_finding_message(&f,
                               "%s is tagged \"%s\" but the CPL's LocaleList names %s\"%s\"%s: "
                               "the CPL and the track file disagree",
                               a->rel, tr->language, cpl->nb_languages > 1 ? "only " : "",
                               cpl->languages[0].tag, cpl->nb_languages > 1 ? ", …" : "");
            qc_finding_detail_string(&f, "language", tr->language);
            qc_finding_detail_string(&f, "cpl_language", cpl->languages[0].tag);
            if (qc_finding_list_add(&run->r->findings, &f) < 0)
                return QC_ERR_NOMEM;
        }
    }
    return 0;
}
