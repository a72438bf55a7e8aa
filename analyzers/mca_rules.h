// SPDX-License-Identifier: MIT
/**
 * @file mca_rules.h
 * IMF's rules for MCA labels (ST 377-4, ST 2067-2 §5.3, ST 2067-8; imf-mxf-primer §5.2).
 */
#ifndef QC_ANALYZERS_MCA_RULES_H
#define QC_ANALYZERS_MCA_RULES_H

#include "analyzers/analyzer.h"
#include "engine/mxf/mca.h"

/** Emits an AUDIO_CHANNEL_MAPPING blocker per broken rule. @return 0 or QC_ERR_NOMEM */
int qc_mca_check(QcAnalyzerCtx *a, const QcMcaInfo *mca);

#endif
