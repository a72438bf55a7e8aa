// SPDX-License-Identifier: MIT
#include <emmintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

// Adds one pair of lanes: products are exact in double, so only the order of sums counts.
#define ACC(k, da, db)                                                                             \
    do {                                                                                           \
        ab##k = _mm_add_pd(ab##k, _mm_mul_pd(da, db));                                             \
        aa##k = _mm_add_pd(aa##k, _mm_mul_pd(da, da));                                             \
        bb##k = _mm_add_pd(bb##k, _mm_mul_pd(db, db));                                             \
    } while (0)

void qc_corr_sums_f32_sse2(const float *const a, const float *const b, const size_t n,
                           double out[3])
{
    // Register k holds the reference's lanes 2k and 2k+1.
    __m128d ab0 = _mm_setzero_pd(), ab1 = ab0, ab2 = ab0, ab3 = ab0;
    __m128d aa0 = ab0, aa1 = ab0, aa2 = ab0, aa3 = ab0;
    __m128d bb0 = ab0, bb1 = ab0, bb2 = ab0, bb3 = ab0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128 alo = _mm_loadu_ps(a + i), ahi = _mm_loadu_ps(a + i + 4);
        const __m128 blo = _mm_loadu_ps(b + i), bhi = _mm_loadu_ps(b + i + 4);
        ACC(0, _mm_cvtps_pd(alo), _mm_cvtps_pd(blo));
        ACC(1, _mm_cvtps_pd(_mm_movehl_ps(alo, alo)), _mm_cvtps_pd(_mm_movehl_ps(blo, blo)));
        ACC(2, _mm_cvtps_pd(ahi), _mm_cvtps_pd(bhi));
        ACC(3, _mm_cvtps_pd(_mm_movehl_ps(ahi, ahi)), _mm_cvtps_pd(_mm_movehl_ps(bhi, bhi)));
    }
    QcCorrLanes l;
    _mm_storeu_pd(l.ab + 0, ab0);
    _mm_storeu_pd(l.ab + 2, ab1);
    _mm_storeu_pd(l.ab + 4, ab2);
    _mm_storeu_pd(l.ab + 6, ab3);
    _mm_storeu_pd(l.aa + 0, aa0);
    _mm_storeu_pd(l.aa + 2, aa1);
    _mm_storeu_pd(l.aa + 4, aa2);
    _mm_storeu_pd(l.aa + 6, aa3);
    _mm_storeu_pd(l.bb + 0, bb0);
    _mm_storeu_pd(l.bb + 2, bb1);
    _mm_storeu_pd(l.bb + 4, bb2);
    _mm_storeu_pd(l.bb + 6, bb3);
    if (i < n) qc_corr_lanes_add(&l, a + i, b + i, n - i);
    qc_corr_lanes_finish(&l, out);
}
