// SPDX-License-Identifier: MIT
#include <stddef.h>

#include "kernels/discont.h"
#include "tests/checkasm/checkasm.h"

#define GUARD 8
#define CANARY 1234567.0f

// Window lengths around the vector sizes, plus the real ones (1 ms at 44.1/48 kHz, 10 ms
// at 44.1 kHz).
static const size_t wins[] = {1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 44, 48, 441};
static const size_t nwins[] = {0, 1, 3, 11};

static float *alloc_out(const size_t nwin, const int mis)
{
    float *const o = checkasm_alloc_float(0, nwin + GUARD, mis);
    for (size_t i = 0; i < nwin + GUARD; i++)
        o[i] = CANARY;
    return o;
}

static void run_case(void (*const ref)(const float *, size_t, size_t, float *, float *),
                     void (*const new)(const float *, size_t, size_t, float *, float *),
                     const float *const x, const size_t nwin, const size_t win, const int mis)
{
    float *const rmax = alloc_out(nwin, mis), *const rsum = alloc_out(nwin, mis);
    float *const nmax = alloc_out(nwin, mis), *const nsum = alloc_out(nwin, mis);
    ref(x, nwin, win, rmax, rsum);
    new (x, nwin, win, nmax, nsum);
    // The guards are compared too: a write past nwin shows up as a difference there.
    if (check_float(rmax, nmax, nwin + GUARD, "maxabs"))
        check_float(rsum, nsum, nwin + GUARD, "sumabs");
    checkasm_free_float(rmax, 0, mis);
    checkasm_free_float(rsum, 0, mis);
    checkasm_free_float(nmax, 0, mis);
    checkasm_free_float(nsum, 0, mis);
}

static void check_windows(const QcDiscontDSP *const c)
{
    declare_func(void, const float *x, size_t nwin, size_t win, float *maxabs, float *sumabs);

    if (check_func(c->windows_f32, "discont.windows_f32")) {
        for (size_t wi = 0; wi < sizeof(wins) / sizeof(wins[0]); wi++) {
            for (size_t ni = 0; ni < sizeof(nwins) / sizeof(nwins[0]); ni++) {
                const size_t win = wins[wi], nwin = nwins[ni], n = win * nwin;
                for (int mis = 0; mis <= 1; mis++) {
                    // x[-2] and x[-1] carry the previous block's tail: fill them too.
                    float *const x = checkasm_alloc_float(2, n, mis);
                    for (int p = 0; p < CHECKASM_NB_PATTERNS; p++) {
                        checkasm_fill_float(x - 2, n + 2, (CheckasmPattern)p);
                        checkasm_set_context("nwin=%zu win=%zu misalign=%d pattern=%s", nwin, win,
                                             mis, checkasm_pattern_name((CheckasmPattern)p));
                        run_case(func_ref, func_new, x, nwin, win, mis);
                    }
                    checkasm_free_float(x, 2, mis);
                }
            }
        }
        // 4800 samples as 100 windows of 1 ms at 48 kHz.
        const size_t win = 48, nwin = CHECKASM_BENCH_N / 48;
        float *const x = checkasm_alloc_float(2, CHECKASM_BENCH_N, 0);
        float *const m = alloc_out(nwin, 0), *const s = alloc_out(nwin, 0);
        checkasm_fill_float(x - 2, CHECKASM_BENCH_N + 2, CHECKASM_RANDOM);
        bench_new(x, nwin, win, m, s);
        checkasm_free_float(x, 2, 0);
        checkasm_free_float(m, 0, 0);
        checkasm_free_float(s, 0, 0);
    }
    report("windows_f32");
}

void checkasm_check_discont(void)
{
    QcDiscontDSP c;
    qc_discont_dsp_init(&c, checkasm_get_cpu_flags());
    check_windows(&c);
}
