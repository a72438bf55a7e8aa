// SPDX-License-Identifier: MIT
#include "analyzers/registry.h"

#include <string.h>

extern const QcAnalyzer qc_analyzer_levels;
extern const QcAnalyzer qc_analyzer_silence;
extern const QcAnalyzer qc_analyzer_dropout;
extern const QcAnalyzer qc_analyzer_digital_hit;
extern const QcAnalyzer qc_analyzer_clipping;
extern const QcAnalyzer qc_analyzer_dc_offset;
extern const QcAnalyzer qc_analyzer_phase;
extern const QcAnalyzer qc_analyzer_loudness;
extern const QcAnalyzer qc_analyzer_true_peak;
extern const QcAnalyzer qc_analyzer_channel_mapping;
extern const QcAnalyzer qc_analyzer_decodability;
extern const QcAnalyzer qc_analyzer_scene;
extern const QcAnalyzer qc_analyzer_black;
extern const QcAnalyzer qc_analyzer_freeze;
extern const QcAnalyzer qc_analyzer_fingerprint;

const QcAnalyzer *const qc_analyzers[] = {
    &qc_analyzer_levels,       &qc_analyzer_silence,
    &qc_analyzer_dropout,      &qc_analyzer_digital_hit,
    &qc_analyzer_clipping,     &qc_analyzer_dc_offset,
    &qc_analyzer_phase,        &qc_analyzer_loudness,
    &qc_analyzer_true_peak,    &qc_analyzer_channel_mapping,
    &qc_analyzer_decodability, &qc_analyzer_scene,
    &qc_analyzer_black,        &qc_analyzer_freeze,
    &qc_analyzer_fingerprint,  NULL,
};

const QcAnalyzer *qc_analyzer_find(const char *name)
{
    for (const QcAnalyzer *const *a = qc_analyzers; *a; a++)
        if (!strcmp((*a)->name, name))
            return *a;
    return NULL;
}
