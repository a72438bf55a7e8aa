// SPDX-License-Identifier: MIT
// The private block of picture.h (see there).
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/internal.h"
#include "kernels/picture.h"

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

// ---- thumbnails: eight output pixels per vector ----

#define ROW_CHUNK 64 ///< output pixels per column-sum buffer of thumb_row_any()

// The pairwise sums of the concatenation a‖b, in order (VPHADDD works per 128-bit lane).
static inline __m256i pairsum(const __m256i a, const __m256i b)
{
    return _mm256_permute4x64_epi64(_mm256_hadd_epi32(a, b), _MM_SHUFFLE(3, 1, 2, 0));
}

// Sums of the 8 consecutive f × f blocks at p, f ∈ {1, 2, 4}: column sums over the rows,
// then log2(f) rounds of pairwise sums. Inlined with a constant f, the loops unroll.
static ALWAYS_INLINE __m256i block_sums_pow2(const int32_t *const p, const ptrdiff_t stride,
                                             const int f)
{
    __m256i v[4];
    for (int j = 0; j < f; j++)
        v[j] = _mm256_setzero_si256();
    for (int r = 0; r < f; r++)
        for (int j = 0; j < f; j++)
            v[j] = _mm256_add_epi32(v[j],
                                    _mm256_loadu_si256((const __m256i *)(p + r * stride + 8 * j)));
    for (int n = f; n > 1; n /= 2)
        for (int j = 0; j < n / 2; j++)
            v[j] = pairsum(v[2 * j], v[2 * j + 1]);
    return v[0];
}

// f ∈ {1, 2, 4}; uint32 lanes, modulo 2^32 as in the reference.
static inline __m256i block_sums(const int32_t *const p, const ptrdiff_t stride, const int f)
{
    switch (f) {
    case 1: return _mm256_loadu_si256((const __m256i *)p);
    case 2: return block_sums_pow2(p, stride, 2);
    default: return block_sums_pow2(p, stride, 4);
    }
}

// Sums over f rows of the 8 columns at p.
static inline __m256i col_sums(const int32_t *const p, const ptrdiff_t stride, const int f)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    for (int r = 1; r < f; r++)
        v = _mm256_add_epi32(v, _mm256_loadu_si256((const __m256i *)(p + r * stride)));
    return v;
}

// Weighting sums of R, G, B equals summing the weighted pixels, modulo 2^32.
static inline __m256i luma(const __m256i r, const __m256i g, const __m256i b)
{
    const __m256i sr = _mm256_mullo_epi32(r, _mm256_set1_epi32(54));
    const __m256i sg = _mm256_mullo_epi32(g, _mm256_set1_epi32(183));
    return _mm256_add_epi32(_mm256_add_epi32(sr, sg), _mm256_mullo_epi32(b, _mm256_set1_epi32(19)));
}

typedef struct Rounder {
    __m256d bias; ///< 2^31 (undoes the sign flip) + d/2
    __m256d d;    ///< the divisor
    __m256d cap;  ///< 255
} Rounder;

static Rounder rounder(const uint32_t d)
{
    Rounder k;
    k.bias = _mm256_set1_pd(2147483648.0 + (double)(d / 2));
    k.d = _mm256_set1_pd((double)d);
    k.cap = _mm256_set1_pd(255.0);
    return k;
}

static inline __m128i round4(const __m128i f, const Rounder *const k)
{
    const __m256d x = _mm256_add_pd(_mm256_cvtepi32_pd(f), k->bias);
    return _mm256_cvttpd_epi32(_mm256_min_pd(_mm256_div_pd(x, k->d), k->cap));
}

/*
 * dst[0..8) = min(255, (s + d/2) / d) for uint32 s, the reference's integer division done
 * in double: the operands are integers below 2^34, so exact, and a quotient that is not an
 * integer is at least 1/d away from one, far more than its rounding error, so truncating it
 * gives the integer quotient whatever the rounding mode.
 */
static inline void store_round(uint8_t *const dst, const __m256i s, const Rounder *const k)
{
    const __m256i f = _mm256_xor_si256(s, _mm256_set1_epi32(INT32_MIN));
    const __m128i qlo = round4(_mm256_castsi256_si128(f), k);
    const __m128i qhi = round4(_mm256_extracti128_si256(f, 1), k);
    const __m128i w = _mm_packs_epi32(qlo, qhi);
    _mm_storel_epi64((__m128i *)dst, _mm_packus_epi16(w, w));
}

