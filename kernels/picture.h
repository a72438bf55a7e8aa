// SPDX-License-Identifier: MIT
/**
 * @file
 * Picture kernels of the video analyzers: luma thumbnails from OpenJPEG's decoded planes,
 * and statistics of 8-bit luma thumbnails (SAD, sums, histogram, grid means).
 *
 * Every result is an exact integer function of the input, so every variant returns the
 * same bits. Sizes are in pixels, strides in elements (int32 samples or bytes) and at least
 * the width; any width and height ≥ 1 is accepted and no pointer needs any alignment.
 *
 * The int32 planes are OpenJPEG's: one plane per component, unsigned samples of @c bits
 * significant bits, bits ∈ [8, 16]. A sample outside [0, 2^bits) is not an error: the
 * thumbnail is then unspecified, but still the same on every CPU (the arithmetic is
 * modulo 2^32, then clamped).
 */
#ifndef QC_KERNELS_PICTURE_H
#define QC_KERNELS_PICTURE_H

#include <stddef.h>
#include <stdint.h>

/** Picture kernels. Fill with qc_picture_dsp_init(). */
typedef struct QcPictureDSP {
    /**
     * Luma thumbnail of an RGB picture, by box filtering. Output pixel (x, y) is the mean
     * of Y = 54·R + 183·G + 19·B (BT.709 × 256) over the factor × factor source block at
     * (x·factor, y·factor), scaled from @p bits to 8 bits and rounded half up:
     * dst = min(255, (S + D/2) / D) with S the block sum and D = factor² · 2^bits.
     *
     * @param dst        dst_h rows of dst_w bytes, row stride @p dst_stride bytes.
     * @param r,g,b      the planes, row stride @p src_stride samples; the caller
     *                   guarantees at least dst_w·factor columns and dst_h·factor rows.
     * @param factor     downscale factor in source pixels per output pixel, [1, 16].
     * @param bits       significant bits of the samples, [8, 16].
     */
    void (*thumb_rgb_i32)(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *r, const int32_t *g,
                          const int32_t *b, ptrdiff_t src_stride, int dst_w, int dst_h, int factor,
                          int bits);
    /**
     * The same for one luma plane: dst = min(255, (S + D/2) / D) with S the block sum of
     * the samples and D = factor² · 2^(bits − 8). Parameters as for thumb_rgb_i32.
     */
    void (*thumb_y_i32)(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *y, ptrdiff_t src_stride,
                        int dst_w, int dst_h, int factor, int bits);
    /**
     * Returns the sum of absolute differences Σ|a − b| over w × h pixels (strides in
     * bytes).
     */
    uint64_t (*sad_u8)(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b, ptrdiff_t b_stride,
                       int w, int h);
    /** Stores Σx in *sum and Σx² in *sumsq over w × h pixels (stride in bytes). */
    void (*sum_sq_u8)(const uint8_t *a, ptrdiff_t stride, int w, int h, uint64_t *sum,
                      uint64_t *sumsq);
    /**
     * ADDS the count of every value over w × h pixels into hist[value] (the caller zeroes
     * it; counts wrap modulo 2^32).
     */
    void (*hist_u8)(uint32_t hist[256], const uint8_t *a, ptrdiff_t stride, int w, int h);
    /**
     * Means of a gw × gh grid over the w × h picture (a fingerprint). Cell (i, j) covers
     * the columns [i·w/gw, (i+1)·w/gw) and the rows [j·h/gh, (j+1)·h/gh) (integer
     * division); dst[j·gw + i] = (sum·16 + count/2) / count, the mean in 1/16 levels
     * rounded half up. gw ∈ [1, min(64, w)], gh ∈ [1, min(64, h)]; dst holds gw·gh values.
     */
    void (*block_means_u8)(uint16_t *dst, const uint8_t *a, ptrdiff_t stride, int w, int h, int gw,
                           int gh);
} QcPictureDSP;

/**
 * Fills @p dsp with the fastest variants that @p cpu_flags allow.
 *
 * @param dsp       the table to fill; must not be NULL.
 * @param cpu_flags QC_CPU_* flags, normally qc_cpu_flags(); 0 selects the C references.
 */
void qc_picture_dsp_init(QcPictureDSP *dsp, unsigned cpu_flags);


#endif // QC_KERNELS_PICTURE_H
