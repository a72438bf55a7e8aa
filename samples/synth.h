/* SPDX-License-Identifier: MIT */
/**
 * @file synth.h
 * Deterministic test-signal synthesis for imfqc: a clean multichannel "programme", defects injected at exact
 * samples, the EBU Tech 3341/3342 loudness test signals, plain tones, and a streaming WAV/AIFF writer.
 *
 * Every generator renders interleaved double samples in [-1, 1] block by block, so memory does not grow with
 * duration. The same settings and seed give the same samples on a given platform (libm may differ in the last
 * bit elsewhere, which the golden tests' tolerances absorb).
 */
#ifndef QC_SAMPLES_SYNTH_H
#define QC_SAMPLES_SYNTH_H

#include <stddef.h>
#include <stdint.h>

/** Return codes: 0 or one of these negative values. */
enum {
    QC_SYNTH_OK        = 0,
    QC_SYNTH_ERR_INVAL = -1, ///< bad argument or specification
    QC_SYNTH_ERR_IO    = -2, ///< libsndfile could not open or write the file
    QC_SYNTH_ERR_NOMEM = -3,
};

#define QC_SYNTH_MAX_CHANNELS 16
#define QC_SYNTH_BLOCK        4800 ///< frames per rendered block (100 ms at 48 kHz)

/** Where an error happened, in words. Filled by every function that takes one. */
typedef struct QcSynthErr {
    char msg[256];
} QcSynthErr;

typedef enum QcSynthFormat {
    QC_SYNTH_PCM16,
    QC_SYNTH_PCM24,
    QC_SYNTH_PCM32,
    QC_SYNTH_FLOAT, ///< 32-bit IEEE float
} QcSynthFormat;

/** Loudspeaker layouts. Channel order is the WAVEFORMATEXTENSIBLE mask order. */
typedef enum QcSynthLayout {
    QC_SYNTH_LAYOUT_NONE,   ///< no channel map is written; roles follow the channel count
    QC_SYNTH_LAYOUT_MONO,   ///< M
    QC_SYNTH_LAYOUT_STEREO, ///< L R
    QC_SYNTH_LAYOUT_50,     ///< L R C Ls Rs (mask 0x37)
    QC_SYNTH_LAYOUT_51,     ///< L R C LFE Ls Rs (mask 0x3F)
    QC_SYNTH_LAYOUT_71,     ///< L R C LFE Lrs Rrs Lss Rss (mask 0x63F: back pair before side pair)
} QcSynthLayout;

/** @return 0, or QC_SYNTH_ERR_INVAL for an unknown name ("mono", "stereo", "5.0", "5.1", "7.1"). */
int qc_synth_layout_parse(const char *name, QcSynthLayout *out);
/** @return the channel count of a layout, 0 for QC_SYNTH_LAYOUT_NONE. */
int qc_synth_layout_channels(QcSynthLayout layout);
/** @return the short label of channel ch ("L", "LFE", ...), or "?" outside the layout. */
const char *qc_synth_layout_label(QcSynthLayout layout, int ch);
/** @return the layout implied by a bare channel count (1, 2, 5, 6, 8), else QC_SYNTH_LAYOUT_NONE. */
QcSynthLayout qc_synth_layout_default(int channels);

/** @return 0, or QC_SYNTH_ERR_INVAL unless name is "16", "24", "32" or "float". */
int qc_synth_format_parse(const char *name, QcSynthFormat *out);

/**
 * Parse a time: "12.5s" or "12.5" (seconds), or "600000n" (samples).
 * @param rate sample rate in Hz, to convert seconds (rounded to the nearest sample)
 * @return 0, or QC_SYNTH_ERR_INVAL for a malformed or negative value.
 */
int qc_synth_time_parse(const char *text, int rate, int64_t *samples);

/* ---------------------------------------------------------------------------------------------- */
/* Writer */

typedef struct QcSynthWriterSettings {
    const char   *path;        ///< .wav, .rf64, .aif or .aiff
    int           sample_rate; ///< Hz
    int           channels;
    QcSynthFormat format;
    QcSynthLayout layout;      ///< written as a channel map (WAVEX mask, AIFF CHAN) above 2 channels
} QcSynthWriterSettings;

typedef struct QcSynthWriter QcSynthWriter;

/**
 * Create the file. WAV with more than two channels is written as WAVE_FORMAT_EXTENSIBLE.
 * @return 0, QC_SYNTH_ERR_INVAL (extension, format or channel map), QC_SYNTH_ERR_IO, QC_SYNTH_ERR_NOMEM.
 */
int qc_synth_writer_open(QcSynthWriter **out, const QcSynthWriterSettings *s, QcSynthErr *err);
/**
 * Quantize and append interleaved frames. |x| >= 1 saturates to exactly +/- the largest code
 * (+/-1.0 in float); other values are rounded to the nearest code.
 * @return 0 or QC_SYNTH_ERR_IO.
 */
int qc_synth_writer_write(QcSynthWriter *w, const double *frames, size_t count, QcSynthErr *err);
/** Finish the header and close. Sets *w to NULL. @return 0 or QC_SYNTH_ERR_IO. */
int qc_synth_writer_close(QcSynthWriter **w, QcSynthErr *err);

