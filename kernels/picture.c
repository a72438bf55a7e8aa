// SPDX-License-Identifier: MIT
// The private block of picture.h (see there).
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernels/cpu.h"
#include "kernels/internal.h"
#include "kernels/picture.h"

/*
 * Block sums are uint32: in range, 256 · 65535 · 16² < 2^32, so they are exact; out of
 * range, modulo 2^32 is a ring, so summing per channel and weighting last (as the SIMD
 * variants do) gives the same bits as weighting each pixel.
 */
static inline uint8_t round_u8(const uint32_t s, const uint32_t d)
{
    const uint64_t q = ((uint64_t)s + d / 2) / d;
    return q > 255 ? 255 : (uint8_t)q;
}

void qc_picture_thumb_rgb_cols(uint8_t *const dst, const int32_t *const r, const int32_t *const g,
                               const int32_t *const b, const ptrdiff_t stride, const int x0,
                               const int x1, const int factor, const int bits)
{
    const uint32_t d = (uint32_t)(factor * factor) << bits;
    for (int x = x0; x < x1; x++) {
        uint32_t s = 0;
        for (int row = 0; row < factor; row++) {
            const ptrdiff_t o = row * stride + (ptrdiff_t)x * factor;
            for (int k = 0; k < factor; k++)
                s +=
                    54u * (uint32_t)r[o + k] + 183u * (uint32_t)g[o + k] + 19u * (uint32_t)b[o + k];
        }
        dst[x] = round_u8(s, d);
    }
}

void qc_picture_thumb_y_cols(uint8_t *const dst, const int32_t *const y, const ptrdiff_t stride,
                             const int x0, const int x1, const int factor, const int bits)
{
    const uint32_t d = (uint32_t)(factor * factor) << (bits - 8);
    for (int x = x0; x < x1; x++) {
        uint32_t s = 0;
        for (int row = 0; row < factor; row++) {
            const ptrdiff_t o = row * stride + (ptrdiff_t)x * factor;
            for (int k = 0; k < factor; k++)
                s += (uint32_t)y[o + k];
        }
        dst[x] = round_u8(s, d);
    }
}

static void assert_thumb_args(const uint8_t *const dst, const ptrdiff_t dst_stride,
                              const ptrdiff_t src_stride, const int dst_w, const int dst_h,
                              const int factor, const int bits)
{
    (void)dst, (void)dst_stride, (void)src_stride, (void)dst_w, (void)dst_h, (void)factor;
    (void)bits;
    assert(dst);
    assert(dst_w >= 1 && dst_h >= 1);
    assert(factor >= 1 && factor <= 16);
    assert(bits >= 8 && bits <= 16);
    assert(dst_stride >= dst_w);
    assert(src_stride >= (ptrdiff_t)dst_w * factor);
}

void qc_picture_thumb_rgb_i32_c(uint8_t *const dst, const ptrdiff_t dst_stride,
                                const int32_t *const r, const int32_t *const g,
                                const int32_t *const b, const ptrdiff_t src_stride, const int dst_w,
                                const int dst_h, const int factor, const int bits)
{
    assert_thumb_args(dst, dst_stride, src_stride, dst_w, dst_h, factor, bits);
    assert(r && g && b);
    for (int y = 0; y < dst_h; y++) {
        const ptrdiff_t o = (ptrdiff_t)y * factor * src_stride;
        qc_picture_thumb_rgb_cols(dst + y * dst_stride, r + o, g + o, b + o, src_stride, 0, dst_w,
                                  factor, bits);
    }
}

void qc_picture_thumb_y_i32_c(uint8_t *const dst, const ptrdiff_t dst_stride,
                              const int32_t *const y, const ptrdiff_t src_stride, const int dst_w,
                              const int dst_h, const int factor, const int bits)
{
    assert_thumb_args(dst, dst_stride, src_stride, dst_w, dst_h, factor, bits);
    assert(y);
    for (int row = 0; row < dst_h; row++)
        qc_picture_thumb_y_cols(dst + row * dst_stride, y + (ptrdiff_t)row * factor * src_stride,
                                src_stride, 0, dst_w, factor, bits);
}

