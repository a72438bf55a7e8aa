// SPDX-License-Identifier: MIT
/**
 * @file
 * Private to kernels/: the C references, the scalar helpers the SIMD variants share with
 * them, and the per-ISA prototypes. Nothing outside kernels/ includes this header; the
 * only way to reach an ISA-specific function is a qc_<family>_dsp_init() ladder.
 */
#ifndef QC_KERNELS_INTERNAL_H
#define QC_KERNELS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "kernels/corr.h"
#include "kernels/discont.h"
#include "kernels/level.h"
#include "kernels/pcm.h"
#include "kernels/truepeak.h"
#include "kernels/zerorun.h"

#ifndef QC_HAVE_X86_SIMD
#error "QC_HAVE_X86_SIMD must be defined to 0 or 1 by the build (kernels/CMakeLists.txt)"
#endif

#if defined(__GNUC__)
#define QC_COLD __attribute__((cold))
#else
#define QC_COLD
#endif

/*
 * The one reduction tree for every 8-lane sum. It is the order in which a vector
 * implementation folds naturally: high half onto low half (lanes j and j+4), then again
 * (j and j+2), then the last pair. SIMD variants store their lanes and call these, so the
 * tree exists once.
 */
static inline double qc_reduce8_d(const double s[8])
{
    return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
}

static inline float qc_reduce8_f(const float s[8])
{
    return ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
}

/*
 * The max that every kernel uses. A NaN candidate never replaces the running max, which
 * is exactly what MAXPS does with the candidate as the first operand and the running max
 * as the second, so max(v, m) in SIMD matches this bit for bit.
 */
static inline float qc_max_f(const float v, const float m)
{
    return v > m ? v : m;
}

// ---- pcm ----
void qc_pcm_s16le_to_f32_c(float *dst, const uint8_t *src, size_t n);
void qc_pcm_s24le_to_f32_c(float *dst, const uint8_t *src, size_t n);
void qc_pcm_s32le_to_f32_c(float *dst, const uint8_t *src, size_t n);
void qc_pcm_deinterleave_f32_c(float *const *dst, const float *src, size_t frames, int channels);

// ---- level ----
/** Partial state of stats_f32; lane j has seen the samples i ≡ j mod 8. */
typedef struct QcLevelLanes {
    double sum[8];   ///< per-lane Σx
    double sumsq[8]; ///< per-lane Σx²
    float absmax;    ///< max |x| so far
} QcLevelLanes;

/** Adds x[0..n) to @p l, sample 0 going to lane 0. */
void qc_level_lanes_add(QcLevelLanes *l, const float *x, size_t n);
void qc_level_lanes_finish(const QcLevelLanes *l, QcLevelStats *out);
void qc_level_stats_f32_c(const float *x, size_t n, QcLevelStats *out);

// ---- zerorun ----
size_t qc_zerorun_find_quiet_f32_c(const float *x, size_t n, float level);
size_t qc_zerorun_find_loud_f32_c(const float *x, size_t n, float level);
size_t qc_zerorun_rfind_loud_f32_c(const float *x, size_t n, float level);

// ---- discont ----
/** Adds |e[i]| for i in [0, n) to the lanes (i mod 8) and to the running max @p m. */
void qc_discont_lanes_add(const float *x, size_t n, float s[8], float *m);
void qc_discont_windows_f32_c(const float *x, size_t nwin, size_t win, float *maxabs,
                              float *sumabs);

// ---- truepeak ----
/** The BS.1770-4 taps: [phase][tap], tap j weighting x[i − j]. */
extern const float qc_truepeak_taps[4][12];
float qc_truepeak_max_abs_4x_f32_c(const float *x, size_t n);

// ---- corr ----
/** Partial state of sums_f32; lane j has seen the samples i ≡ j mod 8. */
typedef struct QcCorrLanes {
    double ab[8]; ///< per-lane Σa·b
    double aa[8]; ///< per-lane Σa²
    double bb[8]; ///< per-lane Σb²
} QcCorrLanes;

/** Adds a[0..n), b[0..n) to @p l, sample 0 going to lane 0. */
void qc_corr_lanes_add(QcCorrLanes *l, const float *a, const float *b, size_t n);
void qc_corr_lanes_finish(const QcCorrLanes *l, double out[3]);
void qc_corr_sums_f32_c(const float *a, const float *b, size_t n, double out[3]);

#if QC_HAVE_X86_SIMD
void qc_pcm_s16le_to_f32_sse2(float *dst, const uint8_t *src, size_t n);
void qc_pcm_s32le_to_f32_sse2(float *dst, const uint8_t *src, size_t n);
void qc_pcm_deinterleave_f32_sse2(float *const *dst, const float *src, size_t frames, int channels);
void qc_pcm_s24le_to_f32_ssse3(float *dst, const uint8_t *src, size_t n);
void qc_pcm_s16le_to_f32_avx2(float *dst, const uint8_t *src, size_t n);
void qc_pcm_s24le_to_f32_avx2(float *dst, const uint8_t *src, size_t n);
void qc_pcm_s32le_to_f32_avx2(float *dst, const uint8_t *src, size_t n);
void qc_pcm_deinterleave_f32_avx2(float *const *dst, const float *src, size_t frames, int channels);

void qc_level_stats_f32_sse2(const float *x, size_t n, QcLevelStats *out);
void qc_level_stats_f32_avx2(const float *x, size_t n, QcLevelStats *out);

size_t qc_zerorun_find_quiet_f32_sse2(const float *x, size_t n, float level);
size_t qc_zerorun_find_loud_f32_sse2(const float *x, size_t n, float level);
size_t qc_zerorun_rfind_loud_f32_sse2(const float *x, size_t n, float level);
size_t qc_zerorun_find_quiet_f32_avx2(const float *x, size_t n, float level);
size_t qc_zerorun_find_loud_f32_avx2(const float *x, size_t n, float level);
size_t qc_zerorun_rfind_loud_f32_avx2(const float *x, size_t n, float level);

