// SPDX-License-Identifier: MIT
/**
 * @file descriptors.h
 * Typed views of the essence descriptors the engine compares against the essence: picture (CDCI
 * or RGBA) with its JPEG 2000 sub-descriptor, and WAVE PCM sound. Fields the file leaves out
 * keep their "absent" value (0 or -1), never a guess.
 */
#ifndef QC_ENGINE_MXF_DESCRIPTORS_H
#define QC_ENGINE_MXF_DESCRIPTORS_H

#include <stdint.h>

#include "engine/mxf/mxf.h"

#define QC_J2K_MAX_COMPONENTS 16

typedef struct QcMxfJ2kInfo {
    int present;
    uint16_t rsiz, csiz;
    uint32_t xsiz, ysiz, xosiz, yosiz, xtsiz, ytsiz, xtosiz, ytosiz;
    uint8_t ssiz[QC_J2K_MAX_COMPONENTS], xrsiz[QC_J2K_MAX_COMPONENTS],
        yrsiz[QC_J2K_MAX_COMPONENTS]; ///< per component: bit depth − 1 (bit 7 signed), subsampling
    uint32_t cod_length, qcd_length;  ///< bytes of CodingStyleDefault / QuantizationDefault
    const uint8_t *cod, *qcd;         ///< into the header buffer, or NULL
} QcMxfJ2kInfo;

typedef struct QcMxfPictureInfo {
    int rgba;                   ///< 1 RGBADescriptor, 0 CDCIDescriptor
    int32_t rate_num, rate_den; ///< SampleRate
    int64_t container_duration; ///< -1 when absent
    uint32_t stored_width, stored_height, sampled_width, sampled_height, display_width,
        display_height;
    int32_t aspect_num, aspect_den;
    int frame_layout;         ///< -1 when absent
    uint32_t component_depth; ///< CDCI; for RGBA the depth of the first PixelLayout entry
    uint32_t horizontal_subsampling, vertical_subsampling; ///< CDCI (1 = none)
    uint32_t component_max_ref, component_min_ref;         ///< RGBA
    uint8_t coding[16], essence_container[16], color_primaries[16], transfer[16],
        coding_equations[16];
    int has_coding, has_color_primaries, has_transfer, has_coding_equations;
    QcMxfJ2kInfo j2k;
} QcMxfPictureInfo;

typedef struct QcMxfSoundInfo {
    int32_t rate_num, rate_den; ///< AudioSamplingRate
    uint32_t channels, bits, block_align, avg_bps;
    int64_t container_duration; ///< -1 when absent
    uint8_t essence_container[16];
} QcMxfSoundInfo;

/** Fills @p out from a picture descriptor. @return 0, or -1 when @p d is not one. */
int qc_mxf_picture_info(const QcMxf *m, const QcMxfSet *d, QcMxfPictureInfo *out);

/** Fills @p out from a sound descriptor. @return 0, or -1 when @p d is not one. */
int qc_mxf_sound_info(const QcMxfSet *d, QcMxfSoundInfo *out);

#endif
