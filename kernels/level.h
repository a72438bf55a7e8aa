// SPDX-License-Identifier: MIT
/**
 * @file
 * Signal level statistics of one plane of float samples: peak, sum and energy.
 */
#ifndef QC_KERNELS_LEVEL_H
#define QC_KERNELS_LEVEL_H

#include <stddef.h>

/** Level statistics of a block of samples. */
typedef struct QcLevelStats {
    float absmax; ///< max |x|, full-scale units (1.0 = 0 dBFS); NaN is skipped; 0 if n = 0
    double sum;   ///< Σx in full-scale units (for the DC offset)
    double sumsq; ///< Σx² in full-scale units squared (for RMS), each x widened to double first
} QcLevelStats;

/** Level kernels. Fill with qc_level_dsp_init(). */
typedef struct QcLevelDSP {
    /**
     * Computes the statistics of x[0..n). The sums use 8 double partial sums (lane j takes
     * the samples i ≡ j mod 8) folded by one fixed tree, so every variant returns the same
     * bits. x needs no alignment and may be NULL when n is 0.
     */
    void (*stats_f32)(const float *x, size_t n, QcLevelStats *out);
} QcLevelDSP;

/**
 * Fills @p dsp with the fastest variants that @p cpu_flags allow.
 *
 * @param dsp       the table to fill; must not be NULL.
 * @param cpu_flags QC_CPU_* flags, normally qc_cpu_flags(); 0 selects the C references.
 */
void qc_level_dsp_init(QcLevelDSP *dsp, unsigned cpu_flags);

#endif // QC_KERNELS_LEVEL_H
