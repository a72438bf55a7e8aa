// SPDX-License-Identifier: MIT
/**
 * @file
 * Sums for the correlation of two planes (phase / polarity checks between channels).
 */
#ifndef QC_KERNELS_CORR_H
#define QC_KERNELS_CORR_H

#include <stddef.h>

/** Correlation kernels. Fill with qc_corr_dsp_init(). */
typedef struct QcCorrDSP {
    /**
     * out[0] = Σ a·b, out[1] = Σ a², out[2] = Σ b² over i < n, in full-scale units
     * squared. Each sample is widened to double before multiplying (so every product is
     * exact); each sum uses 8 partial sums (lane j takes i ≡ j mod 8) folded by one fixed
     * tree. a and b need no alignment and may be NULL when n is 0.
     */
    void (*sums_f32)(const float *a, const float *b, size_t n, double out[3]);
} QcCorrDSP;

/**
 * Fills @p dsp with the fastest variants that @p cpu_flags allow.
 *
 * @param dsp       the table to fill; must not be NULL.
 * @param cpu_flags QC_CPU_* flags, normally qc_cpu_flags(); 0 selects the C references.
 */
void qc_corr_dsp_init(QcCorrDSP *dsp, unsigned cpu_flags);

#endif // QC_KERNELS_CORR_H
