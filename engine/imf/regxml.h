// SPDX-License-Identifier: MIT
/**
 * @file regxml.h
 * RegXML (SMPTE ST 2001-1) rendering of an MXF essence descriptor with its sub-descriptors
 * inlined: the element a CPL's EssenceDescriptorList carries for the track file
 * (imf-mxf-primer §7.1–7.3). Element names, namespaces, nesting and value formats follow
 * what regxmllib produces; children come in the file order of the set's items.
 */
#ifndef QC_ENGINE_IMF_REGXML_H
#define QC_ENGINE_IMF_REGXML_H

#include <libxml/tree.h>

#include "engine/core/error.h"
#include "engine/mxf/mxf.h"

#define QC_REGXML_NS_CLASSES "http://www.smpte-ra.org/reg/395/2014/13/1/aaf"
#define QC_REGXML_NS_ELEMENTS "http://www.smpte-ra.org/reg/335/2012"
#define QC_REGXML_NS_TYPES "http://www.smpte-ra.org/reg/2003/2012"

/**
 * Builds the element for descriptor set @p desc of @p m in @p doc and returns it unlinked in
 * *@p out (the caller links it, or frees it with xmlFreeNode). The three RegXML namespaces are
 * declared on that element with the prefixes r0 (classes), r1 (elements), r2 (types).
 * Properties the dictionary does not know become XML comments, as regxmllib writes them.
 * @return 0, QC_ERR_NOMEM, or QC_ERR_INVALID_DATA when @p desc is not a descriptor set.
 */
int qc_regxml_descriptor(const QcMxf *m, const QcMxfSet *desc, xmlDocPtr doc, xmlNodePtr *out,
                         QcError *err);

/**
 * The same as indented XML text (no XML declaration), malloc'ed in *@p out.
 * @return 0, QC_ERR_NOMEM or QC_ERR_INVALID_DATA.
 */
int qc_regxml_descriptor_text(const QcMxf *m, const QcMxfSet *desc, char **out, QcError *err);

#endif
