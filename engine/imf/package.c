// SPDX-License-Identifier: MIT
/* Loading a package: ASSETMAP → assets with safe paths → PKLs → sizes → CPLs (primer App. A). */
#include "engine/imf/package.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/imf/package_internal.h"
#include "engine/io/safe_path.h"
#include "engine/io/sha1.h"
#include "engine/mxf/ul.h"

int qc_asset_finding(QcFindingList *l, QcCode code, const QcAsset *a, const char *fmt, ...)
{
    QcFinding f;
    qc_finding_init(&f, code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f.message, sizeof(f.message), fmt, ap);
    va_end(ap);
    char id[48];
    qc_uuid_format(a->id, id, sizeof(id));
    qc_finding_detail_string(&f, "asset", id);
    if (a->rel)
        qc_finding_detail_string(&f, "path", a->rel);
    return qc_finding_list_add(l, &f);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

int qc_package_is_dir(const char *dir)
{
    struct stat st;
    char path[PATH_MAX];
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    snprintf(path, sizeof(path), "%s/ASSETMAP.xml", dir);
    if (access(path, F_OK) == 0)
        return 1;
    snprintf(path, sizeof(path), "%s/ASSETMAP", dir);
    return access(path, F_OK) == 0;
}

/* Where an ASSETMAP asset lives, or why it may not be opened. */
static int locate(QcPackage *p, QcAsset *a, QcFindingList *findings)
{
    char why[512];
    const char *lex = qc_path_check(a->rel);
    if (lex) {
        a->unsafe = 1;
        return qc_asset_finding(findings, QC_CODE_ASSET_PATH_UNSAFE, a,
                                "ASSETMAP path \"%.80s\" %s; the file was not opened", a->rel, lex);
    }
    int r = qc_path_resolve(p->root_real, a->rel, &a->path, why, sizeof(why));
    if (r < 0)
        return r;
    if (r == 1) {
        a->unsafe = 1;
        return qc_asset_finding(findings, QC_CODE_ASSET_PATH_UNSAFE, a,
                                "ASSETMAP path \"%.80s\" %s; the file was not opened", a->rel, why);
    }
    if (r == 2) {
        a->missing = 1;
        return 0; /* reported once we know whether a PKL needs it */
    }
    struct stat st;
    a->size = stat(a->path, &st) == 0 ? (int64_t)st.st_size : -1;
    return 0;
}

static int add_assets(QcPackage *p, QcFindingList *findings)
{
    if (qc_grow((void **)&p->assets, &p->assets_cap, (size_t)p->am.nb_assets + 1,
                sizeof(QcAsset)) < 0)
        return QC_ERR_NOMEM;
    memset(p->assets, 0, p->assets_cap * sizeof(QcAsset));
    for (int i = 0; i < p->am.nb_assets; i++) {
        const QcAmAsset *m = &p->am.assets[i];
        QcAsset *a = &p->assets[p->nb_assets++];
        memcpy(a->id, m->id, 16);
        a->pkl = -1;
        a->size = -1;
        a->cpl = -1;
        a->kind = m->packing_list ? QC_ASSET_PKL : QC_ASSET_OTHER;
        if (!m->path)
            continue;
        if (!(a->rel = strdup(m->path)) || !(a->display = join(p->root, m->path)))
            return QC_ERR_NOMEM;
        int ret = locate(p, a, findings);
        if (ret < 0)
            return ret;
        if (a->size >= 0 && m->length >= 0 && m->length != a->size &&
            (ret = qc_asset_finding(findings, QC_CODE_ASSETMAP_INVALID, a,
                                    "ASSETMAP says %s is %lld bytes long; the file has %lld",
                                    m->path, (long long)m->length, (long long)a->size)) < 0)
            return ret;
    }
    return 0;
}

QcAsset *qc_package_asset(const QcPackage *p, const uint8_t id[16])
{
    for (int i = 0; i < p->nb_assets; i++)
        if (!memcmp(p->assets[i].id, id, 16))
            return &p->assets[i];
    return NULL;
}

const QcPklAsset *qc_package_pkl_entry(const QcPackage *p, const QcAsset *a)
{
    return a->pkl >= 0 ? &p->pkls[a->pkl].assets[a->pkl_asset] : NULL;
}

/* A PKL entry: linked to its ASSETMAP asset (added as unmapped when the map lacks it), its
 * presence and size checked. */
static int link_pkl_asset(QcPackage *p, int k, int j, QcFindingList *findings)
{
    const QcPklAsset *x = &p->pkls[k].assets[j];
    QcAsset *a = qc_package_asset(p, x->id);
    if (!a) {
        if (qc_grow((void **)&p->assets, &p->assets_cap, (size_t)p->nb_assets + 1,
                    sizeof(QcAsset)) < 0)
            return QC_ERR_NOMEM;
        a = &p->assets[p->nb_assets++];
        memset(a, 0, sizeof(*a));
        memcpy(a->id, x->id, 16);
        a->size = -1;
        a->cpl = -1;
        a->missing = 1;
        a->pkl = k;
        a->pkl_asset = j;
        return qc_asset_finding(findings, QC_CODE_ASSET_MISSING, a,
                                "the PKL lists asset \"%.80s\" but the ASSETMAP does not say "
                                "where it is",
                                x->original[0] ? x->original : "(no OriginalFileName)");
    }
    if (a->pkl >= 0)
        return 0; /* listed by an earlier PKL of this package */
    a->pkl = k;
    a->pkl_asset = j;
    if (!strcmp(x->type, "application/mxf"))
        a->kind = QC_ASSET_MXF;
    if (a->unsafe)
        return 0;
    if (a->missing)
        return qc_asset_finding(findings, QC_CODE_ASSET_MISSING, a,
                                "%s is listed in the PKL but is not in the package", a->rel);
    if (x->size >= 0 && a->size >= 0 && x->size != a->size)
        return qc_asset_finding(findings, QC_CODE_ASSET_SIZE_MISMATCH, a,
                                "%s has %lld bytes; the PKL says %lld", a->rel,
                                (long long)a->size, (long long)x->size);
    return 0;
}

static int load_pkls(QcPackage *p, QcFindingList *findings)
{
    int n = 0;
    for (int i = 0; i < p->nb_assets; i++)
        n += p->assets[i].kind == QC_ASSET_PKL;
    if (!n)
        return qc_doc_finding(findings, QC_CODE_PKL_INVALID, "ASSETMAP.xml", 0,
                              "no asset has PackingList true: the package has no Packing List");
    if (!(p->pkls = calloc((size_t)n, sizeof(QcPkl))))
        return QC_ERR_NOMEM;
    for (int i = 0; i < p->nb_assets; i++) {
        QcAsset *a = &p->assets[i];
        if (a->kind != QC_ASSET_PKL || !a->path) {
            if (a->kind == QC_ASSET_PKL && a->missing &&
                qc_asset_finding(findings, QC_CODE_ASSET_MISSING, a,
                                 "the Packing List %s is not in the package", a->rel) < 0)
                return QC_ERR_NOMEM;
            continue;
        }
        QcPkl *pkl = &p->pkls[p->nb_pkls];
        int ret = qc_pkl_load(pkl, a->path, findings);
        if (ret < 0)
            return ret;
        p->nb_pkls++;
        char id[48];
        qc_uuid_format(pkl->id, id, sizeof(id));
        if (ret == 0 && memcmp(pkl->id, a->id, 16) &&
            qc_asset_finding(findings, QC_CODE_ASSET_ID_MISMATCH, a,
                             "the Packing List %s has Id %s; the ASSETMAP maps it under another",
                             a->rel, id) < 0)
            return QC_ERR_NOMEM;
    }
    for (int k = 0; k < p->nb_pkls; k++)
        for (int j = 0; j < p->pkls[k].nb_assets; j++) {
            int ret = link_pkl_asset(p, k, j, findings);
            if (ret < 0)
                return ret;
        }
    /* an ASSETMAP may map assets of other packages on the volume: worth a note, not a defect */
    for (int i = 0; i < p->nb_assets; i++)
        if (p->assets[i].pkl < 0 && p->assets[i].kind != QC_ASSET_PKL && p->assets[i].rel &&
            qc_asset_finding(findings, QC_CODE_ASSET_UNLISTED, &p->assets[i],
                             "%s is in the ASSETMAP but no PKL of the package lists it",
                             p->assets[i].rel) < 0)
            return QC_ERR_NOMEM;
    return 0;
}

static int load_cpls(QcPackage *p, QcFindingList *findings)
{
    int n = 0;
    for (int i = 0; i < p->nb_assets; i++) {
        const QcPklAsset *x = qc_package_pkl_entry(p, &p->assets[i]);
        n += x && !strcmp(x->type, "text/xml") && p->assets[i].path;
    }
    if (!n)
        return 0;
    if (!(p->cpls = calloc((size_t)n, sizeof(QcCpl))))
        return QC_ERR_NOMEM;
    for (int i = 0; i < p->nb_assets; i++) {
        QcAsset *a = &p->assets[i];
        const QcPklAsset *x = qc_package_pkl_entry(p, a);
        if (!x || strcmp(x->type, "text/xml") || !a->path)
            continue;
        QcCpl *cpl = &p->cpls[p->nb_cpls];
        int ret = qc_cpl_load(cpl, a->path, findings);
        if (ret < 0) {
            qc_cpl_free(cpl);
            return ret;
        }
        if (ret == 1) { /* an OPL or a sidecar document: listed, hashed, not a composition */
            qc_cpl_free(cpl);
            continue;
        }
        a->kind = QC_ASSET_CPL;
        a->cpl = p->nb_cpls++;
        char id[48];
        qc_uuid_format(cpl->id, id, sizeof(id));
        if (ret == 0 && memcmp(cpl->id, a->id, 16) &&
            qc_asset_finding(findings, QC_CODE_ASSET_ID_MISMATCH, a,
                             "the CPL %s has Id %s but the PKL and ASSETMAP list it under "
                             "another id",
                             a->rel, id) < 0)
            return QC_ERR_NOMEM;
    }
    return 0;
}

int qc_package_hash_result(const QcPackage *p, QcAsset *a, const uint8_t digest[20],
                           QcFindingList *findings)
{
    const QcPklAsset *x = qc_package_pkl_entry(p, a);
    if (!x || !x->hash_ok) {
        a->hash = QC_HASH_SKIPPED;
        return 0;
    }
    if (!memcmp(x->hash, digest, 20)) {
        a->hash = QC_HASH_OK;
        return 0;
    }
    a->hash = QC_HASH_MISMATCH;
    char got[QC_SHA1_B64_SIZE];
    qc_sha1_to_base64(digest, got);
    return qc_asset_finding(findings, QC_CODE_ASSET_HASH_MISMATCH, a,
                            "the SHA-1 of %s is %s; the PKL says %s: the file changed after "
                            "packing or was damaged in transfer",
                            a->rel ? a->rel : "(unmapped)", got, x->hash_text);
}

static int open_root(QcPackage *p, const char *dir, const char **am_name)
{
    if (!(p->root = strdup(dir)))
        return QC_ERR_NOMEM;
    for (size_t n = strlen(p->root); n > 1 && p->root[n - 1] == '/'; n--)
        p->root[n - 1] = 0; /* "imp/" and "imp" name the same assets */
    p->root_real = realpath(dir, NULL);
    if (!p->root_real)
        return errno == ENOMEM ? QC_ERR_NOMEM : QC_ERR_IO;
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/ASSETMAP.xml", p->root_real);
    *am_name = access(path, F_OK) == 0 ? "ASSETMAP.xml" : "ASSETMAP";
    return 0;
}

int qc_package_load(QcPackage *p, const char *dir, int previous, QcFindingList *findings)
{
    memset(p, 0, sizeof(*p));
    p->previous = previous;
    const char *am_name;
    int ret = open_root(p, dir, &am_name);
    if (ret < 0)
        return ret;
    char *am_path = join(p->root_real, am_name);
    if (!am_path)
        return QC_ERR_NOMEM;
    if (!strcmp(am_name, "ASSETMAP"))
        ret = qc_doc_finding(findings, QC_CODE_ASSETMAP_INVALID, am_path, 0,
                             "the Asset Map is named ASSETMAP, the Interop DCP name; IMF names it "
                             "ASSETMAP.xml");
    if (ret >= 0)
        ret = qc_assetmap_load(&p->am, am_path, findings);
    free(am_path);
    if (ret == 0)
        ret = add_assets(p, findings);
    if (ret >= 0 && p->nb_assets)
        ret = load_pkls(p, findings);
    if (ret >= 0)
        ret = load_cpls(p, findings);
    if (ret >= 0)
        ret = qc_package_find_unlisted(p, findings);
    return ret < 0 ? ret : 0;
}

void qc_package_free(QcPackage *p)
{
    for (int i = 0; i < p->nb_assets; i++) {
        free(p->assets[i].rel);
        free(p->assets[i].display);
        free(p->assets[i].path);
    }
    free(p->assets);
    for (int i = 0; i < p->nb_pkls; i++)
        qc_pkl_free(&p->pkls[i]);
    free(p->pkls);
    for (int i = 0; i < p->nb_cpls; i++)
        qc_cpl_free(&p->cpls[i]);
    free(p->cpls);
    qc_assetmap_free(&p->am);
    free(p->root);
    free(p->root_real);
    memset(p, 0, sizeof(*p));
}