/** The planes of one row of blocks: R, G, B, or the Y plane three times. */
typedef struct Planes {
    const int32_t *p[3];
    int rgb; ///< 1 for R, G, B
} Planes;

// Output pixels [0, wv) of one row, wv a multiple of 8, f ∈ {1, 2, 4}: in registers.
static void thumb_row_small(uint8_t *const out, const Planes *const pl, const ptrdiff_t stride,
                            const int wv, const int f, const Rounder *const k)
{
    for (int x = 0; x < wv; x += 8) {
        const ptrdiff_t c = (ptrdiff_t)x * f;
        __m256i s = block_sums(pl->p[0] + c, stride, f);
        if (pl->rgb)
            s = luma(s, block_sums(pl->p[1] + c, stride, f), block_sums(pl->p[2] + c, stride, f));
        store_round(out + x, s, k);
    }
}

/*
 * The same for the other f: column sums go through a buffer and are summed across by
 * scalar code, a chunk at a time. (Reading lanes back from a vector just stored would stall
 * store forwarding.)
 */
static void thumb_row_any(uint8_t *const out, const Planes *const pl, const ptrdiff_t stride,
                          const int wv, const int f, const Rounder *const k)
{
    uint32_t cs[ROW_CHUNK * 16], s[ROW_CHUNK];
    for (int x0 = 0; x0 < wv; x0 += ROW_CHUNK) {
        const int n = wv - x0 < ROW_CHUNK ? wv - x0 : ROW_CHUNK;
        for (int c = 0; c < n * f; c += 8) {
            const ptrdiff_t o = (ptrdiff_t)x0 * f + c;
            __m256i v = col_sums(pl->p[0] + o, stride, f);
            if (pl->rgb)
                v = luma(v, col_sums(pl->p[1] + o, stride, f), col_sums(pl->p[2] + o, stride, f));
            _mm256_storeu_si256((__m256i *)(cs + c), v);
        }
        for (int i = 0; i < n; i++) {
            uint32_t u = 0;
            for (int j = 0; j < f; j++)
                u += cs[i * f + j];
            s[i] = u;
        }
        for (int i = 0; i < n; i += 8)
            store_round(out + x0 + i, _mm256_loadu_si256((const __m256i *)(s + i)), k);
    }
}

static void thumb(uint8_t *const dst, const ptrdiff_t dst_stride, const Planes *const pl,
                  const ptrdiff_t src_stride, const int dst_w, const int dst_h, const int f,
                  const int bits)
{
    const Rounder k = rounder((uint32_t)(f * f) << (pl->rgb ? bits : bits - 8));
    const int wv = dst_w & ~7;
    for (int y = 0; y < dst_h; y++) {
        const ptrdiff_t o = (ptrdiff_t)y * f * src_stride;
        const Planes row = {{pl->p[0] + o, pl->p[1] + o, pl->p[2] + o}, pl->rgb};
        uint8_t *const out = dst + y * dst_stride;
        // Past 4, the registers of thumb_row_small() spill, and the buffer wins.
        if (f == 3 || f > 4)
            thumb_row_any(out, &row, src_stride, wv, f, &k);
        else
            thumb_row_small(out, &row, src_stride, wv, f, &k);
        if (wv == dst_w)
            continue;
        if (pl->rgb)
            qc_picture_thumb_rgb_cols(out, row.p[0], row.p[1], row.p[2], src_stride, wv, dst_w, f,
                                      bits);
        else
            qc_picture_thumb_y_cols(out, row.p[0], src_stride, wv, dst_w, f, bits);
    }
}

void qc_picture_thumb_rgb_i32_avx2(uint8_t *const dst, const ptrdiff_t dst_stride,
                                   const int32_t *const r, const int32_t *const g,
                                   const int32_t *const b, const ptrdiff_t src_stride,
                                   const int dst_w, const int dst_h, const int factor,
                                   const int bits)
{
    const Planes pl = {{r, g, b}, 1};
    thumb(dst, dst_stride, &pl, src_stride, dst_w, dst_h, factor, bits);
}

void qc_picture_thumb_y_i32_avx2(uint8_t *const dst, const ptrdiff_t dst_stride,
                                 const int32_t *const y, const ptrdiff_t src_stride,
                                 const int dst_w, const int dst_h, const int factor, const int bits)
{
    const Planes pl = {{y, y, y}, 0};
    thumb(dst, dst_stride, &pl, src_stride, dst_w, dst_h, factor, bits);
}

