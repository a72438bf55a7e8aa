// SPDX-License-Identifier: MIT
/* Composition Playlist parsing: header, EssenceDescriptorList, segments, sequences, resources. */
#include "engine/imf/cpl.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/imf/docs.h"
#include "engine/imf/xml.h"

#define BAD(...) qc_doc_finding(findings, QC_CODE_CPL_INVALID, cpl->file, __VA_ARGS__)
/* a defect that makes the element unusable: 1 after the finding, or QC_ERR_NOMEM */
#define DEFECT(...) (BAD(__VA_ARGS__) < 0 ? QC_ERR_NOMEM : 1)
#define QC_CPL_MAX_ITEMS 1000000 ///< resources or sequences: far beyond any real composition

static int read_uuid(const xmlNode *parent, const char *name, uint8_t id[16])
{
    char text[128];
    return qc_xml_child_text(parent, name, text, sizeof(text)) < 0 ? -1 : qc_uuid_parse(text, id);
}

/* Optional non-negative integer child: 0 absent, 1 read, -1 malformed. */
static int read_count(const xmlNode *parent, const char *name, int64_t *v)
{
    char text[64];
    if (qc_xml_child_text(parent, name, text, sizeof(text)) < 0)
        return 0;
    uint64_t x;
    if (qc_xml_parse_u64(text, &x) < 0 || x > (uint64_t)INT64_MAX / 4)
        return -1;
    *v = (int64_t)x;
    return 1;
}

static int read_resource(QcCpl *cpl, const xmlNode *n, QcCplResource *r, QcFindingList *findings)
{
    char text[128];
    r->line = qc_xml_line(n);
    r->rate_num = cpl->rate_num;
    r->rate_den = cpl->rate_den;
    if (read_uuid(n, "Id", r->id) < 0)
        return DEFECT(r->line, "<Resource> has no valid <Id>");
    if (!qc_xml_child_text(n, "EditRate", text, sizeof(text)) &&
        qc_xml_parse_rational(text, &r->rate_num, &r->rate_den) < 0)
        return DEFECT(r->line, "<EditRate> \"%.40s\" is not \"numerator denominator\"", text);
    int has_intrinsic = read_count(n, "IntrinsicDuration", &r->intrinsic);
    int has_entry = read_count(n, "EntryPoint", &r->entry);
    int has_duration = read_count(n, "SourceDuration", &r->duration);
    int has_repeat = read_count(n, "RepeatCount", &r->repeat);
    if (has_intrinsic <= 0)
        return DEFECT(r->line, "<Resource> has no valid <IntrinsicDuration>");
    if (has_entry < 0 || has_duration < 0 || has_repeat < 0)
        return DEFECT(r->line, "<Resource> has a malformed EntryPoint, SourceDuration or RepeatCount");
    if (!has_entry)
        r->entry = 0;
    if (!has_duration)
        r->duration = r->intrinsic > r->entry ? r->intrinsic - r->entry : 0;
    if (!has_repeat)
        r->repeat = 1;
    if (r->repeat < 1)
        return DEFECT(r->line, "<RepeatCount> is 0; it must be positive");
    if (qc_xml_child(n, "TrackFileId")) {
        r->has_track_file = 1;
        if (read_uuid(n, "TrackFileId", r->track_file) < 0)
            return DEFECT(r->line, "<TrackFileId> is not a urn:uuid");
        if (read_uuid(n, "SourceEncoding", r->source_encoding) < 0)
            return DEFECT(r->line, "<SourceEncoding> is missing or not a urn:uuid");
    }
    return 0;
}

static QcSequenceKind sequence_kind(const char *name)
{
    if (!strcmp(name, "MainImageSequence"))
        return QC_SEQ_MAIN_IMAGE;
    if (!strcmp(name, "MainAudioSequence"))
        return QC_SEQ_MAIN_AUDIO;
    if (!strcmp(name, "MarkerSequence"))
        return QC_SEQ_MARKER;
    return QC_SEQ_OTHER;
}

