/* SPDX-License-Identifier: MIT */
/*
 * A clean, realistic-looking programme: a music bed of slowly enveloped tones, band-limited ambience noise in
 * every channel, speech-like harmonic syllables in the dialogue channel(s) and sub-bass in the LFE.
 *
 * Envelopes, pans and the "scene" level are evaluated every CTRL samples and interpolated linearly in
 * between: libm stays off the per-sample path, and every onset is a raised cosine of at least 5 ms, so
 * the second difference of each channel stays smooth (a QC click detector must find nothing here).
 */
#include <stdio.h>
#include <stdlib.h>

#include "synth.h"
#include "synth_dsp.h"

#define CTRL     32 /* control period, samples */
#define NVOICES  6  /* voice 0 is the bass line */
#define NHARM    16 /* speech harmonics */
#define FADE_SEC 0.02

/* Levels, linear FS. Calibrated with ffmpeg's ebur128 so the default 5.1 programme reads about -24 LUFS. */
#define VOICE_PEAK   0.050
#define BASS_PEAK    0.060
#define AMB_GAIN     0.030 /* white noise in [-1, 1), before the 150 Hz - 5 kHz band */
#define LFE_AMB_GAIN 0.080 /* white noise before the 70 Hz low-pass */
#define LFE_DRONE    0.020 /* three unequal low sines: a rumble whose 10 ms level never collapses */
#define SPEECH_GAIN  0.350
#define SURROUND     0.42  /* about -7.5 dB below the fronts */

typedef enum Role { ROLE_L, ROLE_R, ROLE_C, ROLE_LFE, ROLE_LS, ROLE_RS, ROLE_LB, ROLE_RB, ROLE_M } Role;

enum { ATTACK, SUSTAIN, RELEASE, REST };

typedef struct Voice {
    double     c, s;     ///< oscillator phase as a unit vector
    double     wc, ws;   ///< rotation per sample
    int        stage;
    int64_t    len, pos; ///< current stage length and position, samples (multiples of CTRL)
    double     peak;     ///< FS, reached at the end of the attack
    double     e0, e1;   ///< envelope at the start and end of the current control period, FS
    double     gain[QC_SYNTH_MAX_CHANNELS]; ///< per-channel mix, chosen at each attack
    QcSynthRng rng;
} Voice;

typedef struct Speech {
    double        c, s, wc, ws;  ///< fundamental oscillator
    double        hw[NHARM];     ///< harmonic weights of the current vowel
    QcSynthBiquad fric;          ///< fricative band
    QcSynthRng    rng;
    int           in_syllable;
    int           left;          ///< syllables left in the phrase
    int64_t       len, pos;      ///< current syllable or gap, samples
    double        f0;            ///< phrase pitch, Hz
    double        peak, e0, e1;  ///< envelope, FS
} Speech;

struct QcSynthProgramme {
    int           rate, channels;
    int64_t       frames, n;     ///< total and next sample index
    int64_t       fade;          ///< head and tail fade, samples
    Role          role[QC_SYNTH_MAX_CHANNELS];
    double        speech_gain[QC_SYNTH_MAX_CHANNELS];
    Voice         voice[NVOICES];
    Speech        speech;
    QcSynthBiquad filt[QC_SYNTH_MAX_CHANNELS][3];
    QcSynthRng    noise[QC_SYNTH_MAX_CHANNELS];
    double        amb_phase[QC_SYNTH_MAX_CHANNELS];
    double        amb0[QC_SYNTH_MAX_CHANNELS], amb1[QC_SYNTH_MAX_CHANNELS]; ///< ambience level, FS
    double        scene_phase[2];
    double        scene0, scene1; ///< programme level swell, linear
    double        drone[3][4];    ///< LFE rumble oscillators: c, s, wc, ws
    double        master;         ///< output gain that brings the layout to about -24 LUFS, linear
    double       *echo[QC_SYNTH_MAX_CHANNELS]; ///< surround music delay lines, NULL for other channels
    int64_t       echo_delay[QC_SYNTH_MAX_CHANNELS]; ///< samples
    int64_t       echo_mask;      ///< delay line length - 1 (a power of two)
};

