// SPDX-License-Identifier: MIT
/**
 * @file
 * Discontinuity ("digital hit", click) energy: the second difference of the signal,
 * summarised per window.
 *
 * e[i] = (x[i] − 2·x[i−1]) + x[i−2], evaluated in float in exactly that order. A smooth
 * signal has a small second difference; a step or a spike makes it jump.
 */
#ifndef QC_KERNELS_DISCONT_H
#define QC_KERNELS_DISCONT_H

#include <stddef.h>

/** Discontinuity kernels. Fill with qc_discont_dsp_init(). */
typedef struct QcDiscontDSP {
    /**
     * For each window w < nwin of @p win (≥ 1) samples, over i in [w·win, (w+1)·win):
     * maxabs[w] = max |e[i]| and sumabs[w] = Σ|e[i]| (float, 8 partial sums by i − w·win
     * mod 8, one fixed tree). x[−2] and x[−1] must be readable (the previous block's tail).
     * NaN values of e are skipped by the max and propagate through the sum.
     */
    void (*windows_f32)(const float *x, size_t nwin, size_t win, float *maxabs, float *sumabs);
} QcDiscontDSP;

/**
 * Fills @p dsp with the fastest variants that @p cpu_flags allow.
 *
 * @param dsp       the table to fill; must not be NULL.
 * @param cpu_flags QC_CPU_* flags, normally qc_cpu_flags(); 0 selects the C references.
 */
void qc_discont_dsp_init(QcDiscontDSP *dsp, unsigned cpu_flags);

#endif // QC_KERNELS_DISCONT_H
