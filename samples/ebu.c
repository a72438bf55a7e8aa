/* SPDX-License-Identifier: MIT */
/*
 * Tones and the EBU Tech 3341 / 3342 test signals (qc-domain.md §3.3): a 1 kHz stereo sine, in phase on both
 * channels, as a list of constant-level segments, levels being per-channel peak dBFS at 48 kHz.
 *
 * The sine phase runs from the first sample of the file, not of each segment: segment lengths in these tables
 * are whole periods, so every level change falls on a zero crossing, as in the EBU files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"
#include "synth_dsp.h"

#define MAX_SEGS   64
#define EBU_RATE   48000
#define TP_SECONDS 3.2  /* length of the published true-peak files */
#define TP_FADE_MS 10.0

typedef struct Seg {
    int64_t frames;
    double  amp;    ///< peak, FS
} Seg;

struct QcSynthSignal {
    int           rate;      ///< Hz
    int           channels;
    QcSynthLayout layout;
    double        freq;      ///< Hz
    double        phase;     ///< radians at sample 0
    double        gain[QC_SYNTH_MAX_CHANNELS]; ///< per-channel multiplier of the segment level
    Seg           seg[MAX_SEGS];
    int           nseg;
    int64_t       total, n;  ///< length and next sample, samples
    int64_t       fade;      ///< raised-cosine fade in and out, samples
    int           cur;       ///< segment holding sample n
    int64_t       cur_end;   ///< first sample after segment cur
    double       *pre;       ///< precomputed mono signal (3341 cases 20-23), or NULL
};

static int err_inval(QcSynthErr *err, const char *msg)
{
    snprintf(err->msg, sizeof(err->msg), "%s", msg);
    return QC_SYNTH_ERR_INVAL;
}

static QcSynthSignal *signal_new(const int rate, const int channels)
{
    QcSynthSignal *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->rate = rate;
    s->channels = channels;
    s->layout = qc_synth_layout_default(channels);
    s->freq = 1000.0;
    for (int ch = 0; ch < QC_SYNTH_MAX_CHANNELS; ch++)
        s->gain[ch] = 1.0;
    return s;
}

static void add_seg(QcSynthSignal *s, const double seconds, const double dbfs)
{
    if (s->nseg == MAX_SEGS)
        return;
    Seg *g = &s->seg[s->nseg++];
    g->frames = llround(seconds * s->rate);
    g->amp = dbfs <= -200.0 ? 0.0 : qc_synth_db_to_gain(dbfs);
    s->total += g->frames;
}

static void finish(QcSynthSignal *s)
{
    s->cur = 0;
    s->cur_end = s->nseg ? s->seg[0].frames : 0;
}

int qc_synth_tone_open(QcSynthSignal **out, const QcSynthToneSettings *t, QcSynthErr *err)
{
    *out = NULL;
    if (t->channels < 1 || t->channels > QC_SYNTH_MAX_CHANNELS || t->sample_rate < 8000)
        return err_inval(err, "tone: bad channel count or sample rate");
    if (!(t->freq > 0.0 && t->freq < t->sample_rate / 2.0) || !(t->seconds > 0.0) || t->dbfs > 6.0)
        return err_inval(err, "tone: need 0 < freq < rate/2, seconds > 0 and dbfs <= +6");
    QcSynthSignal *s = signal_new(t->sample_rate, t->channels);
    if (!s)
        return QC_SYNTH_ERR_NOMEM;
    s->freq = t->freq;
    s->phase = t->phase_deg * M_PI / 180.0;
    s->fade = (int64_t)(t->fade_ms * 1e-3 * t->sample_rate);
    add_seg(s, t->seconds, t->dbfs);
    finish(s);
    *out = s;
    return 0;
}

/* ---------------------------------------------------------------------------------------------- */
/* EBU Tech 3341 cases 20-23: an fs/6 tone at 0.5 FFS with one fs/4 period at 1.0 FFS inserted at an upward
 * zero crossing, synthesized at 192 kHz, low-passed at 22 kHz (511-tap Blackman windowed sinc) and decimated
 * by 4 starting at offset k. The inter-sample peak of the burst lands differently for each k. */

#define TP_TAPS 511

