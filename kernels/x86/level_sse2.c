// SPDX-License-Identifier: MIT
#include <emmintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

void qc_level_stats_f32_sse2(const float *const x, const size_t n, QcLevelStats *const out)
{
    // The eight double lanes of the reference live in four registers: s[k] holds lanes
    // 2k and 2k+1.
    const __m128 absmask = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
    __m128d s0 = _mm_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    __m128d q0 = s0, q1 = s0, q2 = s0, q3 = s0;
    __m128 m0 = _mm_setzero_ps(), m1 = m0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128 a = _mm_loadu_ps(x + i);
        const __m128 b = _mm_loadu_ps(x + i + 4);
        const __m128d d0 = _mm_cvtps_pd(a), d1 = _mm_cvtps_pd(_mm_movehl_ps(a, a));
        const __m128d d2 = _mm_cvtps_pd(b), d3 = _mm_cvtps_pd(_mm_movehl_ps(b, b));
        s0 = _mm_add_pd(s0, d0);
        s1 = _mm_add_pd(s1, d1);
        s2 = _mm_add_pd(s2, d2);
        s3 = _mm_add_pd(s3, d3);
        q0 = _mm_add_pd(q0, _mm_mul_pd(d0, d0));
        q1 = _mm_add_pd(q1, _mm_mul_pd(d1, d1));
        q2 = _mm_add_pd(q2, _mm_mul_pd(d2, d2));
        q3 = _mm_add_pd(q3, _mm_mul_pd(d3, d3));
        m0 = _mm_max_ps(_mm_and_ps(a, absmask), m0);
        m1 = _mm_max_ps(_mm_and_ps(b, absmask), m1);
    }

    QcLevelLanes l;
    _mm_storeu_pd(l.sum + 0, s0);
    _mm_storeu_pd(l.sum + 2, s1);
    _mm_storeu_pd(l.sum + 4, s2);
    _mm_storeu_pd(l.sum + 6, s3);
    _mm_storeu_pd(l.sumsq + 0, q0);
    _mm_storeu_pd(l.sumsq + 2, q1);
    _mm_storeu_pd(l.sumsq + 4, q2);
    _mm_storeu_pd(l.sumsq + 6, q3);
    // The running maxima never hold NaN, so folding the lanes in any order is exact.
    float m[4];
    _mm_storeu_ps(m, _mm_max_ps(m0, m1));
    l.absmax = qc_max_f(qc_max_f(m[0], m[1]), qc_max_f(m[2], m[3]));
    if (i < n) qc_level_lanes_add(&l, x + i, n - i);
    qc_level_lanes_finish(&l, out);
}
