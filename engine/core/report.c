// SPDX-License-Identifier: MIT
#include "engine/core/report.h"

#include <stdlib.h>
#include <string.h>

#include "engine/core/timecode.h"

void qc_report_finalize(QcReport *r)
{
    memset(r->counts, 0, sizeof(r->counts));
    qc_finding_list_sort(&r->findings);
    for (size_t i = 0; i < r->findings.count; i++)
        r->counts[r->findings.items[i].severity]++;
    int complete = !r->interrupted;
    for (int t = 0; t < r->nb_tracks; t++)
        complete &= r->tracks[t].opened && r->tracks[t].complete;
    if (!complete)
        r->status = QC_STATUS_INCOMPLETE;
    else
        r->status = r->counts[QC_SEV_BLOCKER] ? QC_STATUS_FAIL : QC_STATUS_PASS;
}

void qc_composition_timecode(const QcCompositionReport *c, int64_t eu, char *out, size_t size)
{
    out[0] = 0;
    if (!c->tc_rate || eu < 0 || c->rate_num <= 0 || c->rate_den <= 0)
        return;
    /* one timecode frame per edit unit when the rates agree (24000/1001 with 24), else scaled */
    int64_t nominal = ((int64_t)c->rate_num + c->rate_den / 2) / c->rate_den;
    int64_t frames = nominal == c->tc_rate
                         ? eu
                         : (int64_t)((__int128)eu * c->tc_rate * c->rate_den / c->rate_num);
    qc_timecode_format(c->tc_start + frames, c->tc_rate, c->tc_drop, out, size);
}

void qc_report_free(QcReport *r)
{
    for (int t = 0; t < r->nb_tracks; t++) {
        free(r->tracks[t].path);
        qc_metrics_free(&r->tracks[t].metrics);
    }
    free(r->tracks);
    for (int i = 0; i < r->nb_packages; i++) {
        for (int a = 0; a < r->packages[i].nb_assets; a++)
            free(r->packages[i].assets[a].path);
        free(r->packages[i].assets);
        free(r->packages[i].path);
    }
    free(r->packages);
    for (int i = 0; i < r->nb_compositions; i++) {
        QcCompositionReport *c = &r->compositions[i];
        for (int t = 0; t < c->nb_tracks; t++)
            free(c->tracks[t].resources);
        free(c->tracks);
        free(c->path);
        qc_metrics_free(&c->metrics);
    }
    free(r->compositions);
    for (int i = 0; i < r->nb_thumbnails; i++)
        free(r->thumbnails[i].png_base64);
    free(r->thumbnails);
    for (int i = 0; i < r->nb_diffs; i++) {
        for (int j = 0; j < r->diffs[i].count; j++) {
            free(r->diffs[i].items[j].path);
            free(r->diffs[i].items[j].cpl);
            free(r->diffs[i].items[j].mxf);
        }
        free(r->diffs[i].items);
    }
    free(r->diffs);
    for (int i = 0; i < r->nb_analyzers; i++)
        free(r->analyzers[i]);
    free(r->analyzers);
    qc_metrics_free(&r->settings);
    qc_finding_list_free(&r->findings);
    memset(r, 0, sizeof(*r));
}
