// SPDX-License-Identifier: MIT
/* CPL_CONSTRAINT on the track files a composition's main sequences play: the core constraints
 * on audio, and Application #2E on pictures when the CPL says it is an App 2E composition. */
#include <stdio.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/imf/constraints.h"
#include "engine/mxf/model.h"
#include "engine/mxf/ul.h"
#include "engine/pipeline/inspect_package.h"

/* The descriptor of the essence track of @p m's file package, or NULL. */
static const QcMxfSet *essence_descriptor(const QcMxf *m, const QcMxfModel *model,
                                          QcMxfTrackKind kind)
{
    const QcMxfPackage *fp = model->file_package;
    for (int t = 0; fp && t < fp->nb_tracks; t++)
        if (fp->tracks[t].kind == kind)
            return qc_mxf_track_descriptor(m, fp, &fp->tracks[t]);
    return NULL;
}

static int breaches(const QcMxf *m, const QcMxfModel *model, const QcPlacement *p, int app2e,
                    QcConstraintBreach *out)
{
    const QcMxfSet *d;
    if (p->seq->kind == QC_SEQ_MAIN_IMAGE && app2e &&
        (d = essence_descriptor(m, model, QC_MXF_TRACK_PICTURE))) {
        QcMxfPictureInfo pi;
        if (qc_mxf_picture_info(m, d, &pi) < 0)
            return 0;
        return qc_app2e_check_picture(&pi, qc_mxf_get(d, "StoredF2Offset") != NULL,
                                      qc_mxf_get(d, "VideoLineMap") != NULL, p->res->rate_num,
                                      p->res->rate_den, out);
    }
    if (p->seq->kind == QC_SEQ_MAIN_AUDIO && (d = essence_descriptor(m, model, QC_MXF_TRACK_SOUND))) {
        QcMxfSoundInfo si;
        return qc_mxf_sound_info(d, &si) < 0 ? 0 : qc_core_check_sound(&si, out);
    }
    return 0;
}

/* The first placement of each track file on each main virtual track: one check per pairing. */
static int first_use(const QcComposition *c, int i)
{
    const QcPlacement *p = &c->placements[i];
    for (int j = 0; j < i; j++)
        if (c->placements[j].track == p->track && c->placements[j].res->has_track_file &&
            !memcmp(c->placements[j].res->track_file, p->res->track_file, 16))
            return 0;
    return 1;
}

static int check_placement(QcPkgRun *run, int k, const QcPlacement *p, int app2e)
{
    const QcAsset *a = NULL;
    for (int q = 0; q < run->nb_current && !a; q++) {
        const QcAsset *x = qc_package_asset(&run->pkgs[q], p->res->track_file);
        a = x && x->path ? x : NULL;
    }
    const QcPkgHeader *h = a ? qc_pkg_header(run, a) : NULL;
    if (!h || !h->resolved)
        return 0; /* unresolved or unreadable: reported elsewhere */
    QcConstraintBreach b[QC_CONSTRAINT_MAX];
    int n = breaches(h->mxf, &h->model, p, app2e, b);
    for (int i = 0; i < n; i++) {
        QcFinding f;
        qc_finding_init(&f, QC_CODE_CPL_CONSTRAINT);
        f.severity = b[i].blocker ? QC_SEV_BLOCKER : QC_SEV_ISSUE;
        f.composition = k;
        f.comp_start = p->start;
        qc_finding_message(&f, "%s: %s", a->rel, b[i].message);
        char id[48];
        qc_uuid_format(a->id, id, sizeof(id));
        qc_finding_detail_string(&f, "track_file", id);
        qc_finding_detail_string(&f, "rules", p->seq->kind == QC_SEQ_MAIN_IMAGE
                                                  ? "ST 2067-21 (App 2E)"
                                                  : "ST 2067-2 core constraints");
        if (qc_finding_list_add(&run->r->findings, &f) < 0)
            return QC_ERR_NOMEM;
    }
    return 0;
}

int qc_pkg_check_constraints(QcPkgRun *run)
{
    for (int k = 0; k < run->r->nb_compositions; k++) {
        const QcComposition *c = &run->comps[k];
        int app2e = strstr(c->cpl->app_id, "2067-21") != NULL;
        for (int i = 0; i < c->nb_placements; i++) {
            const QcPlacement *p = &c->placements[i];
            if (!p->res->has_track_file || !first_use(c, i) ||
                (p->seq->kind != QC_SEQ_MAIN_IMAGE && p->seq->kind != QC_SEQ_MAIN_AUDIO))
                continue;
            int ret = check_placement(run, k, p, app2e);
            if (ret < 0)
                return ret;
        }
    }
    return 0;
}
