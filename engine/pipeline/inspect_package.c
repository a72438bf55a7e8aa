// SPDX-License-Identifier: MIT
/* Package sets: load every package, build the compositions, resolve their track files across
 * the set (and --previous deliveries), compare with the previous version of each timeline, then
 * inspect the track files and fill the report's packages[] and compositions[]. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/mxf/ul.h"
#include "engine/pipeline/inspect_package.h"

/* The package folder of an input: the folder itself, or the folder holding the CPL given. */
static int split_input(const char *path, char **dir, char **cpl)
{
    *dir = *cpl = NULL;
    if (qc_package_is_dir(path))
        return (*dir = strdup(path)) ? 0 : QC_ERR_NOMEM;
    const char *slash = strrchr(path, '/');
    *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    *cpl = realpath(path, NULL);
    return *dir ? 0 : QC_ERR_NOMEM;
}

static int load_packages(QcPkgRun *run, const char *const *paths, int n, QcError *err)
{
    const QcInspectSettings *s = run->s;
    int total = n + s->nb_previous;
    run->pkgs = calloc((size_t)total + 1, sizeof(QcPackage));
    run->cpl_only = calloc((size_t)total + 1, sizeof(char *));
    if (!run->pkgs || !run->cpl_only)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    QcFindingList scratch = {0};
    for (int i = 0; i < total; i++) {
        int previous = i >= n;
        const char *path = previous ? s->previous[i - n] : paths[i];
        char *dir, *cpl;
        if (split_input(path, &dir, &cpl) < 0)
            return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
        int ret = qc_package_load(&run->pkgs[run->nb_pkgs], dir, previous,
                                  previous ? &scratch : &run->r->findings);
        free(dir);
        if (ret == QC_ERR_NOMEM) {
            free(cpl);
            qc_finding_list_free(&scratch);
            return qc_error_set(err, ret, "out of memory");
        }
        if (ret < 0) {
            free(cpl);
            qc_package_free(&run->pkgs[run->nb_pkgs]);
            qc_finding_list_free(&scratch);
            return qc_error_set(err, QC_ERR_IO, "%s: the package folder cannot be read", path);
        }
        run->cpl_only[run->nb_pkgs] = cpl;
        run->nb_pkgs++;
        run->nb_current += !previous;
    }
    qc_finding_list_free(&scratch);
    return 0;
}

static int selected_cpl(const QcPkgRun *run, int p, const QcCpl *cpl)
{
    const char *only = run->cpl_only[p];
    if (!only)
        return 1;
    char *real = realpath(cpl->file, NULL);
    int same = real && !strcmp(real, only);
    free(real);
    return same;
}

/* The previous composition of the same timeline: the one sharing the most virtual tracks. */
static const QcComposition *previous_of(const QcPkgRun *run, const QcComposition *c)
{
    const QcComposition *best = NULL;
    int best_n = 0;
    for (int i = 0; i < run->nb_prev; i++) {
        int n = qc_composition_shared_tracks(c, &run->prev[i]);
        if (n > best_n) {
            best = &run->prev[i];
            best_n = n;
        }
    }
    return best;
}

static const char *track_kind(QcSequenceKind k)
{
    return k == QC_SEQ_MAIN_IMAGE   ? "video"
           : k == QC_SEQ_MAIN_AUDIO ? "audio"
           : k == QC_SEQ_MARKER     ? "marker"
                                    : "other";
}

static int fill_track(const QcComposition *c, int t, QcVTrackReport *v)
{
    const QcVirtualTrack *vt = &c->tracks[t];
    qc_uuid_format(vt->id, v->id, sizeof(v->id));
    snprintf(v->kind, sizeof(v->kind), "%s", track_kind(vt->kind));
    snprintf(v->sequence, sizeof(v->sequence), "%s", vt->name);
    snprintf(v->status, sizeof(v->status), "new");
    v->rate_num = vt->rate_num;
    v->rate_den = vt->rate_den;
    v->duration = vt->duration;
    v->resources = calloc((size_t)vt->nb_resources + 1, sizeof(QcResourceReport));
    if (!v->resources)
        return QC_ERR_NOMEM;
    for (int i = 0; i < c->nb_placements; i++) {
        const QcPlacement *p = &c->placements[i];
        if (p->track != t || v->nb_resources >= vt->nb_resources)
            continue;
        QcResourceReport *x = &v->resources[v->nb_resources++];
        qc_uuid_format(p->res->id, x->id, sizeof(x->id));
        if (p->res->has_track_file)
            qc_uuid_format(p->res->track_file, x->track_file, sizeof(x->track_file));
        x->track = -1;
        x->entry = p->res->entry;
        x->duration = p->res->duration;
        x->repeat = p->res->repeat;
        x->start = p->start;
    }
    return 0;
}

