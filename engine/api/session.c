// SPDX-License-Identifier: MIT
/* The public session: settings checked once at open, one engine run per inspect, the report
 * kept for the walkers and the writers. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzers/registry.h"
#include "config.h"
#include "engine/api/session_internal.h"
#include "engine/core/lang.h"
#include "engine/pipeline/thumbnails.h"
#include "engine/report/report_writer.h"
#include "kernels/cpu.h"

/* The public values are a promise to callers compiled against an older header: the engine's
 * enums may grow, but these values may not drift. */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(QC_API_ERR_NOMEM, QC_ERR_NOMEM) && SAME(QC_API_ERR_IO, QC_ERR_IO) &&
                   SAME(QC_API_ERR_INVALID_DATA, QC_ERR_INVALID_DATA) &&
                   SAME(QC_API_ERR_UNSUPPORTED, QC_ERR_UNSUPPORTED) &&
                   SAME(QC_API_ERR_LIMIT, QC_ERR_LIMIT) &&
                   SAME(QC_API_ERR_CANCELLED, QC_ERR_CANCELLED) &&
                   SAME(QC_API_ERR_INVAL, QC_ERR_INVAL) &&
                   SAME(QC_API_ERR_INTERNAL, QC_ERR_INTERNAL),
               "public error codes must equal the engine's");
_Static_assert(SAME(QC_API_FYI, QC_SEV_FYI) && SAME(QC_API_ISSUE, QC_SEV_ISSUE) &&
                   SAME(QC_API_BLOCKER, QC_SEV_BLOCKER),
               "public severities must equal the engine's");
_Static_assert(SAME(QC_API_PASS, QC_STATUS_PASS) && SAME(QC_API_FAIL, QC_STATUS_FAIL) &&
                   SAME(QC_API_INCOMPLETE, QC_STATUS_INCOMPLETE),
               "public statuses must equal the engine's");

QC_API const char *qc_version(void)
{
    return QC_VERSION;
}

QC_API void qc_session_default_settings(QcSessionSettings *s)
{
    if (s)
        memset(s, 0, sizeof(*s));
}

static int set_error(QcSession *s, const int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int set_error(QcSession *s, const int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error, sizeof(s->error), fmt, ap);
    va_end(ap);
    return code;
}

static int dup_string(const char *src, char **dst)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : QC_API_ERR_NOMEM;
}

/* The engine keeps pointers to these for every run: the caller's may be gone by then. */
static int copy_strings(QcSession *s, const QcSessionSettings *c)
{
    if (dup_string(c->only, &s->only) < 0 || dup_string(c->skip, &s->skip) < 0 ||
        dup_string(c->expect_language, &s->expect_language) < 0)
        return QC_API_ERR_NOMEM;
    if (c->nb_previous < 0 || (c->nb_previous > 0 && !c->previous))
        return set_error(s, QC_API_ERR_INVAL, "nb_previous is %d without a previous list",
                         c->nb_previous);
    if (c->nb_previous == 0)
        return 0;
    s->previous = calloc((size_t)c->nb_previous, sizeof(char *));
    if (!s->previous)
        return QC_API_ERR_NOMEM;
    for (int i = 0; i < c->nb_previous; i++, s->nb_previous++) {
        if (!c->previous[i])
            return set_error(s, QC_API_ERR_INVAL, "previous[%d] is NULL", i);
        if (dup_string(c->previous[i], &s->previous[i]) < 0)
            return QC_API_ERR_NOMEM;
    }
    return 0;
}

/* The same checks and engine settings as `imfqc inspect`, so a profile or a name the command
 * line refuses is refused here too, with the same message. */
static int configure(QcSession *s, const QcSessionSettings *c)
{
    int ret = copy_strings(s, c);
    if (ret == QC_API_ERR_NOMEM)
        return set_error(s, ret, "out of memory");
    if (ret < 0)
        return ret;
    if (c->threads < 0 || c->threads > 1024)
        return set_error(s, QC_API_ERR_INVAL, "threads must be 0 (all CPUs) or 1 to 1024, not %d",
                         c->threads);
    if (s->expect_language && !qc_lang_well_formed(s->expect_language))
        return set_error(s, QC_API_ERR_INVAL,
                         "expect_language: \"%s\" is not a well-formed RFC 5646 tag",
                         s->expect_language);
    QcError err;
    qc_error_clear(&err);
    ret = qc_profile_load(&s->profile, c->profile ? c->profile : "default", &err);
    if (ret < 0)
        return set_error(s, ret, "profile: %s", err.msg);
    QcInspectSettings *is = &s->settings;
    qc_inspect_default_settings(is);
    is->analyzers = qc_analyzers;
    is->only = s->only;
    is->skip = s->skip;
    is->profile = &s->profile;
    is->threads = c->threads ? c->threads : qc_cpu_count();
    is->fast_decode = !!c->fast_decode;
    is->no_hash = !!c->no_hash;
    is->descriptor_normalized = !!c->descriptor_normalized;
    is->expect_language = s->expect_language;
    is->previous = (const char *const *)s->previous;
    is->nb_previous = s->nb_previous;
    is->cpu_flags = qc_cpu_flags();
    is->cancel = &s->cancel;
    is->progress = c->progress;
    is->opaque = c->opaque;
    ret = qc_inspect_validate(is, &err);
    return ret < 0 ? set_error(s, ret, "%s", err.msg) : 0;
}