static double tp_burst_x(const int64_t m, const int64_t m0, const int64_t len, const int64_t fade)
{
    double x;
    if (m < 0 || m >= len)
        return 0.0;
    if (m < m0)
        x = 0.5 * sin(2.0 * M_PI * (double)(m % 24) / 24.0);
    else if (m < m0 + 16)
        x = sin(2.0 * M_PI * (double)(m - m0) / 16.0);
    else
        x = 0.5 * sin(2.0 * M_PI * (double)((m - 16) % 24) / 24.0);
    if (m < fade)
        x *= qc_synth_raised_cosine((m + 0.5) / (double)fade);
    else if (m >= len - fade)
        x *= qc_synth_raised_cosine((len - m - 0.5) / (double)fade);
    return x;
}

static int tp_burst(QcSynthSignal *s, const int k)
{
    const int64_t out_len = llround(TP_SECONDS * EBU_RATE), len = 4 * out_len;
    const int64_t m0 = (len / 2 / 24) * 24, fade = (int64_t)(TP_FADE_MS * 1e-3 * 4 * EBU_RATE);
    const double fc = 22000.0 / (4.0 * EBU_RATE);
    double h[TP_TAPS], sum = 0.0;
    for (int j = 0; j < TP_TAPS; j++) {
        const double t = j - (TP_TAPS - 1) / 2.0, a = 2.0 * M_PI * j / (TP_TAPS - 1);
        const double sinc = t == 0.0 ? 2.0 * fc : sin(2.0 * M_PI * fc * t) / (M_PI * t);
        h[j] = sinc * (0.42 - 0.5 * cos(a) + 0.08 * cos(2.0 * a));
        sum += h[j];
    }
    double *x = malloc((size_t)len * sizeof(double));
    s->pre = malloc((size_t)out_len * sizeof(double));
    if (!x || !s->pre) {
        free(x);
        return QC_SYNTH_ERR_NOMEM;
    }
    for (int64_t m = 0; m < len; m++)
        x[m] = tp_burst_x(m, m0, len, fade);
    for (int64_t n = 0; n < out_len; n++) {
        const int64_t c = 4 * n + k;
        double y = 0.0;
        for (int j = 0; j < TP_TAPS; j++) {
            const int64_t m = c + j - (TP_TAPS - 1) / 2;
            if (m >= 0 && m < len)
                y += h[j] * x[m];
        }
        s->pre[n] = y / sum;
    }
    free(x);
    s->seg[0].frames = out_len;
    s->seg[0].amp = 1.0;
    s->nseg = 1;
    s->total = out_len;
    return 0;
}

/* Cases 15-19: a sine at fs/4, fs/6 or fs/8 whose samples miss the crest by a known phase. */
static void tp_tone(QcSynthSignal *s, const int tcase)
{
    static const struct { int div; double ffs, deg; } tp[] = {
        { 4, 0.50, 0.0 }, { 4, 0.50, 45.0 }, { 6, 0.50, 60.0 }, { 8, 0.50, 67.5 }, { 4, 1.41, 45.0 },
    };
    const int i = tcase - 15;
    s->freq = (double)EBU_RATE / tp[i].div;
    s->phase = tp[i].deg * M_PI / 180.0;
    s->fade = (int64_t)(TP_FADE_MS * 1e-3 * EBU_RATE);
    add_seg(s, TP_SECONDS, 20.0 * log10(tp[i].ffs));
}

static void repeat(QcSynthSignal *s, const int times, const double t1, const double l1, const double t2,
                   const double l2)
{
    for (int i = 0; i < times; i++) {
        add_seg(s, t1, l1);
        add_seg(s, t2, l2);
    }
}

#define SIL -999.0 /* digital silence */

