// SPDX-License-Identifier: MIT
#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "kernels/cpu.h"
#include "kernels/internal.h"
#include "kernels/zerorun.h"

// Written as "<=" and its negation, never as ">": a NaN sample compares false to
// everything, and must come out loud.
static inline int is_quiet(const float v, const float level)
{
    return fabsf(v) <= level;
}

size_t qc_zerorun_find_quiet_f32_c(const float *const x, const size_t n, const float level)
{
    assert(x || !n);
    for (size_t i = 0; i < n; i++)
        if (is_quiet(x[i], level)) return i;
    return n;
}

size_t qc_zerorun_find_loud_f32_c(const float *const x, const size_t n, const float level)
{
    assert(x || !n);
    for (size_t i = 0; i < n; i++)
        if (!is_quiet(x[i], level)) return i;
    return n;
}

size_t qc_zerorun_rfind_loud_f32_c(const float *const x, const size_t n, const float level)
{
    assert(x || !n);
    for (size_t i = n; i > 0; i--)
        if (!is_quiet(x[i - 1], level)) return i;
    return 0;
}

QC_COLD void qc_zerorun_dsp_init(QcZeroRunDSP *const dsp, const unsigned cpu)
{
    dsp->find_quiet = qc_zerorun_find_quiet_f32_c;
    dsp->find_loud = qc_zerorun_find_loud_f32_c;
    dsp->rfind_loud = qc_zerorun_rfind_loud_f32_c;

#if QC_HAVE_X86_SIMD
    if (!(cpu & QC_CPU_SSE2)) return;
    dsp->find_quiet = qc_zerorun_find_quiet_f32_sse2;
    dsp->find_loud = qc_zerorun_find_loud_f32_sse2;
    dsp->rfind_loud = qc_zerorun_rfind_loud_f32_sse2;

    if (!(cpu & QC_CPU_AVX2)) return;
    dsp->find_quiet = qc_zerorun_find_quiet_f32_avx2;
    dsp->find_loud = qc_zerorun_find_loud_f32_avx2;
    dsp->rfind_loud = qc_zerorun_rfind_loud_f32_avx2;
#else
    (void)cpu;
#endif
}
