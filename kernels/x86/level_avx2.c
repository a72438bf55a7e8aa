// SPDX-License-Identifier: MIT
#include <immintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

void qc_level_stats_f32_avx2(const float *const x, const size_t n, QcLevelStats *const out)
{
    // Lanes 0-3 of the reference in the "lo" registers, 4-7 in "hi". Each register gets
    // one add per 8 samples, so the loop is bound by the add latency: that is the price
    // of an 8-lane result that SSE2 and C reproduce.
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    __m256d slo = _mm256_setzero_pd(), shi = slo, qlo = slo, qhi = slo;
    __m256 m = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        const __m256d dlo = _mm256_cvtps_pd(_mm256_castps256_ps128(v));
        const __m256d dhi = _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1));
        slo = _mm256_add_pd(slo, dlo);
        shi = _mm256_add_pd(shi, dhi);
        qlo = _mm256_add_pd(qlo, _mm256_mul_pd(dlo, dlo));
        qhi = _mm256_add_pd(qhi, _mm256_mul_pd(dhi, dhi));
        m = _mm256_max_ps(_mm256_and_ps(v, absmask), m);
    }

    QcLevelLanes l;
    _mm256_storeu_pd(l.sum + 0, slo);
    _mm256_storeu_pd(l.sum + 4, shi);
    _mm256_storeu_pd(l.sumsq + 0, qlo);
    _mm256_storeu_pd(l.sumsq + 4, qhi);
    // The running maxima never hold NaN, so folding the lanes in any order is exact.
    const __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
    float mm[4];
    _mm_storeu_ps(mm, m4);
    l.absmax = qc_max_f(qc_max_f(mm[0], mm[1]), qc_max_f(mm[2], mm[3]));
    if (i < n) qc_level_lanes_add(&l, x + i, n - i);
    qc_level_lanes_finish(&l, out);
}
