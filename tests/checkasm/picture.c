// SPDX-License-Identifier: MIT
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernels/picture.h"
#include "tests/checkasm/checkasm.h"

// Also declared in checkasm.c, until checkasm.h lists it with the other families.

#define CANARY 0xa5 // every byte of a destination the kernel must not write
#define GUARD 16    // destination elements past the last row, to catch overruns

/** Sample patterns of this family: integers, where the float ones of checkasm.h do not fit. */
typedef enum Pattern {
    PAT_RANDOM,    ///< uniform over the valid range
    PAT_ZERO,      ///< all 0
    PAT_FULL,      ///< all full scale (2^bits − 1, or 255)
    PAT_ALTERNATE, ///< 0 / full-scale checkerboard
    PAT_WILD,      ///< i32: any int32 (a corrupt decode); u8: flat runs of random length
    NB_PATTERNS
} Pattern;

static const char *const pattern_names[NB_PATTERNS] = {"random", "zero", "fullscale", "alternate",
                                                       "wild"};

// ---- buffers ----

// A plane of `rows` rows that ends exactly at the end of its allocation (AddressSanitizer
// then sees any read past the last pixel); the padding between rows is filled too.
static int32_t *alloc_i32(const ptrdiff_t stride, const int w, const int rows, const int mis)
{
    const size_t n = (size_t)(rows - 1) * (size_t)stride + (size_t)w;
    return (int32_t *)(void *)checkasm_alloc_bytes(n * sizeof(int32_t), 4 * mis);
}

static void fill_i32(int32_t *const p, const ptrdiff_t stride, const int w, const int rows,
                     const int bits, const Pattern pat)
{
    const uint32_t max = (1u << bits) - 1;
    for (int y = 0; y < rows; y++) {
        const int n = y == rows - 1 ? w : (int)stride;
        for (int x = 0; x < n; x++) {
            uint32_t u = checkasm_rand() & max;
            if (pat == PAT_ZERO)
                u = 0;
            if (pat == PAT_FULL)
                u = max;
            if (pat == PAT_ALTERNATE)
                u = (x ^ y) & 1 ? max : 0;
            if (pat == PAT_WILD)
                u = checkasm_rand();
            memcpy(&p[y * stride + x], &u, sizeof(u));
        }
    }
}

static uint8_t *alloc_u8(const ptrdiff_t stride, const int w, const int h, const int mis)
{
    return checkasm_alloc_bytes((size_t)(h - 1) * (size_t)stride + (size_t)w, mis);
}

static void fill_u8(uint8_t *const p, const ptrdiff_t stride, const int w, const int h,
                    const Pattern pat)
{
    uint8_t run = 0;
    int left = 0;
    for (int y = 0; y < h; y++) {
        const int n = y == h - 1 ? w : (int)stride;
        for (int x = 0; x < n; x++) {
            uint8_t v = (uint8_t)checkasm_rand();
            if (pat == PAT_ZERO)
                v = 0;
            if (pat == PAT_FULL)
                v = 255;
            if (pat == PAT_ALTERNATE)
                v = (x ^ y) & 1 ? 255 : 0;
            if (pat == PAT_WILD) {
                if (!left--) {
                    run = (uint8_t)checkasm_rand();
                    left = (int)checkasm_rand_below(200);
                }
                v = run;
            }
            p[y * stride + x] = v;
        }
    }
}

/*
 * Compares n elements of `size` bytes laid out in rows of `stride` elements, of which the
 * first w are the picture; reports the first (x, y) that differs.
 */
static int check_2d(const void *const ref, const void *const new, const size_t size, const size_t n,
                    const ptrdiff_t stride, const int w, const int h, const char *const what)
{
    if (!memcmp(ref, new, n * size))
        return 1;
    size_t i = 0;
    while (!memcmp((const char *)ref + i * size, (const char *)new + i *size, size))
        i++;
    unsigned a = 0, b = 0;
    memcpy(&a, (const char *)ref + i * size, size); // little-endian x86 and friends
    memcpy(&b, (const char *)new + i *size, size);
    const int x = (int)(i % (size_t)stride), y = (int)(i / (size_t)stride);
    fail(" %s at (x=%d, y=%d) ref %u new %u%s", what, x, y, a, b,
         x >= w || y >= h ? " (outside the picture)" : "");
    return 0;
}

static int check_u64(const uint64_t ref, const uint64_t new, const char *const what)
{
    if (ref == new)
        return 1;
    fail(" %s: ref %" PRIu64 " new %" PRIu64, what, ref, new);
    return 0;
}

