// SPDX-License-Identifier: MIT
#include <emmintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

/*
 * Vectorised over the output index: lane l of y_k is output i + l, built with the
 * reference's operations (multiply, then add, tap by tap), so every lane is bit-identical
 * to the scalar loop.
 */

// Adds tap j of all four phases for one block of 4 outputs at p.
#define TAP(j, p, y0, y1, y2, y3)                                                                  \
    do {                                                                                           \
        const __m128 xv_ = _mm_loadu_ps((p) - (j));                                                \
        y0 = _mm_add_ps(y0, _mm_mul_ps(h[0][j], xv_));                                             \
        y1 = _mm_add_ps(y1, _mm_mul_ps(h[1][j], xv_));                                             \
        y2 = _mm_add_ps(y2, _mm_mul_ps(h[2][j], xv_));                                             \
        y3 = _mm_add_ps(y3, _mm_mul_ps(h[3][j], xv_));                                             \
    } while (0)

// Both blocks' tap j; interleaving two independent blocks hides the add latency.
#define TAP2(j)                                                                                    \
    do {                                                                                           \
        TAP(j, p, a0, a1, a2, a3);                                                                 \
        TAP(j, p + 4, b0, b1, b2, b3);                                                             \
    } while (0)

static inline __m128 absmax4(const __m128 m, const __m128 y0, const __m128 y1, const __m128 y2,
                             const __m128 y3)
{
    const __m128 absmask = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
    // Candidate first, running max second: a NaN output never enters the max.
    __m128 r = _mm_max_ps(_mm_and_ps(y0, absmask), m);
    r = _mm_max_ps(_mm_and_ps(y1, absmask), r);
    r = _mm_max_ps(_mm_and_ps(y2, absmask), r);
    return _mm_max_ps(_mm_and_ps(y3, absmask), r);
}

static inline __m128 peak8(const float *const p, const __m128 h[4][12], const __m128 m)
{
    const __m128 xa = _mm_loadu_ps(p), xb = _mm_loadu_ps(p + 4);
    __m128 a0 = _mm_mul_ps(h[0][0], xa), a1 = _mm_mul_ps(h[1][0], xa);
    __m128 a2 = _mm_mul_ps(h[2][0], xa), a3 = _mm_mul_ps(h[3][0], xa);
    __m128 b0 = _mm_mul_ps(h[0][0], xb), b1 = _mm_mul_ps(h[1][0], xb);
    __m128 b2 = _mm_mul_ps(h[2][0], xb), b3 = _mm_mul_ps(h[3][0], xb);
    TAP2(1);
    TAP2(2);
    TAP2(3);
    TAP2(4);
    TAP2(5);
    TAP2(6);
    TAP2(7);
    TAP2(8);
    TAP2(9);
    TAP2(10);
    TAP2(11);
    return absmax4(absmax4(m, a0, a1, a2, a3), b0, b1, b2, b3);
}

float qc_truepeak_max_abs_4x_f32_sse2(const float *const x, const size_t n)
{
    // Broadcast once; in the loop they are memory operands of mulps.
    __m128 h[4][12];
    for (int k = 0; k < 4; k++)
        for (int j = 0; j < 12; j++)
            h[k][j] = _mm_set1_ps(qc_truepeak_taps[k][j]);

    __m128 m = _mm_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        m = peak8(x + i, (const __m128(*)[12])h, m);
    float mm[4];
    _mm_storeu_ps(mm, m);
    // The running maxima never hold NaN, so folding the lanes in any order is exact.
    float r = qc_max_f(qc_max_f(mm[0], mm[1]), qc_max_f(mm[2], mm[3]));
    if (i < n) r = qc_max_f(qc_truepeak_max_abs_4x_f32_c(x + i, n - i), r);
    return r;
}
