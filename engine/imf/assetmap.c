// SPDX-License-Identifier: MIT
/* ASSETMAP (ST 429-9): the map from asset ids to files, and its conformance rules (primer §8.2). */
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/imf/docs.h"
#include "engine/imf/xml.h"
#include "engine/mxf/ul.h"

int qc_doc_finding(QcFindingList *l, QcCode code, const char *file, long line, const char *fmt,
                   ...)
{
    QcFinding f;
    qc_finding_init(&f, code);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (line > 0)
        qc_finding_message(&f, "%s line %ld: %s", base, line, msg);
    else
        qc_finding_message(&f, "%s: %s", base, msg);
    qc_finding_detail_string(&f, "document", base);
    if (line > 0)
        qc_finding_detail_int(&f, "line", line);
    return qc_finding_list_add(l, &f);
}

#define BAD(...) qc_doc_finding(findings, QC_CODE_ASSETMAP_INVALID, path, __VA_ARGS__)

/* One Asset element: Id, PackingList, and exactly one Chunk with Path, VolumeIndex 1, Offset 0. */
static int read_asset(const xmlNode *a, QcAmAsset *out, const char *path, QcFindingList *findings)
{
    char text[4096];
    int ret = 0;
    out->line = qc_xml_line(a);
    out->length = -1;
    if (qc_xml_child_text(a, "Id", text, sizeof(text)) < 0 || qc_uuid_parse(text, out->id) < 0)
        ret = BAD(out->line, "<Asset> has no valid <Id> (\"%.60s\")", text);
    if (!ret && !qc_xml_child_text(a, "PackingList", text, sizeof(text)))
        out->packing_list = !strcmp(text, "true") || !strcmp(text, "1");
    xmlNode *cl = qc_xml_child(a, "ChunkList");
    xmlNode *ch = qc_xml_child(cl, "Chunk");
    if (!ch)
        return ret ? ret : BAD(out->line, "<Asset> has no <ChunkList>/<Chunk>");
    if (!ret && qc_xml_next_same(ch))
        ret = BAD(qc_xml_line(ch), "<Asset> has more than one <Chunk> (ST 429-9 allows one)");
    if (qc_xml_child_text(ch, "Path", text, sizeof(text)) < 0 || !text[0])
        return ret ? ret : BAD(qc_xml_line(ch), "<Chunk> has no <Path>");
    if (!(out->path = strdup(text)))
        return QC_ERR_NOMEM;
    uint64_t v = 0;
    if (!ret && !qc_xml_child_text(ch, "VolumeIndex", text, sizeof(text)) &&
        (qc_xml_parse_u64(text, &v) < 0 || v != 1))
        ret = BAD(qc_xml_line(ch), "<VolumeIndex> is %.20s; a package has one volume", text);
    if (!ret && !qc_xml_child_text(ch, "Offset", text, sizeof(text)) &&
        (qc_xml_parse_u64(text, &v) < 0 || v != 0))
        ret = BAD(qc_xml_line(ch), "<Offset> is %.20s; it must be 0", text);
    if (!qc_xml_child_text(ch, "Length", text, sizeof(text))) {
        if (qc_xml_parse_u64(text, &v) < 0 || v > INT64_MAX)
            ret = ret ? ret : BAD(qc_xml_line(ch), "<Length> \"%.20s\" is not a size", text);
        else
            out->length = (int64_t)v;
    }
    return ret < 0 ? ret : 0;
}

static int read_assets(QcAssetMap *am, const xmlNode *list, const char *path,
                       QcFindingList *findings)
{
    size_t cap = 0;
    for (xmlNode *a = qc_xml_child(list, "Asset"); a; a = qc_xml_next_same(a)) {
        if (qc_grow((void **)&am->assets, &cap, (size_t)am->nb_assets + 1, sizeof(QcAmAsset)) < 0)
            return QC_ERR_NOMEM;
        QcAmAsset *x = &am->assets[am->nb_assets++];
        memset(x, 0, sizeof(*x));
        int ret = read_asset(a, x, path, findings);
        if (ret < 0)
            return ret;
        for (int i = 0; i + 1 < am->nb_assets; i++)
            if (!memcmp(am->assets[i].id, x->id, 16)) {
                char id[48];
                qc_uuid_format(x->id, id, sizeof(id));
                if ((ret = BAD(x->line, "asset %s is listed twice", id)) < 0)
                    return ret;
                break;
            }
    }
    return 0;
}

int qc_assetmap_load(QcAssetMap *am, const char *path, QcFindingList *findings)
{
    memset(am, 0, sizeof(*am));
    xmlDocPtr doc;
    char why[512];
    int ret = qc_xml_read(path, &doc, why, sizeof(why));
    if (ret < 0)
        return ret;
    if (ret)
        return BAD(0, "%s", why) < 0 ? QC_ERR_NOMEM : 1;
    xmlNode *root = xmlDocGetRootElement(doc);
    char text[256];
    if (!qc_xml_is(root, QC_NS_AM, "AssetMap")) {
        ret = BAD(qc_xml_line(root), "root element <%s> is not an ST 429-9 <AssetMap> (namespace %s)",
                  (const char *)root->name, QC_NS_AM);
        xmlFreeDoc(doc);
        return ret < 0 ? ret : 1;
    }
    if (qc_xml_child_text(root, "Id", text, sizeof(text)) < 0 || qc_uuid_parse(text, am->id) < 0)
        ret = BAD(qc_xml_line(root), "<AssetMap> has no valid <Id>");
    uint64_t v = 0;
    if (ret >= 0 && (qc_xml_child_text(root, "VolumeCount", text, sizeof(text)) < 0 ||
                     qc_xml_parse_u64(text, &v) < 0 || v != 1))
        ret = BAD(qc_xml_line(root), "<VolumeCount> is \"%.20s\"; an IMF package has exactly 1",
                  text);
    xmlNode *list = qc_xml_child(root, "AssetList");
    if (ret >= 0)
        ret = read_assets(am, list, path, findings);
    if (ret >= 0 && am->nb_assets == 0)
        ret = BAD(qc_xml_line(list ? list : root), "<AssetList> lists no asset");
    xmlFreeDoc(doc);
    return ret < 0 ? ret : 0;
}

void qc_assetmap_free(QcAssetMap *am)
{
    for (int i = 0; i < am->nb_assets; i++)
        free(am->assets[i].path);
    free(am->assets);
    memset(am, 0, sizeof(*am));
}

const QcAmAsset *qc_assetmap_find(const QcAssetMap *am, const uint8_t id[16])
{
    for (int i = 0; i < am->nb_assets; i++)
        if (!memcmp(am->assets[i].id, id, 16))
            return &am->assets[i];
    return NULL;
}