/* ---------------------------------------------------------------------------------------------- */
/* Roles and mix gains */

static void assign_roles(QcSynthProgramme *p, QcSynthLayout layout)
{
    /* Measured on 10 minutes per layout with ffmpeg ebur128 (BS.1770: LFE excluded, surrounds +1.5 dB). */
    static const double trim_db[] = { 0.0, 2.0, 0.9, -0.3, -0.3, -0.9 };
    static const Role r51[] = { ROLE_L, ROLE_R, ROLE_C, ROLE_LFE, ROLE_LS, ROLE_RS };
    static const Role r71[] = { ROLE_L, ROLE_R, ROLE_C, ROLE_LFE, ROLE_LB, ROLE_RB, ROLE_LS, ROLE_RS };
    static const Role r50[] = { ROLE_L, ROLE_R, ROLE_C, ROLE_LS, ROLE_RS };
    if (layout == QC_SYNTH_LAYOUT_NONE)
        layout = qc_synth_layout_default(p->channels);
    p->master = qc_synth_db_to_gain(trim_db[layout]);
    for (int ch = 0; ch < p->channels; ch++) {
        switch (layout) {
        case QC_SYNTH_LAYOUT_MONO:   p->role[ch] = ROLE_M; break;
        case QC_SYNTH_LAYOUT_STEREO: p->role[ch] = ch ? ROLE_R : ROLE_L; break;
        case QC_SYNTH_LAYOUT_50:     p->role[ch] = r50[ch]; break;
        case QC_SYNTH_LAYOUT_51:     p->role[ch] = r51[ch]; break;
        case QC_SYNTH_LAYOUT_71:     p->role[ch] = r71[ch]; break;
        default:                     p->role[ch] = ch < 2 ? (Role)ch : (ch & 1) ? ROLE_RS : ROLE_LS; break;
        }
    }
    int has_c = 0;
    for (int ch = 0; ch < p->channels; ch++)
        has_c |= p->role[ch] == ROLE_C || p->role[ch] == ROLE_M;
    for (int ch = 0; ch < p->channels; ch++) {
        const Role r = p->role[ch];
        if (r == ROLE_C || r == ROLE_M)
            p->speech_gain[ch] = 1.0;
        else if (!has_c && (r == ROLE_L || r == ROLE_R))
            p->speech_gain[ch] = 0.70710678;
    }
}

/* Equal-power pan of a voice; surrounds take the voice from a shifted position so they are not copies of the
 * fronts, and the bass voice sits in the LFE with a little in the fronts. */
static void voice_pan(const QcSynthProgramme *p, Voice *v, const int bass)
{
    const double pan = qc_synth_rng_range(&v->rng, 0.1, 0.9);
    const double back = pan + 0.37 - (pan + 0.37 >= 1.0 ? 1.0 : 0.0);
    for (int ch = 0; ch < p->channels; ch++) {
        double g;
        switch (p->role[ch]) {
        case ROLE_L:   g = cos(pan * M_PI / 2); break;
        case ROLE_R:   g = sin(pan * M_PI / 2); break;
        case ROLE_C:   g = 0.45 * sin(pan * M_PI); break;
        case ROLE_LFE: g = bass ? 1.0 : 0.0; break;
        case ROLE_LS:  g = SURROUND * cos(back * M_PI / 2); break;
        case ROLE_RS:  g = SURROUND * sin(back * M_PI / 2); break;
        case ROLE_LB:  g = SURROUND * 0.9 * sin(back * M_PI / 2); break;
        case ROLE_RB:  g = SURROUND * 0.9 * cos(back * M_PI / 2); break;
        default:       g = 0.8; break;
        }
        if (bass && p->role[ch] != ROLE_LFE)
            g *= 0.5;
        v->gain[ch] = g;
    }
}

/* ---------------------------------------------------------------------------------------------- */
/* Music voices */

static int64_t ctrl_len(QcSynthRng *r, const int rate, const double lo, const double hi)
{
    const int64_t n = (int64_t)(qc_synth_rng_range(r, lo, hi) * rate) / CTRL;
    return (n < 1 ? 1 : n) * CTRL;
}

