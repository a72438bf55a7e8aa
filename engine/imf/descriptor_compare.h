// SPDX-License-Identifier: MIT
/**
 * @file descriptor_compare.h
 * A CPL EssenceDescriptor against the RegXML rendering of the track file's MXF descriptor, as
 * Automated QC compares them (imf-mxf-primer §7.4): elements keyed by namespace and local name,
 * order ignored, comments and attributes ignored, PHDRMetadataTrackSubDescriptor ignored, leaf
 * text compared exactly; or, normalized, forgiving only what cannot change meaning (the UL
 * version byte, hex case, surrounding whitespace).
 */
#ifndef QC_ENGINE_IMF_DESCRIPTOR_COMPARE_H
#define QC_ENGINE_IMF_DESCRIPTOR_COMPARE_H

#include <libxml/tree.h>
#include <stddef.h>

#define QC_DESC_DIFF_MAX 64 ///< differences listed; more are counted

/** One property that differs: its path and the two values (NULL: absent on that side; a
 *  complex element is summarised as "<Name> with N properties"). */
typedef struct QcDescDiffItem {
    char *path; ///< "RGBADescriptor/SubDescriptors/JPEG2000SubDescriptor/Xsiz"
    char *cpl, *mxf;
} QcDescDiffItem;

typedef struct QcDescDiff {
    QcDescDiffItem *items;
    int count; ///< listed (at most QC_DESC_DIFF_MAX)
    int total; ///< found
    size_t cap;
} QcDescDiff;

/**
 * Compares @p cpl (the element inside EssenceDescriptor) with @p mxf (qc_regxml_descriptor).
 * @return 0 when they match, 1 when they differ (@p diff lists how), QC_ERR_NOMEM.
 */
int qc_descriptor_compare(const xmlNode *cpl, const xmlNode *mxf, int normalized,
                          QcDescDiff *diff);

void qc_desc_diff_free(QcDescDiff *d);

#endif