/* ---------------------------------------------------------------------------------------------- */
/* Programme */

typedef struct QcSynthProgrammeSettings {
    int           sample_rate; ///< Hz
    int           channels;
    QcSynthLayout layout;      ///< channel roles; NONE derives them from the channel count
    int64_t       frames;      ///< total length in samples, for the head and tail fades
    uint64_t      seed;
} QcSynthProgrammeSettings;

typedef struct QcSynthProgramme QcSynthProgramme;

/** @return 0, QC_SYNTH_ERR_INVAL or QC_SYNTH_ERR_NOMEM. */
int qc_synth_programme_open(QcSynthProgramme **out, const QcSynthProgrammeSettings *s, QcSynthErr *err);
/** Render the next count frames (count <= QC_SYNTH_BLOCK), interleaved. */
void qc_synth_programme_render(QcSynthProgramme *p, double *out, size_t count);
/** Sets *p to NULL. */
void qc_synth_programme_close(QcSynthProgramme **p);

/* ---------------------------------------------------------------------------------------------- */
/* Defects */

typedef enum QcSynthDefectKind {
    QC_SYNTH_DEFECT_COPY,    ///< applied first, in this enum's order
    QC_SYNTH_DEFECT_INVERT,
    QC_SYNTH_DEFECT_SILENCE,
    QC_SYNTH_DEFECT_DROP,
    QC_SYNTH_DEFECT_DC,
    QC_SYNTH_DEFECT_CLICK,
    QC_SYNTH_DEFECT_CLIP,
    QC_SYNTH_DEFECT_ZERO,    ///< applied last, so a dropout stays exact digital zero
    QC_SYNTH_DEFECT_COUNT,
} QcSynthDefectKind;

typedef struct QcSynthDefect {
    QcSynthDefectKind kind;
    int     channel; ///< 0-based; -1 = every channel
    int     source;  ///< copy: the channel copied from
    int64_t start;   ///< samples; click: the impulse position
    int64_t end;     ///< samples, exclusive
    double  value;   ///< click: dBFS; drop: attenuation, dB; dc: offset, FS; clip: overdrive, dB
} QcSynthDefect;

/** @return the defect kind for an option name without dashes ("silence", "zero", ...), or -1. */
int qc_synth_defect_kind(const char *name);

/**
 * Parse one defect specification, e.g. "2:8.0s:-12" for a click or "all:10s:14s" for silence.
 * @param frames length of the programme in samples; segments must lie inside it
 * @return 0 or QC_SYNTH_ERR_INVAL.
 */
int qc_synth_defect_parse(QcSynthDefect *d, QcSynthDefectKind kind, const char *spec, int rate,
                          int channels, int64_t frames, QcSynthErr *err);

/**
 * Apply defects to one rendered block, in kind order then in the order given.
 * @param first sample index of the block's first frame
 */
void qc_synth_defects_apply(const QcSynthDefect *d, size_t n, double *buf, int channels, int rate,
                            int64_t first, size_t count, uint64_t seed);

/* ---------------------------------------------------------------------------------------------- */
/* Test signals: tones and EBU Tech 3341 / 3342 */

typedef struct QcSynthToneSettings {
    double freq;        ///< Hz
    double dbfs;        ///< peak level, dBFS
    double phase_deg;   ///< starting phase, degrees
    double seconds;
    double fade_ms;     ///< raised-cosine fade in and out; 0 = none
    int    sample_rate; ///< Hz
    int    channels;
} QcSynthToneSettings;

typedef struct QcSynthSignal QcSynthSignal;

/** @return 0, QC_SYNTH_ERR_INVAL or QC_SYNTH_ERR_NOMEM. */
int qc_synth_tone_open(QcSynthSignal **out, const QcSynthToneSettings *s, QcSynthErr *err);
/**
 * EBU Tech 3341 (standard 3341: cases 1-6, 9, 10, 12, 15-23) or Tech 3342 (standard 3342: cases 1-4).
 * @param sub for 3341 case 10, which of the 20 files (1-20); ignored otherwise
 * @return 0, QC_SYNTH_ERR_INVAL or QC_SYNTH_ERR_NOMEM.
 */
int qc_synth_ebu_open(QcSynthSignal **out, int standard, int tcase, int sub, QcSynthErr *err);

int64_t       qc_synth_signal_frames(const QcSynthSignal *s);   ///< total length, samples
int           qc_synth_signal_channels(const QcSynthSignal *s);
int           qc_synth_signal_rate(const QcSynthSignal *s);     ///< Hz
QcSynthLayout qc_synth_signal_layout(const QcSynthSignal *s);
/** Render the next count frames (count <= QC_SYNTH_BLOCK), interleaved. */
void qc_synth_signal_render(QcSynthSignal *s, double *out, size_t count);
/** Sets *s to NULL. */
void qc_synth_signal_close(QcSynthSignal **s);

#endif /* QC_SAMPLES_SYNTH_H */
