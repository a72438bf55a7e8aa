// SPDX-License-Identifier: MIT
#include <immintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

void qc_corr_sums_f32_avx2(const float *const a, const float *const b, const size_t n,
                           double out[3])
{
    // Lanes 0-3 of the reference in the "lo" registers, 4-7 in "hi".
    __m256d ablo = _mm256_setzero_pd(), abhi = ablo, aalo = ablo, aahi = ablo;
    __m256d bblo = ablo, bbhi = ablo;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 va = _mm256_loadu_ps(a + i), vb = _mm256_loadu_ps(b + i);
        const __m256d alo = _mm256_cvtps_pd(_mm256_castps256_ps128(va));
        const __m256d ahi = _mm256_cvtps_pd(_mm256_extractf128_ps(va, 1));
        const __m256d blo = _mm256_cvtps_pd(_mm256_castps256_ps128(vb));
        const __m256d bhi = _mm256_cvtps_pd(_mm256_extractf128_ps(vb, 1));
        ablo = _mm256_add_pd(ablo, _mm256_mul_pd(alo, blo));
        abhi = _mm256_add_pd(abhi, _mm256_mul_pd(ahi, bhi));
        aalo = _mm256_add_pd(aalo, _mm256_mul_pd(alo, alo));
        aahi = _mm256_add_pd(aahi, _mm256_mul_pd(ahi, ahi));
        bblo = _mm256_add_pd(bblo, _mm256_mul_pd(blo, blo));
        bbhi = _mm256_add_pd(bbhi, _mm256_mul_pd(bhi, bhi));
    }
    QcCorrLanes l;
    _mm256_storeu_pd(l.ab, ablo);
    _mm256_storeu_pd(l.ab + 4, abhi);
    _mm256_storeu_pd(l.aa, aalo);
    _mm256_storeu_pd(l.aa + 4, aahi);
    _mm256_storeu_pd(l.bb, bblo);
    _mm256_storeu_pd(l.bb + 4, bbhi);
    if (i < n) qc_corr_lanes_add(&l, a + i, b + i, n - i);
    qc_corr_lanes_finish(&l, out);
}
