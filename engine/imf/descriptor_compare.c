// SPDX-License-Identifier: MIT
/* Unordered comparison of two RegXML trees with a property-level diff. Children with the same
 * key are matched as multisets: identical subtrees first, then the closest remaining pairs. */
#include "engine/imf/descriptor_compare.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"
#include "engine/imf/xml.h"

#define MAX_DEPTH 32

typedef struct Cmp {
    int normalized;
    QcDescDiff *diff;
} Cmp;

static int ignored(const xmlNode *n)
{
    return !strcmp((const char *)n->name, "PHDRMetadataTrackSubDescriptor");
}

static int is_elem(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && !ignored(n);
}

static int is_leaf(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 0;
    return 1;
}

static const char *ns(const xmlNode *n)
{
    return n->ns && n->ns->href ? (const char *)n->ns->href : "";
}

static int same_key(const xmlNode *a, const xmlNode *b)
{
    return !strcmp((const char *)a->name, (const char *)b->name) && !strcmp(ns(a), ns(b));
}

/* Leaf text: raw in exact mode (as Photon compares), canonical when normalized. */
static char *leaf_text(const xmlNode *n, int normalized)
{
    xmlChar *raw = xmlNodeGetContent(n);
    char *s = strdup(raw ? (const char *)raw : "");
    xmlFree(raw);
    if (!s || !normalized)
        return s;
    qc_xml_trim(s);
    int hex = s[0] != 0;
    for (char *p = s; *p && hex; p++)
        hex = isxdigit((unsigned char)*p);
    if (hex || !strncasecmp(s, "urn:smpte:ul:", 13) || !strncasecmp(s, "urn:uuid:", 9))
        for (char *p = s; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    /* urn:smpte:ul:060e2b34.0401010d.…: byte 7 is the last two digits of the second group */
    if (!strncmp(s, "urn:smpte:ul:", 13) && strlen(s) >= 13 + 17 && s[13 + 8] == '.')
        s[13 + 9 + 6] = s[13 + 9 + 7] = '0';
    return s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A string equal for two subtrees exactly when they match (children sorted: order ignored). */
static char *canon(const xmlNode *n, int normalized, int depth)
{
    size_t klen = strlen(ns(n)) + strlen((const char *)n->name) + 4;
    if (is_leaf(n) || depth >= MAX_DEPTH) {
        char *t = leaf_text(n, normalized);
        char *s = t ? malloc(klen + strlen(t) + 1) : NULL;
        if (s)
            snprintf(s, klen + strlen(t) + 1, "{%s}%s=%s", ns(n), (const char *)n->name, t);
        free(t);
        return s;
    }
    char **kids = NULL;
    size_t nk = 0, cap = 0, total = klen + 3;
    int ok = 1;
    for (const xmlNode *c = n->children; c && ok; c = c->next) {
        if (!is_elem(c))
            continue;
        char *k = canon(c, normalized, depth + 1);
        ok = k && qc_grow((void **)&kids, &cap, nk + 1, sizeof(char *)) >= 0;
        if (ok) {
            kids[nk++] = k;
            total += strlen(k) + 1;
        } else {
            free(k);
        }
    }
    char *s = ok ? malloc(total) : NULL;
    if (s) {
        qsort(kids, nk, sizeof(char *), cmp_str);
        size_t at = (size_t)snprintf(s, total, "{%s}%s[", ns(n), (const char *)n->name);
        for (size_t i = 0; i < nk; i++)
            at += (size_t)snprintf(s + at, total - at, "%s\x1f", kids[i]);
        snprintf(s + at, total - at, "]");
    }
    for (size_t i = 0; i < nk; i++)
        free(kids[i]);
    free(kids);
    return s;
}

static int add_item(Cmp *x, const char *path, const char *cpl, const char *mxf)
{
    QcDescDiff *d = x->diff;
    d->total++;
    if (d->count >= QC_DESC_DIFF_MAX)
        return 0;
    if (qc_grow((void **)&d->items, &d->cap, (size_t)d->count + 1, sizeof(*d->items)) < 0)
        return QC_ERR_NOMEM;
    QcDescDiffItem *it = &d->items[d->count];
    it->path = strdup(path);
    it->cpl = cpl ? strdup(cpl) : NULL;
    it->mxf = mxf ? strdup(mxf) : NULL;
    if (!it->path || (cpl && !it->cpl) || (mxf && !it->mxf)) {
        free(it->path);
        free(it->cpl);
        free(it->mxf);
        return QC_ERR_NOMEM;
    }
    d->count++;
    return 0;
}

/* What a one-sided element is, in words: its value, or its class and size. */
static char *summary(const xmlNode *n, int normalized)
{
    if (is_leaf(n))
        return leaf_text(n, normalized);
    int k = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        k += is_elem(c);
    char *s = malloc(160);
    if (s)
        snprintf(s, 160, "<%.100s> with %d properties", (const char *)n->name, k);
    return s;
}

/* "path/Name", with the MCA tag symbol or an index when siblings share the name. */
static void child_path(char *out, size_t size, const char *path, const xmlNode *n, int index,
                       int several)
{
    char tag[48] = "";
    for (const xmlNode *c = n->children; several && c && !tag[0]; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "MCATagSymbol")) {
            xmlChar *t = xmlNodeGetContent(c);
            snprintf(tag, sizeof(tag), "[%.40s]", t ? (const char *)t : "");
            xmlFree(t);
        }
    if (several && !tag[0])
        snprintf(tag, sizeof(tag), "[%d]", index + 1);
    snprintf(out, size, "%s/%s%s", path, (const char *)n->name, tag);
}

typedef struct Side {
    const xmlNode **nodes;
    char **canon;
    int *used;
    int n;
} Side;

static void side_free(Side *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->canon[i]);
    free(s->nodes);
    free(s->canon);
    free(s->used);
}