// ---- thumbnails ----

static const struct {
    int w, h;
} thumb_sizes[] = {{1, 1}, {3, 1}, {1, 3}, {17, 3}, {33, 2}, {127, 3}, {3, 17}, {9, 33}};
static const int thumb_factors[] = {1, 2, 3, 4, 5, 8, 16};
static const int thumb_bits[] = {8, 10, 12, 16};
#define NB_THUMB_SIZES ((int)(sizeof(thumb_sizes) / sizeof(thumb_sizes[0])))
#define NB_THUMB_FACTORS ((int)(sizeof(thumb_factors) / sizeof(thumb_factors[0])))
#define NB_THUMB_BITS ((int)(sizeof(thumb_bits) / sizeof(thumb_bits[0])))
#define NB_THUMB_CASES (NB_THUMB_SIZES * NB_THUMB_FACTORS * NB_THUMB_BITS * NB_PATTERNS)

typedef struct ThumbCase {
    int dst_w, dst_h, factor, bits;
    int src_w, rows; ///< the region read: dst_w·factor × dst_h·factor samples
    int mis;         ///< plane misalignment in samples, destination one in bytes
    ptrdiff_t src_stride, dst_stride;
    int nplanes;
    int32_t *plane[3];
    uint8_t *ref, *new;
    size_t dst_n; ///< destination bytes, guard included
} ThumbCase;

// Case k of NB_THUMB_CASES: sizes × factors × bits × patterns, odd strides on odd k.
static void thumb_case_make(ThumbCase *const t, const int k, const int nplanes)
{
    int i = k;
    const Pattern pat = (Pattern)(i % NB_PATTERNS);
    i /= NB_PATTERNS;
    t->bits = thumb_bits[i % NB_THUMB_BITS];
    i /= NB_THUMB_BITS;
    t->factor = thumb_factors[i % NB_THUMB_FACTORS];
    i /= NB_THUMB_FACTORS;
    t->dst_w = thumb_sizes[i].w;
    t->dst_h = thumb_sizes[i].h;
    t->src_w = t->dst_w * t->factor;
    t->rows = t->dst_h * t->factor;
    t->mis = k & 3;
    t->src_stride = t->src_w + ((k & 1) ? 1 + (int)checkasm_rand_below(9) : 0);
    t->dst_stride = t->dst_w + ((k & 2) ? 1 + (int)checkasm_rand_below(5) : 0);
    t->nplanes = nplanes;
    for (int c = 0; c < nplanes; c++) {
        t->plane[c] = alloc_i32(t->src_stride, t->src_w, t->rows, t->mis & 1);
        fill_i32(t->plane[c], t->src_stride, t->src_w, t->rows, t->bits, pat);
    }
    t->dst_n = (size_t)t->dst_h * (size_t)t->dst_stride + GUARD;
    t->ref = checkasm_alloc_bytes(t->dst_n, t->mis);
    t->new = checkasm_alloc_bytes(t->dst_n, t->mis);
    memset(t->ref, CANARY, t->dst_n);
    memset(t->new, CANARY, t->dst_n);
    checkasm_set_context("dst %dx%d factor=%d bits=%d src_stride=%td dst_stride=%td mis=%d "
                         "pattern=%s",
                         t->dst_w, t->dst_h, t->factor, t->bits, t->src_stride, t->dst_stride,
                         t->mis, pattern_names[pat]);
}

static void thumb_case_check_free(ThumbCase *const t)
{
    check_2d(t->ref, t->new, 1, t->dst_n, t->dst_stride, t->dst_w, t->dst_h, "dst");
    for (int c = 0; c < t->nplanes; c++)
        checkasm_free_bytes((uint8_t *)(void *)t->plane[c], 4 * (t->mis & 1));
    checkasm_free_bytes(t->ref, t->mis);
    checkasm_free_bytes(t->new, t->mis);
}

// The bench input: a 1920 × 1080 10-bit picture to 480 × 270 (factor 4).
#define BENCH_SRC_W 1920
#define BENCH_SRC_H 1080
#define BENCH_FACTOR 4
#define BENCH_BITS 10

