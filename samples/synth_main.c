/* SPDX-License-Identifier: MIT */
/* imfqc-synth: writes deterministic test audio (programme with defects, tones, EBU 3341/3342 signals)
 * IMF track files (mxf-audio, mxf-video: see mxf/synth_cmd.h) and IMF packages around them (imp: see
 * imp/imp_cmd.h). */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "imp_cmd.h"
#include "synth.h"
#include "synth_cmd.h"

#define EXIT_USAGE  2
#define MAX_DEFECTS 256

static const char usage_text[] =
    "usage: imfqc-synth COMMAND -o OUT.wav [options]\n"
    "\n"
    "Writes deterministic test audio through libsndfile. OUT ends in .wav (WAVE_FORMAT_EXTENSIBLE above two\n"
    "channels, with a channel mask), .rf64, .aif or .aiff.\n"
    "\n"
    "commands:\n"
    "  programme   a clean, realistic programme (music bed, ambience, dialogue, LFE), about -24 LUFS,\n"
    "              true peak below -3 dBTP, with optional defects at exact places\n"
    "  tone        a sine, the same on every channel\n"
    "  ebu3341     EBU Tech 3341 test signal: --case 1-6, 9, 10 (--sub 1-20), 12, 15-23\n"
    "  ebu3342     EBU Tech 3342 test signal: --case 1-4\n"
    "  mxf-audio   the programme as an IMF audio track file (see below)\n"
    "  mxf-video   moving test pictures as an IMF JPEG 2000 track file (see below)\n"
    "  imp         an IMF package (CPL, PKL, ASSETMAP) around track files (see below)\n"
    "\n"
    "common options:\n"
    "  -o, --output FILE     output path (required)\n"
    "  --bits 16|24|32|float sample format (programme and tone: 24; ebu: float)\n"
    "  --rate HZ             sample rate (programme and tone; default 48000)\n"
    "  --channels N          channel count (programme: from --layout; tone: 2)\n"
    "  --seconds S           duration (programme: 30; tone: 10)\n"
    "\n"
    "programme:\n"
    "  --layout 5.1|stereo|mono|7.1|5.0   default 5.1 = L R C LFE Ls Rs; 7.1 = L R C LFE Lrs Rrs Lss Rss\n"
    "  --seed K              PRNG seed (default 1)\n"
    "  defects (repeatable; CH is 0-based or 'all'; T is 12.5s, 12.5 (seconds) or 600000n (samples)):\n"
    "  --silence CH:T0:T1    replace [T0,T1) by noise at -80 dBFS RMS (5 ms crossfades outside the segment)\n"
    "  --zero CH:T0:T1       exact digital zero over [T0,T1) (a dropout when short)\n"
    "  --click CH:T:DBFS     add a one-sample impulse of DBFS (<= 0) at sample T\n"
    "  --clip CH:T0:T1[:DB]  overdrive [T0,T1) by DB (default 40) and saturate at the largest code\n"
    "  --drop CH:T0:T1:DB    attenuate [T0,T1) by DB (2 ms raised-cosine edges outside the segment)\n"
    "  --dc CH:VALUE         add VALUE (fraction of full scale) to the whole channel\n"
    "  --invert CH           invert the polarity of a channel\n"
    "  --copy DST:SRC        make channel DST identical to channel SRC\n"
    "  Defects apply in the order copy, invert, silence, drop, dc, click, clip, zero.\n"
    "\n"
    "tone:\n"
    "  --freq HZ --dbfs L    frequency and peak level (required)\n"
    "  --phase DEG           starting phase (default 0)\n"
    "  --fade MS             raised-cosine fade in and out (default 0)\n"
    "\n"
    "ebu3341 / ebu3342:\n"
    "  --case N              test case number\n"
    "  --sub I               3341 case 10: which of the 20 files (default 1)\n"
    "\n"
    "Errors print a message on stderr and exit with status 2.\n"
    "\n";

typedef enum Cmd { CMD_PROGRAMME, CMD_TONE, CMD_EBU3341, CMD_EBU3342 } Cmd;

