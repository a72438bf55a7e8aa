// SPDX-License-Identifier: MIT
/**
 * @file
 * In-tree checkasm: every SIMD kernel against its C reference, at every CPU level the
 * machine has, on seeded edge-biased inputs; and a per-kernel benchmark (--bench).
 *
 * A test looks like this:
 * @code
 *     QcLevelDSP c;
 *     qc_level_dsp_init(&c, checkasm_get_cpu_flags());
 *     declare_func(void, const float *x, size_t n, QcLevelStats *out);
 *     if (check_func(c.stats_f32, "level.stats_f32")) {
 *         ... call_ref(x, n, &a); call_new(x, n, &b); compare, fail() ...
 *         bench_new(x, 4800, &b);
 *     }
 *     report("stats");
 * @endcode
 * check_func() is true only when the current CPU level brings a function not yet tested
 * under that name, so each (function, ISA) pair is checked once. The C level runs first
 * and checks the reference against itself (determinism, sanitizers, asserts).
 */
#ifndef QC_TESTS_CHECKASM_CHECKASM_H
#define QC_TESTS_CHECKASM_CHECKASM_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CHECKASM_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CHECKASM_PRINTF(fmt, args)
#endif

/** Generic function pointer: any kernel converts to it and back. */
typedef void (*CheckasmFn)(void);

// ---- the tests, one per kernel family ----
void checkasm_check_corr(void);
void checkasm_check_picture(void);
void checkasm_check_discont(void);
void checkasm_check_level(void);
void checkasm_check_pcm(void);
void checkasm_check_truepeak(void);
void checkasm_check_truepeak_ebu(void);
void checkasm_check_zerorun(void);

// ---- harness ----
/** The QC_CPU_* flags of the level being tested; pass them to qc_<family>_dsp_init(). */
unsigned checkasm_get_cpu_flags(void);

/**
 * Registers @p fn under the printf-formatted name for the current CPU level.
 * @return the C reference of that name, or NULL when @p fn is NULL, filtered out by
 *         --function, or already tested at a lower level (same pointer).
 */
CheckasmFn checkasm_check_func(CheckasmFn fn, const char *name, ...) CHECKASM_PRINTF(2, 3);

/** Marks the function under test as failed and prints where and why. */
void checkasm_fail_func(const char *file, int line, const char *fmt, ...) CHECKASM_PRINTF(3, 4);

/** Prints the result of the functions checked since the last report at this level. */
void checkasm_report(const char *name, ...) CHECKASM_PRINTF(1, 2);

/** Describes the current input (length, offset, pattern); printed with any failure. */
void checkasm_set_context(const char *fmt, ...) CHECKASM_PRINTF(1, 2);

/** 1 when the function under test has not failed yet. */
int checkasm_func_ok(void);

// ---- random inputs ----
uint32_t checkasm_rand(void);
/** Uniform in [0, n); n ≥ 1. */
uint32_t checkasm_rand_below(uint32_t n);
/** Uniform in [-1, 1). */
float checkasm_randf(void);

/** Input patterns. The edge cases are where SIMD and C most often part ways. */
typedef enum CheckasmPattern {
    CHECKASM_RANDOM,    ///< uniform in [-1, 1)
    CHECKASM_ZERO,      ///< all +0.0
    CHECKASM_FULLSCALE, ///< ±1.0, random signs
    CHECKASM_ALTERNATE, ///< +1, −1, +1, …
    CHECKASM_DENORMAL,  ///< subnormals of both signs, ±0 and a few normals
    CHECKASM_WIDE,      ///< random signs and exponents over 2^-60 … 2^60 (rounding)
    CHECKASM_SPECIAL,   ///< random, with NaN, ±inf and −0.0 sprinkled in
    CHECKASM_NB_PATTERNS
} CheckasmPattern;

void checkasm_fill_float(float *x, size_t n, CheckasmPattern p);
const char *checkasm_pattern_name(CheckasmPattern p);

