// SPDX-License-Identifier: MIT
#include "engine/codec/picture_rgb.h"

#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"

typedef struct Matrix {
    double cr_r, cb_g, cr_g, cb_b; ///< Y'CbCr to R'G'B' coefficients
} Matrix;

static const Matrix bt709 = {1.5748, -0.1873, -0.4681, 1.8556};
static const Matrix bt601 = {1.4020, -0.3441, -0.7141, 1.7720};

static uint8_t clamp8(double v)
{
    return v <= 0 ? 0 : v >= 255 ? 255 : (uint8_t)(v + 0.5);
}

/* Mean code of plane @p k over the source box of output pixel (x, y). */
static double box_mean(const QcPicture *p, int k, int x, int y, int f)
{
    int dx = p->dx[k] > 0 ? p->dx[k] : 1, dy = p->dy[k] > 0 ? p->dy[k] : 1;
    int x0 = x * f / dx, x1 = ((x + 1) * f + dx - 1) / dx;
    int y0 = y * f / dy, y1 = ((y + 1) * f + dy - 1) / dy;
    if (x1 > p->w[k])
        x1 = p->w[k];
    if (y1 > p->h[k])
        y1 = p->h[k];
    if (x0 >= x1 || y0 >= y1)
        return 0;
    double sum = 0;
    for (int yy = y0; yy < y1; yy++)
        for (int xx = x0; xx < x1; xx++)
            sum += p->plane[k][(size_t)yy * (size_t)p->w[k] + (size_t)xx];
    return sum / ((double)(x1 - x0) * (y1 - y0));
}

static int depth(const QcPicture *p)
{
    return p->bits >= 8 && p->bits <= 16 ? p->bits : 8;
}

/* Full range: a fraction of the largest code. Narrow range: 8-bit code values, as the levels
 * 16-235 are defined (a 10-bit code is 4 times its 8-bit value, not 1023/255 times). */
static double norm_full(const QcPicture *p, double code)
{
    return code / (double)((1 << depth(p)) - 1);
}

static double norm_8bit(const QcPicture *p, double code)
{
    return code / (double)(1 << (depth(p) - 8));
}

static void pixel_ycbcr(const QcPicture *p, int full_range, const Matrix *m, int x, int y, int f,
                        uint8_t *o)
{
    double Y = box_mean(p, 0, x, y, f), cb = 0, cr = 0;
    int chroma = p->planes >= 3;
    if (chroma) {
        cb = box_mean(p, 1, x, y, f);
        cr = box_mean(p, 2, x, y, f);
    }
    if (full_range) {
        Y = norm_full(p, Y);
        cb = chroma ? norm_full(p, cb) - 0.5 : 0;
        cr = chroma ? norm_full(p, cr) - 0.5 : 0;
    } else {
        Y = (norm_8bit(p, Y) - 16) / 219;
        cb = chroma ? (norm_8bit(p, cb) - 128) / 224 : 0;
        cr = chroma ? (norm_8bit(p, cr) - 128) / 224 : 0;
    }
    o[0] = clamp8(255 * (Y + m->cr_r * cr));
    o[1] = clamp8(255 * (Y + m->cb_g * cb + m->cr_g * cr));
    o[2] = clamp8(255 * (Y + m->cb_b * cb));
}

int qc_picture_to_rgb24(const QcPicture *p, int rgb, int full_range, int max_w, uint8_t **out,
                        int *w, int *h)
{
    if (p->width <= 0 || p->height <= 0 || p->planes < 1 || max_w < 1)
        return QC_ERR_INVAL;
    int f = (p->width + max_w - 1) / max_w;
    if (f < 1)
        f = 1;
    int ow = p->width / f, oh = p->height / f;
    if (ow < 1 || oh < 1)
        return QC_ERR_INVAL;
    uint8_t *o = malloc((size_t)ow * (size_t)oh * 3);
    if (!o)
        return QC_ERR_NOMEM;
    const Matrix *m = p->height >= 720 ? &bt709 : &bt601;
    int is_rgb = rgb && p->planes >= 3;
    for (int y = 0; y < oh; y++)
        for (int x = 0; x < ow; x++) {
            uint8_t *px = o + ((size_t)y * (size_t)ow + (size_t)x) * 3;
            if (is_rgb)
                for (int k = 0; k < 3; k++)
                    px[k] = clamp8(255 * norm_full(p, box_mean(p, k, x, y, f)));
            else
                pixel_ycbcr(p, full_range, m, x, y, f, px);
        }
    *out = o;
    *w = ow;
    *h = oh;
    return 0;
}
