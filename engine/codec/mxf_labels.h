// SPDX-License-Identifier: MIT
/**
 * @file mxf_labels.h
 * Channel labels from an MXF sound descriptor's MCA sub-descriptors (ST 377-4, ST 2067-8).
 */
#ifndef QC_ENGINE_CODEC_MXF_LABELS_H
#define QC_ENGINE_CODEC_MXF_LABELS_H

#include "engine/core/track.h"
#include "engine/mxf/mxf.h"

/** The speaker label of an MCA tag symbol ("chL" → L); QC_CH_UNKNOWN when not a speaker. */
QcChannelLabel qc_mca_symbol_label(const char *symbol);

/**
 * Fills @p labels[0..channels) from the AudioChannelLabelSubDescriptors of @p desc, placed by
 * MCAChannelID. @return 1 when the descriptor labels at least one channel, 0 otherwise.
 */
int qc_mxf_channel_labels(const QcMxf *m, const QcMxfSet *desc, int channels,
                          QcChannelLabel *labels);

#endif
