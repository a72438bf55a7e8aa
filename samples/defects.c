/* SPDX-License-Identifier: MIT */
/*
 * Defects injected at exact sample positions into rendered blocks. Each defect acts on absolute sample
 * indices and uses counter-based noise, so the result does not depend on where block boundaries fall.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"
#include "synth_dsp.h"

#define SILENCE_DBFS    -80.0 /* RMS of the noise floor that replaces "silent" audio */
#define SILENCE_RAMP_MS 5.0   /* crossfade outside the segment: a fade to silence, not a cut */
#define DROP_RAMP_MS    2.0   /* a drop within 10 ms, yet no sample discontinuity (that is a click) */
#define CLIP_RAMP_MS    1.0   /* overdrive ramps in inside the segment */
#define CLIP_DEFAULT_DB 40.0

static const char *const kind_names[QC_SYNTH_DEFECT_COUNT] = {
    "copy", "invert", "silence", "drop", "dc", "click", "clip", "zero",
};

int qc_synth_defect_kind(const char *name)
{
    for (int k = 0; k < QC_SYNTH_DEFECT_COUNT; k++)
        if (!strcmp(name, kind_names[k]))
            return k;
    return -1;
}

static int bad(QcSynthErr *err, const char *kind, const char *spec, const char *why)
{
    snprintf(err->msg, sizeof(err->msg), "--%s %.100s: %s", kind, spec, why);
    return QC_SYNTH_ERR_INVAL;
}

static int parse_channel(const char *s, const int channels, const int allow_all, int *ch)
{
    if (allow_all && !strcmp(s, "all")) {
        *ch = -1;
        return 0;
    }
    char *end;
    errno = 0;
    const long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v >= channels)
        return QC_SYNTH_ERR_INVAL;
    *ch = (int)v;
    return 0;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return (errno || end == s || *end) ? QC_SYNTH_ERR_INVAL : 0;
}

/* How many ":"-separated fields, channel included, each kind takes. */
static const struct { int min, max; } field_count[QC_SYNTH_DEFECT_COUNT] = {
    [QC_SYNTH_DEFECT_COPY] = { 2, 2 },    [QC_SYNTH_DEFECT_INVERT] = { 1, 1 },
    [QC_SYNTH_DEFECT_SILENCE] = { 3, 3 }, [QC_SYNTH_DEFECT_DROP] = { 4, 4 },
    [QC_SYNTH_DEFECT_DC] = { 2, 2 },      [QC_SYNTH_DEFECT_CLICK] = { 3, 3 },
    [QC_SYNTH_DEFECT_CLIP] = { 3, 4 },    [QC_SYNTH_DEFECT_ZERO] = { 3, 3 },
};

static int split(char *buf, char **f, const int max)
{
    int n = 0;
    for (char *s = buf; n < max; n++) {
        f[n] = s;
        char *c = strchr(s, ':');
        if (!c)
            return n + 1;
        *c = '\0';
        s = c + 1;
    }
    return max + 1; /* too many fields */
}

static int parse_segment(QcSynthDefect *d, char **f, const int rate, const int64_t frames)
{
    if (qc_synth_time_parse(f[1], rate, &d->start) || qc_synth_time_parse(f[2], rate, &d->end))
        return 1;
    return d->start >= d->end || d->end > frames ? 2 : 0;
}

int qc_synth_defect_parse(QcSynthDefect *d, const QcSynthDefectKind kind, const char *spec, const int rate,
                          const int channels, const int64_t frames, QcSynthErr *err)
{
    const char *name = kind_names[kind];
    char buf[256], *f[5];
    if (strlen(spec) >= sizeof(buf))
        return bad(err, name, spec, "too long");
    strcpy(buf, spec);
    const int n = split(buf, f, 4);
    if (n < field_count[kind].min || n > field_count[kind].max)
        return bad(err, name, spec, "wrong number of ':'-separated fields");
    memset(d, 0, sizeof(*d));
    d->kind = kind;
    d->end = frames;
    if (parse_channel(f[0], channels, kind != QC_SYNTH_DEFECT_COPY, &d->channel))
        return bad(err, name, spec, "channel must be 0..channels-1 or 'all'");
    switch (kind) {
    case QC_SYNTH_DEFECT_COPY:
        if (parse_channel(f[1], channels, 0, &d->source))
            return bad(err, name, spec, "source channel must be 0..channels-1");
        return 0;
    case QC_SYNTH_DEFECT_INVERT:
        return 0;
    case QC_SYNTH_DEFECT_DC:
        if (parse_double(f[1], &d->value) || d->value <= -1.0 || d->value >= 1.0)
            return bad(err, name, spec, "offset must be a fraction of full scale in (-1, 1)");
        return 0;
    case QC_SYNTH_DEFECT_CLICK:
        if (qc_synth_time_parse(f[1], rate, &d->start) || d->start >= frames)
            return bad(err, name, spec, "position must be a time inside the programme");
        d->end = d->start + 1;
        if (parse_double(f[2], &d->value) || d->value > 0.0)
            return bad(err, name, spec, "level must be dBFS <= 0");
        return 0;
    default:
        break;
    }
    const int r = parse_segment(d, f, rate, frames);
    if (r)
        return bad(err, name, spec, r == 1 ? "bad time (use 12.5s or 600000n)"
                                           : "segment must satisfy start < end <= programme length");
    d->value = kind == QC_SYNTH_DEFECT_CLIP ? CLIP_DEFAULT_DB : 0.0;
    if (n == 4 && (parse_double(f[3], &d->value) || d->value <= 0.0))
        return bad(err, name, spec, "dB must be > 0");
    return 0;
}