typedef struct DefectArg {
    QcSynthDefectKind kind;
    const char       *spec;
} DefectArg;

typedef struct Opts {
    Cmd           cmd;
    const char   *out;
    double        seconds, freq, dbfs, phase, fade_ms;
    int           rate, channels, tcase, sub;
    int           has_seconds, has_freq, has_dbfs, has_case, has_layout;
    QcSynthFormat format;
    int           has_format;
    QcSynthLayout layout;
    uint64_t      seed;
    DefectArg     defect[MAX_DEFECTS];
    int           ndefects;
} Opts;

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("imfqc-synth: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_USAGE;
}

static int num(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return errno || end == s || *end;
}

static int inum(const char *s, int *out, const long lo, const long hi)
{
    char *end;
    errno = 0;
    const long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return 1;
    *out = (int)v;
    return 0;
}

enum { O_SECONDS = 256, O_RATE, O_CHANNELS, O_BITS, O_SEED, O_LAYOUT, O_FREQ, O_DBFS, O_PHASE, O_FADE,
       O_CASE, O_SUB, O_DEFECT, O_HELP };

static const struct option long_opts[] = {
    { "output", required_argument, NULL, 'o' },      { "seconds", required_argument, NULL, O_SECONDS },
    { "rate", required_argument, NULL, O_RATE },     { "channels", required_argument, NULL, O_CHANNELS },
    { "bits", required_argument, NULL, O_BITS },     { "seed", required_argument, NULL, O_SEED },
    { "layout", required_argument, NULL, O_LAYOUT }, { "freq", required_argument, NULL, O_FREQ },
    { "dbfs", required_argument, NULL, O_DBFS },     { "phase", required_argument, NULL, O_PHASE },
    { "fade", required_argument, NULL, O_FADE },     { "case", required_argument, NULL, O_CASE },
    { "sub", required_argument, NULL, O_SUB },       { "help", no_argument, NULL, O_HELP },
    { "silence", required_argument, NULL, O_DEFECT }, { "zero", required_argument, NULL, O_DEFECT },
    { "click", required_argument, NULL, O_DEFECT },  { "clip", required_argument, NULL, O_DEFECT },
    { "drop", required_argument, NULL, O_DEFECT },   { "dc", required_argument, NULL, O_DEFECT },
    { "invert", required_argument, NULL, O_DEFECT }, { "copy", required_argument, NULL, O_DEFECT },
    { NULL, 0, NULL, 0 },
};

/* Whether a command accepts an option (getopt code). */
static int allowed(const Cmd cmd, const int code)
{
    switch (code) {
    case 'o': case O_BITS: case O_HELP: return 1;
    case O_SECONDS: case O_RATE: case O_CHANNELS: return cmd == CMD_PROGRAMME || cmd == CMD_TONE;
    case O_SEED: case O_LAYOUT: case O_DEFECT: return cmd == CMD_PROGRAMME;
    case O_FREQ: case O_DBFS: case O_PHASE: case O_FADE: return cmd == CMD_TONE;
    case O_CASE: return cmd == CMD_EBU3341 || cmd == CMD_EBU3342;
    case O_SUB: return cmd == CMD_EBU3341;
    default: return 0;
    }
}

