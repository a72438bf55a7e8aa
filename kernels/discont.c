// SPDX-License-Identifier: MIT
#include <assert.h>
#include <math.h>
#include <stddef.h>

#include "kernels/cpu.h"
#include "kernels/discont.h"
#include "kernels/internal.h"

void qc_discont_lanes_add(const float *const x, const size_t n, float s[8], float *const m)
{
    float mx = *m;
    // Indexing from p = x + i keeps the negative offsets signed (x[i - 1] would wrap).
    for (size_t i = 0; i < n; i++) {
        const float *const p = x + i;
        const float a = fabsf((p[0] - 2.0f * p[-1]) + p[-2]);
        s[i & 7] += a;
        mx = qc_max_f(a, mx);
    }
    *m = mx;
}

void qc_discont_windows_f32_c(const float *const x, const size_t nwin, const size_t win,
                              float *const maxabs, float *const sumabs)
{
    assert(win >= 1);
    assert((x && maxabs && sumabs) || !nwin);
    for (size_t w = 0; w < nwin; w++) {
        float s[8] = {0}, m = 0.0f;
        qc_discont_lanes_add(x + w * win, win, s, &m);
        maxabs[w] = m;
        sumabs[w] = qc_reduce8_f(s);
    }
}

QC_COLD void qc_discont_dsp_init(QcDiscontDSP *const dsp, const unsigned cpu)
{
    dsp->windows_f32 = qc_discont_windows_f32_c;

#if QC_HAVE_X86_SIMD
    if (!(cpu & QC_CPU_SSE2)) return;
    dsp->windows_f32 = qc_discont_windows_f32_sse2;

    if (!(cpu & QC_CPU_AVX2)) return;
    dsp->windows_f32 = qc_discont_windows_f32_avx2;
#else
    (void)cpu;
#endif
}