static int side_load(Side *s, const xmlNode *parent, int normalized, int depth)
{
    memset(s, 0, sizeof(*s));
    int n = 0;
    for (const xmlNode *c = parent->children; c; c = c->next)
        n += is_elem(c);
    s->nodes = calloc((size_t)n + 1, sizeof(*s->nodes));
    s->canon = calloc((size_t)n + 1, sizeof(*s->canon));
    s->used = calloc((size_t)n + 1, sizeof(*s->used));
    if (!s->nodes || !s->canon || !s->used)
        return QC_ERR_NOMEM;
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (!is_elem(c))
            continue;
        s->nodes[s->n] = c;
        if (!(s->canon[s->n++] = canon(c, normalized, depth + 1)))
            return QC_ERR_NOMEM;
    }
    return 0;
}

/* How alike two complex elements are: leaf children they share. */
static int likeness(const xmlNode *a, const xmlNode *b, int normalized)
{
    int score = 0;
    for (const xmlNode *x = a->children; x; x = x->next) {
        if (!is_elem(x) || !is_leaf(x))
            continue;
        for (const xmlNode *y = b->children; y; y = y->next) {
            if (!is_elem(y) || !is_leaf(y) || !same_key(x, y))
                continue;
            char *tx = leaf_text(x, normalized), *ty = leaf_text(y, normalized);
            score += tx && ty && !strcmp(tx, ty);
            free(tx);
            free(ty);
        }
    }
    return score;
}

static int count_key(const Side *s, const xmlNode *k)
{
    int n = 0;
    for (int i = 0; i < s->n; i++)
        n += same_key(s->nodes[i], k);
    return n;
}

static int index_in(const Side *s, int i)
{
    int k = 0;
    for (int j = 0; j < i; j++)
        k += same_key(s->nodes[j], s->nodes[i]);
    return k;
}

static int diff_node(Cmp *x, const xmlNode *a, const xmlNode *b, const char *path, int depth);

