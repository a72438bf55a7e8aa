// SPDX-License-Identifier: MIT
// The private block of picture.h (see there).
#include <emmintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernels/internal.h"
#include "kernels/picture.h"

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

// ---- thumbnails: four output pixels per vector ----

#define ROW_CHUNK 64 ///< output pixels per column-sum buffer of thumb_row_any()

// [a0+a1, a2+a3, b0+b1, b2+b3]: the pairwise sums of the concatenation a‖b.
static inline __m128i pairsum(const __m128i a, const __m128i b)
{
    const __m128 fa = _mm_castsi128_ps(a), fb = _mm_castsi128_ps(b);
    const __m128i even = _mm_castps_si128(_mm_shuffle_ps(fa, fb, _MM_SHUFFLE(2, 0, 2, 0)));
    const __m128i odd = _mm_castps_si128(_mm_shuffle_ps(fa, fb, _MM_SHUFFLE(3, 1, 3, 1)));
    return _mm_add_epi32(even, odd);
}

// Sums of the 4 consecutive f × f blocks at p, f ∈ {1, 2, 4}: column sums over the rows,
// then log2(f) rounds of pairwise sums. Inlined with a constant f, the loops unroll.
static ALWAYS_INLINE __m128i block_sums_pow2(const int32_t *const p, const ptrdiff_t stride,
                                             const int f)
{
    __m128i v[4];
    for (int j = 0; j < f; j++)
        v[j] = _mm_setzero_si128();
    for (int r = 0; r < f; r++)
        for (int j = 0; j < f; j++)
            v[j] = _mm_add_epi32(v[j], _mm_loadu_si128((const __m128i *)(p + r * stride + 4 * j)));
    for (int n = f; n > 1; n /= 2)
        for (int j = 0; j < n / 2; j++)
            v[j] = pairsum(v[2 * j], v[2 * j + 1]);
    return v[0];
}

// f ∈ {1, 2, 4}; uint32 lanes, modulo 2^32 as in the reference.
static inline __m128i block_sums(const int32_t *const p, const ptrdiff_t stride, const int f)
{
    switch (f) {
    case 1: return _mm_loadu_si128((const __m128i *)p);
    case 2: return block_sums_pow2(p, stride, 2);
    default: return block_sums_pow2(p, stride, 4);
    }
}

// Sums over f rows of the 4 columns at p.
static inline __m128i col_sums(const int32_t *const p, const ptrdiff_t stride, const int f)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    for (int r = 1; r < f; r++)
        v = _mm_add_epi32(v, _mm_loadu_si128((const __m128i *)(p + r * stride)));
    return v;
}

// a · c modulo 2^32 per lane (SSE2 has no PMULLD).
static inline __m128i mullo(const __m128i a, const uint32_t c)
{
    const __m128i k = _mm_set1_epi32((int32_t)c);
    const __m128i even = _mm_mul_epu32(a, k);
    const __m128i odd = _mm_mul_epu32(_mm_srli_epi64(a, 32), k);
    return _mm_unpacklo_epi32(_mm_shuffle_epi32(even, _MM_SHUFFLE(0, 0, 2, 0)),
                              _mm_shuffle_epi32(odd, _MM_SHUFFLE(0, 0, 2, 0)));
}

// Weighting sums of R, G, B equals summing the weighted pixels, modulo 2^32.
static inline __m128i luma(const __m128i r, const __m128i g, const __m128i b)
{
    return _mm_add_epi32(_mm_add_epi32(mullo(r, 54), mullo(g, 183)), mullo(b, 19));
}

typedef struct Rounder {
    __m128d bias; ///< 2^31 (undoes the sign flip) + d/2
    __m128d d;    ///< the divisor
    __m128d cap;  ///< 255
} Rounder;

static Rounder rounder(const uint32_t d)
{
    Rounder k;
    k.bias = _mm_set1_pd(2147483648.0 + (double)(d / 2));
    k.d = _mm_set1_pd((double)d);
    k.cap = _mm_set1_pd(255.0);
    return k;
}

/*
 * dst[0..4) = min(255, (s + d/2) / d) for uint32 s, the reference's integer division done
 * in double: the operands are integers below 2^34, so exact, and a quotient that is not an
 * integer is at least 1/d away from one, far more than its rounding error, so truncating it
 * gives the integer quotient whatever the rounding mode.
 */