static int read_sequence(QcCpl *cpl, const xmlNode *n, int segment, QcFindingList *findings)
{
    if (cpl->nb_sequences >= QC_CPL_MAX_ITEMS)
        return BAD(qc_xml_line(n), "more than %d sequences", QC_CPL_MAX_ITEMS);
    if (qc_grow((void **)&cpl->sequences, &cpl->sequences_cap, (size_t)cpl->nb_sequences + 1,
                sizeof(QcCplSequence)) < 0)
        return QC_ERR_NOMEM;
    QcCplSequence *s = &cpl->sequences[cpl->nb_sequences++];
    memset(s, 0, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "%s", (const char *)n->name);
    s->kind = sequence_kind(s->name);
    s->segment = segment;
    s->line = qc_xml_line(n);
    int ret = 0;
    if (read_uuid(n, "Id", s->id) < 0 || read_uuid(n, "TrackId", s->track_id) < 0)
        ret = BAD(s->line, "<%s> has no valid <Id> or <TrackId>", s->name);
    xmlNode *list = qc_xml_child(n, "ResourceList");
    size_t rcap = 0;
    for (xmlNode *r = list ? list->children : NULL; ret >= 0 && r; r = r->next) {
        if (r->type != XML_ELEMENT_NODE || strcmp((const char *)r->name, "Resource"))
            continue;
        if (s->nb_resources >= QC_CPL_MAX_ITEMS)
            return BAD(s->line, "more than %d resources", QC_CPL_MAX_ITEMS);
        if (qc_grow((void **)&s->resources, &rcap, (size_t)s->nb_resources + 1,
                    sizeof(QcCplResource)) < 0)
            return QC_ERR_NOMEM;
        QcCplResource *res = &s->resources[s->nb_resources];
        memset(res, 0, sizeof(*res));
        int rr = read_resource(cpl, r, res, findings);
        if (rr < 0)
            return rr;
        /* a resource that could not be read is left out, its finding says why */
        if (!rr)
            s->nb_resources++;
    }
    if (ret >= 0 && s->kind != QC_SEQ_MARKER && !list)
        ret = BAD(s->line, "<%s> has no <ResourceList>", s->name);
    return ret;
}

static int read_segments(QcCpl *cpl, const xmlNode *root, QcFindingList *findings)
{
    xmlNode *list = qc_xml_child(root, "SegmentList");
    xmlNode *seg = qc_xml_child(list, "Segment");
    if (!seg)
        return DEFECT(qc_xml_line(list ? list : root), "<SegmentList> has no <Segment>");
    for (; seg; seg = qc_xml_next_same(seg)) {
        xmlNode *seqs = qc_xml_child(seg, "SequenceList");
        if (!seqs) {
            int ret = BAD(qc_xml_line(seg), "<Segment> has no <SequenceList>");
            if (ret < 0)
                return ret;
        }
        for (xmlNode *n = seqs ? seqs->children : NULL; n; n = n->next) {
            if (n->type != XML_ELEMENT_NODE)
                continue;
            int ret = read_sequence(cpl, n, cpl->nb_segments, findings);
            if (ret < 0)
                return ret;
        }
        cpl->nb_segments++;
    }
    return 0;
}

static int read_descriptors(QcCpl *cpl, const xmlNode *root, QcFindingList *findings)
{
    xmlNode *list = qc_xml_child(root, "EssenceDescriptorList");
    size_t cap = 0;
    for (xmlNode *d = qc_xml_child(list, "EssenceDescriptor"); d; d = qc_xml_next_same(d)) {
        if (qc_grow((void **)&cpl->descriptors, &cap, (size_t)cpl->nb_descriptors + 1,
                    sizeof(QcCplDescriptor)) < 0)
            return QC_ERR_NOMEM;
        QcCplDescriptor *x = &cpl->descriptors[cpl->nb_descriptors];
        memset(x, 0, sizeof(*x));
        x->line = qc_xml_line(d);
        if (read_uuid(d, "Id", x->id) < 0) {
            if (BAD(x->line, "<EssenceDescriptor> has no valid <Id>") < 0)
                return QC_ERR_NOMEM;
            continue;
        }
        for (xmlNode *c = d->children; c && !x->node; c = c->next)
            if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "Id"))
                x->node = c;
        cpl->nb_descriptors++;
    }
    return 0;
}

static int read_timecode(QcCpl *cpl, const xmlNode *root, QcFindingList *findings)
{
    xmlNode *tc = qc_xml_child(root, "CompositionTimecode");
    if (!tc)
        return 0;
    char drop[16], start[64];
    int64_t r = 0;
    if (qc_xml_child_text(tc, "TimecodeDropFrame", drop, sizeof(drop)) < 0 ||
        read_count(tc, "TimecodeRate", &r) <= 0 || r < 1 || r > 1000 ||
        qc_xml_child_text(tc, "TimecodeStartAddress", start, sizeof(start)) < 0)
        return BAD(qc_xml_line(tc), "<CompositionTimecode> lacks a valid TimecodeDropFrame, "
                                    "TimecodeRate or TimecodeStartAddress");
    cpl->tc_drop = !strcmp(drop, "true") || !strcmp(drop, "1");
    cpl->tc_rate = (int)r;
    if (qc_timecode_parse(start, cpl->tc_rate, cpl->tc_drop, &cpl->tc_start) < 0)
        return BAD(qc_xml_line(tc), "<TimecodeStartAddress> \"%.30s\" is not hh:mm:ss:ff at %d fps",
                   start, cpl->tc_rate);
    cpl->has_timecode = 1;
    return 0;
}

