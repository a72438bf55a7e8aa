// SPDX-License-Identifier: MIT
/* The essence side of a package: each track file inspected once, its SHA-1 computed from the
 * same reads, its identity checked, and its findings placed on every composition position that
 * plays it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/imf/xml.h"
#include "engine/io/file.h"
#include "engine/io/sha1.h"
#include "engine/mxf/model.h"
#include "engine/mxf/ul.h"
#include "engine/pipeline/inspect_package.h"

#define QC_MAX_PLACEMENTS 16 ///< copies of one finding; more positions are counted in details

typedef struct HashHook {
    QcPkgRun *run;
    QcPackage *pkg;
    QcAsset *asset;
    int hashing, done;
} HashHook;

static int hash_opened(void *opaque, struct QcFile *f)
{
    HashHook *h = opaque;
    if (h->run->s->no_hash || h->hashing || h->done)
        return 0;
    QcError e;
    qc_error_clear(&e);
    int ret = qc_file_hash_begin(f, &e);
    h->hashing = ret >= 0;
    return ret == QC_ERR_NOMEM ? ret : 0;
}

static int hash_done(void *opaque, struct QcFile *f)
{
    HashHook *h = opaque;
    if (!h->hashing)
        return 0;
    h->hashing = 0;
    h->done = 1;
    uint8_t digest[20];
    QcError e;
    qc_error_clear(&e);
    if (qc_file_hash_end(f, digest, h->run->s->cancel, &e) < 0) {
        h->asset->hash = QC_HASH_SKIPPED;
        return 0;
    }
    return qc_package_hash_result(h->pkg, h->asset, digest, &h->run->r->findings);
}

/* The digest of an asset nobody inspects (CPL, PKL, sidecar), read on its own. */
static int hash_whole(QcPkgRun *run, QcPackage *pkg, QcAsset *a)
{
    int fd = open(a->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        a->hash = QC_HASH_SKIPPED;
        return 0;
    }
    uint8_t digest[20];
    QcError e;
    qc_error_clear(&e);
    int ret = qc_sha1_fd(fd, digest, run->s->cancel, &e);
    close(fd);
    if (ret == QC_ERR_NOMEM)
        return ret;
    if (ret < 0) {
        a->hash = QC_HASH_SKIPPED;
        return 0;
    }
    return qc_package_hash_result(pkg, a, digest, &run->r->findings);
}

/* With one CPL given, only its track files are inspected. */
static int wanted(const QcPkgRun *run, int p, const QcAsset *a)
{
    if (!run->cpl_only[p])
        return 1;
    for (int k = 0; k < run->r->nb_compositions; k++)
        if (qc_composition_uses(&run->comps[k], a->id))
            return 1;
    return 0;
}

static int check_identity(QcPkgRun *run, const QcAsset *a, int first_track)
{
    if (first_track >= run->r->nb_tracks)
        return 0;
    const QcTrackReport *t = &run->r->tracks[first_track];
    uint8_t id[16];
    if (!t->opened || qc_uuid_parse(t->info.id, id) < 0 || !memcmp(id, a->id, 16))
        return 0;
    char listed[48];
    qc_uuid_format(a->id, listed, sizeof(listed));
    return qc_asset_finding(&run->r->findings, QC_CODE_ASSET_ID_MISMATCH, a,
                            "%s is listed as %s but its MXF file package says %s; the PKL, "
                            "ASSETMAP and CPL must use the track file's own UUID",
                            a->rel, listed, t->info.id);
}

static int map_tracks(QcPkgRun *run, int p, int asset, int from)
{
    const QcReport *r = run->r;
    size_t old = run->origin_cap;
    if (qc_grow((void **)&run->origin, &run->origin_cap, (size_t)r->nb_tracks + 1,
                sizeof(*run->origin)) < 0)
        return QC_ERR_NOMEM;
    for (size_t i = old; i < run->origin_cap; i++)
        run->origin[i] = (QcTrackOrigin){-1, -1};
    for (int t = from; t < r->nb_tracks; t++)
        run->origin[t] = (QcTrackOrigin){p, asset};
    return 0;
}

/* A track file of data essence (timed text, IAB, ancillary data): the engine does not inspect
 * its essence, but it still checks its identity. @return 1 when it is one, 0 otherwise. */
