// SPDX-License-Identifier: MIT
/* Pieces of the JSON writer shared by its files. */
#ifndef QC_ENGINE_REPORT_JSON_INTERNAL_H
#define QC_ENGINE_REPORT_JSON_INTERNAL_H

#include <jansson.h>

#include "engine/core/report.h"
#include "engine/report/report_writer.h"

json_t *qc_report_to_json(const QcReport *r);
json_t *qc_json_track(const QcTrackReport *t);
json_t *qc_json_metrics(const QcMetrics *m);
json_t *qc_json_package(const QcPackageReport *p);
json_t *qc_json_composition(const QcReport *r, const QcCompositionReport *c);

#endif