static int fill_composition(const QcComposition *c, const QcAsset *a, QcCompositionReport *o)
{
    const QcCpl *cpl = c->cpl;
    qc_uuid_format(cpl->id, o->id, sizeof(o->id));
    snprintf(o->title, sizeof(o->title), "%s", cpl->title);
    o->path = strdup(a && a->display ? a->display : cpl->file);
    o->rate_num = cpl->rate_num;
    o->rate_den = cpl->rate_den;
    o->duration = c->duration;
    if (cpl->has_timecode) {
        o->tc_rate = cpl->tc_rate;
        o->tc_drop = cpl->tc_drop;
        o->tc_start = cpl->tc_start;
    }
    o->tracks = calloc((size_t)c->nb_tracks + 1, sizeof(QcVTrackReport));
    if (!o->path || !o->tracks)
        return QC_ERR_NOMEM;
    for (int t = 0; t < c->nb_tracks; t++) {
        int ret = fill_track(c, t, &o->tracks[o->nb_tracks++]);
        if (ret < 0)
            return ret;
    }
    return 0;
}

static int count_cpls(const QcPkgRun *run, int previous)
{
    int n = 0;
    for (int p = 0; p < run->nb_pkgs; p++)
        if (run->pkgs[p].previous == previous)
            n += run->pkgs[p].nb_cpls;
    return n;
}

static int build_compositions(QcPkgRun *run)
{
    QcReport *r = run->r;
    int n = count_cpls(run, 0), np = count_cpls(run, 1);
    r->compositions = calloc((size_t)n + 1, sizeof(QcCompositionReport));
    run->comps = calloc((size_t)n + 1, sizeof(QcComposition));
    run->comp_pkg = calloc((size_t)n + 1, sizeof(int));
    run->prev = calloc((size_t)np + 1, sizeof(QcComposition));
    if (!r->compositions || !run->comps || !run->comp_pkg || !run->prev)
        return QC_ERR_NOMEM;
    QcFindingList scratch = {0};
    int ret = 0;
    for (int p = 0; p < run->nb_pkgs && ret >= 0; p++) {
        QcPackage *pk = &run->pkgs[p];
        for (int i = 0; i < pk->nb_cpls && ret >= 0; i++) {
            if (pk->previous) {
                ret = qc_composition_build(&run->prev[run->nb_prev++], &pk->cpls[i], -1, &scratch);
                continue;
            }
            if (!selected_cpl(run, p, &pk->cpls[i]))
                continue;
            int k = r->nb_compositions;
            ret = qc_composition_build(&run->comps[k], &pk->cpls[i], k, &r->findings);
            run->comp_pkg[k] = p;
            const QcAsset *a = NULL;
            for (int j = 0; j < pk->nb_assets; j++)
                if (pk->assets[j].kind == QC_ASSET_CPL && pk->assets[j].cpl == i)
                    a = &pk->assets[j];
            if (ret >= 0)
                ret = fill_composition(&run->comps[k], a, &r->compositions[k]);
            r->nb_compositions++;
        }
    }
    qc_finding_list_free(&scratch);
    return ret;
}

static int held_by_set(const QcPkgRun *run, const uint8_t id[16])
{
    for (int p = 0; p < run->nb_pkgs; p++)
        if (qc_package_asset(&run->pkgs[p], id))
            return 1;
    return 0;
}

