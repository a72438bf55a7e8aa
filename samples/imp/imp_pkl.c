// SPDX-License-Identifier: MIT
/*
 * The Packing List (ST 2067-2:2016 PKL: SHA-1 hashes with HashAlgorithm) and the Asset Map (ST
 * 429-9), with the package defects that live in them: a wrong Hash or Size, and ASSETMAP paths that
 * leave the package.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/io/sha1.h"
#include "imp.h"
#include "synth_cmd.h"

/* The assets after the CPL, in file order: every track file inside DIR. */
static int first_asset(const QcImp *imp, const int audio_only)
{
    for (int i = 0; i < imp->nfiles; i++)
        if (imp->files[i].rel && (!audio_only || imp->files[i].kind == QC_IMP_AUDIO))
            return i;
    return -1;
}

static const char *base_name(const char *rel)
{
    const char *s = strrchr(rel, '/');
    return s ? s + 1 : rel;
}

/* A well-formed digest that is not the file's: what a PKL made before a last-minute edit carries.
 */
static int other_hash(char out[QC_IMP_B64_SIZE])
{
    static const char text[] = "imfqc-synth: these are not the bytes of the track file";
    QcSha1 *h;
    uint8_t d[QC_SHA1_SIZE];
    if (qc_sha1_new(&h))
        return -1;
    qc_sha1_update(h, text, sizeof(text) - 1);
    const int r = qc_sha1_final(h, d);
    qc_sha1_free(&h);
    if (!r)
        qc_sha1_to_base64(d, out);
    return r;
}

static int pkl_asset(xmlNodePtr list, xmlNsPtr ns, const uint8_t id[16], const char *hash,
                     const int64_t size, const char *type, const char *name)
{
    xmlNodePtr a = xmlNewChild(list, ns, BAD_CAST "Asset", NULL);
    xmlNodePtr alg;
    if (!a || !qc_imp_xml_urn(a, ns, "Id", id) || !qc_imp_xml_text(a, ns, "Hash", hash) ||
        !qc_imp_xml_int(a, ns, "Size", size) || !qc_imp_xml_text(a, ns, "Type", type) ||
        !qc_imp_xml_text(a, ns, "OriginalFileName", name) ||
        !(alg = xmlNewChild(a, ns, BAD_CAST "HashAlgorithm", NULL)))
        return -1;
    return xmlNewProp(alg, BAD_CAST "Algorithm", BAD_CAST QC_IMP_SHA1_ALGORITHM) ? 0 : -1;
}

static int pkl_assets(const QcImp *imp, xmlNodePtr root, xmlNsPtr ns)
{
    xmlNodePtr list = xmlNewChild(root, ns, BAD_CAST "AssetList", NULL);
    if (!list || pkl_asset(list, ns, imp->cpl_asset_id, imp->cpl_hash, imp->cpl_size, "text/xml",
                           base_name(imp->cpl_path)))
        return -1;
    const int bad = imp->defects & (QC_IMP_D_HASH | QC_IMP_D_SIZE) ? first_asset(imp, 0) : -1;
    for (int i = 0; i < imp->nfiles; i++) {
        const QcImpFile *f = &imp->files[i];
        char hash[QC_IMP_B64_SIZE];
        memcpy(hash, f->hash, sizeof(hash));
        int64_t size = f->size;
        if (i == bad && (imp->defects & QC_IMP_D_HASH) && other_hash(hash))
            return -1;
        if (i == bad && (imp->defects & QC_IMP_D_SIZE))
            size++;
        if (f->rel && pkl_asset(list, ns, f->id, hash, size, "application/mxf", base_name(f->rel)))
            return -1;
    }
    return 0;
}

static int pkl_header(const QcImp *imp, xmlNodePtr root, xmlNsPtr ns)
{
    return !qc_imp_xml_urn(root, ns, "Id", imp->pkl_id) ||
           !qc_imp_xml_text(root, ns, "AnnotationText", imp->title) ||
           !qc_imp_xml_text(root, ns, "IssueDate", imp->issue_date) ||
           !qc_imp_xml_text(root, ns, "Issuer", "imfqc") ||
           !qc_imp_xml_text(root, ns, "Creator", "imfqc-synth imp");
}

static int pkl(const QcImp *imp)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = doc ? xmlNewDocNode(doc, NULL, BAD_CAST "PackingList", NULL) : NULL;
    if (root)
        xmlDocSetRootElement(doc, root); /* the document owns it from here, whatever fails next */
    xmlNsPtr ns = root ? xmlNewNs(root, BAD_CAST QC_IMP_NS_PKL, NULL) : NULL;
    if (ns)
        xmlSetNs(root, ns);
    int r = 0;
    if (!ns || pkl_header(imp, root, ns) || pkl_assets(imp, root, ns))
        r = qc_mxfw_cmd_die("out of memory");
    else if (qc_imp_xml_save(doc, imp->pkl_path))
        r = 2;
    xmlFreeDoc(doc);
    return r;
}

