// SPDX-License-Identifier: MIT
#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "kernels/cpu.h"
#include "kernels/internal.h"
#include "kernels/truepeak.h"

// ITU-R BS.1770-4 Annex 2, Table 1. Every tap is a multiple of 2^-13, so the float
// table holds the published values exactly. Phases 2 and 3 mirror phases 1 and 0.
// clang-format off
const float qc_truepeak_taps[4][12] = {
    {  0.0017089843750f,  0.0109863281250f, -0.0196533203125f,  0.0332031250000f,
      -0.0594482421875f,  0.1373291015625f,  0.9721679687500f, -0.1022949218750f,
       0.0476074218750f, -0.0266113281250f,  0.0148925781250f, -0.0083007812500f },
    { -0.0291748046875f,  0.0292968750000f, -0.0517578125000f,  0.0891113281250f,
      -0.1665039062500f,  0.4650878906250f,  0.7797851562500f, -0.2003173828125f,
       0.1015625000000f, -0.0582275390625f,  0.0330810546875f, -0.0189208984375f },
    { -0.0189208984375f,  0.0330810546875f, -0.0582275390625f,  0.1015625000000f,
      -0.2003173828125f,  0.7797851562500f,  0.4650878906250f, -0.1665039062500f,
       0.0891113281250f, -0.0517578125000f,  0.0292968750000f, -0.0291748046875f },
    { -0.0083007812500f,  0.0148925781250f, -0.0266113281250f,  0.0476074218750f,
      -0.1022949218750f,  0.9721679687500f,  0.1373291015625f, -0.0594482421875f,
       0.0332031250000f, -0.0196533203125f,  0.0109863281250f,  0.0017089843750f },
};
// clang-format on

float qc_truepeak_max_abs_4x_f32_c(const float *const x, const size_t n)
{
    assert(x || !n);
    float m = 0.0f;
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 4; k++) {
            const float *const h = qc_truepeak_taps[k];
            // Tap order, one rounding per product and per sum: the SIMD variants
            // vectorise over i and repeat exactly these operations per lane.
            float acc = h[0] * x[i];
            for (int j = 1; j < 12; j++)
                acc = acc + h[j] * x[(ptrdiff_t)i - j];
            m = qc_max_f(fabsf(acc), m);
        }
    }
    return m;
}

QC_COLD void qc_truepeak_dsp_init(QcTruePeakDSP *const dsp, const unsigned cpu)
{
    dsp->max_abs_4x_f32 = qc_truepeak_max_abs_4x_f32_c;

#if QC_HAVE_X86_SIMD
    if (!(cpu & QC_CPU_SSE2)) return;
    dsp->max_abs_4x_f32 = qc_truepeak_max_abs_4x_f32_sse2;

    if (!(cpu & QC_CPU_AVX2)) return;
    dsp->max_abs_4x_f32 = qc_truepeak_max_abs_4x_f32_avx2;
#else
    (void)cpu;
#endif
}
