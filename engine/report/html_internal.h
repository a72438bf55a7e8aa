// SPDX-License-Identifier: MIT
/* Pieces of the HTML writer shared by its files: one self-contained page, plots as inline SVG. */
#ifndef QC_ENGINE_REPORT_HTML_INTERNAL_H
#define QC_ENGINE_REPORT_HTML_INTERNAL_H

#include <stdio.h>

#include "engine/core/report.h"

/** @return 0, or -1 when the stream failed */
int qc_report_write_html(const QcReport *r, FILE *o);

/** Writes @p s with &, <, >, " and ' escaped and control characters dropped. */
void qc_html_text(FILE *o, const char *s);

/** Hex colour of a severity, the same in every plot and table. */
const char *qc_html_sev_colour(QcSeverity s);

/** Where a finding is, for people: composition timecode, else time in the track file, else "". */
void qc_html_finding_at(const QcReport *r, const QcFinding *f, char *buf, size_t size);

/** The last path component of @p path ("" for NULL). */
const char *qc_html_basename(const char *path);

/** Seconds as H:MM:SS or H:MM:SS.mmm (@p millis). */
void qc_html_clock(double s, int millis, char *buf, size_t size);

/** Seconds between time-axis ticks for a span of @p secs: a round step, at most nine ticks. */
double qc_html_tick_step(double secs);

/** Timeline of composition @p c: its virtual tracks, resources, shots and findings. */
void qc_html_composition_timeline(FILE *o, const QcReport *r, int c);

/** Timeline of track file @p t: a lane per channel (audio) or one lane (video). */
void qc_html_track_timeline(FILE *o, const QcReport *r, int t);

/** Momentary and short-term loudness over time of audio track @p t, with the target. */
void qc_html_loudness_plot(FILE *o, const QcReport *r, int t);

/** Per channel: sample peak, RMS and true peak as bars, and a table of the values. */
void qc_html_levels(FILE *o, const QcReport *r, int t);

/** Video track @p t: the shot strip (ticks and first frames) and the frames of its findings. */
void qc_html_pictures(FILE *o, const QcReport *r, int t);

#endif