static void check_thumb_rgb(const QcPictureDSP *const c)
{
    declare_func(void, uint8_t *dst, ptrdiff_t dst_stride, const int32_t *r, const int32_t *g,
                 const int32_t *b, ptrdiff_t src_stride, int dst_w, int dst_h, int factor,
                 int bits);

    if (check_func(c->thumb_rgb_i32, "picture.thumb_rgb_i32")) {
        for (int k = 0; k < NB_THUMB_CASES; k++) {
            ThumbCase t;
            thumb_case_make(&t, k, 3);
            call_ref(t.ref, t.dst_stride, t.plane[0], t.plane[1], t.plane[2], t.src_stride, t.dst_w,
                     t.dst_h, t.factor, t.bits);
            call_new(t.new, t.dst_stride, t.plane[0], t.plane[1], t.plane[2], t.src_stride, t.dst_w,
                     t.dst_h, t.factor, t.bits);
            thumb_case_check_free(&t);
        }
        if (checkasm_bench_enabled()) {
            int32_t *p[3];
            for (int k = 0; k < 3; k++) {
                p[k] = alloc_i32(BENCH_SRC_W, BENCH_SRC_W, BENCH_SRC_H, 0);
                fill_i32(p[k], BENCH_SRC_W, BENCH_SRC_W, BENCH_SRC_H, BENCH_BITS, PAT_RANDOM);
            }
            const int w = BENCH_SRC_W / BENCH_FACTOR, h = BENCH_SRC_H / BENCH_FACTOR;
            uint8_t *const dst = checkasm_alloc_bytes((size_t)w * (size_t)h, 0);
            bench_new(dst, w, p[0], p[1], p[2], BENCH_SRC_W, w, h, BENCH_FACTOR, BENCH_BITS);
            checkasm_free_bytes(dst, 0);
            for (int k = 0; k < 3; k++)
                checkasm_free_bytes((uint8_t *)(void *)p[k], 0);
        }
    }
    report("thumb_rgb_i32");
}

static void check_thumb_y(const QcPictureDSP *const c)
{
    declare_func(void, uint8_t *dst, ptrdiff_t dst_stride, const int32_t *y, ptrdiff_t src_stride,
                 int dst_w, int dst_h, int factor, int bits);

    if (check_func(c->thumb_y_i32, "picture.thumb_y_i32")) {
        for (int k = 0; k < NB_THUMB_CASES; k++) {
            ThumbCase t;
            thumb_case_make(&t, k, 1);
            call_ref(t.ref, t.dst_stride, t.plane[0], t.src_stride, t.dst_w, t.dst_h, t.factor,
                     t.bits);
            call_new(t.new, t.dst_stride, t.plane[0], t.src_stride, t.dst_w, t.dst_h, t.factor,
                     t.bits);
            thumb_case_check_free(&t);
        }
        if (checkasm_bench_enabled()) {
            int32_t *const p = alloc_i32(BENCH_SRC_W, BENCH_SRC_W, BENCH_SRC_H, 0);
            fill_i32(p, BENCH_SRC_W, BENCH_SRC_W, BENCH_SRC_H, BENCH_BITS, PAT_RANDOM);
            const int w = BENCH_SRC_W / BENCH_FACTOR, h = BENCH_SRC_H / BENCH_FACTOR;
            uint8_t *const dst = checkasm_alloc_bytes((size_t)w * (size_t)h, 0);
            bench_new(dst, w, p, BENCH_SRC_W, w, h, BENCH_FACTOR, BENCH_BITS);
            checkasm_free_bytes(dst, 0);
            checkasm_free_bytes((uint8_t *)(void *)p, 0);
        }
    }
    report("thumb_y_i32");
}

// ---- 8-bit statistics ----

static const int u8_widths[] = {1, 3, 16, 17, 31, 33, 64, 127, 480};
static const int u8_heights[] = {1, 3, 17, 33};
#define NB_U8_W ((int)(sizeof(u8_widths) / sizeof(u8_widths[0])))
#define NB_U8_H ((int)(sizeof(u8_heights) / sizeof(u8_heights[0])))
#define NB_U8_CASES (NB_U8_W * NB_U8_H * NB_PATTERNS)

// The thumbnail size of the bench: 480 × 270.
#define BENCH_W (BENCH_SRC_W / BENCH_FACTOR)
#define BENCH_H (BENCH_SRC_H / BENCH_FACTOR)

typedef struct U8Case {
    int w, h, mis;
    ptrdiff_t stride;
    Pattern pat;
    uint8_t *a;
} U8Case;

