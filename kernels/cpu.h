// SPDX-License-Identifier: MIT
/**
 * @file
 * CPU capability flags for the kernel dispatch ladders.
 *
 * The flags are cumulative, as in dav1d: a flag is only ever set when every lower flag is
 * set too, so an init ladder may stop at the first missing level. Detection runs once per
 * process (pthread_once); a mask (for `--cpu-mask` and the test harness) restricts it.
 */
#ifndef QC_KERNELS_CPU_H
#define QC_KERNELS_CPU_H

#define QC_CPU_SSE2 (1u << 0)  ///< SSE2 (baseline on x86-64)
#define QC_CPU_SSSE3 (1u << 1) ///< SSSE3 (pshufb)
#define QC_CPU_SSE41 (1u << 2) ///< SSE4.1
#define QC_CPU_AVX2 (1u << 3)  ///< AVX2 and FMA, with the OS saving YMM state (XGETBV)

/**
 * Detects the CPU once and returns the raw cumulative flags, ignoring the mask.
 * Thread-safe. Returns 0 when the library was built without x86 SIMD.
 *
 * @return a set of QC_CPU_* flags.
 */
unsigned qc_cpu_detect(void);

/**
 * Restricts the flags that qc_cpu_flags() reports. The default mask is all ones.
 * Call it before any kernel family is initialised; it does not re-dispatch families
 * that were already initialised.
 *
 * @param mask a set of QC_CPU_* flags, usually from qc_cpu_parse_mask().
 */
void qc_cpu_set_mask(unsigned mask);

/**
 * Returns the flags to hand to the qc_<family>_dsp_init() functions.
 *
 * @return qc_cpu_detect() & the mask set by qc_cpu_set_mask().
 */
unsigned qc_cpu_flags(void);

/**
 * Parses a comma-separated list of ISA names into a mask.
 *
 * A level name keeps that level *and every level below it*, so that the mask stays
 * cumulative: "ssse3" is SSE2|SSSE3. Names (case-insensitive): "sse2", "ssse3",
 * "sse41" (or "sse4.1"), "avx2", "all" (every flag), "none" or "c" (no SIMD). Names are
 * OR-ed together, so "sse2,ssse3" is SSE2|SSSE3. Spaces around names are ignored.
 *
 * @param s    the list; must not be NULL.
 * @param mask receives the mask on success; left untouched on failure.
 * @return 0 on success, -1 on an empty list, an empty element or an unknown name.
 */
int qc_cpu_parse_mask(const char *s, unsigned *mask);

/**
 * Returns a short lowercase name for a flag: "sse2", "ssse3", "sse41" or "avx2".
 * For a set of several flags it names the highest one, so a cumulative level names its
 * ISA; 0 gives "c" (the C references).
 *
 * @return a static string; never NULL.
 */
const char *qc_cpu_name(unsigned flag);

/**
 * The CPUs this process may run on (its affinity mask, else the online CPUs): the default
 * number of workers.
 *
 * @return at least 1.
 */
int qc_cpu_count(void);

#endif // QC_KERNELS_CPU_H
