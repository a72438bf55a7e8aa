// SPDX-License-Identifier: MIT
/* Packing List (ST 429-8, ST 2067-2:2016): what every asset must weigh and hash (primer §8.1). */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/imf/docs.h"
#include "engine/imf/xml.h"
#include "engine/io/sha1.h"
#include "engine/mxf/ul.h"

#define BAD(...) qc_doc_finding(findings, QC_CODE_PKL_INVALID, path, __VA_ARGS__)

/* Hash, and HashAlgorithm when the 2016 schema requires it: only SHA-1 is known. */
static int read_hash(const xmlNode *a, QcPklAsset *x, int is2016, const char *path,
                     QcFindingList *findings)
{
    if (qc_xml_child_text(a, "Hash", x->hash_text, sizeof(x->hash_text)) < 0)
        return BAD(x->line, "<Asset> has no <Hash>");
    if (qc_sha1_from_base64(x->hash_text, x->hash) < 0)
        return BAD(x->line, "<Hash> \"%.40s\" is not the base64 of a 20-byte SHA-1 digest",
                   x->hash_text);
    xmlNode *alg = qc_xml_child(a, "HashAlgorithm");
    if (!alg) {
        x->hash_ok = 1;
        return is2016 ? BAD(x->line, "<Asset> has no <HashAlgorithm> (required by ST 2067-2:2016)")
                      : 0;
    }
    xmlChar *uri = xmlGetProp(alg, (const xmlChar *)"Algorithm");
    int ret = 0;
    if (!uri || strcmp((const char *)uri, QC_SHA1_URI))
        ret = BAD(qc_xml_line(alg), "<HashAlgorithm> \"%.80s\" is not one the engine verifies (%s)",
                  uri ? (const char *)uri : "", QC_SHA1_URI);
    else
        x->hash_ok = 1;
    xmlFree(uri);
    return ret;
}

static int read_asset(const xmlNode *a, QcPklAsset *x, int is2016, const char *path,
                      QcFindingList *findings)
{
    char text[512];
    x->line = qc_xml_line(a);
    x->size = -1;
    int ret = 0;
    if (qc_xml_child_text(a, "Id", text, sizeof(text)) < 0 || qc_uuid_parse(text, x->id) < 0)
        ret = BAD(x->line, "<Asset> has no valid <Id> (\"%.60s\")", text);
    uint64_t v = 0;
    if (ret >= 0 && (qc_xml_child_text(a, "Size", text, sizeof(text)) < 0 ||
                     qc_xml_parse_u64(text, &v) < 0 || v > INT64_MAX))
        ret = BAD(x->line, "<Asset> has no valid <Size> (\"%.30s\")", text);
    else
        x->size = (int64_t)v;
    if (ret >= 0 && qc_xml_child_text(a, "Type", text, sizeof(text)) < 0)
        ret = BAD(x->line, "<Asset> has no <Type>");
    char *semi = strchr(text, ';');
    if (semi)
        *semi = 0;
    snprintf(x->type, sizeof(x->type), "%.63s", text);
    qc_xml_child_text(a, "OriginalFileName", x->original, sizeof(x->original));
    if (ret >= 0)
        ret = read_hash(a, x, is2016, path, findings);
    return ret;
}

static int read_assets(QcPkl *pkl, const xmlNode *list, int is2016, const char *path,
                       QcFindingList *findings)
{
    size_t cap = 0;
    for (xmlNode *a = qc_xml_child(list, "Asset"); a; a = qc_xml_next_same(a)) {
        if (qc_grow((void **)&pkl->assets, &cap, (size_t)pkl->nb_assets + 1, sizeof(QcPklAsset)) <
            0)
            return QC_ERR_NOMEM;
        QcPklAsset *x = &pkl->assets[pkl->nb_assets++];
        memset(x, 0, sizeof(*x));
        int ret = read_asset(a, x, is2016, path, findings);
        for (int i = 0; ret >= 0 && i + 1 < pkl->nb_assets; i++)
            if (!memcmp(pkl->assets[i].id, x->id, 16)) {
                char id[48];
                qc_uuid_format(x->id, id, sizeof(id));
                ret = BAD(x->line, "asset %s is listed twice", id);
                break;
            }
        if (ret < 0)
            return ret;
    }
    return 0;
}

int qc_pkl_load(QcPkl *pkl, const char *path, QcFindingList *findings)
{
    memset(pkl, 0, sizeof(*pkl));
    if (!(pkl->file = strdup(path)))
        return QC_ERR_NOMEM;
    xmlDocPtr doc;
    char why[512];
    int ret = qc_xml_read(path, &doc, why, sizeof(why));
    if (ret < 0)
        return ret;
    if (ret)
        return BAD(0, "%s", why) < 0 ? QC_ERR_NOMEM : 1;
    xmlNode *root = xmlDocGetRootElement(doc);
    int is2016 = qc_xml_is(root, QC_NS_PKL_2016, "PackingList");
    if (!is2016 && !qc_xml_is(root, QC_NS_PKL_2007, "PackingList")) {
        ret = BAD(qc_xml_line(root),
                  "root element <%s> is not a <PackingList> in the ST 429-8 or ST 2067-2:2016 "
                  "namespace",
                  (const char *)root->name);
        xmlFreeDoc(doc);
        return ret < 0 ? ret : 1;
    }
    char text[256];
    if (qc_xml_child_text(root, "Id", text, sizeof(text)) < 0 || qc_uuid_parse(text, pkl->id) < 0)
        ret = BAD(qc_xml_line(root), "<PackingList> has no valid <Id>");
    xmlNode *list = qc_xml_child(root, "AssetList");
    if (ret >= 0)
        ret = read_assets(pkl, list, is2016, path, findings);
    if (ret >= 0 && pkl->nb_assets == 0)
        ret = BAD(qc_xml_line(list ? list : root), "<AssetList> lists no asset");
    xmlFreeDoc(doc);
    return ret < 0 ? ret : 0;
}

void qc_pkl_free(QcPkl *pkl)
{
    free(pkl->assets);
    free(pkl->file);
    memset(pkl, 0, sizeof(*pkl));
}

const QcPklAsset *qc_pkl_find(const QcPkl *pkl, const uint8_t id[16])
{
    for (int i = 0; i < pkl->nb_assets; i++)
        if (!memcmp(pkl->assets[i].id, id, 16))
            return &pkl->assets[i];
    return NULL;
}
