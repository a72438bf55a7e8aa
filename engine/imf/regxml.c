// SPDX-License-Identifier: MIT
/* RegXML fragments of descriptor sets: the set rule (ST 2001-1 rule 3) with strong references
 * followed, cycle protection, and the text form. The messages of the comments are regxmllib's
 * own, so a fragment reads the same whichever tool made it (imf-mxf-primer §7.1). */
#include "engine/imf/regxml.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/imf/regxml_internal.h"
#include "engine/mxf/model.h"
#include "engine/mxf/ul.h"

xmlNodePtr qc_regxml_child(QcRegxml *x, xmlNodePtr parent, xmlNsPtr ns, const char *name,
                           const char *text)
{
    if (x->oom)
        return NULL;
    /* content is given as a text node, never to xmlNewDocNode, which would read '&' as markup */
    xmlNodePtr e = xmlNewDocNode(x->doc, ns, BAD_CAST name, NULL);
    if (!e) {
        x->oom = 1;
        return NULL;
    }
    xmlAddChild(parent, e);
    if (text && *text && qc_regxml_text(x, e, text) < 0)
        return NULL;
    return e;
}

int qc_regxml_text(QcRegxml *x, xmlNodePtr e, const char *text)
{
    xmlNodePtr t = x->oom ? NULL : xmlNewDocText(x->doc, BAD_CAST text);
    if (!t) {
        x->oom = 1;
        return -1;
    }
    xmlAddChild(e, t);
    return 0;
}

void qc_regxml_comment(QcRegxml *x, xmlNodePtr parent, const char *text)
{
    xmlNodePtr c = x->oom ? NULL : xmlNewDocComment(x->doc, BAD_CAST text);
    if (!c) {
        x->oom = 1;
        return;
    }
    xmlAddChild(parent, c);
}

xmlNsPtr qc_regxml_baseline(QcRegxml *x)
{
    if (!x->ns_base && !x->oom) {
        /* r3: regxmllib numbers prefixes in order of first use, and r0..r2 are always used first */
        x->ns_base = xmlNewNs(x->root, BAD_CAST QC_REGXML_NS_BASELINE, BAD_CAST "r3");
        x->oom = !x->ns_base;
    }
    return x->ns_base;
}

void qc_regxml_auid(const uint8_t *auid, char *out, const size_t size)
{
    if (!(auid[0] & 0x80)) {
        qc_ul_format(auid, out, size);
        return;
    }
    /* an AUID with the high bit set is a UUID stored with its halves swapped */
    uint8_t uuid[16];
    memcpy(uuid, auid + 8, 8);
    memcpy(uuid + 8, auid, 8);
    qc_uuid_format(uuid, out, size);
}

static void unknown_property(QcRegxml *x, xmlNodePtr obj, const QcMxfProperty *p)
{
    char key[64];
    qc_regxml_auid(p->ul, key, sizeof(key));
    const char *head = "Unknown property\nKey: ";
    size_t n = strlen(head) + strlen(key) + 7 + 2 * (size_t)p->length + 1;
    char *text = malloc(n);
    if (!text) {
        x->oom = 1;
        return;
    }
    size_t pos = (size_t)snprintf(text, n, "%s%s\nData: ", head, key);
    static const char digits[] = "0123456789abcdef";
    for (uint32_t i = 0; i < p->length; i++) {
        text[pos++] = digits[p->value[i] >> 4];
        text[pos++] = digits[p->value[i] & 15];
    }
    text[pos] = '\0';
    qc_regxml_comment(x, obj, text);
    free(text);
}

static int is_reference(const QcMxfPropDef *d)
{
    return d->type == QC_MXF_STRONGREF || d->type == QC_MXF_STRONGREF_ARRAY ||
           d->type == QC_MXF_STRONGREF_BATCH;
}

static int is_open(const QcRegxml *x, const QcMxfSet *s)
{
    for (int i = 0; i < x->depth; i++)
        if (x->chain[i] == s || (!qc_uuid_is_nil(s->uid) && !memcmp(x->chain[i]->uid, s->uid, 16)))
            return 1;
    return 0;
}

static void circular(QcRegxml *x, xmlNodePtr parent, const QcMxfSet *s)
{
    char uid[64], text[128];
    qc_uuid_format(s->uid, uid, sizeof(uid));
    snprintf(text, sizeof(text), "Circular Strong Reference to Set UID %s", uid);
    qc_regxml_comment(x, parent, text);
}

/* Rule 3: every item of the set, in file order, becomes a child of @p obj named by the
 * property. A set that is already open further up is a cycle: as regxmllib does, its items are
 * written up to its InstanceID, then a comment in the referencing property ends it. Its
 * references are never followed, so a cycle ends even when InstanceID comes late or not at all. */
