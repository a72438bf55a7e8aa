// SPDX-License-Identifier: MIT
/* RegXML fragments of descriptors. The writer's audio and video track files are read back by the
 * engine, rendered, parsed again with libxml2 and checked element by element against what the
 * writer put in; hand-built sets cover the value rules the writer never exercises (enumerations,
 * escapes, short values, unknown properties, cycles, limits). */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "engine/imf/regxml.h"
#include "engine/mxf/model.h"
#include "engine/mxf/ul.h"
#include "mxfw.h"
#include "unit.h"

#define NS_C QC_REGXML_NS_CLASSES
#define NS_E QC_REGXML_NS_ELEMENTS
#define NS_T QC_REGXML_NS_TYPES
#define NS_B "http://sandflow.com/ns/SMPTEST2001-1/baseline"

/* ---------------------------------------------------------------------------------------------- */
/* Reading the fragment back */

static int is(const xmlNode *n, const char *ns, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, ns) &&
           !strcmp((const char *)n->name, name);
}

static xmlNode *next(const xmlNode *n)
{
    for (n = n ? n->next : NULL; n && n->type != XML_ELEMENT_NODE; n = n->next)
        ;
    return (xmlNode *)n;
}

static xmlNode *first(const xmlNode *parent)
{
    xmlNode *n = parent ? parent->children : NULL;
    return n && n->type != XML_ELEMENT_NODE ? next(n) : n;
}

/* The @p k-th (from 0) child element of @p parent named @p name in @p ns. */
static xmlNode *find(const xmlNode *parent, const char *ns, const char *name, int k)
{
    for (xmlNode *n = first(parent); n; n = next(n))
        if (is(n, ns, name) && k-- == 0)
            return n;
    return NULL;
}

static int count(const xmlNode *parent, const char *ns, const char *name)
{
    int n = 0;
    for (xmlNode *c = first(parent); c; c = next(c))
        n += is(c, ns, name);
    return n;
}

static int text_is(const xmlNode *parent, const char *ns, const char *name, const char *want)
{
    const xmlNode *e = find(parent, ns, name, 0);
    xmlChar *t = e ? xmlNodeGetContent(e) : NULL;
    const int ok = t && !strcmp((const char *)t, want);
    if (!ok)
        fprintf(stderr, "  %s: \"%s\", expected \"%s\"\n", name, t ? (const char *)t : "(none)",
                want);
    xmlFree(t);
    return ok;
}

/* The comments directly under @p e, concatenated with '|' between them. */
static void comments(const xmlNode *e, char *out, size_t size)
{
    size_t pos = 0;
    out[0] = '\0';
    for (const xmlNode *n = e ? e->children : NULL; n; n = n->next)
        if (n->type == XML_COMMENT_NODE && pos < size)
            pos += (size_t)snprintf(out + pos, size - pos, "%s%s", pos ? "|" : "",
                                    (const char *)n->content);
}

/* The element children of @p obj are exactly @p names, in this order, all in the elements
 * namespace. */
static int children_are(const xmlNode *obj, const char *const *names, int n)
{
    const xmlNode *c = first(obj);
    for (int i = 0; i < n; i++, c = next(c))
        if (!is(c, NS_E, names[i])) {
            fprintf(stderr, "  child %d is %s, expected %s\n", i, c ? (const char *)c->name : "-",
                    names[i]);
            return 0;
        }
    return c == NULL;
}

/* The children of @p obj follow the file order of the items of @p s. */
static int in_file_order(const xmlNode *obj, const QcMxfSet *s)
{
    const xmlNode *c = first(obj);
    for (uint32_t i = 0; s && i < s->nb_props; i++)
        if (s->props[i].def) {
            if (!is(c, NS_E, s->props[i].def->regxml))
                return 0;
            c = next(c);
        }
    return s && c == NULL;
}

static int declares(const xmlNode *root, const char *prefix, const char *href)
{
    for (const xmlNs *ns = root->nsDef; ns; ns = ns->next)
        if (ns->prefix && !strcmp((const char *)ns->prefix, prefix) &&
            !strcmp((const char *)ns->href, href))
            return 1;
    return 0;
}

static int standard_namespaces(const xmlNode *root)
{
    return declares(root, "r0", NS_C) && declares(root, "r1", NS_E) && declares(root, "r2", NS_T) &&
           root->ns && !strcmp((const char *)root->ns->prefix, "r0");
}

typedef struct Rendered {
    char *text;
    xmlDoc *doc;
    xmlNode *root;
} Rendered;

static int parse(Rendered *r, const QcMxf *m, const QcMxfSet *desc)
{
    QcError err;
    qc_error_clear(&err);
    memset(r, 0, sizeof(*r));
    if (qc_regxml_descriptor_text(m, desc, &r->text, &err) < 0) {
        fprintf(stderr, "  regxml: %s\n", err.msg);
        return 0;
    }
    r->doc = xmlReadMemory(r->text, (int)strlen(r->text), NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOBLANKS);
    r->root = xmlDocGetRootElement(r->doc);
    return r->root != NULL;
}

