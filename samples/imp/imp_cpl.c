// SPDX-License-Identifier: MIT
/*
 * The Composition Playlist (ST 2067-3:2016, sequences from ST 2067-2:2016): one segment, a
 * MainImageSequence and a MainAudioSequence, the EssenceDescriptorList in RegXML, and reading the
 * timeline identity (ContentTitle, virtual TrackIds) of an earlier CPL for --like.
 */
#include <inttypes.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "imp.h"
#include "synth_cmd.h"

#define LIKE_MAX_BYTES (64 << 20) /* a CPL that size is broken, not large */

static const char *const seq_name[QC_IMP_KINDS] = {"MainImageSequence", "MainAudioSequence"};

typedef struct Cpl {
    QcImp *imp; ///< not const: the descriptors move from the files into the document
    xmlNsPtr ns, cc, xsi;
} Cpl;

static int header(const Cpl *c, xmlNodePtr root)
{
    const QcImp *imp = c->imp;
    return !qc_imp_xml_urn(root, c->ns, "Id", imp->cpl_id) ||
           !qc_imp_xml_text(root, c->ns, "IssueDate", imp->issue_date) ||
           !qc_imp_xml_text(root, c->ns, "Issuer", "imfqc") ||
           !qc_imp_xml_text(root, c->ns, "Creator", "imfqc-synth imp") ||
           !qc_imp_xml_text(root, c->ns, "ContentTitle", imp->title);
}

static int descriptors(const Cpl *c, xmlNodePtr root)
{
    QcImp *imp = c->imp;
    xmlNodePtr list = xmlNewChild(root, c->ns, BAD_CAST "EssenceDescriptorList", NULL);
    for (int i = 0; list && i < imp->nfiles; i++) {
        QcImpFile *f = &imp->files[i];
        xmlNodePtr ed = xmlNewChild(list, c->ns, BAD_CAST "EssenceDescriptor", NULL);
        if (!ed || !qc_imp_xml_urn(ed, c->ns, "Id", f->desc_id) || !f->descriptor)
            return -1;
        xmlAddChild(ed, f->descriptor);
        f->descriptor = NULL;
    }
    return list ? 0 : -1;
}

/* The timecode counts whole frames: 24000/1001 runs a 24-frame, non-drop-frame count. */
static int timecode(const Cpl *c, xmlNodePtr root)
{
    const QcImp *imp = c->imp;
    const int64_t rate = (imp->edit_rate.num + imp->edit_rate.den - 1) / imp->edit_rate.den;
    char start[32];
    snprintf(start, sizeof(start), "%02d:%02d:%02d:%02d", imp->tc[0], imp->tc[1], imp->tc[2],
             imp->tc[3]);
    xmlNodePtr tc = xmlNewChild(root, c->ns, BAD_CAST "CompositionTimecode", NULL);
    return !tc || !qc_imp_xml_text(tc, c->ns, "TimecodeDropFrame", "false") ||
           !qc_imp_xml_int(tc, c->ns, "TimecodeRate", rate) ||
           !qc_imp_xml_text(tc, c->ns, "TimecodeStartAddress", start);
}

/* EditRate, the informative TotalRunningTime (whole seconds) and the application identification. */
static int timing(const Cpl *c, xmlNodePtr root)
{
    const QcImp *imp = c->imp;
    const int64_t secs = imp->frames * imp->edit_rate.den / imp->edit_rate.num;
    char trt[32];
    snprintf(trt, sizeof(trt), "%02" PRId64 ":%02d:%02d", secs / 3600, (int)(secs / 60 % 60),
             (int)(secs % 60));
    if (!qc_imp_xml_rational(root, c->ns, "EditRate", imp->edit_rate) ||
        !qc_imp_xml_text(root, c->ns, "TotalRunningTime", trt))
        return -1;
    xmlNodePtr ext = xmlNewChild(root, c->ns, BAD_CAST "ExtensionProperties", NULL);
    return !ext || !qc_imp_xml_text(ext, c->cc, "ApplicationIdentification", QC_IMP_APP_ID);
}

