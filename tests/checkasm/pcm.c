// SPDX-License-Identifier: MIT
#include <stddef.h>
#include <stdint.h>

#include "kernels/pcm.h"
#include "tests/checkasm/checkasm.h"

#define GUARD 8
#define CANARY 1234567.0f

typedef void (*ConvFn)(float *dst, const uint8_t *src, size_t n);

// Bytes of one sample of width w: random, or an extreme (min, max, -1, 0, +1, or a value
// whose int32 → float conversion has to round).
static void fill_sample(uint8_t *const p, const int w, const int extreme)
{
    uint32_t u = checkasm_rand();
    if (extreme) {
        const uint32_t top = 1u << (8 * w - 1);
        switch (checkasm_rand_below(6)) {
        case 0:
            u = top;
            break; // most negative
        case 1:
            u = top - 1;
            break; // most positive
        case 2:
            u = 0xffffffffu;
            break; // -1
        case 3:
            u = 0;
            break;
        case 4:
            u = 1;
            break;
        default:
            u = (checkasm_rand() | 0x80u) & 0xffffffc0u;
            break; // ties for int32
        }
    }
    for (int b = 0; b < w; b++)
        p[b] = (uint8_t)(u >> (8 * b));
}

static void run_conv(const ConvFn ref, const ConvFn new, const int w)
{
    for (int li = 0; li < checkasm_nb_lengths; li++) {
        const size_t n = checkasm_lengths[li];
        for (int mis = 0; mis < 4; mis++) {
            // Source misaligned by 0-3 bytes; destination by 0 or 1 float.
            uint8_t *const src = checkasm_alloc_bytes(n * (size_t)w, mis);
            float *const dr = checkasm_alloc_float(0, n + GUARD, mis & 1);
            float *const dn = checkasm_alloc_float(0, n + GUARD, mis & 1);
            for (int extreme = 0; extreme <= 1; extreme++) {
                for (size_t i = 0; i < n; i++)
                    fill_sample(src + i * (size_t)w, w, extreme);
                for (size_t i = 0; i < n + GUARD; i++)
                    dr[i] = dn[i] = CANARY;
                checkasm_set_context("n=%zu src misalign=%d extreme=%d", n, mis, extreme);
                ref(dr, src, n);
                new (dn, src, n);
                check_float(dr, dn, n + GUARD, "dst");
            }
            checkasm_free_bytes(src, mis);
            checkasm_free_float(dr, 0, mis & 1);
            checkasm_free_float(dn, 0, mis & 1);
        }
    }
}

static void check_conv(const ConvFn fn, const char *const name, const int w)
{
    declare_func(void, float *dst, const uint8_t *src, size_t n);

    if (check_func(fn, "pcm.%s", name)) {
        run_conv(func_ref, func_new, w);
        uint8_t *const src = checkasm_alloc_bytes(CHECKASM_BENCH_N * (size_t)w, 0);
        float *const dst = checkasm_alloc_float(0, CHECKASM_BENCH_N, 0);
        for (size_t i = 0; i < CHECKASM_BENCH_N; i++)
            fill_sample(src + i * (size_t)w, w, 0);
        bench_new(dst, src, CHECKASM_BENCH_N);
        checkasm_free_bytes(src, 0);
        checkasm_free_float(dst, 0, 0);
    }
}

typedef void (*DeintFn)(float *const *dst, const float *src, size_t frames, int channels);

// Planes live in one block, one row of `stride` floats each, so that a 2-D compare can
// report (frame, channel) and the guard after each plane is compared with it.
static void run_deint(const DeintFn ref, const DeintFn new, const int ch)
{
    for (int li = 0; li < checkasm_nb_lengths; li++) {
        const size_t n = checkasm_lengths[li], stride = n + GUARD + 1;
        for (int mis = 0; mis <= 1; mis++) {
            float *const src = checkasm_alloc_float(0, n * (size_t)ch, mis);
            float *const br = checkasm_alloc_float(0, stride * (size_t)ch, 0);
            float *const bn = checkasm_alloc_float(0, stride * (size_t)ch, 0);
            float *pr[16], *pn[16];
            for (int c = 0; c < ch; c++) {
                pr[c] = br + (size_t)c * stride + (size_t)mis;
                pn[c] = bn + (size_t)c * stride + (size_t)mis;
            }
            for (int p = 0; p < CHECKASM_NB_PATTERNS; p++) {
                checkasm_fill_float(src, n * (size_t)ch, (CheckasmPattern)p);
                for (size_t i = 0; i < stride * (size_t)ch; i++)
                    br[i] = bn[i] = CANARY;
                checkasm_set_context("frames=%zu channels=%d misalign=%d pattern=%s", n, ch, mis,
                                     checkasm_pattern_name((CheckasmPattern)p));
                ref(pr, src, n, ch);
                new (pn, src, n, ch);
                check_float_2d(br, (ptrdiff_t)stride, bn, (ptrdiff_t)stride, stride, (size_t)ch,
                               "planes");
            }
            checkasm_free_float(src, 0, mis);
            checkasm_free_float(br, 0, 0);
            checkasm_free_float(bn, 0, 0);
        }
    }
}

static void check_deint(const QcPcmDSP *const c)
{
    static const int chans[] = {1, 2, 3, 6, 8, 16};
    declare_func(void, float *const *dst, const float *src, size_t frames, int channels);

    for (size_t k = 0; k < sizeof(chans) / sizeof(chans[0]); k++) {
        const int ch = chans[k];
        if (!check_func(c->deinterleave_f32, "pcm.deinterleave_f32_%dch", ch)) continue;
        run_deint(func_ref, func_new, ch);
        if (ch != 2 && ch != 6) continue;
        float *const src = checkasm_alloc_float(0, CHECKASM_BENCH_N * (size_t)ch, 0);
        float *const planes = checkasm_alloc_float(0, CHECKASM_BENCH_N * (size_t)ch, 0);
        float *dst[6];
        for (int c2 = 0; c2 < ch; c2++)
            dst[c2] = planes + (size_t)c2 * CHECKASM_BENCH_N;
        checkasm_fill_float(src, CHECKASM_BENCH_N * (size_t)ch, CHECKASM_RANDOM);
        bench_new(dst, src, CHECKASM_BENCH_N, ch);
        checkasm_free_float(src, 0, 0);
        checkasm_free_float(planes, 0, 0);
    }
}

void checkasm_check_pcm(void)
{
    QcPcmDSP c;
    qc_pcm_dsp_init(&c, checkasm_get_cpu_flags());
    check_conv(c.s16le_to_f32, "s16le_to_f32", 2);
    check_conv(c.s24le_to_f32, "s24le_to_f32", 3);
    check_conv(c.s32le_to_f32, "s32le_to_f32", 4);
    report("convert");
    check_deint(&c);
    report("deinterleave");
}
