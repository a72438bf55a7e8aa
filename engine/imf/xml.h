// SPDX-License-Identifier: MIT
/**
 * @file xml.h
 * Reading IMF XML (ASSETMAP, PKL, CPL) safely with libxml2: no network, no DTD, no entity
 * expansion, bounded size; and small helpers that match elements by namespace and local name.
 */
#ifndef QC_ENGINE_IMF_XML_H
#define QC_ENGINE_IMF_XML_H

#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#define QC_XML_MAX_BYTES (64 << 20) ///< no ASSETMAP, PKL or CPL comes near this

/**
 * Parses the file @p path. A document with a DOCTYPE is refused (IMF XML has none, and a DTD is
 * how entity attacks and external fetches arrive).
 * @return 0 with *@p doc set; 1 when the file is not acceptable XML (@p why says what and where:
 *         "line 12: …"); 2 when it cannot be read (@p why); QC_ERR_NOMEM.
 */
int qc_xml_read(const char *path, xmlDocPtr *doc, char *why, size_t why_size);

/** The same from memory (fuzzing, tests). */
int qc_xml_parse(const char *data, size_t size, const char *name, xmlDocPtr *doc, char *why,
                 size_t why_size);

/** Whether @p node is an element named @p name in namespace @p ns (NULL: any namespace). */
int qc_xml_is(const xmlNode *node, const char *ns, const char *name);

/** The first child element named @p name in the namespace of @p parent or of the document's
 *  root element, or NULL. */
xmlNode *qc_xml_child(const xmlNode *parent, const char *name);

/** The next sibling element after @p node with the same name and namespace, or NULL. */
xmlNode *qc_xml_next_same(const xmlNode *node);

/** Trimmed text content of @p node into @p out (truncated). @return 0, or -1 when @p node is NULL
 *  or has element children. */
int qc_xml_text(const xmlNode *node, char *out, size_t size);

/** Removes leading and trailing whitespace from @p s in place. */
void qc_xml_trim(char *s);

/** Text of the child @p name of @p parent (see qc_xml_child), "" when absent. @return 0 or -1
 *  when absent. */
int qc_xml_child_text(const xmlNode *parent, const char *name, char *out, size_t size);

/** "urn:uuid:…" (case-insensitive, whitespace trimmed) into 16 bytes. @return 0 or -1. */
int qc_uuid_parse(const char *text, uint8_t uuid[16]);

/** A non-negative decimal integer. @return 0 or -1. */
int qc_xml_parse_u64(const char *text, uint64_t *v);

/** "num den" (dcml RationalType) with both positive. @return 0 or -1. */
int qc_xml_parse_rational(const char *text, int32_t *num, int32_t *den);

/** Line of @p node in its file (0 when unknown). */
long qc_xml_line(const xmlNode *node);

#endif
