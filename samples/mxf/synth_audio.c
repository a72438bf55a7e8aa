// SPDX-License-Identifier: MIT
/*
 * imfqc-synth mxf-audio: the same programme and defects as `imfqc-synth programme`, written as an IMF
 * audio track file. Samples are quantized exactly as the WAV writer does (lrint against 2^23 - 1), so an
 * MXF and a WAV made with the same options carry the same 24-bit codes in the same channel roles.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mxfw.h"
#include "synth.h"
#include "synth_cmd.h"

#define MAX_DEFECTS 256
#define MAX_CODE    8388607

typedef struct AudioOpts {
    const char       *out, *language, *title;
    double            seconds;
    long long         rate;
    QcMxfwAudioLayout layout;
    uint64_t          seed;
    QcMxfwMcaDefect   mca_defect;
    QcSynthDefectKind kind[MAX_DEFECTS];
    const char       *spec[MAX_DEFECTS];
    int               ndefects;
} AudioOpts;

enum { O_SECONDS = 256, O_LAYOUT, O_RATE, O_LANGUAGE, O_TITLE, O_SEED, O_DEFECT, O_MCA, O_HELP };

static const struct option audio_opts[] = {
    { "output", required_argument, NULL, 'o' },       { "seconds", required_argument, NULL, O_SECONDS },
    { "layout", required_argument, NULL, O_LAYOUT },  { "rate", required_argument, NULL, O_RATE },
    { "language", required_argument, NULL, O_LANGUAGE }, { "title", required_argument, NULL, O_TITLE },
    { "seed", required_argument, NULL, O_SEED },      { "help", no_argument, NULL, O_HELP },
    { "mca-defect", required_argument, NULL, O_MCA },
    { "silence", required_argument, NULL, O_DEFECT }, { "zero", required_argument, NULL, O_DEFECT },
    { "click", required_argument, NULL, O_DEFECT },   { "clip", required_argument, NULL, O_DEFECT },
    { "drop", required_argument, NULL, O_DEFECT },    { "dc", required_argument, NULL, O_DEFECT },
    { "invert", required_argument, NULL, O_DEFECT },  { "copy", required_argument, NULL, O_DEFECT },
    { NULL, 0, NULL, 0 },
};

static int parse_layout(const char *s, QcMxfwAudioLayout *out)
{
    static const char *const names[] = { "mono", "stereo", "5.1", "7.1" };
    for (int i = 0; i < 4; i++) {
        if (!strcmp(s, names[i])) {
            *out = (QcMxfwAudioLayout)i;
            return 0;
        }
    }
    return 1;
}

static int parse_mca_defect(const char *s, QcMxfwMcaDefect *out)
{
    static const char *const names[] = { "none", "missing-channel", "duplicate-id", "broken-link",
                                         "no-group", "wrong-group", "no-assignment" };
    for (int i = 0; i < 7; i++) {
        if (!strcmp(s, names[i])) {
            *out = (QcMxfwMcaDefect)i;
            return 0;
        }
    }
    return 1;
}

static int take(AudioOpts *o, const int code, const int idx, const char *arg)
{
    char *end;
    switch (code) {
    case 'o': o->out = arg; return 0;
    case O_SECONDS:
        o->seconds = strtod(arg, &end);
        return end == arg || *end || !(o->seconds > 0 && o->seconds < 1e6);
    case O_LAYOUT: return parse_layout(arg, &o->layout);
    case O_RATE: return qc_mxfw_cmd_int(arg, 8000, 192000, &o->rate);
    case O_LANGUAGE: o->language = arg; return 0;
    case O_TITLE: o->title = arg; return 0;
    case O_SEED: return qc_mxfw_cmd_seed(arg, &o->seed);
    case O_MCA: return parse_mca_defect(arg, &o->mca_defect);
    case O_DEFECT:
        if (o->ndefects == MAX_DEFECTS)
            return 1;
        o->kind[o->ndefects] = (QcSynthDefectKind)qc_synth_defect_kind(audio_opts[idx].name);
        o->spec[o->ndefects++] = arg;
        return 0;
    default: return 1;
    }
}

/* Returns -1 to go on, else an exit status. */
static int parse(AudioOpts *o, int argc, char **argv)
{
    optind = 1;
    opterr = 0;
    int code, idx = -1;
    while ((code = getopt_long(argc, argv, ":o:", audio_opts, &idx)) != -1) {
        if (code == '?')
            return qc_mxfw_cmd_die("unknown option '%s' (try --help)", argv[optind - 1]);
        if (code == ':')
            return qc_mxfw_cmd_die("option '%s' needs a value", argv[optind - 1]);
        if (code == O_HELP) {
            fputs(qc_mxfw_cmd_usage, stdout);
            return 0;
        }
        if (take(o, code, idx, optarg))
            return qc_mxfw_cmd_die("bad value '%s' for %s%s", optarg ? optarg : "", code == 'o' ? "-" : "--",
                                   code == 'o' ? "o" : idx >= 0 ? audio_opts[idx].name : "?");
        idx = -1;
    }
    if (optind < argc)
        return qc_mxfw_cmd_die("unexpected argument '%s'", argv[optind]);
    if (!o->out)
        return qc_mxfw_cmd_die("missing -o OUT");
    return -1;
}