static int resource(const Cpl *c, xmlNodePtr list, const QcImpKind kind, const int i)
{
    const QcImp *imp = c->imp;
    const QcImpResource *r = &imp->res[kind][i];
    const QcImpFile *f = &imp->files[r->file];
    uint8_t id[16];
    qc_imp_uuid(imp->seed, QC_IMP_ID_RESOURCE + (uint32_t)(kind * QC_IMP_MAX_RESOURCES + i), id);
    xmlNodePtr n = xmlNewChild(list, c->ns, BAD_CAST "Resource", NULL);
    if (!n || !xmlNewNsProp(n, c->xsi, BAD_CAST "type", BAD_CAST "TrackFileResourceType") ||
        !qc_imp_xml_urn(n, c->ns, "Id", id) ||
        !qc_imp_xml_rational(n, c->ns, "EditRate", f->rate) ||
        !qc_imp_xml_int(n, c->ns, "IntrinsicDuration", f->duration) ||
        !qc_imp_xml_int(n, c->ns, "EntryPoint", r->entry) ||
        !qc_imp_xml_int(n, c->ns, "SourceDuration", r->duration))
        return -1;
    if (r->repeat != 1 && !qc_imp_xml_int(n, c->ns, "RepeatCount", r->repeat))
        return -1;
    return !qc_imp_xml_urn(n, c->ns, "SourceEncoding", f->desc_id) ||
           !qc_imp_xml_urn(n, c->ns, "TrackFileId", r->track_file_id);
}

static int sequence(const Cpl *c, xmlNodePtr seqs, const QcImpKind k)
{
    const QcImp *imp = c->imp;
    uint8_t id[16];
    qc_imp_uuid(imp->seed, QC_IMP_ID_SEQUENCE + (uint32_t)k, id);
    xmlNodePtr seq = xmlNewChild(seqs, c->cc, BAD_CAST seq_name[k], NULL);
    if (!seq || !qc_imp_xml_urn(seq, c->ns, "Id", id) ||
        !qc_imp_xml_urn(seq, c->ns, "TrackId", imp->track_id[k]))
        return -1;
    xmlNodePtr list = xmlNewChild(seq, c->ns, BAD_CAST "ResourceList", NULL);
    for (int i = 0; list && i < imp->nres[k]; i++)
        if (resource(c, list, k, i))
            return -1;
    return list ? 0 : -1;
}

static int segment(const Cpl *c, xmlNodePtr root)
{
    uint8_t id[16];
    qc_imp_uuid(c->imp->seed, QC_IMP_ID_SEGMENT, id);
    xmlNodePtr segs = xmlNewChild(root, c->ns, BAD_CAST "SegmentList", NULL);
    xmlNodePtr seg = segs ? xmlNewChild(segs, c->ns, BAD_CAST "Segment", NULL) : NULL;
    if (!seg || !qc_imp_xml_urn(seg, c->ns, "Id", id))
        return -1;
    xmlNodePtr seqs = xmlNewChild(seg, c->ns, BAD_CAST "SequenceList", NULL);
    for (int k = 0; seqs && k < QC_IMP_KINDS; k++)
        if (c->imp->nres[k] && sequence(c, seqs, (QcImpKind)k))
            return -1;
    return seqs ? 0 : -1;
}

int qc_imp_cpl_write(QcImp *imp, xmlDocPtr doc)
{
    xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "CompositionPlaylist", NULL);
    if (!root)
        return qc_mxfw_cmd_die("out of memory");
    xmlDocSetRootElement(doc, root);
    Cpl c = {imp, xmlNewNs(root, BAD_CAST QC_IMP_NS_CPL, NULL),
             xmlNewNs(root, BAD_CAST QC_IMP_NS_CC, BAD_CAST "cc"),
             xmlNewNs(root, BAD_CAST QC_IMP_NS_XSI, BAD_CAST "xsi")};
    if (!c.ns || !c.cc || !c.xsi)
        return qc_mxfw_cmd_die("out of memory");
    xmlSetNs(root, c.ns);
    /* element order is the XSD's (primer §6.2) */
    if (header(&c, root) || descriptors(&c, root) || timecode(&c, root) || timing(&c, root) ||
        segment(&c, root))
        return qc_mxfw_cmd_die("out of memory");
    return qc_imp_xml_save(doc, imp->cpl_path) ? 2 : 0;
}

/* ---------------------------------------------------------------------------------------------- */

