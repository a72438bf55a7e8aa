// SPDX-License-Identifier: MIT
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "kernels/cpu.h"
#include "kernels/internal.h"
#include "kernels/level.h"

void qc_level_lanes_add(QcLevelLanes *const l, const float *const x, const size_t n)
{
    float m = l->absmax;
    for (size_t i = 0; i < n; i++) {
        const double d = x[i];
        l->sum[i & 7] += d;
        l->sumsq[i & 7] += d * d;
        m = qc_max_f(fabsf(x[i]), m);
    }
    l->absmax = m;
}

void qc_level_lanes_finish(const QcLevelLanes *const l, QcLevelStats *const out)
{
    out->absmax = l->absmax;
    out->sum = qc_reduce8_d(l->sum);
    out->sumsq = qc_reduce8_d(l->sumsq);
}

void qc_level_stats_f32_c(const float *const x, const size_t n, QcLevelStats *const out)
{
    assert(out);
    assert(x || !n);
    QcLevelLanes l;
    memset(&l, 0, sizeof(l));
    qc_level_lanes_add(&l, x, n);
    qc_level_lanes_finish(&l, out);
}

QC_COLD void qc_level_dsp_init(QcLevelDSP *const dsp, const unsigned cpu)
{
    dsp->stats_f32 = qc_level_stats_f32_c;

#if QC_HAVE_X86_SIMD
    if (!(cpu & QC_CPU_SSE2)) return;
    dsp->stats_f32 = qc_level_stats_f32_sse2;

    if (!(cpu & QC_CPU_AVX2)) return;
    dsp->stats_f32 = qc_level_stats_f32_avx2;
#else
    (void)cpu;
#endif
}