/* Pairs what is left of one key: closest first, the rest one-sided. */
static int diff_key(Cmp *x, Side *a, Side *b, int i, const char *path, int depth)
{
    const xmlNode *na = a->nodes[i];
    int several = count_key(a, na) > 1 || count_key(b, na) > 1;
    char p[512];
    child_path(p, sizeof(p), path, na, index_in(a, i), several);
    int best = -1, best_score = -1;
    for (int j = 0; j < b->n; j++) {
        if (b->used[j] || !same_key(na, b->nodes[j]))
            continue;
        int sc = is_leaf(na) ? 0 : likeness(na, b->nodes[j], x->normalized);
        if (sc > best_score) {
            best = j;
            best_score = sc;
        }
    }
    a->used[i] = 1;
    if (best >= 0) {
        b->used[best] = 1;
        return diff_node(x, na, b->nodes[best], p, depth + 1);
    }
    char *s = summary(na, 0);
    int ret = s ? add_item(x, p, s, NULL) : QC_ERR_NOMEM;
    free(s);
    return ret;
}

static int diff_children(Cmp *x, const xmlNode *a, const xmlNode *b, const char *path, int depth)
{
    Side sa, sb;
    int ret = side_load(&sa, a, x->normalized, depth);
    if (ret >= 0)
        ret = side_load(&sb, b, x->normalized, depth);
    /* identical subtrees pair off first, whatever their order */
    for (int i = 0; ret >= 0 && i < sa.n; i++)
        for (int j = 0; j < sb.n && !sa.used[i]; j++)
            if (!sb.used[j] && !strcmp(sa.canon[i], sb.canon[j]))
                sa.used[i] = sb.used[j] = 1;
    for (int i = 0; ret >= 0 && i < sa.n; i++)
        if (!sa.used[i])
            ret = diff_key(x, &sa, &sb, i, path, depth);
    for (int j = 0; ret >= 0 && j < sb.n; j++) {
        if (sb.used[j])
            continue;
        const xmlNode *nb = sb.nodes[j];
        char p[512];
        child_path(p, sizeof(p), path, nb, index_in(&sb, j),
                   count_key(&sa, nb) > 1 || count_key(&sb, nb) > 1);
        char *s = summary(nb, 0);
        ret = s ? add_item(x, p, NULL, s) : QC_ERR_NOMEM;
        free(s);
    }
    side_free(&sa);
    side_free(&sb);
    return ret;
}

/* An element that holds elements, or nothing but whitespace (a set emptied of its items). */
static int may_hold_elements(const xmlNode *n)
{
    if (!is_leaf(n))
        return 1;
    xmlChar *t = xmlNodeGetContent(n);
    int blank = 1;
    for (const xmlChar *p = t; p && *p && blank; p++)
        blank = isspace(*p);
    xmlFree(t);
    return blank;
}

static int diff_node(Cmp *x, const xmlNode *a, const xmlNode *b, const char *path, int depth)
{
    if (depth < MAX_DEPTH && (!is_leaf(a) || !is_leaf(b)) && may_hold_elements(a) &&
        may_hold_elements(b))
        return diff_children(x, a, b, path, depth);
    /* compared in the mode's form, shown as written */
    char *ca = summary(a, x->normalized), *cb = summary(b, x->normalized);
    int ret = !ca || !cb ? QC_ERR_NOMEM : 0;
    if (!ret && strcmp(ca, cb)) {
        char *sa = summary(a, 0), *sb = summary(b, 0);
        ret = sa && sb ? add_item(x, path, sa, sb) : QC_ERR_NOMEM;
        free(sa);
        free(sb);
    }
    free(ca);
    free(cb);
    return ret;
}

int qc_descriptor_compare(const xmlNode *cpl, const xmlNode *mxf, int normalized,
                          QcDescDiff *diff)
{
    memset(diff, 0, sizeof(*diff));
    Cmp x = {normalized, diff};
    int ret;
    if (!same_key(cpl, mxf)) {
        char *sa = summary(cpl, 0), *sb = summary(mxf, 0);
        ret = sa && sb ? add_item(&x, (const char *)cpl->name, sa, sb) : QC_ERR_NOMEM;
        free(sa);
        free(sb);
    } else {
        ret = diff_node(&x, cpl, mxf, (const char *)cpl->name, 0);
    }
    if (ret < 0)
        return ret;
    return diff->total ? 1 : 0;
}

void qc_desc_diff_free(QcDescDiff *d)
{
    for (int i = 0; i < d->count; i++) {
        free(d->items[i].path);
        free(d->items[i].cpl);
        free(d->items[i].mxf);
    }
    free(d->items);
    memset(d, 0, sizeof(*d));
}
