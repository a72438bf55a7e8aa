// SPDX-License-Identifier: MIT
#include <math.h>
#include <stddef.h>

#include "kernels/zerorun.h"
#include "tests/checkasm/checkasm.h"

typedef size_t (*SearchFn)(const float *x, size_t n, float level);

// The interesting inputs are runs: one odd sample in a sea of the other kind, at every
// position relative to the vector blocks, and samples sitting exactly on the threshold.
enum { ALL_QUIET, ALL_LOUD, ONE_LOUD, ONE_QUIET, TWO_LOUD, PATTERN, NB_SCENARIOS };

static float pick_level(const int k)
{
    switch (k) {
    case 0:
        return 0.0f; // digital silence
    case 1:
        return 0.001f; // -60 dBFS
    case 2:
        return 0.5f;
    case 3:
        return -1.0f; // nothing is quiet
    case 4:
        return NAN; // nothing is quiet either
    default:
        return (float)checkasm_rand_below(1000) / 1000.0f;
    }
}

static float quiet_value(const float level)
{
    const float l = level >= 0.0f ? level : 0.0f;
    switch (checkasm_rand_below(5)) {
    case 0:
        return l; // on the threshold: quiet
    case 1:
        return -l;
    case 2:
        return -0.0f;
    case 3:
        return 1e-40f * (level >= 1e-40f); // subnormal when allowed
    default:
        return l * checkasm_randf();
    }
}

static float loud_value(const float level)
{
    const float l = level >= 0.0f ? level : 0.0f;
    switch (checkasm_rand_below(5)) {
    case 0:
        return NAN;
    case 1:
        return -INFINITY;
    case 2:
        return nextafterf(l, INFINITY); // just above the threshold
    case 3:
        return -nextafterf(l, INFINITY);
    default:
        return (checkasm_rand() & 1) ? 1.0f : -0.75f;
    }
}

static void build(float *const x, const size_t n, const int scen, const float level)
{
    const int quiet_bg = scen == ALL_QUIET || scen == ONE_LOUD || scen == TWO_LOUD;
    if (scen == PATTERN) {
        checkasm_fill_float(x, n, (CheckasmPattern)checkasm_rand_below(CHECKASM_NB_PATTERNS));
        return;
    }
    for (size_t i = 0; i < n; i++)
        x[i] = quiet_bg ? quiet_value(level) : loud_value(level);
    if (!n || scen == ALL_QUIET || scen == ALL_LOUD) return;
    const size_t at = checkasm_rand_below((uint32_t)n);
    x[at] = scen == ONE_QUIET ? quiet_value(level) : loud_value(level);
    if (scen == TWO_LOUD) x[checkasm_rand_below((uint32_t)n)] = loud_value(level);
}

static void run_search(const SearchFn ref, const SearchFn new, const char *const what)
{
    for (int li = 0; li < checkasm_nb_lengths; li++) {
        const size_t n = checkasm_lengths[li];
        for (int mis = 0; mis <= 1; mis++) {
            float *const x = checkasm_alloc_float(0, n, mis);
            for (int scen = 0; scen < NB_SCENARIOS; scen++) {
                for (int lk = 0; lk < 6; lk++) {
                    const float level = pick_level(lk);
                    // Several positions of the odd sample per length.
                    for (int rep = 0; rep < 4; rep++) {
                        build(x, n, scen, level);
                        checkasm_set_context("n=%zu misalign=%d scenario=%d level=%g", n, mis, scen,
                                             (double)level);
                        check_size(ref(x, n, level), new (x, n, level), what);
                    }
                }
            }
            checkasm_free_float(x, 0, mis);
        }
    }
}

void checkasm_check_zerorun(void)
{
    QcZeroRunDSP c;
    qc_zerorun_dsp_init(&c, checkasm_get_cpu_flags());
    declare_func(size_t, const float *x, size_t n, float level);
    float *const x = checkasm_alloc_float(0, CHECKASM_BENCH_N, 0);

    // Benchmarks scan the whole block: the worst case, a run that does not end.
    if (check_func(c.find_quiet, "zerorun.find_quiet")) {
        run_search(func_ref, func_new, "find_quiet");
        for (size_t i = 0; i < CHECKASM_BENCH_N; i++)
            x[i] = (i & 1) ? 0.5f : -0.5f;
        bench_new(x, CHECKASM_BENCH_N, 0.001f);
    }
    if (check_func(c.find_loud, "zerorun.find_loud")) {
        run_search(func_ref, func_new, "find_loud");
        for (size_t i = 0; i < CHECKASM_BENCH_N; i++)
            x[i] = 0.0f;
        bench_new(x, CHECKASM_BENCH_N, 0.001f);
    }
    if (check_func(c.rfind_loud, "zerorun.rfind_loud")) {
        run_search(func_ref, func_new, "rfind_loud");
        for (size_t i = 0; i < CHECKASM_BENCH_N; i++)
            x[i] = 0.0f;
        bench_new(x, CHECKASM_BENCH_N, 0.001f);
    }
    report("search");
    checkasm_free_float(x, 0, 0);
}
