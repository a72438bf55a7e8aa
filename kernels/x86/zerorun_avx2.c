// SPDX-License-Identifier: MIT
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

#include "kernels/internal.h"

// One bit per sample, set when quiet. _CMP_LE_OQ is ordered, so a NaN sample reads as
// loud, as in the reference. @p flip = 0xff turns it into "loud" bits.
static inline uint32_t quiet_bits(const float *const p, const __m256 absmask, const __m256 lv,
                                  const uint32_t flip)
{
    const __m256 a = _mm256_and_ps(_mm256_loadu_ps(p), absmask);
    return (uint32_t)_mm256_movemask_ps(_mm256_cmp_ps(a, lv, _CMP_LE_OQ)) ^ flip;
}

static inline uint32_t quiet_bits32(const float *const p, const __m256 absmask, const __m256 lv,
                                    const uint32_t flip)
{
    return quiet_bits(p, absmask, lv, flip) | quiet_bits(p + 8, absmask, lv, flip) << 8 |
           quiet_bits(p + 16, absmask, lv, flip) << 16 |
           quiet_bits(p + 24, absmask, lv, flip) << 24;
}

static inline size_t scan_fwd(const float *const x, const size_t n, const float level,
                              const uint32_t flip)
{
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256 lv = _mm256_set1_ps(level);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        const uint32_t b = quiet_bits32(x + i, absmask, lv, flip);
        if (b) return i + (size_t)__builtin_ctz(b);
    }
    for (; i + 8 <= n; i += 8) {
        const uint32_t b = quiet_bits(x + i, absmask, lv, flip);
        if (b) return i + (size_t)__builtin_ctz(b);
    }
    if (i == n) return n;
    return i + (flip ? qc_zerorun_find_loud_f32_c(x + i, n - i, level)
                     : qc_zerorun_find_quiet_f32_c(x + i, n - i, level));
}

size_t qc_zerorun_find_quiet_f32_avx2(const float *const x, const size_t n, const float level)
{
    return scan_fwd(x, n, level, 0);
}

size_t qc_zerorun_find_loud_f32_avx2(const float *const x, const size_t n, const float level)
{
    return scan_fwd(x, n, level, 0xff);
}

size_t qc_zerorun_rfind_loud_f32_avx2(const float *const x, const size_t n, const float level)
{
    const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    const __m256 lv = _mm256_set1_ps(level);
    // Whole vectors from the end; the odd head [0, i) goes to the reference.
    size_t i = n;
    for (; i >= 32; i -= 32) {
        const uint32_t b = quiet_bits32(x + i - 32, absmask, lv, 0xff);
        if (b) return i - 32 + (size_t)(32 - __builtin_clz(b));
    }
    for (; i >= 8; i -= 8) {
        const uint32_t b = quiet_bits(x + i - 8, absmask, lv, 0xff);
        if (b) return i - 8 + (size_t)(32 - __builtin_clz(b));
    }
    return i ? qc_zerorun_rfind_loud_f32_c(x, i, level) : 0;
}
