/* SPDX-License-Identifier: MIT */
/* Layouts, formats, time parsing and the streaming libsndfile writer. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sndfile.h>

#include "synth.h"

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(QcSynthErr *err, const int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
    }
    return code;
}

typedef struct LayoutInfo {
    const char *name;
    int         channels;
    const char *labels[8];
    int         map[8]; ///< libsndfile SF_CHANNEL_MAP_* in WAVEX bit order
} LayoutInfo;

/* Indexed by QcSynthLayout. Ls/Rs of 5.x are "back" speakers in the WAVEX mask (KSAUDIO_SPEAKER_5POINT1),
 * which is what libsndfile calls REAR and what broadcast printmasters carry. */
static const LayoutInfo layouts[] = {
    { "none", 0, { 0 }, { 0 } },
    { "mono", 1, { "M" }, { SF_CHANNEL_MAP_MONO } },
    { "stereo", 2, { "L", "R" }, { SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT } },
    { "5.0", 5, { "L", "R", "C", "Ls", "Rs" },
      { SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_REAR_LEFT,
        SF_CHANNEL_MAP_REAR_RIGHT } },
    { "5.1", 6, { "L", "R", "C", "LFE", "Ls", "Rs" },
      { SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_LFE,
        SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT } },
    { "7.1", 8, { "L", "R", "C", "LFE", "Lrs", "Rrs", "Lss", "Rss" },
      { SF_CHANNEL_MAP_LEFT, SF_CHANNEL_MAP_RIGHT, SF_CHANNEL_MAP_CENTER, SF_CHANNEL_MAP_LFE,
        SF_CHANNEL_MAP_REAR_LEFT, SF_CHANNEL_MAP_REAR_RIGHT, SF_CHANNEL_MAP_SIDE_LEFT,
        SF_CHANNEL_MAP_SIDE_RIGHT } },
};

int qc_synth_layout_parse(const char *name, QcSynthLayout *out)
{
    for (size_t i = 1; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        if (!strcmp(name, layouts[i].name)) {
            *out = (QcSynthLayout)i;
            return 0;
        }
    }
    return QC_SYNTH_ERR_INVAL;
}

int qc_synth_layout_channels(const QcSynthLayout layout)
{
    return layouts[layout].channels;
}

const char *qc_synth_layout_label(const QcSynthLayout layout, const int ch)
{
    if (ch < 0 || ch >= layouts[layout].channels)
        return "?";
    return layouts[layout].labels[ch];
}

QcSynthLayout qc_synth_layout_default(const int channels)
{
    switch (channels) {
    case 1: return QC_SYNTH_LAYOUT_MONO;
    case 2: return QC_SYNTH_LAYOUT_STEREO;
    case 5: return QC_SYNTH_LAYOUT_50;
    case 6: return QC_SYNTH_LAYOUT_51;
    case 8: return QC_SYNTH_LAYOUT_71;
    default: return QC_SYNTH_LAYOUT_NONE;
    }
}

int qc_synth_format_parse(const char *name, QcSynthFormat *out)
{
    if (!strcmp(name, "16"))
        *out = QC_SYNTH_PCM16;
    else if (!strcmp(name, "24"))
        *out = QC_SYNTH_PCM24;
    else if (!strcmp(name, "32"))
        *out = QC_SYNTH_PCM32;
    else if (!strcmp(name, "float") || !strcmp(name, "f32"))
        *out = QC_SYNTH_FLOAT;
    else
        return QC_SYNTH_ERR_INVAL;
    return 0;
}

int qc_synth_time_parse(const char *text, const int rate, int64_t *samples)
{
    char *end;
    errno = 0;
    const size_t len = strlen(text);
    if (len == 0 || rate <= 0)
        return QC_SYNTH_ERR_INVAL;
    if (text[len - 1] == 'n') {
        const long long v = strtoll(text, &end, 10);
        if (errno || end != text + len - 1 || end == text || v < 0)
            return QC_SYNTH_ERR_INVAL;
        *samples = v;
        return 0;
    }
    const double sec = strtod(text, &end);
    if (errno || end == text || !(sec >= 0.0) || sec > 1e7)
        return QC_SYNTH_ERR_INVAL;
    if (*end == 's')
        end++;
    if (*end)
        return QC_SYNTH_ERR_INVAL;
    *samples = llround(sec * rate);
    return 0;
}

/* ---------------------------------------------------------------------------------------------- */

struct QcSynthWriter {
    SNDFILE      *sf;
    int           channels;
    QcSynthFormat format;
    int32_t       max_code; ///< largest code of the sample format
    int32_t       scale;    ///< multiplier from code to libsndfile's left-justified int
    int32_t      *ibuf;     ///< one block, PCM formats
    float        *fbuf;     ///< one block, float format
};

static int container_for(const char *path, const int channels, int *container)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return QC_SYNTH_ERR_INVAL;
    if (!strcasecmp(dot, ".wav"))
        *container = channels > 2 ? SF_FORMAT_WAVEX : SF_FORMAT_WAV;
    else if (!strcasecmp(dot, ".rf64"))
        *container = SF_FORMAT_RF64;
    else if (!strcasecmp(dot, ".aif") || !strcasecmp(dot, ".aiff"))
        *container = SF_FORMAT_AIFF;
    else
        return QC_SYNTH_ERR_INVAL;
    return 0;
}

