// SPDX-License-Identifier: MIT
/**
 * @file report_writer.h
 * Report serialisation: JSON (schema imfqc-report/1, through jansson), a text summary and an
 * HTML page for people; files are written atomically (temporary file in the same folder, then rename).
 */
#ifndef QC_ENGINE_REPORT_REPORT_WRITER_H
#define QC_ENGINE_REPORT_REPORT_WRITER_H

#include <jansson.h>
#include <stdio.h>

#include "engine/core/error.h"
#include "engine/core/report.h"

typedef enum QcReportFormat {
    QC_FORMAT_TEXT,
    QC_FORMAT_JSON,
    QC_FORMAT_HTML, ///< one self-contained page with plots (thumbnails when the report has them)
} QcReportFormat;

/** Writes @p r to @p out. @return 0 or QC_ERR_IO / QC_ERR_NOMEM. */
int qc_report_write(const QcReport *r, QcReportFormat fmt, FILE *out);

/**
 * Writes @p r to @p path atomically: a reader sees the old file or the whole new one.
 * @return 0, QC_ERR_IO (with @p err naming the path), QC_ERR_NOMEM.
 */
int qc_report_write_file(const QcReport *r, QcReportFormat fmt, const char *path, QcError *err);

/** Format from a file name's extension (.json, .txt, .html); @return 0, or -1 when unknown. */
int qc_report_format_from_path(const char *path, QcReportFormat *fmt);

/** A JSON string that is always valid (bytes that are not UTF-8 become '?'); null for NULL. */
json_t *qc_json_str(const char *s);

#endif
