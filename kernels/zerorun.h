// SPDX-License-Identifier: MIT
/**
 * @file
 * Searches for the boundaries of quiet runs (digital silence, dropouts) in float samples.
 *
 * A sample is *quiet* iff |x| <= level and *loud* otherwise. NaN is therefore loud: a
 * corrupt sample must never extend a silence.
 */
#ifndef QC_KERNELS_ZERORUN_H
#define QC_KERNELS_ZERORUN_H

#include <stddef.h>

/** Quiet-run search kernels. Fill with qc_zerorun_dsp_init(). */
typedef struct QcZeroRunDSP {
    /** Returns the first i < n with |x[i]| <= level (full-scale units), or n if none. */
    size_t (*find_quiet)(const float *x, size_t n, float level);
    /** Returns the first i < n whose sample is loud (not |x[i]| <= level), or n if none. */
    size_t (*find_loud)(const float *x, size_t n, float level);
    /** Returns one past the last loud index in x[0..n), or 0 if every sample is quiet. */
    size_t (*rfind_loud)(const float *x, size_t n, float level);
} QcZeroRunDSP;

/**
 * Fills @p dsp with the fastest variants that @p cpu_flags allow.
 *
 * @param dsp       the table to fill; must not be NULL.
 * @param cpu_flags QC_CPU_* flags, normally qc_cpu_flags(); 0 selects the C references.
 */
void qc_zerorun_dsp_init(QcZeroRunDSP *dsp, unsigned cpu_flags);

#endif // QC_KERNELS_ZERORUN_H
