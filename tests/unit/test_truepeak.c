// SPDX-License-Identifier: MIT
/* Our true-peak kernel against libebur128's true-peak mode on the same signals: the two use
 * different interpolators (BS.1770's 48-tap polyphase FIR, a 49-tap windowed sinc), so they
 * agree within a fraction of a dB, not bit for bit. */
#include <ebur128.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/cpu.h"
#include "kernels/truepeak.h"
#include "unit.h"

#define RATE 48000
#define LEN (RATE * 2)
#define PAD 64

static unsigned long long rng = 88172645463325252ull;

static double uniform(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

/* kind 0: tones between samples; 1: low-passed noise; 2: brighter noise with inter-sample
 * overs (content right up to Nyquist is where the two interpolators part, by design) */
static void make_signal(float *x, int kind)
{
    double lp = 0;
    for (int i = 0; i < LEN; i++) {
        double v;
        if (kind == 0)
            v = 0.45 * sin(2 * M_PI * 997.0 * i / RATE + 0.3) +
                0.45 * sin(2 * M_PI * 11025.0 * i / RATE + 1.1);
        else {
            lp += (uniform() - lp) * (kind == 1 ? 0.2 : 0.5);
            v = lp * (kind == 1 ? 2.0 : 1.6);
        }
        x[i] = (float)v;
    }
}

static double ebur128_tp(const float *x)
{
    ebur128_state *st = ebur128_init(1, RATE, EBUR128_MODE_TRUE_PEAK);
    double tp = 0;
    if (!st)
        return NAN;
    ebur128_add_frames_float(st, x, LEN);
    ebur128_true_peak(st, 0, &tp);
    ebur128_destroy(&st);
    return 20 * log10(tp);
}

void test_truepeak(void)
{
    float *buf = calloc(LEN + PAD, sizeof(float));
    if (!buf) {
        CHECK(0);
        return;
    }
    float *x = buf + PAD;
    QcTruePeakDSP dsp;
    qc_truepeak_dsp_init(&dsp, qc_cpu_flags());
    for (int kind = 0; kind < 3; kind++) {
        make_signal(x, kind);
        double ours = 20 * log10(dsp.max_abs_4x_f32(x, LEN));
        double ref = ebur128_tp(x);
        printf("  true peak, signal %d: %.3f dBTP, libebur128 %.3f\n", kind, ours, ref);
        CHECK_NEAR(ours, ref, 0.25);
    }
    free(buf);
}