/* TRACK_FILE_UNRESOLVED, once per composition and track file, where it first plays. */
static int check_resolution(QcPkgRun *run)
{
    for (int k = 0; k < run->r->nb_compositions; k++) {
        const QcComposition *c = &run->comps[k];
        for (int i = 0; i < c->nb_placements; i++) {
            const QcCplResource *res = c->placements[i].res;
            if (!res->has_track_file || held_by_set(run, res->track_file))
                continue;
            int first = 1;
            for (int j = 0; j < i && first; j++)
                first = !c->placements[j].res->has_track_file ||
                        memcmp(c->placements[j].res->track_file, res->track_file, 16);
            if (!first)
                continue;
            QcFinding f;
            qc_finding_init(&f, QC_CODE_TRACK_FILE_UNRESOLVED);
            f.composition = k;
            f.comp_start = c->placements[i].start;
            char id[48];
            qc_uuid_format(res->track_file, id, sizeof(id));
            qc_finding_message(&f,
                               "the %s plays track file %s, which no package given holds (for a "
                               "supplemental package, give the earlier delivery with --previous)",
                               c->tracks[c->placements[i].track].name, id);
            qc_finding_detail_string(&f, "track_file", id);
            if (qc_finding_list_add(&run->r->findings, &f) < 0)
                return QC_ERR_NOMEM;
        }
    }
    return 0;
}

/* new / modified / unmodified per virtual track, and TRACK_DROPPED for what the previous
 * version had and this one lacks. */
static int compare_previous(QcPkgRun *run)
{
    for (int k = 0; k < run->r->nb_compositions; k++) {
        const QcComposition *c = &run->comps[k];
        const QcComposition *prev = previous_of(run, c);
        QcCompositionReport *o = &run->r->compositions[k];
        for (int t = 0; t < c->nb_tracks && t < o->nb_tracks; t++)
            snprintf(o->tracks[t].status, sizeof(o->tracks[t].status), "%s",
                     qc_composition_track_status(c, t, prev));
        for (int t = 0; prev && t < prev->nb_tracks; t++) {
            if (qc_composition_track(c, prev->tracks[t].id) >= 0 ||
                prev->tracks[t].kind == QC_SEQ_MARKER)
                continue;
            QcFinding f;
            qc_finding_init(&f, QC_CODE_TRACK_DROPPED);
            f.composition = k;
            char id[48], pid[48];
            qc_uuid_format(prev->tracks[t].id, id, sizeof(id));
            qc_uuid_format(prev->cpl->id, pid, sizeof(pid));
            qc_finding_message(&f,
                               "the previous delivery (CPL %s) has a %s with TrackId %s that this "
                               "composition no longer carries",
                               pid, prev->tracks[t].name, id);
            qc_finding_detail_string(&f, "track", id);
            qc_finding_detail_string(&f, "previous_composition", pid);
            if (qc_finding_list_add(&run->r->findings, &f) < 0)
                return QC_ERR_NOMEM;
        }
    }
    return 0;
}

static const char *asset_type(QcAssetKind k)
{
    return k == QC_ASSET_MXF ? "mxf" : k == QC_ASSET_CPL ? "cpl" : k == QC_ASSET_PKL ? "pkl" : "other";
}

static const char *hash_word(const QcAsset *a)
{
    if (a->unsafe)
        return "unsafe";
    if (a->missing)
        return "missing";
    if (a->pkl < 0)
        return "none"; /* a PKL is not listed in a PKL: it has no digest to check */
    switch (a->hash) {
    case QC_HASH_OK: return "ok";
    case QC_HASH_MISMATCH: return "mismatch";
    default: return "skipped";
    }
}

static int fill_packages(QcPkgRun *run)
{
    QcReport *r = run->r;
    r->packages = calloc((size_t)run->nb_pkgs + 1, sizeof(QcPackageReport));
    if (!r->packages)
        return QC_ERR_NOMEM;
    for (int p = 0; p < run->nb_pkgs; p++) {
        const QcPackage *pk = &run->pkgs[p];
        QcPackageReport *o = &r->packages[r->nb_packages++];
        qc_uuid_format(pk->nb_pkls ? pk->pkls[0].id : pk->am.id, o->id, sizeof(o->id));
        o->previous = pk->previous;
        o->assets = calloc((size_t)pk->nb_assets + 1, sizeof(QcAssetReport));
        if (!(o->path = strdup(pk->root)) || !o->assets)
            return QC_ERR_NOMEM;
        for (int i = 0; i < pk->nb_assets; i++) {
            const QcAsset *a = &pk->assets[i];
            QcAssetReport *x = &o->assets[o->nb_assets++];
            qc_uuid_format(a->id, x->id, sizeof(x->id));
            if (a->display && !(x->path = strdup(a->display)))
                return QC_ERR_NOMEM;
            snprintf(x->type, sizeof(x->type), "%s", asset_type(a->kind));
            x->size = a->size;
            x->hash = pk->previous ? "skipped" : hash_word(a);
        }
    }
    return 0;
}