/**
 * Allocates @p pre + @p n floats plus a misalignment of @p misalign floats, and returns
 * a pointer to the n payload floats, which end exactly at the end of the allocation (so
 * AddressSanitizer catches any over-read). The @p pre floats before it are zeroed.
 * Free with checkasm_free_float(). Aborts on allocation failure.
 */
float *checkasm_alloc_float(size_t pre, size_t n, int misalign);
void checkasm_free_float(float *x, size_t pre, int misalign);
/** As checkasm_alloc_float(), for n bytes misaligned by @p misalign bytes, no prefix. */
uint8_t *checkasm_alloc_bytes(size_t n, int misalign);
void checkasm_free_bytes(uint8_t *p, int misalign);

/** Lengths every test runs: 0, short odd ones, vector-size neighbours, a long odd one. */
extern const size_t checkasm_lengths[];
extern const int checkasm_nb_lengths;

/** The block size of --bench: 100 ms at 48 kHz. */
#define CHECKASM_BENCH_N 4800

// ---- bit-exact comparisons; on mismatch they call fail with the first index ----
/** Bits equal, except that any NaN equals any NaN: C does not pin NaN payloads. */
int checkasm_float_eq(float a, float b);
int checkasm_double_eq(double a, double b);
int checkasm_check_float(const float *ref, const float *new, size_t n, const char *what,
                         const char *file, int line);
int checkasm_check_double(const double *ref, const double *new, size_t n, const char *what,
                          const char *file, int line);
/** w × h floats, row strides in floats; reports the first (x, y) that differs. */
int checkasm_check_float_2d(const float *ref, ptrdiff_t ref_stride, const float *new,
                            ptrdiff_t new_stride, size_t w, size_t h, const char *what,
                            const char *file, int line);
int checkasm_check_size(size_t ref, size_t new, const char *what, const char *file, int line);

#define check_float(ref, new, n, what) checkasm_check_float(ref, new, n, what, __FILE__, __LINE__)
#define check_double(ref, new, n, what) checkasm_check_double(ref, new, n, what, __FILE__, __LINE__)
#define check_float_2d(ref, rs, new, ns, w, h, what)                                               \
    checkasm_check_float_2d(ref, rs, new, ns, w, h, what, __FILE__, __LINE__)
#define check_size(ref, new, what) checkasm_check_size(ref, new, what, __FILE__, __LINE__)

// ---- benchmark ----
int checkasm_bench_enabled(void);
uint64_t checkasm_now_ns(void);
/** Drives the timing loop of bench_new(); sets how many calls the next batch makes. */
int checkasm_bench_next(unsigned *iters, uint64_t batch_ns);

// ---- the checkasm-style macros ----
#define declare_func(ret, ...)                                                                     \
    typedef ret (*checkasm_func_type)(__VA_ARGS__);                                                \
    checkasm_func_type func_ref = NULL, func_new = NULL

#define check_func(fn, ...)                                                                        \
    ((func_new = (fn)) != NULL && (func_ref = (checkasm_func_type)checkasm_check_func(             \
                                       (CheckasmFn)func_new, __VA_ARGS__)) != NULL)

#define call_ref(...) func_ref(__VA_ARGS__)
#define call_new(...) func_new(__VA_ARGS__)

// The leading space keeps the format non-empty when fail() has no message.
#define fail(...) checkasm_fail_func(__FILE__, __LINE__, " " __VA_ARGS__)
#define report checkasm_report

#define bench_new(...)                                                                             \
    do {                                                                                           \
        if (checkasm_bench_enabled()) {                                                            \
            unsigned iters_ = 0;                                                                   \
            uint64_t ns_ = 0;                                                                      \
            while (checkasm_bench_next(&iters_, ns_)) {                                            \
                const uint64_t t0_ = checkasm_now_ns();                                            \
                for (unsigned k_ = 0; k_ < iters_; k_++)                                           \
                    func_new(__VA_ARGS__);                                                         \
                ns_ = checkasm_now_ns() - t0_;                                                     \
            }                                                                                      \
        }                                                                                          \
    } while (0)

#endif // QC_TESTS_CHECKASM_CHECKASM_H
