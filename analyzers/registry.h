// SPDX-License-Identifier: MIT
/**
 * @file registry.h
 * Every analyzer the engine knows, in report order.
 */
#ifndef QC_ANALYZERS_REGISTRY_H
#define QC_ANALYZERS_REGISTRY_H

#include "analyzers/analyzer.h"

/** NULL-terminated. */
extern const QcAnalyzer *const qc_analyzers[];

/** The analyzer named @p name, or NULL. */
const QcAnalyzer *qc_analyzer_find(const char *name);

#endif