static void render_set(QcRegxml *x, xmlNodePtr parent, xmlNodePtr obj, const QcMxfSet *s)
{
    const int cyclic = is_open(x, s);
    x->chain[x->depth++] = s;
    x->nb_sets++;
    int ended = 0;
    for (uint32_t i = 0; i < s->nb_props && !ended && !x->oom; i++) {
        const QcMxfProperty *p = &s->props[i];
        if (!p->def) {
            unknown_property(x, obj, p);
            continue;
        }
        if (cyclic && is_reference(p->def))
            continue;
        xmlNodePtr e = qc_regxml_child(x, obj, x->ns_elem, p->def->regxml, NULL);
        if (e)
            qc_regxml_value(x, e, p);
        ended = cyclic && !strcmp(p->def->name, "InstanceUID");
    }
    if (cyclic && parent)
        circular(x, parent, s);
    x->depth--;
}

void qc_regxml_reference(QcRegxml *x, xmlNodePtr e, const uint8_t *uid)
{
    char id[64], text[160];
    qc_uuid_format(uid, id, sizeof(id));
    const QcMxfSet *s = qc_mxf_set_by_uid(x->m, uid);
    if (!s) {
        snprintf(text, sizeof(text), "Strong Reference target %s is not found", id);
        qc_regxml_comment(x, e, text);
        return;
    }
    /* a set of a class the dictionary does not know gives no element (regxmllib: UNKNOWN_GROUP) */
    if (!s->cls)
        return;
    if (x->depth >= QC_REGXML_MAX_DEPTH || x->nb_sets >= QC_REGXML_MAX_SETS) {
        snprintf(text, sizeof(text), "Strong Reference target %s not followed: too many sets", id);
        qc_regxml_comment(x, e, text);
        return;
    }
    xmlNodePtr obj = qc_regxml_child(x, e, x->ns_class, s->cls->regxml, NULL);
    if (obj)
        render_set(x, e, obj, s);
}

static int is_descriptor(const QcMxfSet *s)
{
    return s && s->cls &&
           (qc_mxf_class_is(s->cls, "GenericDescriptor") ||
            qc_mxf_class_is(s->cls, "SubDescriptor"));
}

int qc_regxml_descriptor(const QcMxf *m, const QcMxfSet *desc, xmlDocPtr doc, xmlNodePtr *out,
                         QcError *err)
{
    *out = NULL;
    const char *path = m->path ? m->path : "MXF file";
    if (!is_descriptor(desc))
        return qc_error_set(err, QC_ERR_INVALID_DATA, "%s: set at byte %lld is not a descriptor",
                            path, desc ? (long long)desc->offset : -1LL);
    QcRegxml x;
    memset(&x, 0, sizeof(x));
    x.m = m;
    x.doc = doc;
    x.root = xmlNewDocNode(doc, NULL, BAD_CAST desc->cls->regxml, NULL);
    if (x.root) {
        x.ns_class = xmlNewNs(x.root, BAD_CAST QC_REGXML_NS_CLASSES, BAD_CAST "r0");
        x.ns_elem = xmlNewNs(x.root, BAD_CAST QC_REGXML_NS_ELEMENTS, BAD_CAST "r1");
        x.ns_type = xmlNewNs(x.root, BAD_CAST QC_REGXML_NS_TYPES, BAD_CAST "r2");
    }
    if (!x.root || !x.ns_class || !x.ns_elem || !x.ns_type) {
        xmlFreeNode(x.root);
        return qc_error_set(err, QC_ERR_NOMEM, "%s: out of memory for RegXML", path);
    }
    xmlSetNs(x.root, x.ns_class);
    render_set(&x, NULL, x.root, desc);
    if (x.oom) {
        xmlFreeNode(x.root);
        return qc_error_set(err, QC_ERR_NOMEM, "%s: out of memory for RegXML", path);
    }
    *out = x.root;
    return 0;
}

int qc_regxml_descriptor_text(const QcMxf *m, const QcMxfSet *desc, char **out, QcError *err)
{
    *out = NULL;
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    if (!doc)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory for RegXML");
    xmlNodePtr root = NULL;
    int ret = qc_regxml_descriptor(m, desc, doc, &root, err);
    if (ret < 0) {
        xmlFreeDoc(doc);
        return ret;
    }
    xmlDocSetRootElement(doc, root);
    xmlBufferPtr buf = xmlBufferCreate();
    if (buf && xmlNodeDump(buf, doc, root, 0, 1) >= 0)
        *out = strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    xmlFreeDoc(doc);
    return *out ? 0 : qc_error_set(err, QC_ERR_NOMEM, "out of memory for RegXML text");
}
