// SPDX-License-Identifier: MIT
#include <emmintrin.h>
#include <stddef.h>

#include "kernels/internal.h"

// One bit per sample, set when quiet. CMPLEPS is an ordered compare, so a NaN sample
// reads as loud, as in the reference. @p flip = 0xf turns it into "loud" bits.
static inline unsigned quiet_bits(const float *const p, const __m128 absmask, const __m128 lv,
                                  const unsigned flip)
{
    const __m128 a = _mm_and_ps(_mm_loadu_ps(p), absmask);
    return (unsigned)_mm_movemask_ps(_mm_cmple_ps(a, lv)) ^ flip;
}

static inline size_t scan_fwd(const float *const x, const size_t n, const float level,
                              const unsigned flip)
{
    const __m128 absmask = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
    const __m128 lv = _mm_set1_ps(level);
    size_t i = 0;
    // Four vectors per test keeps the branch rate low on long runs.
    for (; i + 16 <= n; i += 16) {
        const unsigned b = quiet_bits(x + i, absmask, lv, flip) |
                           quiet_bits(x + i + 4, absmask, lv, flip) << 4 |
                           quiet_bits(x + i + 8, absmask, lv, flip) << 8 |
                           quiet_bits(x + i + 12, absmask, lv, flip) << 12;
        if (b) return i + (size_t)__builtin_ctz(b);
    }
    for (; i + 4 <= n; i += 4) {
        const unsigned b = quiet_bits(x + i, absmask, lv, flip);
        if (b) return i + (size_t)__builtin_ctz(b);
    }
    if (i == n) return n;
    return i + (flip ? qc_zerorun_find_loud_f32_c(x + i, n - i, level)
                     : qc_zerorun_find_quiet_f32_c(x + i, n - i, level));
}

size_t qc_zerorun_find_quiet_f32_sse2(const float *const x, const size_t n, const float level)
{
    return scan_fwd(x, n, level, 0);
}

size_t qc_zerorun_find_loud_f32_sse2(const float *const x, const size_t n, const float level)
{
    return scan_fwd(x, n, level, 0xf);
}

size_t qc_zerorun_rfind_loud_f32_sse2(const float *const x, const size_t n, const float level)
{
    const __m128 absmask = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
    const __m128 lv = _mm_set1_ps(level);
    // Whole vectors from the end; the odd head [0, i) goes to the reference.
    size_t i = n;
    for (; i >= 16; i -= 16) {
        const float *p = x + i - 16;
        const unsigned b =
            quiet_bits(p, absmask, lv, 0xf) | quiet_bits(p + 4, absmask, lv, 0xf) << 4 |
            quiet_bits(p + 8, absmask, lv, 0xf) << 8 | quiet_bits(p + 12, absmask, lv, 0xf) << 12;
        if (b) return i - 16 + (size_t)(32 - __builtin_clz(b));
    }
    for (; i >= 4; i -= 4) {
        const unsigned b = quiet_bits(x + i - 4, absmask, lv, 0xf);
        if (b) return i - 4 + (size_t)(32 - __builtin_clz(b));
    }
    return i ? qc_zerorun_rfind_loud_f32_c(x, i, level) : 0;
}
