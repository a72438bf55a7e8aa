// SPDX-License-Identifier: MIT
/**
 * @file
 * PCM unpacking: little-endian integer samples to float32, and deinterleaving.
 *
 * Every conversion is exact or correctly rounded in a way that the SIMD variants reproduce
 * bit for bit, so a float threshold compared against converted samples gives the same
 * answer on every CPU.
 */
#ifndef QC_KERNELS_PCM_H
#define QC_KERNELS_PCM_H

#include <stddef.h>
#include <stdint.h>

/** PCM conversion kernels. Fill with qc_pcm_dsp_init(). */
typedef struct QcPcmDSP {
    /**
     * Converts n signed 16-bit little-endian samples: dst[i] = int16 / 32768.0f (exact).
     * src holds 2·n bytes and needs no alignment; dst must not overlap src.
     */
    void (*s16le_to_f32)(float *dst, const uint8_t *src, size_t n);
    /**
     * Converts n packed 3-byte signed little-endian samples: dst[i] = int24 / 8388608.0f
     * (exact). src holds 3·n bytes; nothing past byte 3·n − 1 is read.
     */
    void (*s24le_to_f32)(float *dst, const uint8_t *src, size_t n);
    /**
     * Converts n signed 32-bit little-endian samples:
     * dst[i] = (float)int32 * (1.0f / 2147483648.0f), the int32 → float step rounding to
     * nearest-even (as CVTDQ2PS does under the default MXCSR), then an exact scaling.
     */
    void (*s32le_to_f32)(float *dst, const uint8_t *src, size_t n);
    /**
     * Splits frames of interleaved float samples into planes: dst[c][i] =
     * src[i·channels + c] for c < channels (≥ 1) and i < frames. Planes must not overlap
     * src or each other.
     */
    void (*deinterleave_f32)(float *const *dst, const float *src, size_t frames, int channels);
} QcPcmDSP;

/**
 * Fills @p dsp with the fastest variants that @p cpu_flags allow.
 *
 * @param dsp       the table to fill; must not be NULL.
 * @param cpu_flags QC_CPU_* flags, normally qc_cpu_flags(); 0 selects the C references.
 */
void qc_pcm_dsp_init(QcPcmDSP *dsp, unsigned cpu_flags);

#endif // QC_KERNELS_PCM_H