static void rendered_free(Rendered *r)
{
    xmlFreeDoc(r->doc);
    free(r->text);
}

/* The sets a descriptor's SubDescriptors name, in order. */
static const QcMxfSet *sub_set(const QcMxf *m, const QcMxfSet *desc, uint32_t k)
{
    const uint8_t *items;
    uint32_t n;
    if (qc_mxf_get_array16(desc, "SubDescriptors", &items, &n) < 0 || k >= n)
        return NULL;
    return qc_mxf_set_by_uid(m, items + 16 * k);
}

static const char *scratch(const char *name)
{
    static char path[256];
    snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
    return path;
}

static QcMxf *open_descriptor(const char *path, const QcMxfSet **desc)
{
    QcMxf *m = NULL;
    QcError e;
    qc_error_clear(&e);
    QcMxfModel model;
    *desc = NULL;
    if (qc_mxf_open(&m, path, &e) < 0 || qc_mxf_resolve(m, &model) < 0)
        return m;
    if (model.file_package)
        *desc = model.file_package->descriptor;
    return m;
}

/* ---------------------------------------------------------------------------------------------- */
/* The writer's clip-wrapped PCM with MCA labels */

static void audio_labels(const QcMxf *m, const QcMxfSet *desc, const xmlNode *subs)
{
    const xmlNode *g = first(subs);
    CHECK(is(g, NS_C, "SoundfieldGroupLabelSubDescriptor"));
    CHECK(in_file_order(g, sub_set(m, desc, 0)));
    CHECK(text_is(g, NS_E, "MCATagSymbol", "sg51"));
    CHECK(text_is(g, NS_E, "MCATagName", "5.1"));
    CHECK(text_is(g, NS_E, "MCALabelDictionaryID",
                  "urn:smpte:ul:060e2b34.0401010d.03020201.00000000"));
    CHECK(text_is(g, NS_E, "RFC5646SpokenLanguage", "de-DE"));
    CHECK(text_is(g, NS_E, "MCATitle", "imfqc synthetic programme"));
    CHECK(text_is(g, NS_E, "MCAAudioContentKind", "PRM"));
    xmlChar *link = xmlNodeGetContent(find(g, NS_E, "MCALinkID", 0));
    CHECK(link && !strncmp((const char *)link, "urn:uuid:", 9) && strlen((char *)link) == 45);
    static const char *const ul[6] = {"01", "02", "03", "04", "05", "06"};
    for (int k = 0; k < 6; k++) {
        const xmlNode *c = find(subs, NS_C, "AudioChannelLabelSubDescriptor", k);
        char want[64], id[8];
        /* the channels follow the group, in the order of the file's SubDescriptors */
        CHECK(c && c == next(k ? find(subs, NS_C, "AudioChannelLabelSubDescriptor", k - 1) : g));
        CHECK(in_file_order(c, sub_set(m, desc, (uint32_t)k + 1)));
        CHECK(text_is(c, NS_E, "MCATagSymbol", qc_mxfw_layout_symbol(QC_MXFW_LAYOUT_51, k)));
        snprintf(id, sizeof(id), "%d", k + 1);
        CHECK(text_is(c, NS_E, "MCAChannelID", id));
        snprintf(want, sizeof(want), "urn:smpte:ul:060e2b34.0401010d.030201%s.00000000", ul[k]);
        CHECK(text_is(c, NS_E, "MCALabelDictionaryID", want));
        CHECK(link && text_is(c, NS_E, "SoundfieldGroupLinkID", (const char *)link));
        CHECK(text_is(c, NS_E, "RFC5646SpokenLanguage", "de-DE"));
    }
    xmlFree(link);
}

