// SPDX-License-Identifier: MIT
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/internal.h"

void qc_pcm_s16le_to_f32_avx2(float *const dst, const uint8_t *const src, const size_t n)
{
    const __m256 scale = _mm256_set1_ps(1.0f / 32768.0f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m128i a = _mm_loadu_si128((const __m128i *)(src + 2 * i));
        const __m128i b = _mm_loadu_si128((const __m128i *)(src + 2 * i + 16));
        const __m256 fa = _mm256_cvtepi32_ps(_mm256_cvtepi16_epi32(a));
        const __m256 fb = _mm256_cvtepi32_ps(_mm256_cvtepi16_epi32(b));
        _mm256_storeu_ps(dst + i, _mm256_mul_ps(fa, scale));
        _mm256_storeu_ps(dst + i + 8, _mm256_mul_ps(fb, scale));
    }
    if (i < n) qc_pcm_s16le_to_f32_c(dst + i, src + 2 * i, n - i);
}

static inline __m256i load_2x128(const uint8_t *const lo, const uint8_t *const hi)
{
    const __m128i a = _mm_loadu_si128((const __m128i *)lo);
    const __m128i b = _mm_loadu_si128((const __m128i *)hi);
    return _mm256_inserti128_si256(_mm256_castsi128_si256(a), b, 1);
}

void qc_pcm_s24le_to_f32_avx2(float *const dst, const uint8_t *const src, const size_t n)
{
    // As in the SSSE3 variant: 8 samples = 24 bytes read as bytes 0-15 (low lane) and
    // 8-23 (high lane), so no load passes the end of the input; vpshufb works per lane.
    // clang-format off
    const __m256i shuf = _mm256_setr_epi8(-1, 0, 1, 2, -1, 3, 4, 5,
                                          -1, 6, 7, 8, -1, 9, 10, 11,
                                          -1, 4, 5, 6, -1, 7, 8, 9,
                                          -1, 10, 11, 12, -1, 13, 14, 15);
    // clang-format on
    const __m256 scale = _mm256_set1_ps(1.0f / 2147483648.0f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const uint8_t *p = src + 3 * i;
        const __m256i a = _mm256_shuffle_epi8(load_2x128(p, p + 8), shuf);
        const __m256i b = _mm256_shuffle_epi8(load_2x128(p + 24, p + 32), shuf);
        _mm256_storeu_ps(dst + i, _mm256_mul_ps(_mm256_cvtepi32_ps(a), scale));
        _mm256_storeu_ps(dst + i + 8, _mm256_mul_ps(_mm256_cvtepi32_ps(b), scale));
    }
    if (i < n) qc_pcm_s24le_to_f32_c(dst + i, src + 3 * i, n - i);
}

void qc_pcm_s32le_to_f32_avx2(float *const dst, const uint8_t *const src, const size_t n)
{
    const __m256 scale = _mm256_set1_ps(1.0f / 2147483648.0f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m256i a = _mm256_loadu_si256((const __m256i *)(src + 4 * i));
        const __m256i b = _mm256_loadu_si256((const __m256i *)(src + 4 * i + 32));
        _mm256_storeu_ps(dst + i, _mm256_mul_ps(_mm256_cvtepi32_ps(a), scale));
        _mm256_storeu_ps(dst + i + 8, _mm256_mul_ps(_mm256_cvtepi32_ps(b), scale));
    }
    if (i < n) qc_pcm_s32le_to_f32_c(dst + i, src + 4 * i, n - i);
}

void qc_pcm_deinterleave_f32_avx2(float *const *const dst, const float *const src,
                                  const size_t frames, const int channels)
{
    if (channels != 2) {
        // No 256-bit gain elsewhere: the SSE2 variant (6 channels, or the reference).
        qc_pcm_deinterleave_f32_sse2(dst, src, frames, channels);
        return;
    }
    float *const l = dst[0], *const r = dst[1];
    size_t i = 0;
    for (; i + 8 <= frames; i += 8) {
        const __m256 a = _mm256_loadu_ps(src + 2 * i);
        const __m256 b = _mm256_loadu_ps(src + 2 * i + 8);
        // In-lane shuffles leave frames ordered 0 1 4 5 | 2 3 6 7; one cross-lane
        // permute of 64-bit pairs restores 0..7.
        const __m256 el = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
        const __m256 er = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
        const __m256d pl = _mm256_permute4x64_pd(_mm256_castps_pd(el), _MM_SHUFFLE(3, 1, 2, 0));
        const __m256d pr = _mm256_permute4x64_pd(_mm256_castps_pd(er), _MM_SHUFFLE(3, 1, 2, 0));
        _mm256_storeu_ps(l + i, _mm256_castpd_ps(pl));
        _mm256_storeu_ps(r + i, _mm256_castpd_ps(pr));
    }
    if (i == frames) return;
    float *const tail[2] = {l + i, r + i};
    qc_pcm_deinterleave_f32_c(tail, src + 2 * i, frames - i, 2);
}
