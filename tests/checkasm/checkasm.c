// SPDX-License-Identifier: MIT
// clock_gettime() and getpid() are POSIX, hidden by a strict -std=c11.
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kernels/cpu.h"
#include "tests/checkasm/checkasm.h"

#define MAX_VERSIONS 8
#define MAX_FAIL_LINES 4        // per (function, ISA): enough to see a pattern
#define BENCH_BATCH_NS 2000000u // one timed batch lasts at least 2 ms
#define BENCH_RUNS 11           // the best of 11 batches: robust on a shared box

typedef struct Version {
    CheckasmFn fn;
    unsigned cpu;   ///< the CPU level it was registered at
    int ok;         ///< no failure so far
    int fail_lines; ///< failure messages printed
    double ns;      ///< ns per call from --bench, or NAN
} Version;

typedef struct Func {
    char name[96];
    Version v[MAX_VERSIONS]; ///< v[0] is the C reference
    int nv;
} Func;

// Not yet in checkasm.h, which other work was editing when the family was added.

static const struct {
    const char *name;
    void (*fn)(void);
} tests[] = {
    {"pcm", checkasm_check_pcm},           {"level", checkasm_check_level},
    {"zerorun", checkasm_check_zerorun},   {"discont", checkasm_check_discont},
    {"truepeak", checkasm_check_truepeak}, {"truepeak_ebu", checkasm_check_truepeak_ebu},
    {"corr", checkasm_check_corr},         {"picture", checkasm_check_picture},
};

static const unsigned levels[] = {
    0,
    QC_CPU_SSE2,
    QC_CPU_SSE2 | QC_CPU_SSSE3,
    QC_CPU_SSE2 | QC_CPU_SSSE3 | QC_CPU_SSE41,
    QC_CPU_SSE2 | QC_CPU_SSSE3 | QC_CPU_SSE41 | QC_CPU_AVX2,
};

static struct {
    uint32_t seed;
    const char *test_name;
    const char *func_pattern;
    int bench;
    unsigned cpu; ///< level under test
    const char *cur_test;
    Func *funcs;
    size_t nfuncs, cap;
    Func *cur_func;
    Version *cur;
    int group_checked, group_failed;
    int stray_failures; ///< fail() outside any check_func()
    char context[160];
    uint32_t rng[4];
    struct {
        int active, calibrated, runs;
        double best;
    } b;
} state;

// ---- random numbers: xoshiro128**, seeded through splitmix64 ----

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void rand_seed(const uint64_t seed)
{
    uint64_t s = seed;
    for (int k = 0; k < 4; k += 2) {
        const uint64_t z = splitmix64(&s);
        state.rng[k] = (uint32_t)z;
        state.rng[k + 1] = (uint32_t)(z >> 32);
    }
}

static inline uint32_t rotl32(const uint32_t x, const int k)
{
    return (x << k) | (x >> (32 - k));
}

uint32_t checkasm_rand(void)
{
    uint32_t *s = state.rng;
    const uint32_t r = rotl32(s[1] * 5, 7) * 9, t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl32(s[3], 11);
    return r;
}

uint32_t checkasm_rand_below(const uint32_t n)
{
    return (uint32_t)(((uint64_t)checkasm_rand() * n) >> 32);
}

float checkasm_randf(void)
{
    // 24 random bits: every value is exact in float.
    return (float)((int32_t)(checkasm_rand() >> 8) - (1 << 23)) / 8388608.0f;
}

static uint64_t hash_name(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u; // FNV-1a
    while (*s)
        h = (h ^ (unsigned char)*s++) * 0x100000001b3u;
    return h;
}

// ---- inputs ----

static float bits_to_float(const uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof(f));
    return f;
}

