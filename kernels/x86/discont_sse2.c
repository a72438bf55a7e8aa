// SPDX-License-Identifier: MIT
#include <emmintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

// |e| for the four samples at p, in the reference's order of operations.
static inline __m128 abs_e(const float *const p, const __m128 two, const __m128 absmask)
{
    const __m128 e = _mm_add_ps(_mm_sub_ps(_mm_loadu_ps(p), _mm_mul_ps(two, _mm_loadu_ps(p - 1))),
                                _mm_loadu_ps(p - 2));
    return _mm_and_ps(e, absmask);
}

void qc_discont_windows_f32_sse2(const float *const x, const size_t nwin, const size_t win,
                                 float *const maxabs, float *const sumabs)
{
    const __m128 two = _mm_set1_ps(2.0f);
    const __m128 absmask = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
    for (size_t w = 0; w < nwin; w++) {
        const float *const xw = x + w * win;
        // Lanes 0-3 of the reference in s0, 4-7 in s1; lane = offset in window mod 8.
        __m128 s0 = _mm_setzero_ps(), s1 = s0, m0 = s0, m1 = s0;
        size_t i = 0;
        for (; i + 8 <= win; i += 8) {
            const __m128 a = abs_e(xw + i, two, absmask);
            const __m128 b = abs_e(xw + i + 4, two, absmask);
            s0 = _mm_add_ps(s0, a);
            s1 = _mm_add_ps(s1, b);
            m0 = _mm_max_ps(a, m0);
            m1 = _mm_max_ps(b, m1);
        }
        float s[8], mm[4];
        _mm_storeu_ps(s, s0);
        _mm_storeu_ps(s + 4, s1);
        _mm_storeu_ps(mm, _mm_max_ps(m0, m1));
        // The running maxima never hold NaN, so folding the lanes in any order is exact.
        float m = qc_max_f(qc_max_f(mm[0], mm[1]), qc_max_f(mm[2], mm[3]));
        if (i < win) qc_discont_lanes_add(xw + i, win - i, s, &m);
        maxabs[w] = m;
        sumabs[w] = qc_reduce8_f(s);
    }
}