static int take(Opts *o, const int code, const int idx, const char *arg)
{
    switch (code) {
    case 'o': o->out = arg; return 0;
    case O_SECONDS:
        o->has_seconds = 1;
        return num(arg, &o->seconds) || !(o->seconds > 0.0 && o->seconds < 1e6);
    case O_RATE: return inum(arg, &o->rate, 8000, 768000);
    case O_CHANNELS: return inum(arg, &o->channels, 1, QC_SYNTH_MAX_CHANNELS);
    case O_BITS: o->has_format = 1; return qc_synth_format_parse(arg, &o->format) != 0;
    case O_SEED: {
        char *end;
        errno = 0;
        o->seed = strtoull(arg, &end, 0);
        return errno || end == arg || *end;
    }
    case O_LAYOUT: o->has_layout = 1; return qc_synth_layout_parse(arg, &o->layout) != 0;
    case O_FREQ: o->has_freq = 1; return num(arg, &o->freq);
    case O_DBFS: o->has_dbfs = 1; return num(arg, &o->dbfs);
    case O_PHASE: return num(arg, &o->phase);
    case O_FADE: return num(arg, &o->fade_ms) || o->fade_ms < 0.0;
    case O_CASE: o->has_case = 1; return inum(arg, &o->tcase, 1, 99);
    case O_SUB: return inum(arg, &o->sub, 1, 20);
    case O_DEFECT:
        if (o->ndefects == MAX_DEFECTS)
            return 1;
        o->defect[o->ndefects].kind = (QcSynthDefectKind)qc_synth_defect_kind(long_opts[idx].name);
        o->defect[o->ndefects++].spec = arg;
        return 0;
    default: return 1;
    }
}

static int parse_cmd(const char *name, Cmd *cmd)
{
    static const char *const names[] = { "programme", "tone", "ebu3341", "ebu3342" };
    for (int i = 0; i < 4; i++) {
        if (!strcmp(name, names[i])) {
            *cmd = (Cmd)i;
            return 0;
        }
    }
    return 1;
}

/* Returns -1 to go on, else an exit status. */
static int parse(Opts *o, int argc, char **argv)
{
    if (argc < 2)
        return die("missing command (try --help)");
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage_text, stdout);
        fputs(qc_mxfw_cmd_usage, stdout);
        fputs(qc_imp_cmd_usage, stdout);
        return 0;
    }
    if (parse_cmd(argv[1], &o->cmd))
        return die("unknown command '%s' (try --help)", argv[1]);
    char **av = argv + 1;
    const int ac = argc - 1;
    optind = 1;
    opterr = 0;
    int code, idx = -1;
    while ((code = getopt_long(ac, av, ":o:", long_opts, &idx)) != -1) {
        char name[32];
        snprintf(name, sizeof(name), "%s%s", code == 'o' ? "-" : "--",
                 code == 'o' ? "o" : idx >= 0 ? long_opts[idx].name : "?");
        if (code == '?')
            return die("unknown option '%s' (try --help)", av[optind - 1]);
        if (code == ':')
            return die("option '%s' needs a value", av[optind - 1]);
        if (!allowed(o->cmd, code))
            return die("option '%s' does not apply to %s", name, argv[1]);
        if (code == O_HELP) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (take(o, code, idx, optarg))
            return die("bad value '%s' for %s", optarg ? optarg : "", name);
        idx = -1;
    }
    if (optind < ac)
        return die("unexpected argument '%s'", av[optind]);
    if (!o->out)
        return die("missing -o OUT");
    return -1;
}

/* ---------------------------------------------------------------------------------------------- */

typedef void (*RenderFn)(void *gen, double *out, size_t count);

typedef struct Job {
    QcSynthWriterSettings ws;
    int64_t               frames;
    RenderFn              render;
    void                 *gen;
    const QcSynthDefect  *defects;
    size_t                ndefects;
    uint64_t              seed;
} Job;

static int run(const Job *j)
{
    QcSynthErr err = { "" };
    QcSynthWriter *w;
    if (qc_synth_writer_open(&w, &j->ws, &err))
        return die("%s", err.msg);
    const int ch = j->ws.channels;
    double *buf = malloc(sizeof(double) * QC_SYNTH_BLOCK * (size_t)ch);
    int r = buf ? 0 : QC_SYNTH_ERR_NOMEM;
    for (int64_t pos = 0; !r && pos < j->frames; pos += QC_SYNTH_BLOCK) {
        const size_t n = j->frames - pos < QC_SYNTH_BLOCK ? (size_t)(j->frames - pos) : QC_SYNTH_BLOCK;
        j->render(j->gen, buf, n);
        qc_synth_defects_apply(j->defects, j->ndefects, buf, ch, j->ws.sample_rate, pos, n, j->seed);
        r = qc_synth_writer_write(w, buf, n, &err);
    }
    free(buf);
    const int rc = qc_synth_writer_close(&w, r ? NULL : &err);
    if (r || rc) {
        unlink(j->ws.path); /* no half-written file that looks valid */
        return die("%s: %s", j->ws.path, r == QC_SYNTH_ERR_NOMEM ? "out of memory" : err.msg);
    }
    return 0;
}

