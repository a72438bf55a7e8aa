// SPDX-License-Identifier: MIT
/**
 * @file constraints.h
 * ST 2067-2 core constraints and Application #2E (ST 2067-21) rules on the track files a
 * composition's main sequences play (imf-mxf-primer §5.2–5.3), checked on their MXF
 * descriptors: what the CPL's EssenceDescriptorList should also say.
 */
#ifndef QC_ENGINE_IMF_CONSTRAINTS_H
#define QC_ENGINE_IMF_CONSTRAINTS_H

#include "engine/mxf/descriptors.h"

#define QC_CONSTRAINT_MAX 8

/** One broken rule: a message for a person and whether it blocks the delivery. */
typedef struct QcConstraintBreach {
    char message[200];
    int blocker;
} QcConstraintBreach;

/**
 * Checks a MainImageSequence track file's picture descriptor against App 2E: JPEG 2000 coding,
 * colour model and sampling, colorimetry combinations Color1–Color8, RGB quantization, frame
 * layout against the essence container, StoredF2Offset, and SampleRate against the resource
 * edit rate @p rate_num/@p rate_den.
 * @return the number of breaches written to @p out (at most QC_CONSTRAINT_MAX).
 */
int qc_app2e_check_picture(const QcMxfPictureInfo *pi, int has_f2_offset, int has_line_map,
                           int32_t rate_num, int32_t rate_den, QcConstraintBreach *out);

/** A MainAudioSequence track file against ST 2067-2: 48 or 96 kHz, 24-bit WAVE PCM.
 *  @return the number of breaches. */
int qc_core_check_sound(const QcMxfSoundInfo *si, QcConstraintBreach *out);

#endif