static inline void store_round(uint8_t *const dst, const __m128i s, const Rounder *const k)
{
    const __m128i f = _mm_xor_si128(s, _mm_set1_epi32(INT32_MIN));
    const __m128d lo = _mm_add_pd(_mm_cvtepi32_pd(f), k->bias);
    const __m128d hi =
        _mm_add_pd(_mm_cvtepi32_pd(_mm_shuffle_epi32(f, _MM_SHUFFLE(3, 2, 3, 2))), k->bias);
    const __m128i qlo = _mm_cvttpd_epi32(_mm_min_pd(_mm_div_pd(lo, k->d), k->cap));
    const __m128i qhi = _mm_cvttpd_epi32(_mm_min_pd(_mm_div_pd(hi, k->d), k->cap));
    const __m128i q = _mm_unpacklo_epi64(qlo, qhi);
    const __m128i b = _mm_packus_epi16(_mm_packs_epi32(q, q), q);
    const int32_t v = _mm_cvtsi128_si32(b);
    memcpy(dst, &v, sizeof(v));
}

/** The planes of one row of blocks: R, G, B, or the Y plane three times. */
typedef struct Planes {
    const int32_t *p[3];
    int rgb; ///< 1 for R, G, B
} Planes;

// Output pixels [0, wv) of one row, wv a multiple of 4, f ∈ {1, 2, 4}: in registers.
static void thumb_row_small(uint8_t *const out, const Planes *const pl, const ptrdiff_t stride,
                            const int wv, const int f, const Rounder *const k)
{
    for (int x = 0; x < wv; x += 4) {
        const ptrdiff_t c = (ptrdiff_t)x * f;
        __m128i s = block_sums(pl->p[0] + c, stride, f);
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
        for (int c = 0; c < n * f; c += 4) {
            const ptrdiff_t o = (ptrdiff_t)x0 * f + c;
            __m128i v = col_sums(pl->p[0] + o, stride, f);
            if (pl->rgb)
                v = luma(v, col_sums(pl->p[1] + o, stride, f), col_sums(pl->p[2] + o, stride, f));
            _mm_storeu_si128((__m128i *)(cs + c), v);
        }
        for (int i = 0; i < n; i++) {
            uint32_t u = 0;
            for (int j = 0; j < f; j++)
                u += cs[i * f + j];
            s[i] = u;
        }
        for (int i = 0; i < n; i += 4)
            store_round(out + x0 + i, _mm_loadu_si128((const __m128i *)(s + i)), k);
    }
}