/* ---------------------------------------------------------------------------------------------- */

static int am_asset(xmlNodePtr list, xmlNsPtr ns, const uint8_t id[16], const int packing_list,
                    const char *path, const int64_t length)
{
    xmlNodePtr a = xmlNewChild(list, ns, BAD_CAST "Asset", NULL);
    if (!a || !qc_imp_xml_urn(a, ns, "Id", id) ||
        (packing_list && !qc_imp_xml_text(a, ns, "PackingList", "true")))
        return -1;
    xmlNodePtr chunks = xmlNewChild(a, ns, BAD_CAST "ChunkList", NULL);
    xmlNodePtr c = chunks ? xmlNewChild(chunks, ns, BAD_CAST "Chunk", NULL) : NULL;
    return !c || !qc_imp_xml_text(c, ns, "Path", path) ||
           !qc_imp_xml_int(c, ns, "VolumeIndex", 1) || !qc_imp_xml_int(c, ns, "Offset", 0) ||
           !qc_imp_xml_int(c, ns, "Length", length);
}

/* The ASSETMAP path of file @p i; the path defects point the first audio asset elsewhere. */
static int am_path(const QcImp *imp, const int i, char *out, const size_t size)
{
    const QcImpFile *f = &imp->files[i];
    const char *path = f->rel;
    char buf[PATH_MAX];
    if (i == first_asset(imp, 1)) {
        if (imp->defects & QC_IMP_D_PATH_DOTDOT) {
            snprintf(buf, sizeof(buf), "../%s", base_name(f->rel));
            path = buf;
        } else if (imp->defects & QC_IMP_D_PATH_ABSOLUTE) {
            path = "/etc/hostname";
        } else if (imp->defects & QC_IMP_D_PATH_SYMLINK) {
            path = "escape.mxf";
        }
    }
    return snprintf(out, size, "%s", path) >= (int)size ? -1 : 0;
}

static int am_assets(const QcImp *imp, xmlNodePtr root, xmlNsPtr ns, const int64_t pkl_size)
{
    xmlNodePtr list = xmlNewChild(root, ns, BAD_CAST "AssetList", NULL);
    if (!list || am_asset(list, ns, imp->pkl_id, 1, base_name(imp->pkl_path), pkl_size) ||
        am_asset(list, ns, imp->cpl_asset_id, 0, base_name(imp->cpl_path), imp->cpl_size))
        return -1;
    for (int i = 0; i < imp->nfiles; i++) {
        char path[PATH_MAX];
        if (imp->files[i].rel &&
            (am_path(imp, i, path, sizeof(path)) ||
             am_asset(list, ns, imp->files[i].id, 0, path, imp->files[i].size)))
            return -1;
    }
    return 0;
}

static int am_header(const QcImp *imp, xmlNodePtr root, xmlNsPtr ns)
{
    return !qc_imp_xml_urn(root, ns, "Id", imp->am_id) ||
           !qc_imp_xml_text(root, ns, "AnnotationText", imp->title) ||
           !qc_imp_xml_text(root, ns, "Creator", "imfqc-synth imp") ||
           !qc_imp_xml_int(root, ns, "VolumeCount", 1) ||
           !qc_imp_xml_text(root, ns, "IssueDate", imp->issue_date) ||
           !qc_imp_xml_text(root, ns, "Issuer", "imfqc");
}

static int assetmap(const QcImp *imp)
{
    struct stat st;
    if (stat(imp->pkl_path, &st))
        return qc_mxfw_cmd_die("%s: %s", imp->pkl_path, strerror(errno));
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root = doc ? xmlNewDocNode(doc, NULL, BAD_CAST "AssetMap", NULL) : NULL;
    if (root)
        xmlDocSetRootElement(doc, root);
    xmlNsPtr ns = root ? xmlNewNs(root, BAD_CAST QC_IMP_NS_AM, NULL) : NULL;
    if (ns)
        xmlSetNs(root, ns);
    int r = 0;
    if (!ns || am_header(imp, root, ns) || am_assets(imp, root, ns, (int64_t)st.st_size))
        r = qc_mxfw_cmd_die("out of memory");
    else if (qc_imp_xml_save(doc, imp->am_path))
        r = 2;
    xmlFreeDoc(doc);
    return r;
}

int qc_imp_pkl_write(QcImp *imp)
{
    const int r = pkl(imp);
    return r ? r : assetmap(imp);
}
