// SPDX-License-Identifier: MIT
/**
 * @file
 * True peak per ITU-R BS.1770-4 Annex 2: 4× oversampling with the 48-tap, 4-phase FIR of
 * the Recommendation (12 taps per phase), then max |y|.
 *
 * Each phase is accumulated in float in tap order: acc = h[0]·x[i], then acc = acc +
 * h[j]·x[i−j] for j = 1 … 11, a multiply then an add (no FMA), so that every variant
 * returns the same bits. The caller converts the result to dBTP with 20·log10(peak).
 */
#ifndef QC_KERNELS_TRUEPEAK_H
#define QC_KERNELS_TRUEPEAK_H

#include <stddef.h>

/** True-peak kernels. Fill with qc_truepeak_dsp_init(). */
typedef struct QcTruePeakDSP {
    /**
     * Returns max over i < n and phases k < 4 of |y_k[i]| in full-scale units (0 if n is
     * 0). x[−11 .. −1] must be readable: the previous block's last 11 samples, or zeros at
     * the start of a stream. NaN outputs are skipped.
     */
    float (*max_abs_4x_f32)(const float *x, size_t n);
} QcTruePeakDSP;

/**
 * Fills @p dsp with the fastest variants that @p cpu_flags allow.
 *
 * @param dsp       the table to fill; must not be NULL.
 * @param cpu_flags QC_CPU_* flags, normally qc_cpu_flags(); 0 selects the C references.
 */
void qc_truepeak_dsp_init(QcTruePeakDSP *dsp, unsigned cpu_flags);

#endif // QC_KERNELS_TRUEPEAK_H