// Case k of NB_U8_CASES, or the long rows that cross every internal flush when k is
// beyond: a w × h picture, misaligned by 0-3 bytes, with a wider stride on odd k.
static void u8_case_make(U8Case *const t, const int k)
{
    t->pat = (Pattern)(k % NB_PATTERNS);
    if (k < NB_U8_CASES) {
        t->w = u8_widths[k / NB_PATTERNS % NB_U8_W];
        t->h = u8_heights[k / NB_PATTERNS / NB_U8_W];
    } else {
        t->w = 600007; // > 2 · 8192 vectors of 32 bytes: a lost flush overflows
        t->h = 2;
    }
    t->mis = k & 3;
    t->stride = t->w + ((k & 1) ? 1 + (int)checkasm_rand_below(40) : 0);
    t->a = alloc_u8(t->stride, t->w, t->h, t->mis);
    fill_u8(t->a, t->stride, t->w, t->h, t->pat);
    checkasm_set_context("%dx%d stride=%td mis=%d pattern=%s", t->w, t->h, t->stride, t->mis,
                         pattern_names[t->pat]);
}

static void u8_case_free(U8Case *const t)
{
    checkasm_free_bytes(t->a, t->mis);
}

static uint8_t *bench_u8(void)
{
    uint8_t *const p = alloc_u8(BENCH_W, BENCH_W, BENCH_H, 0);
    fill_u8(p, BENCH_W, BENCH_W, BENCH_H, PAT_RANDOM);
    return p;
}

static void check_sad(const QcPictureDSP *const c)
{
    declare_func(uint64_t, const uint8_t *a, ptrdiff_t a_stride, const uint8_t *b,
                 ptrdiff_t b_stride, int w, int h);

    if (check_func(c->sad_u8, "picture.sad_u8")) {
        for (int k = 0; k < NB_U8_CASES + NB_PATTERNS; k++) {
            U8Case a, b;
            u8_case_make(&a, k);
            // b: every pattern against every other, with its own stride and misalignment.
            u8_case_make(&b, k < NB_U8_CASES ? k - k % NB_PATTERNS : NB_U8_CASES);
            fill_u8(b.a, b.stride, b.w, b.h, (Pattern)((k / NB_PATTERNS + k) % NB_PATTERNS));
            checkasm_set_context("%dx%d strides=%td,%td mis=%d,%d patterns=%s,%s", a.w, a.h,
                                 a.stride, b.stride, a.mis, b.mis, pattern_names[a.pat],
                                 pattern_names[(k / NB_PATTERNS + k) % NB_PATTERNS]);
            const uint64_t r = call_ref(a.a, a.stride, b.a, b.stride, a.w, a.h);
            const uint64_t n = call_new(a.a, a.stride, b.a, b.stride, a.w, a.h);
            check_u64(r, n, "sad");
            u8_case_free(&a);
            u8_case_free(&b);
        }
        if (checkasm_bench_enabled()) {
            uint8_t *const a = bench_u8(), *const b = bench_u8();
            bench_new(a, BENCH_W, b, BENCH_W, BENCH_W, BENCH_H);
            checkasm_free_bytes(a, 0);
            checkasm_free_bytes(b, 0);
        }
    }
    report("sad_u8");
}

static void check_sum_sq(const QcPictureDSP *const c)
{
    declare_func(void, const uint8_t *a, ptrdiff_t stride, int w, int h, uint64_t *sum,
                 uint64_t *sumsq);

    if (check_func(c->sum_sq_u8, "picture.sum_sq_u8")) {
        for (int k = 0; k < NB_U8_CASES + NB_PATTERNS; k++) {
            U8Case t;
            u8_case_make(&t, k);
            uint64_t rs = 1, rq = 2, ns = 3, nq = 4; // stored, not added to
            call_ref(t.a, t.stride, t.w, t.h, &rs, &rq);
            call_new(t.a, t.stride, t.w, t.h, &ns, &nq);
            if (check_u64(rs, ns, "sum"))
                check_u64(rq, nq, "sumsq");
            u8_case_free(&t);
        }
        if (checkasm_bench_enabled()) {
            uint8_t *const a = bench_u8();
            uint64_t s, q;
            bench_new(a, BENCH_W, BENCH_W, BENCH_H, &s, &q);
            checkasm_free_bytes(a, 0);
        }
    }
    report("sum_sq_u8");
}