static void thumb(uint8_t *const dst, const ptrdiff_t dst_stride, const Planes *const pl,
                  const ptrdiff_t src_stride, const int dst_w, const int dst_h, const int f,
                  const int bits)
{
    const Rounder k = rounder((uint32_t)(f * f) << (pl->rgb ? bits : bits - 8));
    const int wv = dst_w & ~3;
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

void qc_picture_thumb_rgb_i32_sse2(uint8_t *const dst, const ptrdiff_t dst_stride,
                                   const int32_t *const r, const int32_t *const g,
                                   const int32_t *const b, const ptrdiff_t src_stride,
                                   const int dst_w, const int dst_h, const int factor,
                                   const int bits)
{
    const Planes pl = {{r, g, b}, 1};
    thumb(dst, dst_stride, &pl, src_stride, dst_w, dst_h, factor, bits);
}

void qc_picture_thumb_y_i32_sse2(uint8_t *const dst, const ptrdiff_t dst_stride,
                                 const int32_t *const y, const ptrdiff_t src_stride,
                                 const int dst_w, const int dst_h, const int factor, const int bits)
{
    const Planes pl = {{y, y, y}, 0};
    thumb(dst, dst_stride, &pl, src_stride, dst_w, dst_h, factor, bits);
}

// ---- 8-bit statistics ----

static inline uint64_t sum_epi64(const __m128i v)
{
    uint64_t u[2];
    _mm_storeu_si128((__m128i *)u, v);
    return u[0] + u[1];
}

uint64_t qc_picture_sad_u8_sse2(const uint8_t *const a, const ptrdiff_t a_stride,
                                const uint8_t *const b, const ptrdiff_t b_stride, const int w,
                                const int h)
{
    const int wv = w & ~15;
    __m128i acc = _mm_setzero_si128();
    uint64_t tail = 0;
    for (int y = 0; y < h; y++) {
        const uint8_t *const pa = a + y * a_stride, *const pb = b + y * b_stride;
        for (int x = 0; x < wv; x += 16) {
            const __m128i va = _mm_loadu_si128((const __m128i *)(pa + x));
            const __m128i vb = _mm_loadu_si128((const __m128i *)(pb + x));
            acc = _mm_add_epi64(acc, _mm_sad_epu8(va, vb));
        }
        if (wv < w)
            tail += qc_picture_sad_cols(pa + wv, pb + wv, w - wv);
    }
    return sum_epi64(acc) + tail;
}

// Vectors of 16 bytes before the 32-bit lanes of Σx² are widened: each lane gains at most
// 4 · 255² per vector, and 8192 · 4 · 255² < 2^32.
#define SQ_FLUSH 8192

static inline __m128i widen_add(const __m128i q64, const __m128i q32, const __m128i z)
{
    return _mm_add_epi64(q64,
                         _mm_add_epi64(_mm_unpacklo_epi32(q32, z), _mm_unpackhi_epi32(q32, z)));
}

void qc_picture_sum_sq_u8_sse2(const uint8_t *const a, const ptrdiff_t stride, const int w,
                               const int h, uint64_t *const sum, uint64_t *const sumsq)
{
    const __m128i z = _mm_setzero_si128();
    const int wv = w & ~15;
    __m128i s64 = z, q64 = z;
    uint64_t ts = 0, tq = 0;
    for (int y = 0; y < h; y++) {
        const uint8_t *const p = a + y * stride;
        __m128i q32 = z;
        int left = SQ_FLUSH;
        for (int x = 0; x < wv; x += 16) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(p + x));
            const __m128i lo = _mm_unpacklo_epi8(v, z), hi = _mm_unpackhi_epi8(v, z);
            s64 = _mm_add_epi64(s64, _mm_sad_epu8(v, z));
            q32 = _mm_add_epi32(q32, _mm_add_epi32(_mm_madd_epi16(lo, lo), _mm_madd_epi16(hi, hi)));
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

/*
 * Not SIMD: a histogram has no useful vector form here. Four sub-histograms, byte k of
 * each 8 going to sub-histogram k mod 4, break the store-to-load chain that a run of equal
 * pixels (flat areas) puts on one counter of the reference. Counts wrap modulo 2^32 as in
 * the reference.
 */
void qc_picture_hist_u8_sse2(uint32_t hist[256], const uint8_t *const a, const ptrdiff_t stride,
                             const int w, const int h)
{
    // Below this, zeroing and merging the sub-histograms costs more than it saves.
    if ((int64_t)w * h < 1024) {
        qc_picture_hist_u8_c(hist, a, stride, w, h);
        return;
    }
    uint32_t sub[4][256];
    memset(sub, 0, sizeof(sub));
    const int wv = w & ~7;
    for (int y = 0; y < h; y++) {
        const uint8_t *const p = a + y * stride;
        for (int x = 0; x < wv; x += 8) {
            uint64_t v;
            memcpy(&v, p + x, sizeof(v));
            sub[0][v & 255]++;
            sub[1][(v >> 8) & 255]++;
            sub[2][(v >> 16) & 255]++;
            sub[3][(v >> 24) & 255]++;
            sub[0][(v >> 32) & 255]++;
            sub[1][(v >> 40) & 255]++;
            sub[2][(v >> 48) & 255]++;
            sub[3][v >> 56]++;
        }
        for (int x = wv; x < w; x++)
            sub[x & 3][p[x]]++;
    }
    for (int v = 0; v < 256; v++)
        hist[v] += (sub[0][v] + sub[1][v]) + (sub[2][v] + sub[3][v]);
}

static void colsum_sse2(uint16_t *const colsum, const uint8_t *const a, const ptrdiff_t stride,
                        const int n, const int rows)
{
    const __m128i z = _mm_setzero_si128();
    const int nv = n & ~15;
    for (int x = 0; x < nv; x += 16) {
        __m128i lo = z, hi = z;
        for (int y = 0; y < rows; y++) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(a + y * stride + x));
            lo = _mm_add_epi16(lo, _mm_unpacklo_epi8(v, z));
            hi = _mm_add_epi16(hi, _mm_unpackhi_epi8(v, z));
        }
        _mm_storeu_si128((__m128i *)(colsum + x), lo);
        _mm_storeu_si128((__m128i *)(colsum + x + 8), hi);
    }
    if (nv < n)
        qc_picture_colsum_cols(colsum + nv, a + nv, stride, n - nv, rows);
}

void qc_picture_block_means_u8_sse2(uint16_t *const dst, const uint8_t *const a,
                                    const ptrdiff_t stride, const int w, const int h, const int gw,
                                    const int gh)
{
    qc_picture_block_means_run(dst, a, stride, w, h, gw, gh, colsum_sse2);
}