static void set_rotation(double *wc, double *ws, const double freq, const int rate)
{
    *wc = cos(2.0 * M_PI * freq / rate);
    *ws = sin(2.0 * M_PI * freq / rate);
}

static void voice_attack(const QcSynthProgramme *p, Voice *v, const int bass)
{
    /* A minor pentatonic: consonant whatever the voices pick together. */
    static const int notes[] = { 45, 48, 50, 52, 55, 57, 60, 62, 64, 67, 69, 72, 74, 76 };
    static const int bass_notes[] = { 28, 31, 33, 36, 38, 40 };
    const uint64_t pick = qc_synth_rng_next(&v->rng);
    const int midi = bass ? bass_notes[pick % 6] : notes[pick % 14];
    set_rotation(&v->wc, &v->ws, 440.0 * pow(2.0, (midi - 69) / 12.0), p->rate);
    v->peak = (bass ? BASS_PEAK : VOICE_PEAK) * qc_synth_rng_range(&v->rng, 0.5, 1.0);
    voice_pan(p, v, bass);
    v->stage = ATTACK;
    v->len = ctrl_len(&v->rng, p->rate, 0.15, 1.2);
}

static double voice_env(const Voice *v)
{
    const double u = (double)v->pos / (double)v->len;
    switch (v->stage) {
    case ATTACK:  return v->peak * qc_synth_raised_cosine(u);
    case SUSTAIN: return v->peak * (1.0 - 0.35 * u);
    case RELEASE: return v->peak * 0.65 * (1.0 - qc_synth_raised_cosine(u));
    default:      return 0.0;
    }
}

static void voice_tick(const QcSynthProgramme *p, Voice *v, const int bass)
{
    v->e0 = v->e1;
    v->pos += CTRL;
    if (v->pos >= v->len) {
        v->pos = 0;
        switch (v->stage) {
        case ATTACK:  v->stage = SUSTAIN; v->len = ctrl_len(&v->rng, p->rate, 1.5, 6.0); break;
        case SUSTAIN: v->stage = RELEASE; v->len = ctrl_len(&v->rng, p->rate, 0.3, 1.5); break;
        case RELEASE: v->stage = REST;    v->len = ctrl_len(&v->rng, p->rate, 0.1, 1.5); break;
        default:      voice_attack(p, v, bass); break;
        }
    }
    v->e1 = voice_env(v);
    const double k = 1.5 - 0.5 * (v->c * v->c + v->s * v->s); /* keep the rotor on the unit circle */
    v->c *= k;
    v->s *= k;
}

static void voice_init(const QcSynthProgramme *p, Voice *v, const uint64_t seed, const int bass)
{
    v->rng.s = seed;
    v->c = 1.0;
    voice_attack(p, v, bass);
    /* Start mid-phrase so music is present from the first sample; the head fade hides the onset. */
    v->stage = SUSTAIN;
    v->len = ctrl_len(&v->rng, p->rate, 1.0, 5.0);
    v->pos = ctrl_len(&v->rng, p->rate, 0.0, 0.9);
    v->e1 = voice_env(v);
}

/* ---------------------------------------------------------------------------------------------- */
/* Speech: harmonic syllables with vowel-like formant weights, phrases separated by pauses */

static void speech_syllable(const QcSynthProgramme *p, Speech *s)
{
    const double f0 = s->f0 * qc_synth_rng_range(&s->rng, 0.9, 1.12);
    const double f1 = qc_synth_rng_range(&s->rng, 300.0, 800.0);
    const double f2 = qc_synth_rng_range(&s->rng, 900.0, 2300.0);
    set_rotation(&s->wc, &s->ws, f0, p->rate);
    for (int k = 0; k < NHARM; k++) {
        const double f = f0 * (k + 1);
        const double d1 = (f - f1) / 150.0, d2 = (f - f2) / 250.0;
        const double w = (1.0 + 3.0 * exp(-d1 * d1) + 2.0 * exp(-d2 * d2)) / pow(k + 1.0, 0.7);
        s->hw[k] = f < 4000.0 ? w * 0.25 : 0.0;
    }
    s->peak = SPEECH_GAIN * qc_synth_rng_range(&s->rng, 0.6, 1.0);
    s->in_syllable = 1;
    s->len = ctrl_len(&s->rng, p->rate, 0.11, 0.28);
}

