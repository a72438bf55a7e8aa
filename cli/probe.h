// SPDX-License-Identifier: MIT
/**
 * @file probe.h
 * `imfqc probe`: what an MXF file holds, as JSON (schema imfqc-probe/1).
 */
#ifndef QC_CLI_PROBE_H
#define QC_CLI_PROBE_H

#include <jansson.h>

#include "engine/mxf/mxf.h"

/** One property value, formatted as RegXML would (imf-mxf-primer §7.3). */
json_t *qc_probe_value(const QcMxfProperty *p);

/** The whole probe document for an open file. */
json_t *qc_probe_json(QcMxf *m);

#endif
