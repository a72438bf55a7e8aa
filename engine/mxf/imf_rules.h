// SPDX-License-Identifier: MIT
/**
 * @file imf_rules.h
 * ST 2067-5 track-file structure (imf-mxf-primer §5.1): what makes an MXF file an IMF track
 * file. Each rule broken is an MXF_NOT_IMF finding with the byte offset.
 */
#ifndef QC_ENGINE_MXF_IMF_RULES_H
#define QC_ENGINE_MXF_IMF_RULES_H

#include "engine/mxf/model.h"

/** @return 0 or QC_ERR_NOMEM */
int qc_mxf_check_imf(QcMxf *m, const QcMxfModel *model);

#endif
