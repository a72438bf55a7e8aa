// SPDX-License-Identifier: MIT
/**
 * @file picture_rgb.h
 * A decoded picture as a small 8-bit RGB image for people to look at (report thumbnails).
 * Not a hot path: a handful of frames per report, so plain C beside the decoder.
 */
#ifndef QC_ENGINE_CODEC_PICTURE_RGB_H
#define QC_ENGINE_CODEC_PICTURE_RGB_H

#include <stdint.h>

#include "engine/codec/j2k_decode.h"

/**
 * Box-filters @p p down to at most @p max_w pixels wide into packed RGB24 (*@p out, malloc'd).
 * @param rgb 1: the planes are R, G, B; 0: Y'CbCr (BT.709 from 720 lines up, else BT.601),
 *            or luma only when the picture has fewer than three planes
 * @param full_range 0: Y' and C' use the narrow (studio) code range
 * @return 0, QC_ERR_NOMEM or QC_ERR_INVAL (an empty picture)
 */
int qc_picture_to_rgb24(const QcPicture *p, int rgb, int full_range, int max_w, uint8_t **out,
                        int *w, int *h);

/**
 * Encodes packed RGB24 as PNG with libavcodec into *@p png (malloc'd, *@p size bytes).
 * @return 0, QC_ERR_NOMEM or QC_ERR_UNSUPPORTED (no PNG encoder in this FFmpeg)
 */
int qc_png_encode_rgb24(const uint8_t *rgb, int w, int h, uint8_t **png, size_t *size);

#endif