static void read_languages(QcCpl *cpl, const xmlNode *root)
{
    for (xmlNode *loc = qc_xml_child(qc_xml_child(root, "LocaleList"), "Locale"); loc;
         loc = qc_xml_next_same(loc))
        for (xmlNode *l = qc_xml_child(qc_xml_child(loc, "LanguageList"), "Language");
             l && cpl->nb_languages < QC_CPL_MAX_LANGUAGES; l = qc_xml_next_same(l)) {
            QcCplLanguage *x = &cpl->languages[cpl->nb_languages];
            if (qc_xml_text(l, x->tag, sizeof(x->tag)) == 0) {
                x->line = qc_xml_line(l);
                cpl->nb_languages++;
            }
        }
}

static int read_header(QcCpl *cpl, const xmlNode *root, QcFindingList *findings)
{
    char text[128];
    if (read_uuid(root, "Id", cpl->id) < 0)
        return DEFECT(qc_xml_line(root), "<CompositionPlaylist> has no valid <Id>");
    if (qc_xml_child_text(root, "EditRate", text, sizeof(text)) < 0 ||
        qc_xml_parse_rational(text, &cpl->rate_num, &cpl->rate_den) < 0)
        return DEFECT(qc_xml_line(root), "<EditRate> is missing or not \"numerator denominator\"");
    if (qc_xml_child_text(root, "ContentTitle", cpl->title, sizeof(cpl->title)) < 0 &&
        BAD(qc_xml_line(root), "<CompositionPlaylist> has no <ContentTitle>") < 0)
        return QC_ERR_NOMEM;
    xmlNode *ext = qc_xml_child(root, "ExtensionProperties");
    for (xmlNode *c = ext ? ext->children : NULL; c; c = c->next)
        if (qc_xml_is(c, NULL, "ApplicationIdentification"))
            qc_xml_text(c, cpl->app_id, sizeof(cpl->app_id));
    read_languages(cpl, root);
    return read_timecode(cpl, root, findings);
}

int qc_cpl_load(QcCpl *cpl, const char *path, QcFindingList *findings)
{
    memset(cpl, 0, sizeof(*cpl));
    if (!(cpl->file = strdup(path)))
        return QC_ERR_NOMEM;
    char why[512];
    int ret = qc_xml_read(path, &cpl->doc, why, sizeof(why));
    if (ret < 0)
        return ret;
    if (ret)
        return DEFECT(0, "%s", why) < 0 ? QC_ERR_NOMEM : 2;
    xmlNode *root = xmlDocGetRootElement(cpl->doc);
    if (!qc_xml_is(root, NULL, "CompositionPlaylist"))
        return 1;
    cpl->is2016 = qc_xml_is(root, QC_NS_CPL_2016, "CompositionPlaylist");
    if (!cpl->is2016 && !qc_xml_is(root, QC_NS_CPL_2013, "CompositionPlaylist"))
        return DEFECT(qc_xml_line(root), "<CompositionPlaylist> is in namespace \"%.80s\", not "
                                         "ST 2067-3:2013 or 2016",
                      root->ns && root->ns->href ? (const char *)root->ns->href : "")
                       < 0
                   ? QC_ERR_NOMEM
                   : 2;
    ret = read_header(cpl, root, findings);
    if (ret)
        return ret < 0 ? ret : 2;
    ret = read_descriptors(cpl, root, findings);
    if (ret >= 0)
        ret = read_segments(cpl, root, findings);
    return ret < 0 ? ret : 0;
}

void qc_cpl_free(QcCpl *cpl)
{
    for (int i = 0; i < cpl->nb_sequences; i++)
        free(cpl->sequences[i].resources);
    free(cpl->sequences);
    free(cpl->descriptors);
    xmlFreeDoc(cpl->doc);
    free(cpl->file);
    memset(cpl, 0, sizeof(*cpl));
}
