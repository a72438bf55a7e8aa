// SPDX-License-Identifier: MIT
#include <immintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

// |e| for the eight samples at p, in the reference's order of operations.
static inline __m256 abs_e(const float *const p, const __m256 two, const __m256 absmask)
{
    const __m256 d = _mm256_sub_ps(_mm256_loadu_ps(p), _mm256_mul_ps(two, _mm256_loadu_ps(p - 1)));
    return _mm256_and_ps(_mm256_add_ps(d, _mm256_loadu_ps(p - 2)), absmask);
}

void qc_discont_windows_f32_avx2(const float *const x, const size_t nwin, const size_t win,
                                 float *const maxabs, float *const sumabs)
{
    const __m256 two = _mm256_set1_ps(2.0f);
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    for (size_t w = 0; w < nwin; w++) {
        const float *const xw = x + w * win;
        // One register is the reference's 8 lanes (lane = offset in window mod 8). Two
        // vectors per iteration halve the loop overhead; they fold into s before the
        // next pair so the lane sums keep the reference's order.
        __m256 s = _mm256_setzero_ps(), m = s;
        size_t i = 0;
        for (; i + 16 <= win; i += 16) {
            const __m256 a = abs_e(xw + i, two, absmask);
            const __m256 b = abs_e(xw + i + 8, two, absmask);
            s = _mm256_add_ps(_mm256_add_ps(s, a), b);
            m = _mm256_max_ps(b, _mm256_max_ps(a, m));
        }
        if (i + 8 <= win) {
            const __m256 a = abs_e(xw + i, two, absmask);
            s = _mm256_add_ps(s, a);
            m = _mm256_max_ps(a, m);
            i += 8;
        }
        float lanes[8], mm[4];
        _mm256_storeu_ps(lanes, s);
        const __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        _mm_storeu_ps(mm, m4);
        // The running maxima never hold NaN, so folding the lanes in any order is exact.
        float mx = qc_max_f(qc_max_f(mm[0], mm[1]), qc_max_f(mm[2], mm[3]));
        if (i < win) qc_discont_lanes_add(xw + i, win - i, lanes, &mx);
        maxabs[w] = mx;
        sumabs[w] = qc_reduce8_f(lanes);
    }
}
