// SPDX-License-Identifier: MIT
#include "engine/core/report.h"

#include <stdlib.h>
#include <string.h>

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

void qc_report_free(QcReport *r)
{
    for (int t = 0; t < r->nb_tracks; t++) {
        free(r->tracks[t].path);
        qc_metrics_free(&r->tracks[t].metrics);
    }
    free(r->tracks);
    for (int i = 0; i < r->nb_analyzers; i++)
        free(r->analyzers[i]);
    free(r->analyzers);
    qc_metrics_free(&r->settings);
    qc_finding_list_free(&r->findings);
    memset(r, 0, sizeof(*r));
}
