// SPDX-License-Identifier: MIT
#include <ctype.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "kernels/cpu.h"
#include "kernels/internal.h"

#if QC_HAVE_X86_SIMD
#include <cpuid.h>
#endif

static pthread_once_t cpu_once = PTHREAD_ONCE_INIT;
static unsigned cpu_detected;
static atomic_uint cpu_mask = ~0u;

#if QC_HAVE_X86_SIMD
// _xgetbv() needs -mxsave on the whole file; the raw instruction does not.
static uint64_t read_xcr0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static unsigned detect_x86(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned max_leaf = __get_cpuid_max(0, NULL);
    unsigned flags = 0;

    // Each level is only granted on top of the previous one, which keeps the flags
    // cumulative even on odd virtual CPUs that advertise e.g. AVX2 without SSSE3.
    if (!(d & bit_SSE2)) return flags;
    flags |= QC_CPU_SSE2;
    if (!(c & bit_SSSE3)) return flags;
    flags |= QC_CPU_SSSE3;
    if (!(c & bit_SSE4_1)) return flags;
    flags |= QC_CPU_SSE41;

    const int avx_fma = (c & bit_AVX) && (c & bit_FMA);
    // Without OSXSAVE the OS may not preserve YMM across context switches.
    if (!avx_fma || !(c & bit_OSXSAVE) || (read_xcr0() & 6) != 6 || max_leaf < 7) return flags;
    __cpuid_count(7, 0, a, b, c, d);
    if (b & bit_AVX2) flags |= QC_CPU_AVX2;
    return flags;
}
#endif

static void detect_once(void)
{
#if QC_HAVE_X86_SIMD
    cpu_detected = detect_x86();
#else
    cpu_detected = 0;
#endif
}

unsigned qc_cpu_detect(void)
{
    pthread_once(&cpu_once, detect_once);
    return cpu_detected;
}

void qc_cpu_set_mask(const unsigned mask)
{
    atomic_store_explicit(&cpu_mask, mask, memory_order_relaxed);
}

unsigned qc_cpu_flags(void)
{
    return qc_cpu_detect() & atomic_load_explicit(&cpu_mask, memory_order_relaxed);
}

static const struct {
    const char *name;
    unsigned mask; // the level and every level below it
} cpu_names[] = {
    {"none", 0},
    {"c", 0},
    {"sse2", QC_CPU_SSE2},
    {"ssse3", QC_CPU_SSE2 | QC_CPU_SSSE3},
    {"sse41", QC_CPU_SSE2 | QC_CPU_SSSE3 | QC_CPU_SSE41},
    {"sse4.1", QC_CPU_SSE2 | QC_CPU_SSSE3 | QC_CPU_SSE41},
    {"avx2", QC_CPU_SSE2 | QC_CPU_SSSE3 | QC_CPU_SSE41 | QC_CPU_AVX2},
    {"all", ~0u},
};

static int lookup_name(const char *s, const size_t len, unsigned *const mask)
{
    for (size_t k = 0; k < sizeof(cpu_names) / sizeof(cpu_names[0]); k++) {
        const char *name = cpu_names[k].name;
        if (strlen(name) != len) continue;
        size_t i = 0;
        while (i < len && tolower((unsigned char)s[i]) == name[i])
            i++;
        if (i == len) {
            *mask = cpu_names[k].mask;
            return 0;
        }
    }
    return -1;
}

int qc_cpu_parse_mask(const char *s, unsigned *const mask)
{
    unsigned acc = 0;
    for (;;) {
        while (*s == ' ')
            s++;
        const char *end = s;
        while (*end && *end != ',')
            end++;
        size_t len = (size_t)(end - s);
        while (len && s[len - 1] == ' ')
            len--;
        unsigned m;
        if (!len || lookup_name(s, len, &m)) return -1;
        acc |= m;
        if (!*end) break;
        s = end + 1;
    }
    *mask = acc;
    return 0;
}

const char *qc_cpu_name(const unsigned flag)
{
    if (flag & QC_CPU_AVX2) return "avx2";
    if (flag & QC_CPU_SSE41) return "sse41";
    if (flag & QC_CPU_SSSE3) return "ssse3";
    if (flag & QC_CPU_SSE2) return "sse2";
    return flag ? "unknown" : "c";
}

int qc_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}
