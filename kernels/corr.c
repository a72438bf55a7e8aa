// SPDX-License-Identifier: MIT
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "kernels/corr.h"
#include "kernels/cpu.h"
#include "kernels/internal.h"

void qc_corr_lanes_add(QcCorrLanes *const l, const float *const a, const float *const b,
                       const size_t n)
{
    for (size_t i = 0; i < n; i++) {
        // float·float is exact in double, so only the summation order matters.
        const double da = a[i], db = b[i];
        l->ab[i & 7] += da * db;
        l->aa[i & 7] += da * da;
        l->bb[i & 7] += db * db;
    }
}

void qc_corr_lanes_finish(const QcCorrLanes *const l, double out[3])
{
    out[0] = qc_reduce8_d(l->ab);
    out[1] = qc_reduce8_d(l->aa);
    out[2] = qc_reduce8_d(l->bb);
}

void qc_corr_sums_f32_c(const float *const a, const float *const b, const size_t n, double out[3])
{
    assert(out);
    assert((a && b) || !n);
    QcCorrLanes l;
    memset(&l, 0, sizeof(l));
    qc_corr_lanes_add(&l, a, b, n);
    qc_corr_lanes_finish(&l, out);
}

QC_COLD void qc_corr_dsp_init(QcCorrDSP *const dsp, const unsigned cpu)
{
    dsp->sums_f32 = qc_corr_sums_f32_c;

#if QC_HAVE_X86_SIMD
    if (!(cpu & QC_CPU_SSE2)) return;
    dsp->sums_f32 = qc_corr_sums_f32_sse2;

    if (!(cpu & QC_CPU_AVX2)) return;
    dsp->sums_f32 = qc_corr_sums_f32_avx2;
#else
    (void)cpu;
#endif
}