void qc_discont_windows_f32_sse2(const float *x, size_t nwin, size_t win, float *maxabs,
                                 float *sumabs);
void qc_discont_windows_f32_avx2(const float *x, size_t nwin, size_t win, float *maxabs,
                                 float *sumabs);

float qc_truepeak_max_abs_4x_f32_sse2(const float *x, size_t n);
float qc_truepeak_max_abs_4x_f32_avx2(const float *x, size_t n);

void qc_corr_sums_f32_sse2(const float *a, const float *b, size_t n, double out[3]);
void qc_corr_sums_f32_avx2(const float *a, const float *b, size_t n, double out[3]);
#endif

#include "kernels/picture.h"

/* picture family: shared scalar helpers and per-ISA entry points */
#define QC_PICTURE_MAX_GRID 64 ///< most cells per grid row or column of block_means_u8
#define QC_PICTURE_STRIP 257   ///< most rows whose byte sums fit a uint16 (257 · 255 < 2^16)
#define QC_PICTURE_CHUNK 512   ///< columns per column-sum buffer of block_means_u8

/** colsum[x] = Σ a[y·stride + x] over y < rows ≤ QC_PICTURE_STRIP, for x < n. */
typedef void (*QcPictureColsumFn)(uint16_t *colsum, const uint8_t *a, ptrdiff_t stride, int n,
                                  int rows);

/** One thumbnail row, output columns [x0, x1); the planes point at the block row's column 0. */
void qc_picture_thumb_rgb_cols(uint8_t *dst, const int32_t *r, const int32_t *g, const int32_t *b,
                               ptrdiff_t stride, int x0, int x1, int factor, int bits);
void qc_picture_thumb_y_cols(uint8_t *dst, const int32_t *y, ptrdiff_t stride, int x0, int x1,
                             int factor, int bits);
/** Σ|a − b| over n bytes of one row. */
uint64_t qc_picture_sad_cols(const uint8_t *a, const uint8_t *b, int n);
/** ADDS Σx and Σx² of n bytes of one row to *sum and *sumsq. */
void qc_picture_sum_sq_cols(const uint8_t *a, int n, uint64_t *sum, uint64_t *sumsq);
/** The scalar QcPictureColsumFn; the SIMD ones call it for their tail columns. */
void qc_picture_colsum_cols(uint16_t *colsum, const uint8_t *a, ptrdiff_t stride, int n, int rows);
/** block_means_u8 with the column sums done by @p colsum. */
void qc_picture_block_means_run(uint16_t *dst, const uint8_t *a, ptrdiff_t stride, int w, int h,
                                int gw, int gh, QcPictureColsumFn colsum);

void qc_picture_thumb_rgb_i32_c(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *r,
                                const int32_t *g, const int32_t *b, ptrdiff_t src_stride, int dst_w,
                                int dst_h, int factor, int bits);
void qc_picture_thumb_y_i32_c(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *y,
                              ptrdiff_t src_stride, int dst_w, int dst_h, int factor, int bits);
uint64_t qc_picture_sad_u8_c(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                             ptrdiff_t b_stride, int w, int h);
void qc_picture_sum_sq_u8_c(const uint8_t *a, ptrdiff_t stride, int w, int h, uint64_t *sum,
                            uint64_t *sumsq);
void qc_picture_hist_u8_c(uint32_t hist[256], const uint8_t *a, ptrdiff_t stride, int w, int h);
void qc_picture_block_means_u8_c(uint16_t *dst, const uint8_t *a, ptrdiff_t stride, int w, int h,
                                 int gw, int gh);

#if QC_HAVE_X86_SIMD
void qc_picture_thumb_rgb_i32_sse2(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *r,
                                   const int32_t *g, const int32_t *b, ptrdiff_t src_stride,
                                   int dst_w, int dst_h, int factor, int bits);
void qc_picture_thumb_y_i32_sse2(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *y,
                                 ptrdiff_t src_stride, int dst_w, int dst_h, int factor, int bits);
uint64_t qc_picture_sad_u8_sse2(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                                ptrdiff_t b_stride, int w, int h);
void qc_picture_sum_sq_u8_sse2(const uint8_t *a, ptrdiff_t stride, int w, int h, uint64_t *sum,
                               uint64_t *sumsq);
void qc_picture_hist_u8_sse2(uint32_t hist[256], const uint8_t *a, ptrdiff_t stride, int w, int h);
void qc_picture_block_means_u8_sse2(uint16_t *dst, const uint8_t *a, ptrdiff_t stride, int w, int h,
                                    int gw, int gh);

void qc_picture_thumb_rgb_i32_avx2(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *r,
                                   const int32_t *g, const int32_t *b, ptrdiff_t src_stride,
                                   int dst_w, int dst_h, int factor, int bits);
void qc_picture_thumb_y_i32_avx2(uint8_t *dst, ptrdiff_t dst_stride, const int32_t *y,
                                 ptrdiff_t src_stride, int dst_w, int dst_h, int factor, int bits);
uint64_t qc_picture_sad_u8_avx2(const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                                ptrdiff_t b_stride, int w, int h);
void qc_picture_sum_sq_u8_avx2(const uint8_t *a, ptrdiff_t stride, int w, int h, uint64_t *sum,
                               uint64_t *sumsq);
void qc_picture_block_means_u8_avx2(uint16_t *dst, const uint8_t *a, ptrdiff_t stride, int w, int h,
                                    int gw, int gh);
#endif

#endif // QC_KERNELS_INTERNAL_H
