// SPDX-License-Identifier: MIT
#include "engine/report/report_writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/report/html_internal.h"
#include "engine/report/json_internal.h"
#include "engine/report/text_internal.h"

int qc_report_write(const QcReport *r, QcReportFormat fmt, FILE *out)
{
    if (fmt == QC_FORMAT_TEXT)
        return qc_report_write_text(r, out) < 0 ? QC_ERR_IO : 0;
    if (fmt == QC_FORMAT_HTML)
        return qc_report_write_html(r, out) < 0 ? QC_ERR_IO : 0;
    json_t *root = qc_report_to_json(r);
    if (!root)
        return QC_ERR_NOMEM;
    int ret = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) == 0 ? 0 : QC_ERR_IO;
    if (!ret && fputc('\n', out) == EOF)
        ret = QC_ERR_IO;
    json_decref(root);
    return ret;
}

int qc_report_write_file(const QcReport *r, QcReportFormat fmt, const char *path, QcError *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return qc_error_set(err, QC_ERR_IO, "%s: cannot create a temporary file: %s", path,
                            strerror(e));
    }
    /* mkstemp makes the file private; give the report the mode a plain fopen would */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE *f = fdopen(fd, "w");
    int ret = f ? qc_report_write(r, fmt, f) : QC_ERR_IO;
    if (f && fflush(f) != 0)
        ret = QC_ERR_IO;
    if (f && !ret && fsync(fileno(f)) != 0)
        ret = QC_ERR_IO;
    if (f ? fclose(f) != 0 : close(fd) != 0)
        ret = QC_ERR_IO;
    if (!ret && rename(tmp, path) != 0)
        ret = QC_ERR_IO;
    if (ret) {
        int e = errno;
        unlink(tmp);
        qc_error_set(err, ret, "%s: cannot write the report: %s", path, strerror(e));
    }
    free(tmp);
    return ret;
}

int qc_report_format_from_path(const char *path, QcReportFormat *fmt)
{
    const char *dot = strrchr(path, '.');
    if (dot && !strcmp(dot, ".json"))
        *fmt = QC_FORMAT_JSON;
    else if (dot && !strcmp(dot, ".txt"))
        *fmt = QC_FORMAT_TEXT;
    else if (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm")))
        *fmt = QC_FORMAT_HTML;
    else
        return -1;
    return 0;
}