static float pattern_sample(const CheckasmPattern p, const size_t i)
{
    const uint32_t r = checkasm_rand();
    const uint32_t sign = (r & 1u) << 31;
    switch (p) {
    case CHECKASM_ZERO:
        return 0.0f;
    case CHECKASM_FULLSCALE:
        return (r & 1) ? -1.0f : 1.0f;
    case CHECKASM_ALTERNATE:
        return (i & 1) ? -1.0f : 1.0f;
    case CHECKASM_DENORMAL:
        if ((r & 0x70) == 0) return bits_to_float(sign); // ±0
        if ((r & 0x70) == 0x10) return checkasm_randf();
        return bits_to_float(sign | (checkasm_rand() & 0x7fffffu) | 1u);
    case CHECKASM_WIDE: {
        const uint32_t exp = 127 - 60 + checkasm_rand_below(121);
        return bits_to_float(sign | exp << 23 | (checkasm_rand() & 0x7fffffu));
    }
    case CHECKASM_SPECIAL:
        switch ((r >> 1) & 31) {
        case 0:
            return NAN;
        case 1:
            return INFINITY;
        case 2:
            return -INFINITY;
        case 3:
            return -0.0f;
        case 4:
            return bits_to_float(0xffc00001u); // negative NaN with a payload
        default:
            return checkasm_randf();
        }
    case CHECKASM_RANDOM:
    default:
        return checkasm_randf();
    }
}

void checkasm_fill_float(float *const x, const size_t n, const CheckasmPattern p)
{
    for (size_t i = 0; i < n; i++)
        x[i] = pattern_sample(p, i);
}

const char *checkasm_pattern_name(const CheckasmPattern p)
{
    static const char *const names[CHECKASM_NB_PATTERNS] = {
        "random", "zero", "fullscale", "alternate", "denormal", "wide", "special",
    };
    return (unsigned)p < CHECKASM_NB_PATTERNS ? names[p] : "?";
}

