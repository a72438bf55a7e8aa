// SPDX-License-Identifier: MIT
/* Between the parts of the RegXML renderer: the state of one rendering, the set rule (ST 2001-1
 * rule 3, regxml.c) and the value rules (rules 4 and 5, regxml_values.c), which call back into
 * the set rule for strong references. */
#ifndef QC_ENGINE_IMF_REGXML_INTERNAL_H
#define QC_ENGINE_IMF_REGXML_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "engine/imf/regxml.h"

/* regxmllib's attribute namespace (escape="true" on strings it had to escape) */
#define QC_REGXML_NS_BASELINE "http://sandflow.com/ns/SMPTEST2001-1/baseline"

/* A hostile file can chain or fan out strong references without end; real descriptors nest two
 * levels and hold a few dozen sub-descriptors. */
#define QC_REGXML_MAX_DEPTH 32  ///< sets open at once
#define QC_REGXML_MAX_SETS 4096 ///< sets rendered into one fragment

typedef struct QcRegxml {
    const QcMxf *m;
    xmlDocPtr doc;
    xmlNodePtr root;
    xmlNsPtr ns_class, ns_elem, ns_type;
    xmlNsPtr ns_base; ///< declared on the root when a string first needs escaping
    const QcMxfSet *chain[QC_REGXML_MAX_DEPTH]; ///< the sets being rendered, outermost first
    int depth;
    int nb_sets; ///< rendered so far
    int oom;     ///< an allocation failed: the tree is incomplete and will be thrown away
} QcRegxml;

/** A new element @p name in @p ns appended to @p parent, with @p text (may be NULL) as its
 *  content, taken literally. NULL when memory ran out (x->oom is then set). */
xmlNodePtr qc_regxml_child(QcRegxml *x, xmlNodePtr parent, xmlNsPtr ns, const char *name,
                           const char *text);

/** Appends literal text to @p e. @return 0, or -1 when memory ran out. */
int qc_regxml_text(QcRegxml *x, xmlNodePtr e, const char *text);

/** Appends the comment @p text to @p parent. */
void qc_regxml_comment(QcRegxml *x, xmlNodePtr parent, const char *text);

/** The regxmllib baseline namespace, declared on the root at first use (NULL: out of memory). */
xmlNsPtr qc_regxml_baseline(QcRegxml *x);

/** Fills the element @p e of property @p p (known to the dictionary) from its value. */
void qc_regxml_value(QcRegxml *x, xmlNodePtr e, const QcMxfProperty *p);

/** Strong reference to the set with InstanceUID @p uid: that set's element inside @p e. */
void qc_regxml_reference(QcRegxml *x, xmlNodePtr e, const uint8_t *uid);

/** An AUID as RegXML writes it: a UL URN, or for a half-swapped UUID its urn:uuid form
 *  (needs 64 bytes). */
void qc_regxml_auid(const uint8_t *auid, char *out, size_t size);

#endif
