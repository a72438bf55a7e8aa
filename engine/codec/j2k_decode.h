// SPDX-License-Identifier: MIT
/**
 * @file j2k_decode.h
 * One JPEG 2000 codestream decoded from memory with OpenJPEG, strict mode on, OpenJPEG's own
 * messages captured for this frame only. One decoder per call, so frames decode on any worker.
 */
#ifndef QC_ENGINE_CODEC_J2K_DECODE_H
#define QC_ENGINE_CODEC_J2K_DECODE_H

#include <stddef.h>
#include <stdint.h>

#define QC_J2K_MAX_PLANES 4
#define QC_J2K_MAX_DIMENSION 16384 ///< per side; larger than any IMF picture (8K is 8192)

typedef struct QcJ2kLimits {
    uint32_t width, height; ///< what the descriptor approves (0: anything up to the limits)
    int components;         ///< expected component count (0: 1..QC_J2K_MAX_PLANES)
} QcJ2kLimits;

typedef struct QcPicture {
    int width, height; ///< of the first plane after any reduction, pixels
    int planes;
    int bits;                                         ///< significant bits of plane 0
    int dx[QC_J2K_MAX_PLANES], dy[QC_J2K_MAX_PLANES]; ///< subsampling per plane
    int w[QC_J2K_MAX_PLANES], h[QC_J2K_MAX_PLANES];   ///< per-plane size
    const int32_t *plane[QC_J2K_MAX_PLANES];          ///< row-major, stride = w[p]
    void *opaque; ///< OpenJPEG's image, freed by qc_picture_free
} QcPicture;

typedef enum QcJ2kDecodeStatus {
    QC_J2K_DECODED = 0,
    QC_J2K_DAMAGED = 1, ///< decoded, but OpenJPEG warned about the data (message says what)
    QC_J2K_FAILED = 2,  ///< OpenJPEG could not decode the frame
    QC_J2K_REFUSED = 3, ///< dimensions the limits do not approve: not decoded at all
} QcJ2kDecodeStatus;

/**
 * Decodes @p cs (@p n bytes) into @p out, discarding @p reduce resolution levels (0 = full).
 * @param msg receives OpenJPEG's first error or warning (or why it was refused)
 * @return a QcJ2kDecodeStatus, or QC_ERR_NOMEM. On QC_J2K_DECODED and QC_J2K_DAMAGED the
 *         picture must be released with qc_picture_free.
 */
int qc_j2k_decode(const uint8_t *cs, size_t n, int reduce, const QcJ2kLimits *limits,
                  QcPicture *out, char *msg, size_t msg_size);

void qc_picture_free(QcPicture *p);

#endif