static void audio_descriptor(void)
{
    const char *path = scratch("regxml_a.mxf");
    QcMxfwAudioSettings s;
    qc_mxfw_audio_default_settings(&s);
    s.path = path;
    s.language = "de-DE";
    static uint8_t pcm[4800 * 6 * 3];
    QcMxfwAudio *w = NULL;
    QcMxfwErr werr;
    CHECK(qc_mxfw_audio_open(&w, &s, &werr) == 0 && qc_mxfw_audio_write(w, pcm, 4800, &werr) == 0);
    CHECK(qc_mxfw_audio_close(&w, &werr) == 0);
    const QcMxfSet *desc;
    QcMxf *m = open_descriptor(path, &desc);
    Rendered r;
    CHECK(desc != NULL);
    if (!desc || !parse(&r, m, desc)) {
        qc_mxf_close(&m);
        return;
    }
    static const char *const order[] = {
        "InstanceID",
        "SubDescriptors",
        "LinkedTrackID",
        "SampleRate",
        "EssenceLength",
        "ContainerFormat",
        "AudioSampleRate",
        "Locked",
        "ChannelCount",
        "QuantizationBits",
        "BlockAlign",
        "AverageBytesPerSecond",
        "ChannelAssignment",
        "ReferenceImageEditRate",
        "ReferenceAudioAlignmentLevel",
    };
    CHECK(is(r.root, NS_C, "WAVEPCMDescriptor") && standard_namespaces(r.root));
    CHECK(children_are(r.root, order, (int)(sizeof(order) / sizeof(order[0]))));
    CHECK(in_file_order(r.root, desc));
    char uid[64];
    qc_uuid_format(desc->uid, uid, sizeof(uid));
    CHECK(text_is(r.root, NS_E, "InstanceID", uid));
    CHECK(text_is(r.root, NS_E, "SampleRate", "48000/1"));
    CHECK(text_is(r.root, NS_E, "AudioSampleRate", "48000/1"));
    CHECK(text_is(r.root, NS_E, "EssenceLength", "4800"));
    CHECK(text_is(r.root, NS_E, "ContainerFormat",
                  "urn:smpte:ul:060e2b34.04010101.0d010301.02060200"));
    CHECK(text_is(r.root, NS_E, "Locked", "False"));
    CHECK(text_is(r.root, NS_E, "ChannelCount", "6"));
    CHECK(text_is(r.root, NS_E, "QuantizationBits", "24"));
    CHECK(text_is(r.root, NS_E, "BlockAlign", "18"));
    CHECK(text_is(r.root, NS_E, "AverageBytesPerSecond", "864000"));
    CHECK(text_is(r.root, NS_E, "ChannelAssignment",
                  "urn:smpte:ul:060e2b34.0401010d.04020210.04010000"));
    CHECK(text_is(r.root, NS_E, "ReferenceImageEditRate", "24/1"));
    CHECK(text_is(r.root, NS_E, "ReferenceAudioAlignmentLevel", "-20"));
    const xmlNode *subs = find(r.root, NS_E, "SubDescriptors", 0);
    CHECK(count(subs, NS_C, "SoundfieldGroupLabelSubDescriptor") == 1);
    CHECK(count(subs, NS_C, "AudioChannelLabelSubDescriptor") == 6);
    audio_labels(m, desc, subs);
    rendered_free(&r);
    qc_mxf_close(&m);
}

/* ---------------------------------------------------------------------------------------------- */
/* The writer's frame-wrapped JPEG 2000 with an RGBA descriptor */

static uint8_t *encode_frame(size_t *size)
{
    enum { W = 48, H = 32 };
    static uint16_t planes[3][W * H];
    for (int c = 0; c < 3; c++)
        for (int i = 0; i < W * H; i++)
            planes[c][i] = (uint16_t)((i * 5 + c * 200) % 1024);
    QcMxfwPicture pic = {W, H, 10, 3, {planes[0], planes[1], planes[2]}, W};
    QcMxfwJ2kParams prm = {0, 8, 1, {24, 1}};
    uint8_t *out = NULL;
    QcMxfwErr err;
    return qc_mxfw_j2k_encode(&pic, &prm, &out, size, &err) == 0 ? out : NULL;
}

/* R, G, B at @p bits, then five CompNull entries of size 0: all eight are written. */
static int rgb_layout(const xmlNode *layout, const char *bits)
{
    static const char *const codes[8] = {"CompRed",  "CompGreen", "CompBlue", "CompNull",
                                         "CompNull", "CompNull",  "CompNull", "CompNull"};
    int ok = count(layout, NS_T, "RGBAComponent") == 8 && first(layout);
    for (int i = 0; ok && i < 8; i++) {
        const xmlNode *c = find(layout, NS_T, "RGBAComponent", i);
        ok = text_is(c, NS_T, "Code", codes[i]) &&
             text_is(c, NS_T, "ComponentSize", i < 3 ? bits : "0") && count(c, NS_T, "Code") == 1;
    }
    return ok;
}

static void video_subdescriptor(const xmlNode *j, const QcMxfwJ2kInfo *info, const QcMxfSet *set)
{
    char want[600];
    CHECK(is(j, NS_C, "JPEG2000SubDescriptor"));
    CHECK(in_file_order(j, set));
    snprintf(want, sizeof(want), "%u", info->rsiz);
    CHECK(text_is(j, NS_E, "Rsiz", want));
    CHECK(text_is(j, NS_E, "Xsiz", "48") && text_is(j, NS_E, "Ysiz", "32"));
    CHECK(text_is(j, NS_E, "XOsiz", "0") && text_is(j, NS_E, "YTOsiz", "0"));
    CHECK(text_is(j, NS_E, "Csiz", "3"));
    const xmlNode *sizing = find(j, NS_E, "PictureComponentSizing", 0);
    CHECK(count(sizing, NS_T, "J2KComponentSizing") == 3);
    for (int c = 0; c < 3; c++) {
        const xmlNode *s = find(sizing, NS_T, "J2KComponentSizing", c);
        CHECK(text_is(s, NS_T, "Ssiz", "9") && text_is(s, NS_T, "XRSiz", "1") &&
              text_is(s, NS_T, "YRSiz", "1"));
    }
    size_t pos = 0;
    for (size_t i = 0; i < info->cod_size && pos + 3 < sizeof(want); i++)
        pos += (size_t)snprintf(want + pos, sizeof(want) - pos, "%02x", info->cod[i]);
    CHECK(text_is(j, NS_E, "CodingStyleDefault", want));
    pos = 0;
    for (size_t i = 0; i < info->qcd_size && pos + 3 < sizeof(want); i++)
        pos += (size_t)snprintf(want + pos, sizeof(want) - pos, "%02x", info->qcd[i]);
    CHECK(text_is(j, NS_E, "QuantizationDefault", want));
    CHECK(rgb_layout(find(j, NS_E, "J2CLayout", 0), "10"));
}

