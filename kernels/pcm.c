// SPDX-License-Identifier: MIT
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/cpu.h"
#include "kernels/internal.h"
#include "kernels/pcm.h"

/*
 * Sign extension is done arithmetically on unsigned values: converting an out-of-range
 * unsigned value to a signed type is implementation-defined in C, and a right shift of a
 * negative value is too.
 */
static inline int32_t sext(const uint32_t u, const uint32_t sign_bit)
{
    const int32_t low = (int32_t)(u & (sign_bit - 1));
    return (u & sign_bit) ? low - (int32_t)(sign_bit - 1) - 1 : low;
}

void qc_pcm_s16le_to_f32_c(float *const dst, const uint8_t *const src, const size_t n)
{
    assert((dst && src) || !n);
    for (size_t i = 0; i < n; i++) {
        const uint32_t u = src[2 * i] | (uint32_t)src[2 * i + 1] << 8;
        dst[i] = (float)sext(u, 0x8000u) / 32768.0f;
    }
}

void qc_pcm_s24le_to_f32_c(float *const dst, const uint8_t *const src, const size_t n)
{
    assert((dst && src) || !n);
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = src + 3 * i;
        const uint32_t u = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
        dst[i] = (float)sext(u, 0x800000u) / 8388608.0f;
    }
}

void qc_pcm_s32le_to_f32_c(float *const dst, const uint8_t *const src, const size_t n)
{
    assert((dst && src) || !n);
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = src + 4 * i;
        const uint32_t u = p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        // Two steps, not one division: (float)int32 rounds to nearest like CVTDQ2PS, and
        // the power-of-two scale is then exact, so the SIMD variants match bit for bit.
        dst[i] = (float)sext(u, 0x80000000u) * (1.0f / 2147483648.0f);
    }
}

void qc_pcm_deinterleave_f32_c(float *const *const dst, const float *const src, const size_t frames,
                               const int channels)
{
    assert(channels >= 1);
    assert((dst && src) || !frames);
    const size_t nch = (size_t)channels;
    for (size_t c = 0; c < nch; c++) {
        float *const d = dst[c];
        assert(d || !frames);
        for (size_t i = 0; i < frames; i++)
            d[i] = src[i * nch + c];
    }
}

QC_COLD void qc_pcm_dsp_init(QcPcmDSP *const dsp, const unsigned cpu)
{
    dsp->s16le_to_f32 = qc_pcm_s16le_to_f32_c;
    dsp->s24le_to_f32 = qc_pcm_s24le_to_f32_c;
    dsp->s32le_to_f32 = qc_pcm_s32le_to_f32_c;
    dsp->deinterleave_f32 = qc_pcm_deinterleave_f32_c;

#if QC_HAVE_X86_SIMD
    if (!(cpu & QC_CPU_SSE2)) return;
    dsp->s16le_to_f32 = qc_pcm_s16le_to_f32_sse2;
    dsp->s32le_to_f32 = qc_pcm_s32le_to_f32_sse2;
    dsp->deinterleave_f32 = qc_pcm_deinterleave_f32_sse2;

    if (!(cpu & QC_CPU_SSSE3)) return;
    dsp->s24le_to_f32 = qc_pcm_s24le_to_f32_ssse3;

    if (!(cpu & QC_CPU_AVX2)) return;
    dsp->s16le_to_f32 = qc_pcm_s16le_to_f32_avx2;
    dsp->s24le_to_f32 = qc_pcm_s24le_to_f32_avx2;
    dsp->s32le_to_f32 = qc_pcm_s32le_to_f32_avx2;
    dsp->deinterleave_f32 = qc_pcm_deinterleave_f32_avx2;
#else
    (void)cpu;
#endif
}