/* ---------------------------------------------------------------------------------------------- */

typedef struct Span {
    double  *buf;      ///< block, interleaved
    int      channels;
    int      rate;     ///< Hz
    int64_t  first;    ///< sample index of the block's first frame
    int64_t  count;    ///< frames in the block
    uint64_t seed;
} Span;

/* Intersect [a, b) with the block; returns the range as block-relative frame indices. */
static int clamp_range(const Span *s, int64_t a, int64_t b, int64_t *i0, int64_t *i1)
{
    a = a < s->first ? s->first : a;
    b = b > s->first + s->count ? s->first + s->count : b;
    *i0 = a - s->first;
    *i1 = b - s->first;
    return a < b;
}

/* 1 inside [start, end), a raised cosine falling to 0 over ramp samples on either side. */
static double segment_weight(const QcSynthDefect *d, const int64_t n, const int64_t ramp)
{
    if (n < d->start)
        return 1.0 - qc_synth_raised_cosine((double)(d->start - n) / (double)ramp);
    if (n >= d->end)
        return 1.0 - qc_synth_raised_cosine((double)(n - d->end + 1) / (double)ramp);
    return 1.0;
}

/* Silence crossfades to a noise floor, and a drop fades its gain, over ramps outside the segment, so that
 * [start, end) holds exactly the requested level and the edges carry no step. */
static void do_faded(const Span *s, const QcSynthDefect *d, const int ch)
{
    const int silence = d->kind == QC_SYNTH_DEFECT_SILENCE;
    const int64_t ramp = (int64_t)((silence ? SILENCE_RAMP_MS : DROP_RAMP_MS) * 1e-3 * s->rate) + 1;
    const double amp = qc_synth_db_to_gain(SILENCE_DBFS) * sqrt(3.0); /* uniform noise: RMS = amp / sqrt 3 */
    const double floor_gain = silence ? 0.0 : qc_synth_db_to_gain(-d->value);
    int64_t i0, i1;
    if (!clamp_range(s, d->start - ramp, d->end + ramp, &i0, &i1))
        return;
    for (int64_t i = i0; i < i1; i++) {
        const int64_t n = s->first + i;
        const double w = segment_weight(d, n, ramp);
        double *x = &s->buf[i * s->channels + ch];
        *x *= 1.0 - w * (1.0 - floor_gain);
        if (silence)
            *x += w * amp * qc_synth_hash_bipolar(s->seed ^ 0x5111E7CEull, ch, n);
    }
}

static void do_clip(const Span *s, const QcSynthDefect *d, const int ch)
{
    const int64_t ramp = (int64_t)(CLIP_RAMP_MS * 1e-3 * s->rate) + 1;
    const double gmax = qc_synth_db_to_gain(d->value);
    int64_t i0, i1;
    if (!clamp_range(s, d->start, d->end, &i0, &i1))
        return;
    for (int64_t i = i0; i < i1; i++) {
        const int64_t n = s->first + i;
        const int64_t edge = n - d->start < d->end - 1 - n ? n - d->start : d->end - 1 - n;
        const double g = 1.0 + (gmax - 1.0) * qc_synth_raised_cosine((double)(edge + 1) / (double)ramp);
        double *x = &s->buf[i * s->channels + ch];
        const double y = *x * g;
        *x = y > 1.0 ? 1.0 : y < -1.0 ? -1.0 : y;
    }
}

static void do_simple(const Span *s, const QcSynthDefect *d, const int ch)
{
    int64_t i0, i1;
    if (!clamp_range(s, d->start, d->end, &i0, &i1))
        return;
    double mul = 1.0, add = 0.0;
    switch (d->kind) {
    case QC_SYNTH_DEFECT_INVERT: mul = -1.0; break;
    case QC_SYNTH_DEFECT_DC:     add = d->value; break;
    case QC_SYNTH_DEFECT_CLICK:  add = qc_synth_db_to_gain(d->value); break;
    case QC_SYNTH_DEFECT_ZERO:   mul = 0.0; break;
    default: return;
    }
    for (int64_t i = i0; i < i1; i++) {
        double *x = &s->buf[i * s->channels + ch];
        *x = mul == 0.0 ? 0.0 : *x * mul + add; /* +0.0 exactly: x * 0 would give -0.0 in float files */
    }
}

static void apply_one(const Span *s, const QcSynthDefect *d)
{
    const int c0 = d->channel < 0 ? 0 : d->channel;
    const int c1 = d->channel < 0 ? s->channels : d->channel + 1;
    for (int ch = c0; ch < c1; ch++) {
        switch (d->kind) {
        case QC_SYNTH_DEFECT_COPY:
            for (int64_t i = 0; i < s->count; i++)
                s->buf[i * s->channels + ch] = s->buf[i * s->channels + d->source];
            break;
        case QC_SYNTH_DEFECT_SILENCE:
        case QC_SYNTH_DEFECT_DROP:    do_faded(s, d, ch); break;
        case QC_SYNTH_DEFECT_CLIP:    do_clip(s, d, ch); break;
        default:                      do_simple(s, d, ch); break;
        }
    }
}

void qc_synth_defects_apply(const QcSynthDefect *d, const size_t n, double *buf, const int channels,
                            const int rate, const int64_t first, const size_t count, const uint64_t seed)
{
    const Span s = { buf, channels, rate, first, (int64_t)count, seed };
    for (int k = 0; k < QC_SYNTH_DEFECT_COUNT; k++)
        for (size_t i = 0; i < n; i++)
            if ((int)d[i].kind == k)
                apply_one(&s, &d[i]);
}