float *checkasm_alloc_float(const size_t pre, const size_t n, const int misalign)
{
    const size_t total = pre + (size_t)misalign + n;
    float *const base = malloc(total ? total * sizeof(float) : 1);
    if (!base) {
        fprintf(stderr, "checkasm: out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < total; i++)
        base[i] = 0.0f;
    return base + misalign + pre;
}

void checkasm_free_float(float *const x, const size_t pre, const int misalign)
{
    if (x) free(x - pre - misalign);
}

uint8_t *checkasm_alloc_bytes(const size_t n, const int misalign)
{
    uint8_t *const base = malloc(n + (size_t)misalign ? n + (size_t)misalign : 1);
    if (!base) {
        fprintf(stderr, "checkasm: out of memory\n");
        exit(2);
    }
    memset(base, 0, n + (size_t)misalign);
    return base + misalign;
}

void checkasm_free_bytes(uint8_t *const p, const int misalign)
{
    if (p) free(p - misalign);
}

const size_t checkasm_lengths[] = {
    0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 15, 16, 17, 23, 31, 32, 33, 47, 63, 64, 65, 127, 255, 1000, 4801,
};
const int checkasm_nb_lengths = (int)(sizeof(checkasm_lengths) / sizeof(checkasm_lengths[0]));

// ---- registry and results ----

unsigned checkasm_get_cpu_flags(void)
{
    return state.cpu;
}

static int wildmatch(const char *p, const char *s)
{
    for (; *p; p++, s++) {
        if (*p == '*') {
            for (; *s; s++)
                if (wildmatch(p + 1, s)) return 1;
            return wildmatch(p + 1, s);
        }
        if (!*s || (*p != '?' && *p != *s)) return 0;
    }
    return !*s;
}

static Func *get_func(const char *name)
{
    for (size_t k = 0; k < state.nfuncs; k++)
        if (!strcmp(state.funcs[k].name, name)) return &state.funcs[k];
    if (state.nfuncs == state.cap) {
        const size_t cap = state.cap ? 2 * state.cap : 32;
        Func *f = realloc(state.funcs, cap * sizeof(*f));
        if (!f) {
            fprintf(stderr, "checkasm: out of memory\n");
            exit(2);
        }
        state.funcs = f;
        state.cap = cap;
    }
    Func *f = &state.funcs[state.nfuncs++];
    memset(f, 0, sizeof(*f));
    snprintf(f->name, sizeof(f->name), "%s", name);
    return f;
}

CheckasmFn checkasm_check_func(const CheckasmFn fn, const char *const name, ...)
{
    char buf[96];
    va_list ap;
    va_start(ap, name);
    const int len = vsnprintf(buf, sizeof(buf), name, ap);
    va_end(ap);
    if (!fn || len <= 0 || (size_t)len >= sizeof(buf)) return NULL;
    if (state.func_pattern && !wildmatch(state.func_pattern, buf)) return NULL;

    // Pointers were reset when a new level started, so a stale one cannot dangle.
    state.cur_func = NULL;
    state.cur = NULL;
    Func *const f = get_func(buf);
    for (int k = 0; k < f->nv; k++)
        if (f->v[k].fn == fn) return NULL; // unchanged from a lower level: already tested
    if (f->nv == MAX_VERSIONS) return NULL;
    Version *const v = &f->v[f->nv++];
    v->fn = fn;
    v->cpu = state.cpu;
    v->ok = 1;
    v->fail_lines = 0;
    v->ns = NAN;
    state.cur_func = f;
    state.cur = v;
    state.group_checked++;
    state.context[0] = '\0';
    // Seeded per function, so a function sees the same inputs at every level and under
    // any --test / --function filter.
    rand_seed(((uint64_t)state.seed << 32 | state.seed) ^ hash_name(buf));
    return f->v[0].fn;
}

int checkasm_func_ok(void)
{
    return state.cur ? state.cur->ok : 0;
}

void checkasm_set_context(const char *const fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(state.context, sizeof(state.context), fmt, ap);
    va_end(ap);
}

void checkasm_fail_func(const char *const file, const int line, const char *const fmt, ...)
{
    Version *const v = state.cur;
    if (!v) {
        state.stray_failures++;
        fprintf(stderr, "checkasm: failure outside a checked function at %s:%d\n", file, line);
        return;
    }
    if (v->ok) state.group_failed++;
    v->ok = 0;
    if (v->fail_lines++ >= MAX_FAIL_LINES) return;
    fprintf(stderr, "FAIL %s [%s] %s:%d:", state.cur_func->name, qc_cpu_name(v->cpu), file, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s%s\n", state.context[0] ? " | input: " : "", state.context);
}

void checkasm_report(const char *const name, ...)
{
    if (!state.group_checked) return;
    char buf[64], full[96];
    va_list ap;
    va_start(ap, name);
    vsnprintf(buf, sizeof(buf), name, ap);
    va_end(ap);
    snprintf(full, sizeof(full), "%s.%s", state.cur_test, buf);
    printf(" - %-32s [%-5s] %s (%d function%s)\n", full, qc_cpu_name(state.cpu),
           state.group_failed ? "FAILED" : "OK", state.group_checked,
           state.group_checked == 1 ? "" : "s");
    state.group_checked = state.group_failed = 0;
}

// ---- comparisons ----

int checkasm_float_eq(const float a, const float b)
{
    if (a != a && b != b) return 1;
    return !memcmp(&a, &b, sizeof(a));
}

int checkasm_double_eq(const double a, const double b)
{
    if (a != a && b != b) return 1;
    return !memcmp(&a, &b, sizeof(a));
}

static uint32_t float_bits(const float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof(u));
    return u;
}

static uint64_t double_bits(const double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof(u));
    return u;
}

int checkasm_check_float(const float *const ref, const float *const new, const size_t n,
                         const char *const what, const char *const file, const int line)
{
    for (size_t i = 0; i < n; i++) {
        if (!checkasm_float_eq(ref[i], new[i])) {
            checkasm_fail_func(file, line,
                               " %s[%zu] ref %.9g (0x%08" PRIx32 ") new %.9g (0x%08" PRIx32 ")",
                               what, i, ref[i], float_bits(ref[i]), new[i], float_bits(new[i]));
            return 0;
        }
    }
    return 1;
}

int checkasm_check_double(const double *const ref, const double *const new, const size_t n,
                          const char *const what, const char *const file, const int line)
{
    for (size_t i = 0; i < n; i++) {
        if (!checkasm_double_eq(ref[i], new[i])) {
            checkasm_fail_func(file, line,
                               " %s[%zu] ref %.17g (0x%016" PRIx64 ") new %.17g "
                               "(0x%016" PRIx64 ")",
                               what, i, ref[i], double_bits(ref[i]), new[i], double_bits(new[i]));
            return 0;
        }
    }
    return 1;
}

int checkasm_check_float_2d(const float *const ref, const ptrdiff_t ref_stride,
                            const float *const new, const ptrdiff_t new_stride, const size_t w,
                            const size_t h, const char *const what, const char *const file,
                            const int line)
{
    for (size_t y = 0; y < h; y++) {
        const float *const r = ref + (ptrdiff_t)y * ref_stride;
        const float *const s = new + (ptrdiff_t)y *new_stride;
        for (size_t x = 0; x < w; x++) {
            if (!checkasm_float_eq(r[x], s[x])) {
                checkasm_fail_func(file, line,
                                   " %s at (x=%zu, y=%zu) ref %.9g (0x%08" PRIx32
                                   ") new %.9g (0x%08" PRIx32 ")",
                                   what, x, y, r[x], float_bits(r[x]), s[x], float_bits(s[x]));
                return 0;
            }
        }
    }
    return 1;
}

int checkasm_check_size(const size_t ref, const size_t new, const char *const what,
                        const char *const file, const int line)
{
    if (ref == new) return 1;
    checkasm_fail_func(file, line, " %s: ref %zu new %zu", what, ref, new);
    return 0;
}

// ---- benchmark ----

int checkasm_bench_enabled(void)
{
    return state.bench && state.cur != NULL;
}

uint64_t checkasm_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void bench_print(void)
{
    const Version *const v = state.cur;
    const double c_ns = state.cur_func->v[0].ns;
    printf("{\"kernel\":\"%s\",\"isa\":\"%s\",\"ns_per_call\":%.1f,", state.cur_func->name,
           qc_cpu_name(v->cpu), v->ns);
    if (c_ns == c_ns && v->ns > 0)
        printf("\"speedup\":%.2f}\n", c_ns / v->ns);
    else
        printf("\"speedup\":null}\n");
    fflush(stdout);
}

int checkasm_bench_next(unsigned *const iters, const uint64_t batch_ns)
{
    if (!state.b.active) {
        state.b.active = 1;
        state.b.calibrated = 0;
        state.b.runs = 0;
        state.b.best = INFINITY;
        *iters = 1;
        return 1;
    }
    if (!state.b.calibrated) {
        // Grow the batch until it lasts BENCH_BATCH_NS; these batches also warm the caches.
        if (batch_ns < BENCH_BATCH_NS && *iters < (1u << 28)) {
            const uint64_t grow = batch_ns ? (2u * BENCH_BATCH_NS) / batch_ns : 16;
            *iters *= grow < 2 ? 2 : grow > 16 ? 16 : (unsigned)grow;
            return 1;
        }
        state.b.calibrated = 1;
    }
    const double per_call = (double)batch_ns / *iters;
    if (per_call < state.b.best) state.b.best = per_call;
    if (++state.b.runs < BENCH_RUNS) return 1;
    state.b.active = 0;
    state.cur->ns = state.b.best;
    bench_print();
    return 0;
}

// ---- main ----

static void usage(const char *const argv0)
{
    fprintf(stderr,
            "usage: %s [options]\n"
            "  --seed N            random seed (default: from the clock)\n"
            "  --test NAME         run one test only (see --list)\n"
            "  --function PATTERN  check only functions matching PATTERN (* and ?)\n"
            "  --cpu-mask LIST     restrict CPU levels, e.g. \"sse2\" or \"c\" (see cpu.h)\n"
            "  --bench             also time each function; prints JSON lines\n"
            "  --list              list the tests\n"
            "  --help              this text\n",
            argv0);
}

static int option_value(int *const i, const int argc, char **const argv, const char *name,
                        const char **const value)
{
    const size_t len = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, len)) return 0;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        return 1;
    }
    if (arg[len] || *i + 1 >= argc) return 0;
    *value = argv[++*i];
    return 1;
}