static void video_descriptor(void)
{
    const char *path = scratch("regxml_v.mxf");
    QcMxfwVideoSettings s;
    qc_mxfw_video_default_settings(&s);
    s.path = path;
    QcMxfwVideo *w = NULL;
    QcMxfwErr werr;
    QcMxfwJ2kInfo info;
    size_t size = 0;
    uint8_t *frame = encode_frame(&size);
    const int encoded = frame != NULL;
    CHECK(encoded && qc_mxfw_j2k_parse(frame, size, &info, &werr) == 0);
    CHECK(qc_mxfw_video_open(&w, &s, &werr) == 0);
    for (int i = 0; frame && i < 2; i++)
        CHECK(qc_mxfw_video_write(w, frame, size, &werr) == 0);
    CHECK(qc_mxfw_video_close(&w, &werr) == 0);
    free(frame);
    const QcMxfSet *desc;
    QcMxf *m = open_descriptor(path, &desc);
    Rendered r;
    CHECK(desc != NULL);
    if (!encoded || !desc || !parse(&r, m, desc)) {
        qc_mxf_close(&m);
        return;
    }
    static const char *const order[] = {
        "InstanceID",         "SubDescriptors",   "LinkedTrackID",
        "SampleRate",         "EssenceLength",    "ContainerFormat",
        "FrameLayout",        "StoredWidth",      "StoredHeight",
        "SampledWidth",       "SampledHeight",    "DisplayWidth",
        "DisplayHeight",      "ImageAspectRatio", "VideoLineMap",
        "PictureCompression", "ColorPrimaries",   "TransferCharacteristic",
        "CodingEquations",    "ComponentMaxRef",  "ComponentMinRef",
        "PixelLayout",
    };
    CHECK(is(r.root, NS_C, "RGBADescriptor") && standard_namespaces(r.root));
    CHECK(children_are(r.root, order, (int)(sizeof(order) / sizeof(order[0]))));
    CHECK(in_file_order(r.root, desc));
    CHECK(text_is(r.root, NS_E, "SampleRate", "24/1") &&
          text_is(r.root, NS_E, "EssenceLength", "2"));
    CHECK(text_is(r.root, NS_E, "ContainerFormat",
                  "urn:smpte:ul:060e2b34.0401010d.0d010301.020c0600"));
    CHECK(text_is(r.root, NS_E, "FrameLayout", "FullFrame"));
    CHECK(text_is(r.root, NS_E, "StoredWidth", "48") &&
          text_is(r.root, NS_E, "StoredHeight", "32"));
    CHECK(text_is(r.root, NS_E, "ImageAspectRatio", "3/2"));
    const xmlNode *map = find(r.root, NS_E, "VideoLineMap", 0);
    CHECK(count(map, NS_T, "Int32") == 2 && text_is(map, NS_T, "Int32", "0"));
    uint8_t coding[16];
    char want[64];
    qc_mxfw_j2k_coding_ul(info.rsiz, coding);
    qc_ul_format(coding, want, sizeof(want));
    CHECK(text_is(r.root, NS_E, "PictureCompression", want));
    CHECK(text_is(r.root, NS_E, "ColorPrimaries",
                  "urn:smpte:ul:060e2b34.04010106.04010101.03030000"));
    CHECK(text_is(r.root, NS_E, "TransferCharacteristic",
                  "urn:smpte:ul:060e2b34.04010101.04010101.01020000"));
    CHECK(text_is(r.root, NS_E, "CodingEquations",
                  "urn:smpte:ul:060e2b34.04010101.04010101.02020000"));
    CHECK(text_is(r.root, NS_E, "ComponentMaxRef", "1023"));
    CHECK(rgb_layout(find(r.root, NS_E, "PixelLayout", 0), "10"));
    const xmlNode *subs = find(r.root, NS_E, "SubDescriptors", 0);
    CHECK(count(subs, NS_C, "JPEG2000SubDescriptor") == 1 && !next(first(subs)));
    video_subdescriptor(first(subs), &info, sub_set(m, desc, 0));
    rendered_free(&r);
    qc_mxf_close(&m);
}