// ---- 8-bit statistics ----

static inline uint64_t sum_epi64(const __m256i v)
{
    uint64_t u[4];
    _mm256_storeu_si256((__m256i *)u, v);
    return (u[0] + u[2]) + (u[1] + u[3]);
}

uint64_t qc_picture_sad_u8_avx2(const uint8_t *const a, const ptrdiff_t a_stride,
                                const uint8_t *const b, const ptrdiff_t b_stride, const int w,
                                const int h)
{
    const int wv = w & ~31;
    __m256i acc = _mm256_setzero_si256();
    uint64_t tail = 0;
    for (int y = 0; y < h; y++) {
        const uint8_t *const pa = a + y * a_stride, *const pb = b + y * b_stride;
        for (int x = 0; x < wv; x += 32) {
            const __m256i va = _mm256_loadu_si256((const __m256i *)(pa + x));
            const __m256i vb = _mm256_loadu_si256((const __m256i *)(pb + x));
            acc = _mm256_add_epi64(acc, _mm256_sad_epu8(va, vb));
        }
        if (wv < w)
            tail += qc_picture_sad_cols(pa + wv, pb + wv, w - wv);
    }
    return sum_epi64(acc) + tail;
}

// Vectors of 32 bytes before the 32-bit lanes of Σx² are widened: each lane gains at most
// 4 · 255² per vector, and 8192 · 4 · 255² < 2^32.
#define SQ_FLUSH 8192

static inline __m256i widen_add(const __m256i q64, const __m256i q32, const __m256i z)
{
    return _mm256_add_epi64(
        q64, _mm256_add_epi64(_mm256_unpacklo_epi32(q32, z), _mm256_unpackhi_epi32(q32, z)));
}

void qc_picture_sum_sq_u8_avx2(const uint8_t *const a, const ptrdiff_t stride, const int w,
                               const int h, uint64_t *const sum, uint64_t *const sumsq)
{
    const __m256i z = _mm256_setzero_si256();
    const int wv = w & ~31;
    __m256i s64 = z, q64 = z;
    uint64_t ts = 0, tq = 0;
    for (int y = 0; y < h; y++) {
        const uint8_t *const p = a + y * stride;
        __m256i q32 = z;
        int left = SQ_FLUSH;
        for (int x = 0; x < wv; x += 32) {
            const __m256i v = _mm256_loadu_si256((const __m256i *)(p + x));
            // Lane order is lost in the unpacks, and does not matter to a sum.
            const __m256i lo = _mm256_unpacklo_epi8(v, z), hi = _mm256_unpackhi_epi8(v, z);
            s64 = _mm256_add_epi64(s64, _mm256_sad_epu8(v, z));
            q32 = _mm256_add_epi32(
                q32, _mm256_add_epi32(_mm256_madd_epi16(lo, lo), _mm256_madd_epi16(hi, hi)));
            if (!--left) {
                q64 = widen_add(q64, q32, z);
                q32 = z;
                left = SQ_FLUSH;
            }
        }
        q64 = widen_add(q64, q32, z);
        if (wv < w)
            qc_picture_sum_sq_cols(p + wv, w - wv, &ts, &tq);
    }
    *sum = sum_epi64(s64) + ts;
    *sumsq = sum_epi64(q64) + tq;
}

static void colsum_avx2(uint16_t *const colsum, const uint8_t *const a, const ptrdiff_t stride,
                        const int n, const int rows)
{
    const int nv = n & ~31;
    for (int x = 0; x < nv; x += 32) {
        __m256i lo = _mm256_setzero_si256(), hi = lo;
        for (int y = 0; y < rows; y++) {
            const uint8_t *const p = a + y * stride + x;
            lo = _mm256_add_epi16(lo, _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)p)));
            hi = _mm256_add_epi16(hi,
                                  _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(p + 16))));
        }
        _mm256_storeu_si256((__m256i *)(colsum + x), lo);
        _mm256_storeu_si256((__m256i *)(colsum + x + 16), hi);
    }
    if (nv < n)
        qc_picture_colsum_cols(colsum + nv, a + nv, stride, n - nv, rows);
}

void qc_picture_block_means_u8_avx2(uint16_t *const dst, const uint8_t *const a,
                                    const ptrdiff_t stride, const int w, const int h, const int gw,
                                    const int gh)
{
    qc_picture_block_means_run(dst, a, stride, w, h, gw, gh, colsum_avx2);
}
