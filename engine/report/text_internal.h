// SPDX-License-Identifier: MIT
#ifndef QC_ENGINE_REPORT_TEXT_INTERNAL_H
#define QC_ENGINE_REPORT_TEXT_INTERNAL_H

#include <stdio.h>

#include "engine/core/report.h"

/** @return 0, or -1 when the stream failed */
int qc_report_write_text(const QcReport *r, FILE *o);

#endif
