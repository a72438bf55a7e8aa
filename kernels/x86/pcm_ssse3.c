// SPDX-License-Identifier: MIT
#include <stddef.h>
#include <stdint.h>
#include <tmmintrin.h>

#include "kernels/internal.h"

void qc_pcm_s24le_to_f32_ssse3(float *const dst, const uint8_t *const src, const size_t n)
{
    // pshufb puts each 3-byte sample in the top three bytes of a 32-bit lane (index -1
    // writes zero below it): int24·2^8 converts exactly and 2^-31 scales it to int24/2^23.
    // Eight samples are 24 bytes, read as bytes 0-15 and 8-23, so the loads never pass
    // the end of the packed input.
    // clang-format off
    const __m128i shuf_lo = _mm_setr_epi8(-1, 0, 1, 2, -1, 3, 4, 5,
                                          -1, 6, 7, 8, -1, 9, 10, 11);
    const __m128i shuf_hi = _mm_setr_epi8(-1, 4, 5, 6, -1, 7, 8, 9,
                                          -1, 10, 11, 12, -1, 13, 14, 15);
    // clang-format on
    const __m128 scale = _mm_set1_ps(1.0f / 2147483648.0f);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const uint8_t *p = src + 3 * i;
        const __m128i a = _mm_loadu_si128((const __m128i *)p);
        const __m128i b = _mm_loadu_si128((const __m128i *)(p + 8));
        const __m128i lo = _mm_shuffle_epi8(a, shuf_lo);
        const __m128i hi = _mm_shuffle_epi8(b, shuf_hi);
        _mm_storeu_ps(dst + i, _mm_mul_ps(_mm_cvtepi32_ps(lo), scale));
        _mm_storeu_ps(dst + i + 4, _mm_mul_ps(_mm_cvtepi32_ps(hi), scale));
    }
    if (i < n) qc_pcm_s24le_to_f32_c(dst + i, src + 3 * i, n - i);
}
