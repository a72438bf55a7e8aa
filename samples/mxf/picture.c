// SPDX-License-Identifier: MIT
/*
 * A moving synthetic picture for video QC tests: a diagonal gradient, a disc bouncing left-right and a
 * box sliding diagonally, plus low-level noise. Consecutive frames always differ (the shapes move at
 * least a pixel per frame at 320 px, and the noise changes), so only a deliberate freeze repeats a
 * picture; two scenes differ in every colour, so a scene change is a hard cut.
 */
#include <math.h>

#include "mxfw.h"
#include "synth_dsp.h"

typedef struct Palette {
    double bg0[3], bg1[3]; ///< gradient ends, 0..1
    double disc[3], box[3];
} Palette;

static void palette(const uint64_t seed, const int scene, Palette *p)
{
    QcSynthRng rng = { qc_synth_mix64(seed ^ (0x5343454e45ull + (uint64_t)scene * 0x9E3779B97F4A7C15ull)) };
    /* Even scenes are dark-to-mid, odd ones bright: every channel moves across a cut. */
    const double lo = scene & 1 ? 0.55 : 0.05, hi = scene & 1 ? 0.95 : 0.45;
    for (int c = 0; c < 3; c++) {
        p->bg0[c] = qc_synth_rng_range(&rng, lo, hi);
        p->bg1[c] = qc_synth_rng_range(&rng, lo, hi);
        p->disc[c] = 1.0 - qc_synth_rng_range(&rng, lo, hi);
        p->box[c] = qc_synth_rng_range(&rng, 0.0, 1.0);
    }
}

/* Triangle wave in [0, 1] with the given period, frames. */
static double bounce(const int64_t t, const int period)
{
    const double ph = (double)(t % (2 * period)) / period;
    return ph <= 1.0 ? ph : 2.0 - ph;
}

void qc_mxfw_scene_render(const QcMxfwSceneParams *p, const int scene, const int64_t t, uint16_t *rgb[3])
{
    Palette pal;
    palette(p->seed, scene, &pal);
    const int w = p->width, h = p->height;
    const double maxv = (double)((1u << p->bits) - 1u);
    const double r = (h < w ? h : w) / 5.0;
    const double cx = r + bounce(t, 90) * (w - 2 * r), cy = h / 2.0 + h / 6.0 * sin(t * (2 * M_PI / 70));
    const double bw = w / 6.0, bh = h / 4.0;
    const double bx = fmod(t * 1.7 + (scene & 1 ? w / 2.0 : 0.0), (double)w + bw) - bw;
    const double by = fmod(t * 0.9, (double)h + bh) - bh;
    const double noise = maxv / 128.0;
    const uint64_t nseed = qc_synth_mix64(p->seed ^ ((uint64_t)t << 20) ^ 0x4e4f495345ull);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            const double g = (double)(x + y) / (double)(w + h);
            const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
            const int in_disc = dx * dx + dy * dy <= r * r;
            const int in_box = x >= bx && x < bx + bw && y >= by && y < by + bh;
            const size_t i = (size_t)y * (size_t)w + (size_t)x;
            const uint64_t hv = qc_synth_mix64(nseed + i);
            for (int c = 0; c < 3; c++) {
                double v = in_box    ? pal.box[c]
                         : in_disc ? pal.disc[c]
                                   : pal.bg0[c] + (pal.bg1[c] - pal.bg0[c]) * g;
                v = v * maxv + noise * ((double)((hv >> (16 * c)) & 0xffff) / 32768.0 - 1.0);
                rgb[c][i] = (uint16_t)(v <= 0.0 ? 0.0 : v >= maxv ? maxv : v + 0.5);
            }
        }
    }
}