static int parse_args(const int argc, char **const argv, unsigned *const mask)
{
    state.seed = (uint32_t)(checkasm_now_ns() ^ ((uint64_t)getpid() << 16));
    for (int i = 1; i < argc; i++) {
        const char *val;
        char *end;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(argv[0]);
            exit(0);
        } else if (!strcmp(argv[i], "--list")) {
            for (size_t t = 0; t < sizeof(tests) / sizeof(tests[0]); t++)
                printf("%s\n", tests[t].name);
            exit(0);
        } else if (!strcmp(argv[i], "--bench")) {
            state.bench = 1;
        } else if (option_value(&i, argc, argv, "--seed", &val)) {
            const unsigned long s = strtoul(val, &end, 0);
            if (*end || !*val || s > UINT32_MAX) {
                fprintf(stderr, "checkasm: bad seed '%s'\n", val);
                return -1;
            }
            state.seed = (uint32_t)s;
        } else if (option_value(&i, argc, argv, "--test", &val)) {
            state.test_name = val;
        } else if (option_value(&i, argc, argv, "--function", &val)) {
            state.func_pattern = val;
        } else if (option_value(&i, argc, argv, "--cpu-mask", &val)) {
            if (qc_cpu_parse_mask(val, mask)) {
                fprintf(stderr, "checkasm: bad cpu mask '%s'\n", val);
                return -1;
            }
        } else {
            fprintf(stderr, "checkasm: unknown option '%s'\n", argv[i]);
            usage(argv[0]);
            return -1;
        }
    }
    return 0;
}

