// SPDX-License-Identifier: MIT
#include <emmintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/internal.h"

void qc_pcm_s16le_to_f32_sse2(float *const dst, const uint8_t *const src, const size_t n)
{
    // Each int16 lands in the top half of a 32-bit lane: int16·2^16 converts exactly and
    // scaling by 2^-31 gives int16 / 32768 exactly, without a sign-extending shift.
    const __m128 scale = _mm_set1_ps(1.0f / 2147483648.0f);
    const __m128i zero = _mm_setzero_si128();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(src + 2 * i));
        const __m128i lo = _mm_unpacklo_epi16(zero, v);
        const __m128i hi = _mm_unpackhi_epi16(zero, v);
        _mm_storeu_ps(dst + i, _mm_mul_ps(_mm_cvtepi32_ps(lo), scale));
        _mm_storeu_ps(dst + i + 4, _mm_mul_ps(_mm_cvtepi32_ps(hi), scale));
    }
    if (i < n) qc_pcm_s16le_to_f32_c(dst + i, src + 2 * i, n - i);
}

void qc_pcm_s32le_to_f32_sse2(float *const dst, const uint8_t *const src, const size_t n)
{
    const __m128 scale = _mm_set1_ps(1.0f / 2147483648.0f);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i a = _mm_loadu_si128((const __m128i *)(src + 4 * i));
        const __m128i b = _mm_loadu_si128((const __m128i *)(src + 4 * i + 16));
        _mm_storeu_ps(dst + i, _mm_mul_ps(_mm_cvtepi32_ps(a), scale));
        _mm_storeu_ps(dst + i + 4, _mm_mul_ps(_mm_cvtepi32_ps(b), scale));
    }
    if (i < n) qc_pcm_s32le_to_f32_c(dst + i, src + 4 * i, n - i);
}

static size_t deinterleave_2ch(float *const *const dst, const float *const src, const size_t frames)
{
    float *const l = dst[0], *const r = dst[1];
    size_t i = 0;
    for (; i + 4 <= frames; i += 4) {
        const __m128 a = _mm_loadu_ps(src + 2 * i);
        const __m128 b = _mm_loadu_ps(src + 2 * i + 4);
        _mm_storeu_ps(l + i, _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)));
        _mm_storeu_ps(r + i, _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)));
    }
    return i;
}

static size_t deinterleave_6ch(float *const *const dst, const float *const src, const size_t frames)
{
    size_t i = 0;
    for (; i + 4 <= frames; i += 4) {
        const float *s = src + 6 * i;
        const __m128 v0 = _mm_loadu_ps(s), v1 = _mm_loadu_ps(s + 4);
        const __m128 v2 = _mm_loadu_ps(s + 8), v3 = _mm_loadu_ps(s + 12);
        const __m128 v4 = _mm_loadu_ps(s + 16), v5 = _mm_loadu_ps(s + 20);
        // Rows r0..r3 are channels 0-3 of frames i..i+3; a 4×4 transpose turns them into
        // planes. Channels 4-5 sit in pairs at the ends of v1, v2, v4 and v5.
        __m128 r0 = v0, r1 = _mm_shuffle_ps(v1, v2, _MM_SHUFFLE(1, 0, 3, 2));
        __m128 r2 = v3, r3 = _mm_shuffle_ps(v4, v5, _MM_SHUFFLE(1, 0, 3, 2));
        _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
        const __m128 t0 = _mm_shuffle_ps(v1, v2, _MM_SHUFFLE(3, 2, 1, 0));
        const __m128 t1 = _mm_shuffle_ps(v4, v5, _MM_SHUFFLE(3, 2, 1, 0));
        _mm_storeu_ps(dst[0] + i, r0);
        _mm_storeu_ps(dst[1] + i, r1);
        _mm_storeu_ps(dst[2] + i, r2);
        _mm_storeu_ps(dst[3] + i, r3);
        _mm_storeu_ps(dst[4] + i, _mm_shuffle_ps(t0, t1, _MM_SHUFFLE(2, 0, 2, 0)));
        _mm_storeu_ps(dst[5] + i, _mm_shuffle_ps(t0, t1, _MM_SHUFFLE(3, 1, 3, 1)));
    }
    return i;
}

void qc_pcm_deinterleave_f32_sse2(float *const *const dst, const float *const src,
                                  const size_t frames, const int channels)
{
    size_t i = 0;
    if (channels == 2)
        i = deinterleave_2ch(dst, src, frames);
    else if (channels == 6)
        i = deinterleave_6ch(dst, src, frames);
    if (i == 0) {
        qc_pcm_deinterleave_f32_c(dst, src, frames, channels);
        return;
    }
    if (i == frames) return;
    float *tail[6]; // i > 0 only for the 2- and 6-channel layouts
    for (int c = 0; c < channels; c++)
        tail[c] = dst[c] + i;
    qc_pcm_deinterleave_f32_c(tail, src + i * (size_t)channels, frames - i, channels);
}