static void speech_tick(const QcSynthProgramme *p, Speech *s)
{
    s->e0 = s->e1;
    s->pos += CTRL;
    if (s->pos >= s->len) {
        s->pos = 0;
        if (s->in_syllable) {
            s->in_syllable = 0;
            s->left--;
            if (s->left > 0) {
                s->len = ctrl_len(&s->rng, p->rate, 0.02, 0.09);
            } else {
                s->len = ctrl_len(&s->rng, p->rate, 0.35, 1.2);
                s->left = 3 + (int)(qc_synth_rng_next(&s->rng) % 9);
                s->f0 = qc_synth_rng_range(&s->rng, 100.0, 220.0);
            }
        } else {
            speech_syllable(p, s);
        }
    }
    /* Hann syllable: zero value and slope at both ends. */
    s->e1 = s->in_syllable ? s->peak * (0.5 - 0.5 * cos(2.0 * M_PI * (double)s->pos / (double)s->len)) : 0.0;
    const double k = 1.5 - 0.5 * (s->c * s->c + s->s * s->s);
    s->c *= k;
    s->s *= k;
}

static void speech_init(const QcSynthProgramme *p, Speech *s, const uint64_t seed)
{
    s->rng.s = seed;
    s->c = 1.0;
    s->left = 5;
    s->f0 = 150.0;
    s->len = ctrl_len(&s->rng, p->rate, 0.3, 0.6);
    qc_synth_biquad_init(&s->fric, QC_SYNTH_BANDPASS, p->rate, 4500.0, 1.5);
}

/* ---------------------------------------------------------------------------------------------- */

static double scene_gain(const QcSynthProgramme *p, const int64_t n)
{
    const double t = (double)n / p->rate;
    return qc_synth_db_to_gain(2.5 * sin(2.0 * M_PI * t / 41.0 + p->scene_phase[0])
                               + 1.5 * sin(2.0 * M_PI * t / 17.0 + p->scene_phase[1]));
}

static double ambience_level(const QcSynthProgramme *p, const int ch, const int64_t n)
{
    const double t = (double)n / p->rate;
    const double g = p->role[ch] == ROLE_LFE ? LFE_AMB_GAIN : AMB_GAIN;
    const double s = (p->role[ch] >= ROLE_LS && p->role[ch] <= ROLE_RB) ? 0.75 : 1.0;
    return g * s * qc_synth_db_to_gain(2.0 * sin(2.0 * M_PI * t / 13.0 + p->amb_phase[ch]));
}

static int echo_init(QcSynthProgramme *p)
{
    int64_t len = 1;
    for (int ch = 0; ch < p->channels; ch++) {
        const Role r = p->role[ch];
        if (r < ROLE_LS || r > ROLE_RB)
            continue;
        /* one delay per pair, so Ls/Rs (and Lrs/Rrs) stay a correlated pair of their own */
        p->echo_delay[ch] = (int64_t)((r <= ROLE_RS ? 0.023 : 0.031) * p->rate);
        while (len <= p->echo_delay[ch])
            len *= 2;
    }
    p->echo_mask = len - 1;
    for (int ch = 0; ch < p->channels; ch++) {
        if (!p->echo_delay[ch])
            continue;
        p->echo[ch] = calloc((size_t)len, sizeof(double));
        if (!p->echo[ch])
            return QC_SYNTH_ERR_NOMEM;
    }
    return 0;
}

static void tick(QcSynthProgramme *p)
{
    for (int k = 0; k < 3; k++) {
        double *d = p->drone[k];
        const double g = 1.5 - 0.5 * (d[0] * d[0] + d[1] * d[1]);
        d[0] *= g;
        d[1] *= g;
    }
    for (int v = 0; v < NVOICES; v++)
        voice_tick(p, &p->voice[v], v == 0);
    speech_tick(p, &p->speech);
    p->scene0 = p->scene1;
    p->scene1 = scene_gain(p, p->n + CTRL);
    for (int ch = 0; ch < p->channels; ch++) {
        p->amb0[ch] = p->amb1[ch];
        p->amb1[ch] = ambience_level(p, ch, p->n + CTRL);
    }
}

