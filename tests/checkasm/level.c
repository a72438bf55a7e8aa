// SPDX-License-Identifier: MIT
#include <stddef.h>
#include <string.h>

#include "kernels/level.h"
#include "tests/checkasm/checkasm.h"

static int check_stats_equal(const QcLevelStats *const a, const QcLevelStats *const b)
{
    return check_float(&a->absmax, &b->absmax, 1, "absmax") &&
           check_double(&a->sum, &b->sum, 1, "sum") &&
           check_double(&a->sumsq, &b->sumsq, 1, "sumsq");
}

static void check_stats(const QcLevelDSP *const c)
{
    declare_func(void, const float *x, size_t n, QcLevelStats *out);

    if (check_func(c->stats_f32, "level.stats_f32")) {
        for (int li = 0; li < checkasm_nb_lengths; li++) {
            const size_t n = checkasm_lengths[li];
            for (int mis = 0; mis <= 1; mis++) {
                float *const x = checkasm_alloc_float(0, n, mis);
                for (int p = 0; p < CHECKASM_NB_PATTERNS; p++) {
                    checkasm_fill_float(x, n, (CheckasmPattern)p);
                    checkasm_set_context("n=%zu misalign=%d pattern=%s", n, mis,
                                         checkasm_pattern_name((CheckasmPattern)p));
                    QcLevelStats a, b;
                    memset(&a, 0x55, sizeof(a));
                    memset(&b, 0x55, sizeof(b));
                    call_ref(x, n, &a);
                    call_new(x, n, &b);
                    check_stats_equal(&a, &b);
                }
                checkasm_free_float(x, 0, mis);
            }
        }
        float *const x = checkasm_alloc_float(0, CHECKASM_BENCH_N, 0);
        checkasm_fill_float(x, CHECKASM_BENCH_N, CHECKASM_RANDOM);
        QcLevelStats s;
        bench_new(x, CHECKASM_BENCH_N, &s);
        checkasm_free_float(x, 0, 0);
    }
    report("stats_f32");
}

void checkasm_check_level(void)
{
    QcLevelDSP c;
    qc_level_dsp_init(&c, checkasm_get_cpu_flags());
    check_stats(&c);
}