// The dispatch ladders rely on these; a broken detector would skip or crash whole ISAs.
static void check_cpu_api(void)
{
    static const struct {
        const char *s;
        int ret;
        unsigned mask;
    } cases[] = {
        {"none", 0, 0},
        {"c", 0, 0},
        {"sse2", 0, QC_CPU_SSE2},
        {"sse2,ssse3", 0, QC_CPU_SSE2 | QC_CPU_SSSE3},
        {" SSE4.1 ", 0, QC_CPU_SSE2 | QC_CPU_SSSE3 | QC_CPU_SSE41},
        {"avx2", 0, QC_CPU_SSE2 | QC_CPU_SSSE3 | QC_CPU_SSE41 | QC_CPU_AVX2},
        {"all", 0, ~0u},
        {"", -1, 0},
        {"sse2,", -1, 0},
        {"avx512", -1, 0},
    };
    int bad = 0;
    const unsigned d = qc_cpu_detect();
    if (d & (d + 1)) { // cumulative flags are 2^k - 1
        fprintf(stderr, "checkasm: cpu flags 0x%x are not cumulative\n", d);
        bad++;
    }
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        unsigned m = 0xdead;
        const int ret = qc_cpu_parse_mask(cases[k].s, &m);
        if (ret != cases[k].ret || (!ret && m != cases[k].mask)) {
            fprintf(stderr, "checkasm: qc_cpu_parse_mask(\"%s\") = %d, 0x%x\n", cases[k].s, ret, m);
            bad++;
        }
    }
    qc_cpu_set_mask(QC_CPU_SSE2);
    bad += qc_cpu_flags() != (d & QC_CPU_SSE2);
    qc_cpu_set_mask(~0u);
    bad += qc_cpu_flags() != d;
    bad += strcmp(qc_cpu_name(0), "c") || strcmp(qc_cpu_name(levels[4]), "avx2");
    printf(" - %-32s [%-5s] %s\n", "cpu.api", "c", bad ? "FAILED" : "OK");
    state.stray_failures += bad;
}

static void run_level(const unsigned level)
{
    state.cpu = level;
    // A new level may add functions and move the array: drop every pointer into it.
    state.cur_func = NULL;
    state.cur = NULL;
    for (size_t t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        if (state.test_name && strcmp(state.test_name, tests[t].name)) continue;
        state.cur_test = tests[t].name;
        state.group_checked = state.group_failed = 0;
        tests[t].fn();
        state.cur_func = NULL;
        state.cur = NULL;
    }
}

int main(int argc, char **argv)
{
    unsigned mask = ~0u;
    if (parse_args(argc, argv, &mask)) return 2;
    if (state.test_name) {
        size_t t = 0;
        while (t < sizeof(tests) / sizeof(tests[0]) && strcmp(state.test_name, tests[t].name))
            t++;
        if (t == sizeof(tests) / sizeof(tests[0])) {
            fprintf(stderr, "checkasm: no test named '%s' (see --list)\n", state.test_name);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    const unsigned cpu = qc_cpu_detect() & mask;
    printf("checkasm: using random seed %" PRIu32 "\n", state.seed);
    printf("checkasm: cpu flags 0x%x (highest: %s)\n", cpu, qc_cpu_name(cpu));

    if (!state.test_name && !state.func_pattern) check_cpu_api();
    for (size_t l = 0; l < sizeof(levels) / sizeof(levels[0]); l++)
        if ((cpu & levels[l]) == levels[l]) run_level(levels[l]);

    int passed = 0, failed = 0;
    for (size_t k = 0; k < state.nfuncs; k++) {
        for (int j = 0; j < state.funcs[k].nv; j++) {
            if (state.funcs[k].v[j].ok)
                passed++;
            else
                failed++;
        }
    }
    free(state.funcs);
    if (!passed && !failed) fprintf(stderr, "checkasm: no function matched\n");
    printf("checkasm: %d passed, %d failed\n", passed, failed);
    if (failed || state.stray_failures)
        printf("checkasm: reproduce with --seed %" PRIu32 "\n", state.seed);
    return failed || state.stray_failures || !passed;
}
