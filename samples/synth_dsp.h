/* SPDX-License-Identifier: MIT */
/* Small DSP helpers shared by the generators: a seeded PRNG, a counter-based noise hash and biquads. */
#ifndef QC_SAMPLES_SYNTH_DSP_H
#define QC_SAMPLES_SYNTH_DSP_H

#include <math.h>
#include <stdint.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* splitmix64: one 64-bit state word, passes BigCrush, and doubles as a hash for counter-based noise. */
static inline uint64_t qc_synth_mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

typedef struct QcSynthRng {
    uint64_t s; ///< state
} QcSynthRng;

static inline uint64_t qc_synth_rng_next(QcSynthRng *r)
{
    r->s += 0x9E3779B97F4A7C15ull;
    uint64_t x = r->s;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* Uniform in [-1, 1). */
static inline double qc_synth_rng_bipolar(QcSynthRng *r)
{
    return (double)(qc_synth_rng_next(r) >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

/* Uniform in [lo, hi). */
static inline double qc_synth_rng_range(QcSynthRng *r, const double lo, const double hi)
{
    return lo + (hi - lo) * (double)(qc_synth_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Noise from (seed, channel, sample index) alone: a defect looks the same whatever the block size. */
static inline double qc_synth_hash_bipolar(const uint64_t seed, const int ch, const int64_t n)
{
    const uint64_t h = qc_synth_mix64(seed ^ ((uint64_t)(unsigned)ch << 56) ^ (uint64_t)n);
    return (double)(h >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

/* Transposed direct form II: the state stays small, so no denormals appear while noise feeds the filter. */
typedef struct QcSynthBiquad {
    double b0, b1, b2, a1, a2;
    double z1, z2;
} QcSynthBiquad;

static inline double qc_synth_biquad_run(QcSynthBiquad *f, const double x)
{
    const double y = f->b0 * x + f->z1;
    f->z1 = f->b1 * x - f->a1 * y + f->z2;
    f->z2 = f->b2 * x - f->a2 * y;
    return y;
}

typedef enum QcSynthBiquadType { QC_SYNTH_LOWPASS, QC_SYNTH_HIGHPASS, QC_SYNTH_BANDPASS } QcSynthBiquadType;

/* RBJ cookbook designs; bandpass has 0 dB peak gain. */
static inline void qc_synth_biquad_init(QcSynthBiquad *f, const QcSynthBiquadType type, const double fs,
                                        const double f0, const double q)
{
    const double w = 2.0 * M_PI * f0 / fs, cw = cos(w), alpha = sin(w) / (2.0 * q);
    const double a0 = 1.0 + alpha;
    double b0, b1, b2;
    switch (type) {
    case QC_SYNTH_LOWPASS:  b0 = (1.0 - cw) / 2.0; b1 = 1.0 - cw;    b2 = b0;     break;
    case QC_SYNTH_HIGHPASS: b0 = (1.0 + cw) / 2.0; b1 = -(1.0 + cw); b2 = b0;     break;
    default:                b0 = alpha;            b1 = 0.0;         b2 = -alpha; break;
    }
    f->b0 = b0 / a0;
    f->b1 = b1 / a0;
    f->b2 = b2 / a0;
    f->a1 = -2.0 * cw / a0;
    f->a2 = (1.0 - alpha) / a0;
    f->z1 = f->z2 = 0.0;
}

/* 0 at u = 0, 1 at u = 1, zero slope at both ends. */
static inline double qc_synth_raised_cosine(const double u)
{
    return u <= 0.0 ? 0.0 : u >= 1.0 ? 1.0 : 0.5 - 0.5 * cos(M_PI * u);
}

static inline double qc_synth_db_to_gain(const double db)
{
    return pow(10.0, db / 20.0);
}

#endif /* QC_SAMPLES_SYNTH_DSP_H */