static void render_programme(void *g, double *out, size_t n) { qc_synth_programme_render(g, out, n); }
static void render_signal(void *g, double *out, size_t n) { qc_synth_signal_render(g, out, n); }

static int cmd_programme(Opts *o)
{
    if (!o->has_layout)
        o->layout = o->channels ? qc_synth_layout_default(o->channels) : QC_SYNTH_LAYOUT_51;
    const int lch = qc_synth_layout_channels(o->layout);
    if (o->channels && lch && o->channels != lch)
        return die("--channels %d does not match --layout (%d channels)", o->channels, lch);
    if (!o->channels)
        o->channels = lch;
    const int64_t frames = llround((o->has_seconds ? o->seconds : 30.0) * o->rate);
    static QcSynthDefect defects[MAX_DEFECTS];
    QcSynthErr err = { "" };
    for (int i = 0; i < o->ndefects; i++)
        if (qc_synth_defect_parse(&defects[i], o->defect[i].kind, o->defect[i].spec, o->rate, o->channels,
                                  frames, &err))
            return die("%s", err.msg);
    const QcSynthProgrammeSettings ps = { o->rate, o->channels, o->layout, frames, o->seed };
    QcSynthProgramme *p;
    if (qc_synth_programme_open(&p, &ps, &err))
        return die("%s", err.msg);
    const Job j = { { o->out, o->rate, o->channels, o->format, o->layout }, frames, render_programme, p,
                    defects, (size_t)o->ndefects, o->seed };
    const int r = run(&j);
    qc_synth_programme_close(&p);
    return r;
}

static int cmd_signal(Opts *o)
{
    QcSynthErr err = { "" };
    QcSynthSignal *s;
    int r;
    if (o->cmd == CMD_TONE) {
        if (!o->has_freq || !o->has_dbfs)
            return die("tone needs --freq and --dbfs");
        const QcSynthToneSettings t = { o->freq, o->dbfs, o->phase, o->has_seconds ? o->seconds : 10.0,
                                        o->fade_ms, o->rate, o->channels ? o->channels : 2 };
        r = qc_synth_tone_open(&s, &t, &err);
    } else {
        if (!o->has_case)
            return die("%s needs --case", o->cmd == CMD_EBU3341 ? "ebu3341" : "ebu3342");
        if (!o->has_format)
            o->format = QC_SYNTH_FLOAT;
        r = qc_synth_ebu_open(&s, o->cmd == CMD_EBU3341 ? 3341 : 3342, o->tcase, o->sub, &err);
    }
    if (r)
        return die("%s", r == QC_SYNTH_ERR_NOMEM ? "out of memory" : err.msg);
    const Job j = { { o->out, qc_synth_signal_rate(s), qc_synth_signal_channels(s), o->format,
                      qc_synth_signal_layout(s) },
                    qc_synth_signal_frames(s), render_signal, s, NULL, 0, 0 };
    r = run(&j);
    qc_synth_signal_close(&s);
    return r;
}

int main(int argc, char **argv)
{
    /* The MXF commands have their own option tables; they only share the exit-status contract. */
    if (argc >= 2 && !strcmp(argv[1], "mxf-audio"))
        return qc_mxfw_cmd_audio(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "mxf-video"))
        return qc_mxfw_cmd_video(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "imp"))
        return qc_imp_cmd(argc - 1, argv + 1);
    static Opts o;
    o.rate = 48000;
    o.format = QC_SYNTH_PCM24;
    o.seed = 1;
    o.sub = 1;
    const int r = parse(&o, argc, argv);
    if (r >= 0)
        return r;
    return o.cmd == CMD_PROGRAMME ? cmd_programme(&o) : cmd_signal(&o);
}
