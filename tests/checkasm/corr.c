// SPDX-License-Identifier: MIT
#include <stddef.h>
#include <string.h>

#include "kernels/corr.h"
#include "tests/checkasm/checkasm.h"

static void check_sums(const QcCorrDSP *const c)
{
    declare_func(void, const float *a, const float *b, size_t n, double out[3]);

    if (check_func(c->sums_f32, "corr.sums_f32")) {
        for (int li = 0; li < checkasm_nb_lengths; li++) {
            const size_t n = checkasm_lengths[li];
            // a and b misaligned independently: loads must not assume a common offset.
            for (int mis = 0; mis < 4; mis++) {
                float *const a = checkasm_alloc_float(0, n, mis & 1);
                float *const b = checkasm_alloc_float(0, n, mis >> 1);
                for (int p = 0; p < CHECKASM_NB_PATTERNS; p++) {
                    // Different patterns for a and b: e.g. full scale against denormals.
                    const CheckasmPattern pb = (CheckasmPattern)((p + mis) % CHECKASM_NB_PATTERNS);
                    checkasm_fill_float(a, n, (CheckasmPattern)p);
                    checkasm_fill_float(b, n, pb);
                    checkasm_set_context("n=%zu misalign a=%d b=%d pattern a=%s b=%s", n, mis & 1,
                                         mis >> 1, checkasm_pattern_name((CheckasmPattern)p),
                                         checkasm_pattern_name(pb));
                    double r[3], s[3];
                    memset(r, 0x55, sizeof(r));
                    memset(s, 0x55, sizeof(s));
                    call_ref(a, b, n, r);
                    call_new(a, b, n, s);
                    check_double(r, s, 3, "out");
                }
                checkasm_free_float(a, 0, mis & 1);
                checkasm_free_float(b, 0, mis >> 1);
            }
        }
        float *const a = checkasm_alloc_float(0, CHECKASM_BENCH_N, 0);
        float *const b = checkasm_alloc_float(0, CHECKASM_BENCH_N, 0);
        checkasm_fill_float(a, CHECKASM_BENCH_N, CHECKASM_RANDOM);
        checkasm_fill_float(b, CHECKASM_BENCH_N, CHECKASM_RANDOM);
        double s[3];
        bench_new(a, b, CHECKASM_BENCH_N, s);
        checkasm_free_float(a, 0, 0);
        checkasm_free_float(b, 0, 0);
    }
    report("sums_f32");
}

void checkasm_check_corr(void)
{
    QcCorrDSP c;
    qc_corr_dsp_init(&c, checkasm_get_cpu_flags());
    check_sums(&c);
}
