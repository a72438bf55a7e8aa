// SPDX-License-Identifier: MIT
/**
 * @file mca.h
 * The multichannel audio labels of a sound descriptor (ST 377-4 as IMF uses it, primer §3.9,
 * §5.2), read into plain structs so analyzers need not walk the property tree.
 */
#ifndef QC_ENGINE_MXF_MCA_H
#define QC_ENGINE_MXF_MCA_H

#include <stdint.h>

#include "engine/mxf/mxf.h"

typedef struct QcMcaLabel {
    int kind;            ///< 0 channel, 1 soundfield group, 2 group of soundfield groups
    int64_t offset;      ///< file offset of the sub-descriptor
    uint32_t channel_id; ///< MCAChannelID (1-based), 0 when absent
    char symbol[32];     ///< MCATagSymbol ("chL", "sg51")
    char name[64];       ///< MCATagName
    char language[64];   ///< RFC5646SpokenLanguage, "" when absent
    char title[128], title_version[64], content_kind[32], element_kind[32];
    uint8_t dict_id[16];       ///< MCALabelDictionaryID
    uint8_t link_id[16];       ///< MCALinkID
    uint8_t group_link_id[16]; ///< SoundfieldGroupLinkID (channels)
    int has_dict_id, has_link_id, has_group_link_id;
} QcMcaLabel;

#define QC_MCA_MAX_LABELS 512

typedef struct QcMcaInfo {
    int64_t descriptor_offset;
    uint32_t channel_count; ///< the descriptor's ChannelCount
    int has_channel_assignment;
    uint8_t channel_assignment[16];
    int nb_labels;
    QcMcaLabel labels[QC_MCA_MAX_LABELS];
} QcMcaInfo;

/** Reads the labels under @p desc into @p out (all of it zeroed first). */
void qc_mca_read(const QcMxf *m, const QcMxfSet *desc, QcMcaInfo *out);

#endif