const QcPkgHeader *qc_pkg_header(QcPkgRun *run, const QcAsset *a)
{
    for (int i = 0; i < run->nb_headers; i++)
        if (run->headers[i]->asset == a)
            return run->headers[i]->mxf ? run->headers[i] : NULL;
    QcPkgHeader *h = calloc(1, sizeof(*h));
    if (!h || qc_grow((void **)&run->headers, &run->headers_cap, (size_t)run->nb_headers + 1,
                      sizeof(*run->headers)) < 0) {
        free(h);
        return NULL;
    }
    run->headers[run->nb_headers++] = h;
    h->asset = a;
    QcError e;
    qc_error_clear(&e);
    if (qc_mxf_open(&h->mxf, a->path, &e) < 0)
        return NULL;
    h->resolved = qc_mxf_resolve(h->mxf, &h->model) >= 0;
    return h;
}

void qc_pkg_header_release(QcPkgRun *run, const QcAsset *a)
{
    for (int i = 0; i < run->nb_headers; i++)
        if (run->headers[i]->asset == a) {
            qc_mxf_close(&run->headers[i]->mxf);
            free(run->headers[i]);
            run->headers[i] = run->headers[--run->nb_headers];
            return;
        }
}

void qc_pkg_headers_close(QcPkgRun *run)
{
    for (int i = 0; i < run->nb_headers; i++) {
        qc_mxf_close(&run->headers[i]->mxf);
        free(run->headers[i]);
    }
    free(run->headers);
    run->headers = NULL;
    run->nb_headers = 0;
    run->headers_cap = 0;
}

static void free_run(QcPkgRun *run)
{
    qc_pkg_headers_close(run);
    for (int k = 0; run->comps && k < run->r->nb_compositions; k++)
        qc_composition_free(&run->comps[k]);
    for (int k = 0; k < run->nb_prev; k++)
        qc_composition_free(&run->prev[k]);
    for (int p = 0; p < run->nb_pkgs; p++) {
        qc_package_free(&run->pkgs[p]);
        free(run->cpl_only[p]);
    }
    free(run->comps);
    free(run->comp_pkg);
    free(run->prev);
    free(run->pkgs);
    free(run->cpl_only);
    free(run->origin);
}

int qc_inspect_packages(const char *const *paths, int nb_paths, const QcInspectSettings *s,
                        QcReport *r, QcError *err)
{
    QcPkgRun run = {.s = s, .r = r};
    int ret = load_packages(&run, paths, nb_paths, err);
    if (ret >= 0 && (ret = build_compositions(&run)) < 0)
        qc_error_set(err, ret, "out of memory");
    if (ret >= 0 && ((ret = check_resolution(&run)) < 0 || (ret = compare_previous(&run)) < 0 ||
                     (ret = qc_pkg_check_constraints(&run)) < 0 ||
                     (ret = qc_pkg_check_descriptors(&run)) < 0))
        qc_error_set(err, ret, "out of memory");
    /* what the documents alone show is final before any essence is read */
    qc_inspect_announce(s, r);
    if (ret >= 0)
        ret = qc_pkg_inspect_assets(&run, err);
    if ((ret >= 0 || ret == QC_ERR_CANCELLED) && qc_pkg_place_findings(&run) < 0)
        ret = qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    if (ret >= 0 && qc_pkg_check_languages(&run) < 0)
        ret = qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    if (ret >= 0) {
        int tret = qc_pkg_timeline_checks(&run);
        ret = tret == QC_ERR_NOMEM ? qc_error_set(err, tret, "out of memory") : tret;
    }
    if ((ret >= 0 || ret == QC_ERR_CANCELLED) && fill_packages(&run) < 0)
        ret = qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    free_run(&run);
    return ret;
}