uint64_t qc_picture_sad_cols(const uint8_t *const a, const uint8_t *const b, const int n)
{
    uint64_t s = 0;
    for (int x = 0; x < n; x++) {
        const int d = a[x] - b[x];
        s += (uint32_t)(d < 0 ? -d : d);
    }
    return s;
}

uint64_t qc_picture_sad_u8_c(const uint8_t *const a, const ptrdiff_t a_stride,
                             const uint8_t *const b, const ptrdiff_t b_stride, const int w,
                             const int h)
{
    assert(a && b);
    assert(w >= 1 && h >= 1);
    assert(a_stride >= w && b_stride >= w);
    uint64_t s = 0;
    for (int y = 0; y < h; y++)
        s += qc_picture_sad_cols(a + y * a_stride, b + y * b_stride, w);
    return s;
}

void qc_picture_sum_sq_cols(const uint8_t *const a, const int n, uint64_t *const sum,
                            uint64_t *const sumsq)
{
    uint64_t s = 0, q = 0;
    for (int x = 0; x < n; x++) {
        s += a[x];
        q += (uint32_t)a[x] * a[x];
    }
    *sum += s;
    *sumsq += q;
}

void qc_picture_sum_sq_u8_c(const uint8_t *const a, const ptrdiff_t stride, const int w,
                            const int h, uint64_t *const sum, uint64_t *const sumsq)
{
    assert(a && sum && sumsq);
    assert(w >= 1 && h >= 1);
    assert(stride >= w);
    *sum = *sumsq = 0;
    for (int y = 0; y < h; y++)
        qc_picture_sum_sq_cols(a + y * stride, w, sum, sumsq);
}

void qc_picture_hist_u8_c(uint32_t hist[256], const uint8_t *const a, const ptrdiff_t stride,
                          const int w, const int h)
{
    assert(hist && a);
    assert(w >= 1 && h >= 1);
    assert(stride >= w);
    for (int y = 0; y < h; y++) {
        const uint8_t *const p = a + y * stride;
        for (int x = 0; x < w; x++)
            hist[p[x]]++;
    }
}

// ---- block means ----

static void assert_grid_args(const uint16_t *const dst, const uint8_t *const a,
                             const ptrdiff_t stride, const int w, const int h, const int gw,
                             const int gh)
{
    (void)dst, (void)a, (void)stride, (void)w, (void)h, (void)gw, (void)gh;
    assert(dst && a);
    assert(w >= 1 && h >= 1);
    assert(stride >= w);
    assert(gw >= 1 && gw <= QC_PICTURE_MAX_GRID && gw <= w);
    assert(gh >= 1 && gh <= QC_PICTURE_MAX_GRID && gh <= h);
}

static inline uint16_t cell_mean(const uint64_t sum, const uint64_t count)
{
    return (uint16_t)((sum * 16 + count / 2) / count);
}

void qc_picture_block_means_u8_c(uint16_t *const dst, const uint8_t *const a,
                                 const ptrdiff_t stride, const int w, const int h, const int gw,
                                 const int gh)
{
    assert_grid_args(dst, a, stride, w, h, gw, gh);
    for (int j = 0; j < gh; j++) {
        const int y0 = (int)((int64_t)j * h / gh), y1 = (int)((int64_t)(j + 1) * h / gh);
        for (int i = 0; i < gw; i++) {
            const int x0 = (int)((int64_t)i * w / gw), x1 = (int)((int64_t)(i + 1) * w / gw);
            uint64_t s = 0;
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++)
                    s += a[y * stride + x];
            dst[j * gw + i] = cell_mean(s, (uint64_t)(x1 - x0) * (uint64_t)(y1 - y0));
        }
    }
}

void qc_picture_colsum_cols(uint16_t *const colsum, const uint8_t *const a, const ptrdiff_t stride,
                            const int n, const int rows)
{
    assert(rows >= 1 && rows <= QC_PICTURE_STRIP);
    for (int x = 0; x < n; x++) {
        uint32_t s = 0;
        for (int y = 0; y < rows; y++)
            s += a[y * stride + x];
        colsum[x] = (uint16_t)s;
    }
}

