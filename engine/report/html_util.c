// SPDX-License-Identifier: MIT
#include <math.h>
#include <string.h>

#include "engine/report/html_internal.h"

void qc_html_text(FILE *o, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': fputs("&amp;", o); break;
        case '<': fputs("&lt;", o); break;
        case '>': fputs("&gt;", o); break;
        case '"': fputs("&quot;", o); break;
        case '\'': fputs("&#39;", o); break;
        default:
            /* control characters are not allowed in HTML text; UTF-8 bytes pass through */
            if (c >= 0x20 || c == '\n' || c == '\t')
                fputc(c, o);
        }
    }
}

const char *qc_html_sev_colour(QcSeverity s)
{
    switch (s) {
    case QC_SEV_BLOCKER: return "#c62828";
    case QC_SEV_ISSUE: return "#ef6c00";
    default: return "#1565c0";
    }
}

void qc_html_clock(double s, int millis, char *buf, size_t size)
{
    if (!isfinite(s) || s < 0) {
        snprintf(buf, size, "-");
        return;
    }
    int64_t ms = (int64_t)llround(s * 1000);
    int64_t sec = ms / 1000;
    if (millis)
        snprintf(buf, size, "%lld:%02lld:%02lld.%03lld", (long long)(sec / 3600),
                 (long long)(sec / 60 % 60), (long long)(sec % 60), (long long)(ms % 1000));
    else
        snprintf(buf, size, "%lld:%02lld:%02lld", (long long)(sec / 3600),
                 (long long)(sec / 60 % 60), (long long)(sec % 60));
}

void qc_html_finding_at(const QcReport *r, const QcFinding *f, char *buf, size_t size)
{
    buf[0] = 0;
    if (f->composition >= 0 && f->composition < r->nb_compositions && f->comp_start >= 0)
        qc_composition_timecode(&r->compositions[f->composition], f->comp_start, buf, size);
    if (!buf[0] && f->start >= 0 && f->track >= 0 && f->track < r->nb_tracks)
        qc_html_clock(qc_track_seconds(&r->tracks[f->track].info, f->start), 1, buf, size);
    if (!buf[0] || !strcmp(buf, "-"))
        snprintf(buf, size, "&ndash;");
}

const char *qc_html_basename(const char *path)
{
    if (!path)
        return "";
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}