QC_API int qc_session_open(QcSession **out, const QcSessionSettings *settings)
{
    if (!out)
        return QC_API_ERR_INVAL;
    QcSession *s = calloc(1, sizeof(*s));
    *out = s;
    if (!s)
        return QC_API_ERR_NOMEM;
    if (!settings)
        return set_error(s, QC_API_ERR_INVAL, "no settings given");
    int ret = configure(s, settings);
    if (ret < 0)
        return ret;
    s->usable = 1;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

QC_API int qc_session_inspect(QcSession *s, const char *const *paths, const int nb_paths)
{
    if (!s || !s->usable)
        return QC_API_ERR_INVAL;
    s->error[0] = 0;
    if (!paths || nb_paths < 1)
        return set_error(s, QC_API_ERR_INVAL, "no path to inspect");
    for (int i = 0; i < nb_paths; i++)
        if (!paths[i])
            return set_error(s, QC_API_ERR_INVAL, "paths[%d] is NULL", i);
    if (s->has_report)
        qc_report_free(&s->report);
    s->has_report = 0;
    s->has_thumbnails = 0;
    QcError err;
    qc_error_clear(&err);
    double t0 = now();
    int ret = qc_inspect(paths, nb_paths, &s->settings, &s->report, &err);
    s->report.elapsed_s = now() - t0;
    snprintf(s->report.cpu, sizeof(s->report.cpu), "%s", qc_cpu_name(s->settings.cpu_flags));
    s->has_report = 1;
    s->cancel = 0;
    if (ret == QC_ERR_CANCELLED)
        return set_error(s, ret, "the inspection was cancelled: the report is partial");
    return ret < 0 ? set_error(s, ret, "%s", err.msg) : 0;
}

QC_API void qc_session_cancel(QcSession *s)
{
    if (s)
        s->cancel = SIGINT;
}

QC_API const char *qc_session_error(const QcSession *s)
{
    return s ? s->error : "out of memory";
}

QC_API QcApiStatus qc_session_status(const QcSession *s)
{
    if (!s || !s->has_report)
        return QC_API_INCOMPLETE;
    return (QcApiStatus)s->report.status;
}

QC_API int qc_session_count(const QcSession *s, const QcApiSeverity severity)
{
    if (!s || !s->has_report || (int)severity < 0 || (int)severity >= QC_SEV_COUNT)
        return 0;
    return s->report.counts[severity];
}

/* Pictures are decoded again only for a page people look at, and once per run however many
 * HTML reports are written. */
static void add_thumbnails(QcSession *s)
{
    if (s->has_thumbnails || s->report.interrupted)
        return;
    s->has_thumbnails = 1;
    QcThumbnailSettings ts;
    qc_thumbnail_default_settings(&ts);
    ts.cancel = &s->cancel;
    QcError err;
    qc_error_clear(&err);
    /* a failure here only leaves the page with fewer pictures: the report is still written */
    qc_report_add_thumbnails(&s->report, &ts, &err);
    s->cancel = 0;
}

QC_API int qc_session_write_report(QcSession *s, const char *path)
{
    if (!s || !s->usable)
        return QC_API_ERR_INVAL;
    s->error[0] = 0;
    if (!s->has_report)
        return set_error(s, QC_API_ERR_INVAL, "no report yet: nothing was inspected");
    if (!path)
        return set_error(s, QC_API_ERR_INVAL, "no report path given");
    QcReportFormat fmt;
    if (qc_report_format_from_path(path, &fmt) < 0)
        return set_error(s, QC_API_ERR_INVAL, "%s: a report name ends in .json, .txt or .html",
                         path);
    if (fmt == QC_FORMAT_HTML)
        add_thumbnails(s);
    QcError err;
    qc_error_clear(&err);
    int ret = qc_report_write_file(&s->report, fmt, path, &err);
    return ret < 0 ? set_error(s, ret, "%s", err.msg) : 0;
}

QC_API void qc_session_close(QcSession **p)
{
    if (!p || !*p)
        return;
    QcSession *s = *p;
    if (s->has_report)
        qc_report_free(&s->report);
    for (int i = 0; i < s->nb_previous; i++)
        free(s->previous[i]);
    free(s->previous);
    free(s->only);
    free(s->skip);
    free(s->expect_language);
    free(s);
    *p = NULL;
}