static void check_hist(const QcPictureDSP *const c)
{
    declare_func(void, uint32_t hist[256], const uint8_t *a, ptrdiff_t stride, int w, int h);

    if (check_func(c->hist_u8, "picture.hist_u8")) {
        for (int k = 0; k < NB_U8_CASES + NB_PATTERNS; k++) {
            U8Case t;
            u8_case_make(&t, k);
            uint32_t r[256 + GUARD], n[256 + GUARD];
            // Counts are added to what is there, which may wrap.
            for (int v = 0; v < 256 + GUARD; v++)
                r[v] = n[v] = checkasm_rand() | ((k & 2) ? 0xffff0000u : 0);
            call_ref(r, t.a, t.stride, t.w, t.h);
            call_new(n, t.a, t.stride, t.w, t.h);
            check_2d(r, n, sizeof(r[0]), 256 + GUARD, 256 + GUARD, 256, 1, "hist");
            u8_case_free(&t);
        }
        if (checkasm_bench_enabled()) {
            uint8_t *const a = bench_u8();
            uint32_t hist[256] = {0};
            bench_new(hist, a, BENCH_W, BENCH_W, BENCH_H);
            checkasm_free_bytes(a, 0);
        }
    }
    report("hist_u8");
}

// ---- block means ----

static const int grid_sizes[] = {1, 2, 3, 16, 64};
#define NB_GRID ((int)(sizeof(grid_sizes) / sizeof(grid_sizes[0])))

static void
run_block_means(const U8Case *const t, const int gw, const int gh,
                void (*const ref)(uint16_t *, const uint8_t *, ptrdiff_t, int, int, int, int),
                void (*const new)(uint16_t *, const uint8_t *, ptrdiff_t, int, int, int, int))
{
    const size_t n = (size_t)gw * (size_t)gh + GUARD;
    uint16_t *const r = (uint16_t *)(void *)checkasm_alloc_bytes(n * 2, 0);
    uint16_t *const d = (uint16_t *)(void *)checkasm_alloc_bytes(n * 2, 0);
    memset(r, CANARY, n * 2);
    memset(d, CANARY, n * 2);
    checkasm_set_context("%dx%d grid %dx%d stride=%td mis=%d pattern=%s", t->w, t->h, gw, gh,
                         t->stride, t->mis, pattern_names[t->pat]);
    ref(r, t->a, t->stride, t->w, t->h, gw, gh);
    new (d, t->a, t->stride, t->w, t->h, gw, gh);
    check_2d(r, d, sizeof(r[0]), n, gw, gw, gh, "cell");
    checkasm_free_bytes((uint8_t *)(void *)r, 0);
    checkasm_free_bytes((uint8_t *)(void *)d, 0);
}

static void check_block_means(const QcPictureDSP *const c)
{
    declare_func(void, uint16_t *dst, const uint8_t *a, ptrdiff_t stride, int w, int h, int gw,
                 int gh);

    if (check_func(c->block_means_u8, "picture.block_means_u8")) {
        for (int k = 0; k < NB_U8_CASES; k++) {
            U8Case t;
            u8_case_make(&t, k);
            for (int i = 0; i < NB_GRID && grid_sizes[i] <= t.w; i++)
                for (int j = 0; j < NB_GRID && grid_sizes[j] <= t.h; j++)
                    run_block_means(&t, grid_sizes[i], grid_sizes[j], func_ref, func_new);
            u8_case_free(&t);
        }
        // Past one column chunk (512) and one uint16 strip (257 rows), full scale included.
        static const int big[][4] = {
            {1100, 600, 1, 1}, {1100, 600, 7, 3}, {1100, 600, 64, 64}, {600, 1100, 5, 1}};
        for (int k = 0; k < 4 * 2; k++) {
            U8Case t = {.w = big[k / 2][0], .h = big[k / 2][1], .mis = k & 3};
            t.pat = (k & 1) ? PAT_FULL : PAT_RANDOM;
            t.stride = t.w + (k & 1) * 3;
            t.a = alloc_u8(t.stride, t.w, t.h, t.mis);
            fill_u8(t.a, t.stride, t.w, t.h, t.pat);
            run_block_means(&t, big[k / 2][2], big[k / 2][3], func_ref, func_new);
            u8_case_free(&t);
        }
        if (checkasm_bench_enabled()) {
            uint8_t *const a = bench_u8();
            uint16_t dst[16 * 16];
            bench_new(dst, a, BENCH_W, BENCH_W, BENCH_H, 16, 16);
            checkasm_free_bytes(a, 0);
        }
    }
    report("block_means_u8");
}

void checkasm_check_picture(void)
{
    QcPictureDSP c;
    qc_picture_dsp_init(&c, checkasm_get_cpu_flags());
    check_thumb_rgb(&c);
    check_thumb_y(&c);
    check_sad(&c);
    check_sum_sq(&c);
    check_hist(&c);
    check_block_means(&c);
}