/* ---------------------------------------------------------------------------------------------- */
/* Hand-built sets */

#define PROP_UL(...) ((const uint8_t[16]){0x06, 0x0e, 0x2b, 0x34, __VA_ARGS__})

typedef struct Fake {
    QcMxf m;
    QcMxfSet sets[4];
    QcMxfProperty props[4][40];
} Fake;

static QcMxfSet *fake_set(Fake *f, int i, uint8_t kind, uint8_t uid_byte)
{
    static const uint8_t key[16] = {0x06, 0x0e, 0x2b, 0x34, 0x02, 0x53, 0x01, 0x01,
                                    0x0d, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00, 0x00};
    QcMxfSet *s = &f->sets[i];
    memcpy(s->key, key, 16);
    s->key[14] = kind;
    s->cls = qc_mxf_class_def(s->key);
    memset(s->uid, uid_byte, 16);
    s->props = f->props[i];
    f->m.sets = f->sets;
    f->m.nb_sets = (size_t)i + 1 > f->m.nb_sets ? (size_t)i + 1 : f->m.nb_sets;
    return s;
}

static void fake_prop(QcMxfSet *s, const uint8_t *ul, const void *v, uint32_t n)
{
    QcMxfProperty *p = &s->props[s->nb_props++];
    memset(p, 0, sizeof(*p));
    memcpy(p->ul, ul, 16);
    p->def = qc_mxf_prop_def(ul);
    p->value = v;
    p->length = n;
}

static void fake_static(QcMxfSet *s, uint16_t tag, const void *v, uint32_t n)
{
    fake_prop(s, qc_mxf_prop_def_by_tag(tag)->ul, v, n);
}

static const uint8_t subs_ul[16] = {0x06, 0x0e, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x09,
                                    0x06, 0x01, 0x01, 0x04, 0x06, 0x10, 0x00, 0x00};

static void check_picture_values(const xmlNode *root)
{
    char c[512];
    CHECK(text_is(root, NS_E, "ColorSiting", "Quincunx"));
    CHECK(text_is(root, NS_E, "SignalStandard", "SignalStandard_SMPTE274M"));
    CHECK(text_is(root, NS_E, "FieldDominance", "FieldOne"));
    CHECK(text_is(root, NS_E, "FrameLayout", "UNDEFINED"));
    CHECK(text_is(root, NS_E, "ReversedByteOrder", "True"));
    CHECK(text_is(root, NS_E, "PaddingBits", "-2"));
    CHECK(text_is(root, NS_E, "StoredF2Offset", "65536"));
    comments(find(root, NS_E, "StoredF2Offset", 0), c, sizeof(c));
    CHECK(!strcmp(c, "Incorrect field length: expected 4 and parsed 2."));
    CHECK(text_is(root, NS_E, "DisplayF2Offset", "NaN"));
    comments(find(root, NS_E, "DisplayF2Offset", 0), c, sizeof(c));
    CHECK(!strcmp(c, "No data"));
    comments(find(root, NS_E, "ImageAspectRatio", 0), c, sizeof(c));
    CHECK(!strcmp(c, "Value too short") && text_is(root, NS_E, "ImageAspectRatio", ""));
    CHECK(text_is(root, NS_E, "SampleRate", "30000/1001"));
    /* the AUID rule for a UL-typed value with the high bit set; not for an extendible enum */
    CHECK(
        text_is(root, NS_E, "PictureCompression", "urn:uuid:8899aabb-ccdd-eeff-a0b1-c2d3e4f54657"));
    CHECK(
        text_is(root, NS_E, "CodingEquations", "urn:smpte:ul:a0b1c2d3.e4f54657.8899aabb.ccddeeff"));
    const xmlNode *map = find(root, NS_E, "VideoLineMap", 0);
    CHECK(count(map, NS_T, "Int32") == 2 && text_is(map, NS_T, "Int32", "21"));
    xmlChar *second = xmlNodeGetContent(find(map, NS_T, "Int32", 1));
    CHECK(second && !strcmp((const char *)second, "-1"));
    xmlFree(second);
    comments(root, c, sizeof(c));
    CHECK(!strcmp(c, "Unknown property\nKey: urn:smpte:ul:060e2b34.0101010e.7f7f7f7f.00000000\n"
                     "Data: dead"));
    const xmlNode *prim = find(root, NS_E, "MasteringDisplayPrimaries", 0);
    CHECK(count(prim, NS_T, "ColorPrimary") == 3);
    const xmlNode *p2 = find(prim, NS_T, "ColorPrimary", 2);
    CHECK(text_is(p2, NS_T, "X", "5") && text_is(p2, NS_T, "Y", "6"));
    const xmlNode *white = find(root, NS_E, "MasteringDisplayWhitePointChromaticity", 0);
    CHECK(text_is(white, NS_T, "X", "15635") && text_is(white, NS_T, "Y", "16450"));
    CHECK(text_is(root, NS_E, "CodingStyleDefault", "01ab"));
    const xmlNode *cuts = find(root, NS_E, "AlternativeCenterCuts", 0);
    CHECK(count(cuts, NS_T, "AUID") == 1 &&
          text_is(cuts, NS_T, "AUID", "urn:smpte:ul:060e2b34.0401010d.04010101.03040000"));
}