static int data_track_file(QcPkgRun *run, const QcAsset *a)
{
    const QcPkgHeader *h = qc_pkg_header(run, a);
    const QcMxfPackage *fp = h && h->resolved ? h->model.file_package : NULL;
    int data = fp && fp->nb_tracks > 0;
    for (int t = 0; data && t < fp->nb_tracks; t++)
        data = fp->tracks[t].kind != QC_MXF_TRACK_PICTURE && fp->tracks[t].kind != QC_MXF_TRACK_SOUND;
    if (data && memcmp(fp->umid + 16, a->id, 16)) {
        char have[48];
        qc_uuid_format(fp->umid + 16, have, sizeof(have));
        if (qc_asset_finding(&run->r->findings, QC_CODE_ASSET_ID_MISMATCH, a,
                             "%s is listed under another id than its MXF file package's %s",
                             a->rel, have) < 0)
            data = -1;
    }
    /* the metadata checks are done with it; the inspection reads the file on its own */
    qc_pkg_header_release(run, a);
    return data;
}

static int inspect_asset(QcPkgRun *run, int p, int i, QcError *err)
{
    QcPackage *pk = &run->pkgs[p];
    QcAsset *a = &pk->assets[i];
    int data = data_track_file(run, a);
    if (data < 0)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    if (data) { /* read once, for the digest only */
        run->r->tracks_expected--;
        return run->s->no_hash || hash_whole(run, pk, a) >= 0
                   ? 0
                   : qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    HashHook h = {run, pk, a, 0, 0};
    QcFileHooks hooks = {hash_opened, hash_done, &h};
    int before = run->r->nb_tracks;
    int ret = qc_inspect_one(a->path, a->display, &hooks, run->s, run->r, err);
    if (ret < 0 && ret != QC_ERR_CANCELLED)
        return ret;
    int mret = map_tracks(run, p, i, before);
    if (mret >= 0)
        mret = check_identity(run, a, before);
    /* a file no source could open is still hashed */
    if (mret >= 0 && !h.done && !run->s->no_hash && ret >= 0)
        mret = hash_whole(run, pk, a);
    if (mret < 0)
        return qc_error_set(err, mret, "out of memory");
    qc_inspect_announce(run->s, run->r);
    return ret;
}

int qc_pkg_inspect_assets(QcPkgRun *run, QcError *err)
{
    const QcInspectSettings *s = run->s;
    for (int p = 0; p < run->nb_current; p++)
        for (int i = 0; i < run->pkgs[p].nb_assets; i++) {
            const QcAsset *a = &run->pkgs[p].assets[i];
            run->r->tracks_expected += a->kind == QC_ASSET_MXF && !a->unsafe && !a->missing &&
                                       a->path && wanted(run, p, a);
        }
    for (int p = 0; p < run->nb_current; p++) {
        QcPackage *pk = &run->pkgs[p];
        for (int i = 0; i < pk->nb_assets; i++) {
            QcAsset *a = &pk->assets[i];
            if (s->cancel && *s->cancel)
                return QC_ERR_CANCELLED;
            if (a->unsafe || a->missing || !a->path)
                continue;
            int ret = 0;
            if (a->kind == QC_ASSET_MXF && wanted(run, p, a))
                ret = inspect_asset(run, p, i, err);
            else if (!s->no_hash && (a->kind != QC_ASSET_MXF))
                ret = hash_whole(run, pk, a) < 0 ? qc_error_set(err, QC_ERR_NOMEM, "out of memory")
                                                 : 0;
            if (ret < 0)
                return ret;
        }
    }
    return 0;
}

/* The asset id a report track came from (what CPLs name), or NULL. */
static const uint8_t *track_asset_id(const QcPkgRun *run, int t)
{
    if (t < 0 || (size_t)t >= run->origin_cap || run->origin[t].pkg < 0)
        return NULL;
    return run->pkgs[run->origin[t].pkg].assets[run->origin[t].asset].id;
}

static void track_rate(const QcTrackInfo *i, int32_t *num, int32_t *den)
{
    if (i->kind == QC_MEDIA_VIDEO) {
        *num = i->rate_num;
        *den = i->rate_den;
    } else {
        *num = i->sample_rate;
        *den = 1;
    }
}

/* Copies of @p f at every composition position playing it, into @p out. @return copies made. */
static int place_one(const QcPkgRun *run, const QcFinding *f, QcFindingList *out)
{
    const uint8_t *id = track_asset_id(run, f->track);
    if (!id)
        return 0;
    int32_t num, den;
    track_rate(&run->r->tracks[f->track].info, &num, &den);
    int made = 0;
    for (int k = 0; k < run->r->nb_compositions; k++) {
        const QcComposition *c = &run->comps[k];
        if (!qc_composition_uses(c, id))
            continue;
        int64_t pos[QC_MAX_PLACEMENTS];
        int n = 1;
        pos[0] = -1;
        if (f->start >= 0)
            n = qc_composition_place(c, id, num, den, f->start, pos, QC_MAX_PLACEMENTS);
        for (int i = 0; i < n && i < QC_MAX_PLACEMENTS; i++) {
            QcFinding g = *f;
            g.composition = k;
            g.comp_start = pos[i];
            if (i == 0 && n > QC_MAX_PLACEMENTS)
                qc_finding_detail_int(&g, "more_positions", n - QC_MAX_PLACEMENTS);
            if (qc_finding_list_add(out, &g) < 0)
                return QC_ERR_NOMEM;
            made++;
        }
    }
    return made;
}

/* A resource against the track file it plays: IntrinsicDuration, the end of the essence. */
static int check_resource(QcPkgRun *run, int k, const QcPlacement *p, int t)
{
    const QcTrackInfo *i = &run->r->tracks[t].info;
    const QcCplResource *res = p->res;
    int32_t num, den;
    track_rate(i, &num, &den);
    if (i->duration < 0 || num <= 0 || den <= 0)
        return 0;
    int64_t have = (int64_t)((__int128)i->duration * res->rate_num * den /
                             ((__int128)res->rate_den * num));
    char rid[48];
    qc_uuid_format(res->id, rid, sizeof(rid));
    QcFinding f;
    qc_finding_init(&f, QC_CODE_CPL_TIMELINE);
    f.composition = k;
    f.comp_start = p->start;
    f.track = t;
    qc_finding_detail_string(&f, "resource", rid);
    if (res->entry + res->duration > have && res->entry + res->duration <= res->intrinsic) {
        qc_finding_message(&f,
                           "resource %s plays edit units %lld to %lld but its track file holds "
                           "only %lld",
                           rid, (long long)res->entry, (long long)(res->entry + res->duration),
                           (long long)have);
    } else if (res->intrinsic != have) {
        f.severity = QC_SEV_ISSUE;
        qc_finding_message(&f,
                           "resource %s says IntrinsicDuration %lld; its track file holds %lld "
                           "edit units at %d/%d",
                           rid, (long long)res->intrinsic, (long long)have, res->rate_num,
                           res->rate_den);
    } else {
        return 0;
    }
    return qc_finding_list_add(&run->r->findings, &f);
}

/* Links each report resource to the track that inspected its track file, and checks it. */
static int link_resources(QcPkgRun *run)
{
    for (int k = 0; k < run->r->nb_compositions; k++) {
        const QcComposition *c = &run->comps[k];
        QcCompositionReport *o = &run->r->compositions[k];
        int *next = calloc((size_t)c->nb_tracks + 1, sizeof(int));
        if (!next)
            return QC_ERR_NOMEM;
        for (int i = 0; i < c->nb_placements; i++) {
            const QcPlacement *p = &c->placements[i];
            int slot = next[p->track]++;
            if (!p->res->has_track_file || p->track >= o->nb_tracks ||
                slot >= o->tracks[p->track].nb_resources)
                continue;
            for (int t = 0; t < run->r->nb_tracks; t++) {
                const uint8_t *id = track_asset_id(run, t);
                if (!id || memcmp(id, p->res->track_file, 16) || !run->r->tracks[t].opened)
                    continue;
                o->tracks[p->track].resources[slot].track = t;
                if (check_resource(run, k, p, t) < 0) {
                    free(next);
                    return QC_ERR_NOMEM;
                }
                break;
            }
        }
        free(next);
    }
    return 0;
}

int qc_pkg_place_findings(QcPkgRun *run)
{
    QcFindingList out = {0};
    QcFindingList *in = &run->r->findings;
    /* copies of a finding already announced are not new findings */
    size_t announced = 0;
    for (size_t i = 0; i < in->count; i++) {
        const QcFinding *f = &in->items[i];
        int made = f->composition < 0 && f->track >= 0 ? place_one(run, f, &out) : 0;
        if (made < 0 || (made == 0 && qc_finding_list_add(&out, f) < 0)) {
            qc_finding_list_free(&out);
            return QC_ERR_NOMEM;
        }
        if (i < run->r->findings_announced)
            announced = out.count;
    }
    qc_finding_list_free(in);
    *in = out;
    run->r->findings_announced = announced;
    return link_resources(run);
}