// Adds the column sums of columns [c0, c1) to the cells they fall in (bounds bx).
static void cells_add(uint64_t *const cells, const uint16_t *const colsum, const int c0,
                      const int c1, const int *const bx)
{
    int i = 0;
    for (int x = c0; x < c1;) {
        while (bx[i + 1] <= x)
            i++;
        const int e = bx[i + 1] < c1 ? bx[i + 1] : c1;
        uint32_t s = 0; // ≤ QC_PICTURE_CHUNK · 65535
        for (; x < e; x++)
            s += colsum[x - c0];
        cells[i] += s;
    }
}

/*
 * The SIMD form: per band of cells, column sums of strips of at most QC_PICTURE_STRIP rows
 * (so that they fit uint16 lanes) over chunks of QC_PICTURE_CHUNK columns, then a scalar
 * walk that adds each chunk to its cells. Only @p colsum is vectorised.
 */
void qc_picture_block_means_run(uint16_t *const dst, const uint8_t *const a, const ptrdiff_t stride,
                                const int w, const int h, const int gw, const int gh,
                                const QcPictureColsumFn colsum)
{
    assert_grid_args(dst, a, stride, w, h, gw, gh);
    int bx[QC_PICTURE_MAX_GRID + 1];
    for (int i = 0; i <= gw; i++)
        bx[i] = (int)((int64_t)i * w / gw);
    uint16_t cs[QC_PICTURE_CHUNK];
    uint64_t cells[QC_PICTURE_MAX_GRID];
    for (int j = 0; j < gh; j++) {
        const int y0 = (int)((int64_t)j * h / gh), y1 = (int)((int64_t)(j + 1) * h / gh);
        memset(cells, 0, sizeof(cells));
        for (int y = y0; y < y1; y += QC_PICTURE_STRIP) {
            const int rows = y1 - y < QC_PICTURE_STRIP ? y1 - y : QC_PICTURE_STRIP;
            for (int c0 = 0; c0 < w; c0 += QC_PICTURE_CHUNK) {
                const int n = w - c0 < QC_PICTURE_CHUNK ? w - c0 : QC_PICTURE_CHUNK;
                colsum(cs, a + y * stride + c0, stride, n, rows);
                cells_add(cells, cs, c0, c0 + n, bx);
            }
        }
        const uint64_t hh = (uint64_t)(y1 - y0);
        for (int i = 0; i < gw; i++)
            dst[j * gw + i] = cell_mean(cells[i], (uint64_t)(bx[i + 1] - bx[i]) * hh);
    }
}

QC_COLD void qc_picture_dsp_init(QcPictureDSP *const dsp, const unsigned cpu)
{
    dsp->thumb_rgb_i32 = qc_picture_thumb_rgb_i32_c;
    dsp->thumb_y_i32 = qc_picture_thumb_y_i32_c;
    dsp->sad_u8 = qc_picture_sad_u8_c;
    dsp->sum_sq_u8 = qc_picture_sum_sq_u8_c;
    dsp->hist_u8 = qc_picture_hist_u8_c;
    dsp->block_means_u8 = qc_picture_block_means_u8_c;

#if QC_HAVE_X86_SIMD
    if (!(cpu & QC_CPU_SSE2))
        return;
    dsp->thumb_rgb_i32 = qc_picture_thumb_rgb_i32_sse2;
    dsp->thumb_y_i32 = qc_picture_thumb_y_i32_sse2;
    dsp->sad_u8 = qc_picture_sad_u8_sse2;
    dsp->sum_sq_u8 = qc_picture_sum_sq_u8_sse2;
    dsp->hist_u8 = qc_picture_hist_u8_sse2;
    dsp->block_means_u8 = qc_picture_block_means_u8_sse2;

    if (!(cpu & QC_CPU_AVX2))
        return;
    dsp->thumb_rgb_i32 = qc_picture_thumb_rgb_i32_avx2;
    dsp->thumb_y_i32 = qc_picture_thumb_y_i32_avx2;
    dsp->sad_u8 = qc_picture_sad_u8_avx2;
    dsp->sum_sq_u8 = qc_picture_sum_sq_u8_avx2;
    dsp->block_means_u8 = qc_picture_block_means_u8_avx2;
#else
    (void)cpu;
#endif
}