static void check_references(const xmlNode *root)
{
    char c[512];
    const xmlNode *subs = find(root, NS_E, "SubDescriptors", 0);
    const xmlNode *j = first(subs), *cycle = next(j);
    CHECK(is(j, NS_C, "JPEG2000SubDescriptor") && is(cycle, NS_C, "CDCIDescriptor") &&
          !next(cycle));
    const xmlNode *cap = find(j, NS_E, "J2KExtendedCapabilities", 0);
    CHECK(text_is(cap, NS_T, "Pcap", "131072"));
    CHECK(text_is(find(cap, NS_T, "Ccapi", 0), NS_T, "UInt16", "3"));
    /* the set that references itself stops after its InstanceID */
    static const char *const only_id[] = {"InstanceID"};
    CHECK(children_are(cycle, only_id, 1));
    CHECK(text_is(cycle, NS_E, "InstanceID", "urn:uuid:a1a1a1a1-a1a1-a1a1-a1a1-a1a1a1a1a1a1"));
    comments(subs, c, sizeof(c));
    CHECK(!strcmp(c, "Strong Reference target urn:uuid:eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee is "
                     "not found|Circular Strong Reference to Set UID "
                     "urn:uuid:a1a1a1a1-a1a1-a1a1-a1a1-a1a1a1a1a1a1"));
}

static void picture_values(void)
{
    static Fake f;
    memset(&f, 0, sizeof(f));
    QcMxfSet *d = fake_set(&f, 0, 0x28, 0xa1), *j = fake_set(&f, 1, 0x5a, 0xb2);
    static const uint8_t siting = 3, signal = 4, field = 1, layout = 9, reversed = 2;
    static const uint8_t padding[2] = {0xff, 0xfe}, f2[2] = {0x00, 0x01}, aspect[4] = {0, 0, 0, 16};
    static const uint8_t rate[8] = {0, 0, 0x75, 0x30, 0, 0, 0x03, 0xe9};
    static const uint8_t odd[16] = {0xa0, 0xb1, 0xc2, 0xd3, 0xe4, 0xf5, 0x46, 0x57,
                                    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    static const uint8_t line_map[16] = {0, 0, 0, 2,  0,    0,    0,    4,
                                         0, 0, 0, 21, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t dead[2] = {0xde, 0xad}, cod[2] = {0x01, 0xab};
    static const uint8_t xy3[12] = {0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6},
                         xy[4] = {0x3d, 0x13, 0x40, 0x42};
    static const uint8_t cuts[24] = {0,    0,    0,    1,    0,    0,    0,    16,
                                     0x06, 0x0e, 0x2b, 0x34, 0x04, 0x01, 0x01, 0x0d,
                                     0x04, 0x01, 0x01, 0x01, 0x03, 0x04, 0x00, 0x00};
    static uint8_t refs[8 + 3 * 16] = {0, 0, 0, 3, 0, 0, 0, 16};
    static const uint8_t cap[14] = {0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 3};
    memset(refs + 8, 0xb2, 16);
    memset(refs + 24, 0xee, 16);
    memset(refs + 40, 0xa1, 16);
    fake_static(d, 0x3c0a, d->uid, 16);
    fake_static(d, 0x3303, &siting, 1);
    fake_static(d, 0x3215, &signal, 1);
    fake_static(d, 0x3212, &field, 1);
    fake_static(d, 0x320c, &layout, 1);
    fake_static(d, 0x330b, &reversed, 1);
    fake_static(d, 0x3307, padding, 2);
    fake_static(d, 0x3216, f2, 2);
    fake_static(d, 0x3217, f2, 0);
    fake_static(d, 0x320e, aspect, 4);
    fake_static(d, 0x3001, rate, 8);
    fake_static(d, 0x3201, odd, 16);
    fake_static(d, 0x321a, odd, 16);
    fake_static(d, 0x320d, line_map, 16);
    fake_prop(d, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x7f, 0x7f, 0x7f, 0x7f, 0, 0, 0, 0), dead, 2);
    fake_prop(d, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x04, 0x20, 0x04, 0x01, 0x01, 0x01, 0, 0), xy3,
              12);
    fake_prop(d, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x04, 0x20, 0x04, 0x01, 0x01, 0x02, 0, 0), xy, 4);
    fake_prop(d, PROP_UL(0x01, 0x01, 0x01, 0x0a, 0x04, 0x01, 0x06, 0x03, 0x0c, 0, 0, 0), cod, 2);
    fake_prop(d, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x04, 0x01, 0x03, 0x02, 0x0b, 0, 0, 0), cuts, 24);
    fake_prop(d, subs_ul, refs, sizeof(refs));
    fake_static(j, 0x3c0a, j->uid, 16);
    fake_prop(j, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x04, 0x01, 0x06, 0x03, 0x0f, 0, 0, 0), cap, 14);
    Rendered r;
    if (!parse(&r, &f.m, d)) {
        CHECK(0);
        return;
    }
    CHECK(is(r.root, NS_C, "CDCIDescriptor") && standard_namespaces(r.root));
    CHECK(in_file_order(r.root, d));
    check_picture_values(r.root);
    check_references(r.root);
    CHECK(!declares(r.root, "r3", NS_B)); /* nothing needed escaping */
    rendered_free(&r);
}