int qc_synth_programme_open(QcSynthProgramme **out, const QcSynthProgrammeSettings *s, QcSynthErr *err)
{
    *out = NULL;
    const int lch = qc_synth_layout_channels(s->layout);
    if (s->channels < 1 || s->channels > QC_SYNTH_MAX_CHANNELS || s->sample_rate < 8000 || s->frames < 0
        || (lch && lch != s->channels)) {
        snprintf(err->msg, sizeof(err->msg), "programme: bad channel count, layout, rate or length");
        return QC_SYNTH_ERR_INVAL;
    }
    QcSynthProgramme *p = calloc(1, sizeof(*p));
    if (!p) {
        snprintf(err->msg, sizeof(err->msg), "out of memory");
        return QC_SYNTH_ERR_NOMEM;
    }
    p->rate = s->sample_rate;
    p->channels = s->channels;
    p->frames = s->frames;
    p->fade = (int64_t)(FADE_SEC * p->rate);
    assign_roles(p, s->layout);
    QcSynthRng seeder = { qc_synth_mix64(s->seed ^ 0x51A7E5EEDull) };
    for (int v = 0; v < NVOICES; v++)
        voice_init(p, &p->voice[v], qc_synth_rng_next(&seeder), v == 0);
    speech_init(p, &p->speech, qc_synth_rng_next(&seeder));
    p->scene_phase[0] = qc_synth_rng_range(&seeder, 0.0, 2.0 * M_PI);
    p->scene_phase[1] = qc_synth_rng_range(&seeder, 0.0, 2.0 * M_PI);
    const double nyq = 0.45 * p->rate;
    for (int ch = 0; ch < p->channels; ch++) {
        p->noise[ch].s = qc_synth_rng_next(&seeder);
        p->amb_phase[ch] = qc_synth_rng_range(&seeder, 0.0, 2.0 * M_PI);
        if (p->role[ch] == ROLE_LFE) {
            for (int k = 0; k < 3; k++)
                qc_synth_biquad_init(&p->filt[ch][k], QC_SYNTH_LOWPASS, p->rate, 70.0, 0.7071);
        } else {
            qc_synth_biquad_init(&p->filt[ch][0], QC_SYNTH_HIGHPASS, p->rate, 150.0, 0.7071);
            qc_synth_biquad_init(&p->filt[ch][1], QC_SYNTH_LOWPASS, p->rate, fmin(5000.0, nyq), 0.7071);
        }
        p->amb1[ch] = ambience_level(p, ch, 0);
    }
    p->scene1 = scene_gain(p, 0);
    if (echo_init(p)) {
        qc_synth_programme_close(&p);
        snprintf(err->msg, sizeof(err->msg), "out of memory");
        return QC_SYNTH_ERR_NOMEM;
    }
    static const double drone_hz[3] = { 41.2, 55.0, 92.5 };
    for (int k = 0; k < 3; k++) {
        p->drone[k][0] = 1.0;
        set_rotation(&p->drone[k][2], &p->drone[k][3], drone_hz[k], p->rate);
    }
    *out = p;
    return 0;
}

/* ---------------------------------------------------------------------------------------------- */
/* Per-sample path */

static double speech_sample(Speech *s, const double env)
{
    const double c = s->c * s->wc - s->s * s->ws;
    s->s = s->s * s->wc + s->c * s->ws;
    s->c = c;
    /* sin((k+1)x) by the Chebyshev recurrence: one oscillator drives all harmonics. */
    double prev = 0.0, cur = s->s, sum = s->hw[0] * cur;
    const double c2 = 2.0 * s->c;
    for (int k = 1; k < NHARM; k++) {
        const double next = c2 * cur - prev;
        prev = cur;
        cur = next;
        sum += s->hw[k] * cur;
    }
    const double fric = qc_synth_biquad_run(&s->fric, qc_synth_rng_bipolar(&s->rng));
    return env * (sum + 0.8 * fric);
}