static void writer_set_format(QcSynthWriter *w, const QcSynthFormat f, int *sub)
{
    switch (f) {
    case QC_SYNTH_PCM16: *sub = SF_FORMAT_PCM_16; w->max_code = 32767;      w->scale = 65536; break;
    case QC_SYNTH_PCM24: *sub = SF_FORMAT_PCM_24; w->max_code = 8388607;    w->scale = 256;   break;
    case QC_SYNTH_PCM32: *sub = SF_FORMAT_PCM_32; w->max_code = 2147483647; w->scale = 1;     break;
    default:             *sub = SF_FORMAT_FLOAT;  w->max_code = 0;          w->scale = 0;     break;
    }
}

static int writer_set_map(QcSynthWriter *w, const QcSynthWriterSettings *s, const int container,
                          QcSynthErr *err)
{
    if (s->layout == QC_SYNTH_LAYOUT_NONE || s->channels <= 2)
        return 0;
    if (layouts[s->layout].channels != s->channels)
        return fail(err, QC_SYNTH_ERR_INVAL, "layout %s has %d channels, not %d", layouts[s->layout].name,
                    layouts[s->layout].channels, s->channels);
    int map[8];
    memcpy(map, layouts[s->layout].map, sizeof(map));
    const int ok = sf_command(w->sf, SFC_SET_CHANNEL_MAP_INFO, map, (int)(sizeof(int) * (size_t)s->channels));
    /* AIFF only stores maps that match a CoreAudio layout tag; a WAVEX file without its mask is a bug. */
    if (!ok && container != SF_FORMAT_AIFF)
        return fail(err, QC_SYNTH_ERR_INVAL, "%s: libsndfile refused the %s channel map", s->path,
                    layouts[s->layout].name);
    return 0;
}

int qc_synth_writer_open(QcSynthWriter **out, const QcSynthWriterSettings *s, QcSynthErr *err)
{
    *out = NULL;
    int container, sub;
    if (s->channels < 1 || s->channels > QC_SYNTH_MAX_CHANNELS)
        return fail(err, QC_SYNTH_ERR_INVAL, "channel count %d outside 1..%d", s->channels,
                    QC_SYNTH_MAX_CHANNELS);
    if (container_for(s->path, s->channels, &container))
        return fail(err, QC_SYNTH_ERR_INVAL, "%s: extension must be .wav, .rf64, .aif or .aiff", s->path);
    QcSynthWriter *w = calloc(1, sizeof(*w));
    if (!w)
        return fail(err, QC_SYNTH_ERR_NOMEM, "out of memory");
    w->channels = s->channels;
    w->format = s->format;
    writer_set_format(w, s->format, &sub);
    const size_t n = (size_t)QC_SYNTH_BLOCK * (size_t)s->channels;
    if (s->format == QC_SYNTH_FLOAT)
        w->fbuf = malloc(n * sizeof(float));
    else
        w->ibuf = malloc(n * sizeof(int32_t));
    if (!w->fbuf && !w->ibuf) {
        free(w);
        return fail(err, QC_SYNTH_ERR_NOMEM, "out of memory");
    }
    SF_INFO info = { .samplerate = s->sample_rate, .channels = s->channels, .format = container | sub };
    if (!sf_format_check(&info)) {
        qc_synth_writer_close(&w, NULL);
        return fail(err, QC_SYNTH_ERR_INVAL, "%s: libsndfile cannot write this format", s->path);
    }
    w->sf = sf_open(s->path, SFM_WRITE, &info);
    if (!w->sf) {
        qc_synth_writer_close(&w, NULL);
        return fail(err, QC_SYNTH_ERR_IO, "%s: %s", s->path, sf_strerror(NULL));
    }
    const int r = writer_set_map(w, s, container, err);
    if (r) {
        qc_synth_writer_close(&w, NULL);
        return r;
    }
    *out = w;
    return 0;
}

static void quantize_int(const QcSynthWriter *w, const double *in, const size_t n)
{
    const double max = (double)w->max_code;
    for (size_t i = 0; i < n; i++) {
        const double x = in[i];
        int32_t code;
        if (x >= 1.0)
            code = w->max_code;
        else if (x <= -1.0)
            code = -w->max_code;
        else
            code = (int32_t)lrint(x * max);
        w->ibuf[i] = code * w->scale;
    }
}

static void quantize_float(const QcSynthWriter *w, const double *in, const size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const double x = in[i];
        w->fbuf[i] = x >= 1.0 ? 1.0f : x <= -1.0 ? -1.0f : (float)x;
    }
}

int qc_synth_writer_write(QcSynthWriter *w, const double *frames, size_t count, QcSynthErr *err)
{
    while (count) {
        const size_t n = count < QC_SYNTH_BLOCK ? count : QC_SYNTH_BLOCK;
        const size_t ns = n * (size_t)w->channels;
        sf_count_t done;
        if (w->format == QC_SYNTH_FLOAT) {
            quantize_float(w, frames, ns);
            done = sf_writef_float(w->sf, w->fbuf, (sf_count_t)n);
        } else {
            quantize_int(w, frames, ns);
            done = sf_writef_int(w->sf, w->ibuf, (sf_count_t)n);
        }
        if (done != (sf_count_t)n)
            return fail(err, QC_SYNTH_ERR_IO, "write failed: %s", sf_strerror(w->sf));
        frames += ns;
        count -= n;
    }
    return 0;
}

int qc_synth_writer_close(QcSynthWriter **pw, QcSynthErr *err)
{
    QcSynthWriter *w = *pw;
    int r = 0;
    if (!w)
        return 0;
    if (w->sf) {
        sf_write_sync(w->sf);
        if (sf_close(w->sf))
            r = fail(err, QC_SYNTH_ERR_IO, "close failed");
    }
    free(w->ibuf);
    free(w->fbuf);
    free(w);
    *pw = NULL;
    return r;
}