static void check_strings(const xmlNode *root)
{
    const xmlNode *sym = find(root, NS_E, "MCATagSymbol", 0);
    CHECK(text_is(root, NS_E, "MCATagSymbol", "a$#x24;b$#x1;$#xd;"));
    xmlChar *esc = xmlGetNsProp(sym, BAD_CAST "escape", BAD_CAST NS_B);
    CHECK(esc && !strcmp((const char *)esc, "true"));
    xmlFree(esc);
    CHECK(declares(root, "r3", NS_B));
    CHECK(text_is(root, NS_E, "MCATagName", "\xc3\xa9\xf0\x9f\x8e\xb5\xef\xbf\xbdx"));
    esc = xmlGetNsProp(find(root, NS_E, "MCATagName", 0), BAD_CAST "escape", BAD_CAST NS_B);
    CHECK(!esc);
    xmlFree(esc);
    CHECK(text_is(root, NS_E, "RFC5646SpokenLanguage", "en-GB"));
    CHECK(text_is(root, NS_E, "MCATitle", "A\xef\xbf\xbd"));
    CHECK(text_is(root, NS_E, "MCASpokenLanguageAttribute", "a\xef\xbf\xbd"));
    CHECK(text_is(root, NS_E, "MCAChannelID", "7"));
    const xmlNode *links = find(root, NS_E, "GroupOfSoundfieldGroupsLinkID", 0);
    CHECK(count(links, NS_T, "UUID") == 2 &&
          text_is(links, NS_T, "UUID", "urn:uuid:00112233-4455-6677-8899-aabbccddeeff"));
    CHECK(text_is(root, NS_E, "FileLastModified", "2021-02-07T16:42:15Z"));
    CHECK(text_is(root, NS_E, "CreationTime", "2021-02-07T16:42:15.204Z"));
    CHECK(text_is(root, NS_E, "FormatVersion", "1.3"));
    CHECK(text_is(root, NS_E, "PackageID",
                  "urn:smpte:umid:060a2b34.01010105.01010f20.13000000."
                  "00112233.44556677.8899aabb.ccddeeff"));
    CHECK(text_is(root, NS_E, "ElectrospatialFormulation",
                  "ElectroSpatialFormulation_StereophonicMode"));
    CHECK(text_is(root, NS_E, "ScanningDirection", "ScanningDirection_LeftToRightTopToBottom"));
    CHECK(text_is(root, NS_E, "Locked", "ERROR"));
}

static void string_values(void)
{
    static Fake f;
    memset(&f, 0, sizeof(f));
    QcMxfSet *g = fake_set(&f, 0, 0x6c, 0xc3);
    static const uint8_t sym[] = {0, 'a', 0, '$', 0, 'b', 0, 1, 0, 0x0d, 0, 0, 0, 'z'};
    static const uint8_t name[] = {0x00, 0xe9, 0xd8, 0x3c, 0xdf, 0xb5, 0xd8, 0x00, 0, 'x'};
    static const uint8_t lang[] = "en-GB\0xx", title[3] = {0, 'A', 'B'}, attr[2] = {'a', 0xc3};
    static const uint8_t channel[4] = {0, 0, 0, 7}, version[2] = {1, 3}, scan = 0, esf = 4;
    static uint8_t links[40] = {0,    0,    0,    2,    0,    0,    0,    16,
                                0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    static const uint8_t stamp[8] = {0x07, 0xe5, 2, 7, 16, 42, 15, 0};
    static const uint8_t stamp_ms[8] = {0x07, 0xe5, 2, 7, 16, 42, 15, 51};
    static const uint8_t umid[32] = {0x06, 0x0a, 0x2b, 0x34, 0x01, 0x01, 0x01, 0x05,
                                     0x01, 0x01, 0x0f, 0x20, 0x13, 0x00, 0x00, 0x00,
                                     0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                     0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    memcpy(links + 24, links + 8, 16);
    fake_static(g, 0x3c0a, g->uid, 16);
    fake_prop(g, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x01, 0x03, 0x07, 0x01, 0x02, 0, 0, 0), sym,
              sizeof(sym));
    fake_prop(g, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x01, 0x03, 0x07, 0x01, 0x03, 0, 0, 0), name,
              sizeof(name));
    fake_prop(g, PROP_UL(0x01, 0x01, 0x01, 0x0d, 0x03, 0x01, 0x01, 0x02, 0x03, 0x15, 0, 0), lang,
              8);
    fake_prop(g, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x01, 0x05, 0x10, 0, 0, 0, 0, 0), title, 3);
    fake_prop(g, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x03, 0x02, 0x01, 0x02, 0x26, 0, 0, 0), attr, 2);
    fake_prop(g, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x01, 0x03, 0x04, 0x0a, 0, 0, 0, 0), channel, 4);
    fake_prop(g, PROP_UL(0x01, 0x01, 0x01, 0x0e, 0x01, 0x03, 0x07, 0x01, 0x04, 0, 0, 0), links, 40);
    fake_static(g, 0x3b02, stamp, 8);
    fake_static(g, 0x4405, stamp_ms, 8);
    fake_static(g, 0x3b05, version, 2);
    fake_static(g, 0x4401, umid, 32);
    fake_static(g, 0x3d05, &esf, 1);
    fake_static(g, 0x3405, &scan, 1);
    fake_static(g, 0x3d02, &scan, 0);
    Rendered r;
    if (!parse(&r, &f.m, g)) {
        CHECK(0);
        return;
    }
    CHECK(is(r.root, NS_C, "SoundfieldGroupLabelSubDescriptor") && standard_namespaces(r.root));
    CHECK(in_file_order(r.root, g));
    check_strings(r.root);
    rendered_free(&r);
}