static double fade_gain(const QcSynthProgramme *p, const int64_t n)
{
    if (n >= p->fade && n < p->frames - p->fade)
        return 1.0;
    const double head = qc_synth_raised_cosine((n + 0.5) / (double)p->fade);
    const double tail = qc_synth_raised_cosine((p->frames - n - 0.5) / (double)p->fade);
    return head < tail ? head : tail;
}

static double drone_sample(QcSynthProgramme *p)
{
    for (int k = 0; k < 3; k++) {
        double *d = p->drone[k];
        const double c = d[0] * d[2] - d[1] * d[3];
        d[1] = d[1] * d[2] + d[0] * d[3];
        d[0] = c;
    }
    /* in units of the LFE noise, which the ambience level then scales */
    return (LFE_DRONE / LFE_AMB_GAIN) * (p->drone[0][1] + 0.6 * p->drone[1][1] + 0.4 * p->drone[2][1]);
}

static double channel_sample(QcSynthProgramme *p, const int ch, const int64_t n, const double *vv,
                             const double scene, const double amb, const double speech, const double drone)
{
    QcSynthBiquad *f = p->filt[ch];
    double a = qc_synth_rng_bipolar(&p->noise[ch]);
    if (p->role[ch] == ROLE_LFE)
        a = qc_synth_biquad_run(&f[2], qc_synth_biquad_run(&f[1], qc_synth_biquad_run(&f[0], a))) + drone;
    else
        a = qc_synth_biquad_run(&f[1], qc_synth_biquad_run(&f[0], a));
    double m = 0.0;
    for (int v = 0; v < NVOICES; v++)
        m += p->voice[v].gain[ch] * vv[v];
    if (p->echo[ch]) {
        /* Surrounds hear the music late, as a room would: decorrelated from the fronts, whose pairing
         * (L with R, Ls with Rs) stays the strongest, as channel-mapping heuristics expect. */
        p->echo[ch][n & p->echo_mask] = m;
        m = p->echo[ch][(n - p->echo_delay[ch]) & p->echo_mask];
    }
    return (m + a * amb) * scene + p->speech_gain[ch] * speech;
}

static void render_span(QcSynthProgramme *p, double *out, const int offset, const int count)
{
    const double inv = 1.0 / CTRL;
    for (int i = offset; i < offset + count; i++, out += p->channels) {
        const double u = i * inv;
        double vv[NVOICES];
        for (int v = 0; v < NVOICES; v++) {
            Voice *o = &p->voice[v];
            const double c = o->c * o->wc - o->s * o->ws;
            o->s = o->s * o->wc + o->c * o->ws;
            o->c = c;
            /* a touch of 2nd harmonic (sin 2x = 2 sin x cos x), not in the bass: the LFE stays < 120 Hz */
            vv[v] = (o->e0 + (o->e1 - o->e0) * u) * (o->s + (v ? 0.6 : 0.0) * o->s * o->c);
        }
        const double sp = speech_sample(&p->speech, p->speech.e0 + (p->speech.e1 - p->speech.e0) * u);
        const double scene = p->scene0 + (p->scene1 - p->scene0) * u;
        const int64_t n = p->n + i - offset;
        const double fade = p->master * fade_gain(p, n);
        const double drone = drone_sample(p);
        for (int ch = 0; ch < p->channels; ch++) {
            const double amb = p->amb0[ch] + (p->amb1[ch] - p->amb0[ch]) * u;
            out[ch] = fade * channel_sample(p, ch, n, vv, scene, amb, sp, drone);
        }
    }
}

void qc_synth_programme_render(QcSynthProgramme *p, double *out, size_t count)
{
    while (count) {
        const int phase = (int)(p->n % CTRL);
        if (phase == 0)
            tick(p);
        int span = CTRL - phase;
        if ((size_t)span > count)
            span = (int)count;
        render_span(p, out, phase, span);
        out += (size_t)span * (size_t)p->channels;
        p->n += span;
        count -= (size_t)span;
    }
}

void qc_synth_programme_close(QcSynthProgramme **pp)
{
    QcSynthProgramme *p = *pp;
    if (p)
        for (int ch = 0; ch < p->channels; ch++)
            free(p->echo[ch]);
    free(p);
    *pp = NULL;
}