static int ebu3341(QcSynthSignal *s, const int c, const int sub)
{
    switch (c) {
    case 1: add_seg(s, 20, -23); break;
    case 2: add_seg(s, 20, -33); break;
    case 3: add_seg(s, 10, -36); add_seg(s, 60, -23); add_seg(s, 10, -36); break;
    case 4:
        add_seg(s, 10, -72); add_seg(s, 10, -36); add_seg(s, 60, -23); add_seg(s, 10, -36);
        add_seg(s, 10, -72);
        break;
    case 5: add_seg(s, 20, -26); add_seg(s, 20.1, -20); add_seg(s, 20, -26); break;
    case 6: {
        /* 5.0, L R C Ls Rs: surrounds carry +1.5 dB weight, so -30 dBFS there counts like -28.5 in front */
        static const double lvl[5] = { -28, -28, -24, -30, -30 };
        s->channels = 5;
        s->layout = QC_SYNTH_LAYOUT_50;
        for (int ch = 0; ch < 5; ch++)
            s->gain[ch] = qc_synth_db_to_gain(lvl[ch]);
        add_seg(s, 20, 0);
        break;
    }
    case 9:  repeat(s, 5, 1.34, -20, 1.66, -30); break;
    case 10: add_seg(s, 0.15 * (sub - 1), SIL); add_seg(s, 3, -23); add_seg(s, 1, SIL); break;
    case 12: repeat(s, 25, 0.18, -20, 0.22, -30); break;
    case 15: case 16: case 17: case 18: case 19: tp_tone(s, c); break;
    case 20: case 21: case 22: case 23: return tp_burst(s, c - 20);
    default: return QC_SYNTH_ERR_INVAL;
    }
    return 0;
}

static int ebu3342(QcSynthSignal *s, const int c)
{
    switch (c) {
    case 1: add_seg(s, 20, -20); add_seg(s, 20, -30); break;
    case 2: add_seg(s, 20, -20); add_seg(s, 20, -15); break;
    case 3: add_seg(s, 20, -40); add_seg(s, 20, -20); break;
    case 4:
        add_seg(s, 20, -50); add_seg(s, 20, -35); add_seg(s, 20, -20); add_seg(s, 20, -35);
        add_seg(s, 20, -50);
        break;
    default: return QC_SYNTH_ERR_INVAL;
    }
    return 0;
}

int qc_synth_ebu_open(QcSynthSignal **out, const int standard, const int tcase, const int sub,
                      QcSynthErr *err)
{
    *out = NULL;
    if (standard != 3341 && standard != 3342)
        return err_inval(err, "EBU standard must be 3341 or 3342");
    if (standard == 3341 && tcase == 10 && (sub < 1 || sub > 20))
        return err_inval(err, "ebu3341 case 10 has files 1..20 (--sub)");
    QcSynthSignal *s = signal_new(EBU_RATE, 2);
    if (!s)
        return QC_SYNTH_ERR_NOMEM;
    const int r = standard == 3341 ? ebu3341(s, tcase, sub) : ebu3342(s, tcase);
    if (r) {
        qc_synth_signal_close(&s);
        if (r == QC_SYNTH_ERR_NOMEM)
            return r;
        snprintf(err->msg, sizeof(err->msg), "ebu%d: no case %d (3341: 1-6 9 10 12 15-23; 3342: 1-4)",
                 standard, tcase);
        return r;
    }
    finish(s);
    *out = s;
    return 0;
}

/* ---------------------------------------------------------------------------------------------- */

int64_t qc_synth_signal_frames(const QcSynthSignal *s) { return s->total; }
int qc_synth_signal_channels(const QcSynthSignal *s) { return s->channels; }
int qc_synth_signal_rate(const QcSynthSignal *s) { return s->rate; }
QcSynthLayout qc_synth_signal_layout(const QcSynthSignal *s) { return s->layout; }

static double sine_at(const QcSynthSignal *s, const int64_t n)
{
    /* Reduce the phase in cycles first, so long files keep full precision. */
    const double cyc = fmod((double)n * s->freq / s->rate, 1.0);
    double x = sin(2.0 * M_PI * cyc + s->phase);
    if (n < s->fade)
        x *= qc_synth_raised_cosine((n + 0.5) / (double)s->fade);
    else if (n >= s->total - s->fade)
        x *= qc_synth_raised_cosine((s->total - n - 0.5) / (double)s->fade);
    return x;
}

void qc_synth_signal_render(QcSynthSignal *s, double *out, const size_t count)
{
    for (size_t i = 0; i < count; i++, s->n++, out += s->channels) {
        while (s->n >= s->cur_end && s->cur + 1 < s->nseg)
            s->cur_end += s->seg[++s->cur].frames;
        double x = 0.0;
        if (s->n < s->total)
            x = s->pre ? s->pre[s->n] : s->seg[s->cur].amp * sine_at(s, s->n);
        for (int ch = 0; ch < s->channels; ch++)
            out[ch] = x * s->gain[ch];
    }
}

void qc_synth_signal_close(QcSynthSignal **ps)
{
    QcSynthSignal *s = *ps;
    if (s)
        free(s->pre);
    free(s);
    *ps = NULL;
}