/* Not a descriptor: refused. The node API hands back an unlinked element with the three
 * namespaces declared on it. */
static void api(void)
{
    static Fake f;
    memset(&f, 0, sizeof(f));
    QcMxfSet *preface = fake_set(&f, 0, 0x2f, 0x11), *odd = fake_set(&f, 1, 0x7e, 0x22);
    QcMxfSet *rgba = fake_set(&f, 2, 0x29, 0x33);
    fake_static(rgba, 0x3c0a, rgba->uid, 16);
    char *text = (char *)1;
    QcError err;
    qc_error_clear(&err);
    CHECK(qc_regxml_descriptor_text(&f.m, NULL, &text, &err) == QC_ERR_INVALID_DATA && !text);
    CHECK(qc_regxml_descriptor_text(&f.m, preface, &text, &err) == QC_ERR_INVALID_DATA && !text);
    CHECK(odd->cls == NULL);
    CHECK(qc_regxml_descriptor_text(&f.m, odd, &text, &err) == QC_ERR_INVALID_DATA && !text);
    xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNode *node = NULL;
    CHECK(qc_regxml_descriptor(&f.m, rgba, doc, &node, &err) == 0);
    CHECK(node && !node->parent && is(node, NS_C, "RGBADescriptor") && standard_namespaces(node));
    CHECK(node && is(first(node), NS_E, "InstanceID") && !next(first(node)));
    xmlFreeNode(node);
    xmlFreeDoc(doc);
}

/* Sets that reference the next one twice, forty deep: the nesting and the number of sets
 * rendered stay bounded, and the cut is said in a comment. */
static void limits(void)
{
    enum { N = 40 };
    static QcMxfSet sets[N];
    static QcMxfProperty props[N][2];
    static uint8_t refs[N][8 + 32];
    static QcMxf m;
    static const uint8_t key[16] = {0x06, 0x0e, 0x2b, 0x34, 0x02, 0x53, 0x01, 0x01,
                                    0x0d, 0x01, 0x01, 0x01, 0x01, 0x01, 0x5a, 0x00};
    memset(sets, 0, sizeof(sets));
    for (int i = 0; i < N; i++) {
        QcMxfSet *s = &sets[i];
        memcpy(s->key, key, 16);
        s->cls = qc_mxf_class_def(key);
        s->uid[0] = 0x40;
        s->uid[15] = (uint8_t)i;
        s->props = props[i];
        fake_static(s, 0x3c0a, s->uid, 16);
        if (i + 1 == N)
            continue;
        uint8_t *v = refs[i];
        memset(v, 0, sizeof(refs[i]));
        v[3] = 2;
        v[7] = 16;
        v[8] = v[24] = 0x40;
        v[23] = v[39] = (uint8_t)(i + 1);
        fake_prop(s, subs_ul, v, sizeof(refs[i]));
    }
    m.sets = sets;
    m.nb_sets = N;
    Rendered r;
    CHECK(parse(&r, &m, &sets[0]));
    CHECK(r.text && strstr(r.text, "not followed: too many sets"));
    int n = 0;
    for (const char *p = r.text; p && (p = strstr(p, "<r0:JPEG2000SubDescriptor>")); p++)
        n++;
    CHECK(n > 32 && n <= 4096);
    rendered_free(&r);
}

void test_regxml(void)
{
    audio_descriptor();
    video_descriptor();
    picture_values();
    string_values();
    api();
    limits();
}
