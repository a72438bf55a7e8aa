// SPDX-License-Identifier: MIT
/* Files in the package folder that no ASSETMAP entry names (ASSET_UNLISTED): walked without
 * following symbolic links, to a bounded depth and count, since the folder is untrusted. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/core/error.h"
#include "engine/imf/package_internal.h"

#define WALK_MAX_DEPTH 16
#define WALK_MAX_ENTRIES 100000
#define WALK_MAX_FINDINGS 50

typedef struct Walk {
    const QcPackage *p;
    QcFindingList *findings;
    int entries, reported, more;
} Walk;

static int is_listed(const QcPackage *p, const char *rel)
{
    if (!strcmp(rel, "ASSETMAP.xml") || !strcmp(rel, "ASSETMAP"))
        return 1;
    for (int i = 0; i < p->nb_assets; i++)
        if (p->assets[i].rel && !strcmp(p->assets[i].rel, rel))
            return 1;
    return 0;
}

static int unlisted(Walk *w, const char *rel)
{
    if (w->reported >= WALK_MAX_FINDINGS) {
        w->more++;
        return 0;
    }
    w->reported++;
    QcFinding f;
    qc_finding_init(&f, QC_CODE_ASSET_UNLISTED);
    qc_finding_message(&f, "%s is in the package folder but no ASSETMAP entry lists it", rel);
    qc_finding_detail_string(&f, "path", rel);
    return qc_finding_list_add(w->findings, &f);
}

static int walk(Walk *w, const char *abs, const char *rel, int depth)
{
    DIR *d = opendir(abs);
    if (!d)
        return 0; /* unreadable folders hold nothing we could inspect either */
    int ret = 0;
    struct dirent *e;
    while (ret >= 0 && (e = readdir(d)) && ++w->entries < WALK_MAX_ENTRIES) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t na = strlen(abs) + strlen(e->d_name) + 2, nr = strlen(rel) + strlen(e->d_name) + 2;
        char *ca = malloc(na), *cr = malloc(nr);
        if (!ca || !cr) {
            free(ca);
            free(cr);
            ret = QC_ERR_NOMEM;
            break;
        }
        snprintf(ca, na, "%s/%s", abs, e->d_name);
        snprintf(cr, nr, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        struct stat st;
        if (lstat(ca, &st) == 0) {
            if (S_ISDIR(st.st_mode) && depth < WALK_MAX_DEPTH)
                ret = walk(w, ca, cr, depth + 1);
            else if (!S_ISDIR(st.st_mode) && !is_listed(w->p, cr))
                ret = unlisted(w, cr);
        }
        free(ca);
        free(cr);
    }
    closedir(d);
    return ret;
}

int qc_package_find_unlisted(const QcPackage *p, QcFindingList *findings)
{
    Walk w = {p, findings, 0, 0, 0};
    int ret = walk(&w, p->root_real, "", 0);
    if (ret >= 0 && w.more) {
        QcFinding f;
        qc_finding_init(&f, QC_CODE_ASSET_UNLISTED);
        qc_finding_message(&f, "%d more files in the package folder are not listed", w.more);
        ret = qc_finding_list_add(findings, &f);
    }
    return ret;
}