static int ns_is(const xmlNode *n, const char *const *uris)
{
    for (; n->ns && *uris; uris++)
        if (!strcmp((const char *)n->ns->href, *uris))
            return 1;
    return 0;
}

static const char *const cpl_uris[] = {"http://www.smpte-ra.org/schemas/2067-3/2013", QC_IMP_NS_CPL,
                                       NULL};
static const char *const cc_uris[] = {"http://www.smpte-ra.org/schemas/2067-2/2013", QC_IMP_NS_CC,
                                      "http://www.smpte-ra.org/ns/2067-2/2020", NULL};

/* First element child named @p name in one of @p uris. */
static xmlNodePtr child(xmlNodePtr parent, const char *name, const char *const *uris)
{
    for (xmlNodePtr n = parent ? xmlFirstElementChild(parent) : NULL; n;
         n = xmlNextElementSibling(n))
        if (!strcmp((const char *)n->name, name) && ns_is(n, uris))
            return n;
    return NULL;
}

static void like_tracks(xmlNodePtr root, uint8_t track_id[QC_IMP_KINDS][16], int have[QC_IMP_KINDS])
{
    xmlNodePtr segs = child(root, "SegmentList", cpl_uris);
    for (xmlNodePtr s = segs ? xmlFirstElementChild(segs) : NULL; s; s = xmlNextElementSibling(s)) {
        xmlNodePtr list = child(s, "SequenceList", cpl_uris);
        for (xmlNodePtr q = list ? xmlFirstElementChild(list) : NULL; q;
             q = xmlNextElementSibling(q)) {
            for (int k = 0; k < QC_IMP_KINDS; k++) {
                if (have[k] || strcmp((const char *)q->name, seq_name[k]) || !ns_is(q, cc_uris))
                    continue;
                xmlNodePtr tid = child(q, "TrackId", cpl_uris);
                xmlChar *text = tid ? xmlNodeGetContent(tid) : NULL;
                have[k] = text && !qc_imp_urn_parse((const char *)text, track_id[k]);
                xmlFree(text);
            }
        }
    }
}

static int slurp(const char *path, char **buf, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    struct stat st;
    if (!fp || fstat(fileno(fp), &st) || !S_ISREG(st.st_mode) || st.st_size > LIKE_MAX_BYTES) {
        if (fp)
            fclose(fp);
        return qc_mxfw_cmd_die("--like %s: not a readable file of at most %d MiB", path,
                               LIKE_MAX_BYTES >> 20);
    }
    *size = (size_t)st.st_size;
    *buf = malloc(*size + 1);
    const int bad = !*buf || fread(*buf, 1, *size, fp) != *size;
    fclose(fp);
    return bad ? qc_mxfw_cmd_die("--like %s: read failed", path) : 0;
}

int qc_imp_like(const char *path, char **title, uint8_t track_id[QC_IMP_KINDS][16],
                int have[QC_IMP_KINDS])
{
    char *buf = NULL;
    size_t size = 0;
    const int r = slurp(path, &buf, &size);
    if (r) {
        free(buf);
        return r;
    }
    /* No entity substitution, no DTD loading, no network: the file is input, not instructions. */
    xmlDocPtr doc = xmlReadMemory(buf, (int)size, NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(buf);
    if (doc && (doc->intSubset || doc->extSubset)) {
        /* Entities are never substituted, but reading the text of an entity reference would
         * expand it: a CPL has no use for a DOCTYPE, so none is read. */
        xmlFreeDoc(doc);
        return qc_mxfw_cmd_die("--like %s: a CPL with a DOCTYPE is not read", path);
    }
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || strcmp((const char *)root->name, "CompositionPlaylist") ||
        !ns_is(root, cpl_uris)) {
        xmlFreeDoc(doc);
        return qc_mxfw_cmd_die("--like %s: not an ST 2067-3 CompositionPlaylist", path);
    }
    xmlNodePtr t = child(root, "ContentTitle", cpl_uris);
    xmlChar *text = t ? xmlNodeGetContent(t) : NULL;
    *title = text ? strdup((const char *)text) : NULL;
    xmlFree(text);
    have[0] = have[1] = 0;
    like_tracks(root, track_id, have);
    xmlFreeDoc(doc);
    return *title ? 0 : qc_mxfw_cmd_die("--like %s: no ContentTitle", path);
}