/* The programme renders 7.1 as L R C LFE Lrs Rrs Lss Rss (WAVE mask order); 7.1DS in MXF lists the side
 * pair first. perm[i] = the programme channel that becomes file channel i. */
static void file_order(const QcMxfwAudioLayout layout, int perm[8])
{
    static const int ds[8] = { 0, 1, 2, 3, 6, 7, 4, 5 };
    for (int i = 0; i < 8; i++)
        perm[i] = layout == QC_MXFW_LAYOUT_71DS ? ds[i] : i;
}

static QcSynthLayout synth_layout(const QcMxfwAudioLayout l)
{
    return l == QC_MXFW_LAYOUT_MONO     ? QC_SYNTH_LAYOUT_MONO
         : l == QC_MXFW_LAYOUT_STEREO ? QC_SYNTH_LAYOUT_STEREO
         : l == QC_MXFW_LAYOUT_51     ? QC_SYNTH_LAYOUT_51
                                      : QC_SYNTH_LAYOUT_71;
}

static void quantize(const double *in, const size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        const double x = in[i];
        const int32_t code = x >= 1.0 ? MAX_CODE : x <= -1.0 ? -MAX_CODE : (int32_t)lrint(x * MAX_CODE);
        out[3 * i] = (uint8_t)code;
        out[3 * i + 1] = (uint8_t)(code >> 8);
        out[3 * i + 2] = (uint8_t)(code >> 16);
    }
}

typedef struct Job {
    const AudioOpts     *o;
    QcSynthProgramme    *prog;
    const QcSynthDefect *defects;
    int                  ch;
    int64_t              frames;
} Job;

static int stream(const Job *j, QcMxfwAudio *w, QcMxfwErr *err)
{
    const size_t ch = (size_t)j->ch;
    double *raw = malloc(sizeof(double) * QC_SYNTH_BLOCK * ch);
    double *buf = malloc(sizeof(double) * QC_SYNTH_BLOCK * ch);
    uint8_t *pcm = malloc(3 * QC_SYNTH_BLOCK * ch);
    int perm[8], r = raw && buf && pcm ? 0 : QC_MXFW_ERR_NOMEM;
    file_order(j->o->layout, perm);
    for (int64_t pos = 0; !r && pos < j->frames; pos += QC_SYNTH_BLOCK) {
        const size_t n = j->frames - pos < QC_SYNTH_BLOCK ? (size_t)(j->frames - pos) : QC_SYNTH_BLOCK;
        qc_synth_programme_render(j->prog, raw, n);
        for (size_t f = 0; f < n; f++)
            for (size_t c = 0; c < ch; c++)
                buf[f * ch + c] = raw[f * ch + (size_t)perm[c]];
        qc_synth_defects_apply(j->defects, (size_t)j->o->ndefects, buf, j->ch, (int)j->o->rate, pos, n,
                               j->o->seed);
        quantize(buf, n * ch, pcm);
        r = qc_mxfw_audio_write(w, pcm, n, err);
    }
    if (r == QC_MXFW_ERR_NOMEM)
        snprintf(err->msg, sizeof(err->msg), "out of memory");
    free(raw);
    free(buf);
    free(pcm);
    return r;
}

static int run(const AudioOpts *o, const QcSynthDefect *defects, const int ch, const int64_t frames)
{
    QcSynthErr serr = { "" };
    const QcSynthProgrammeSettings ps = { (int)o->rate, ch, synth_layout(o->layout), frames, o->seed };
    QcSynthProgramme *prog;
    if (qc_synth_programme_open(&prog, &ps, &serr))
        return qc_mxfw_cmd_die("%s", serr.msg);
    QcMxfwAudioSettings s;
    qc_mxfw_audio_default_settings(&s);
    s.path = o->out;
    s.sample_rate = (int)o->rate;
    s.layout = o->layout;
    s.language = o->language;
    s.mca_defect = o->mca_defect;
    s.title = o->title;
    s.seed = o->seed;
    QcMxfwErr err = { "" };
    QcMxfwAudio *w;
    int r = qc_mxfw_audio_open(&w, &s, &err);
    if (!r) {
        const Job j = { o, prog, defects, ch, frames };
        r = stream(&j, w, &err);
        const int rc = qc_mxfw_audio_close(&w, r ? NULL : &err);
        r = r ? r : rc;
        if (r)
            unlink(o->out); /* no half-written file that looks valid */
    }
    qc_synth_programme_close(&prog);
    return r ? qc_mxfw_cmd_die("%s: %s", o->out, err.msg) : 0;
}

int qc_mxfw_cmd_audio(int argc, char **argv)
{
    AudioOpts o = { .seconds = 30.0, .rate = 48000, .layout = QC_MXFW_LAYOUT_51, .seed = 1 };
    const int pr = parse(&o, argc, argv);
    if (pr >= 0)
        return pr;
    const int ch = qc_mxfw_layout_channels(o.layout);
    const int64_t frames = llround(o.seconds * (double)o.rate);
    static QcSynthDefect defects[MAX_DEFECTS];
    QcSynthErr serr = { "" };
    for (int i = 0; i < o.ndefects; i++)
        if (qc_synth_defect_parse(&defects[i], o.kind[i], o.spec[i], (int)o.rate, ch, frames, &serr))
            return qc_mxfw_cmd_die("%s", serr.msg);
    return run(&o, defects, ch, frames);
}
