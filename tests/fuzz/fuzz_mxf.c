// SPDX-License-Identifier: MIT
/* Any bytes as an MXF file: partitions, RIP, primer, sets, index, the package model and the
 * probe rendering. Findings are fine; crashes, hangs, leaks and unbounded allocation are not. */
#include "engine/mxf/model.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".mxf");
    QcMxf *m = NULL;
    QcError e;
    qc_error_clear(&e);
    if (!path || qc_mxf_open(&m, path, &e) < 0)
        return 0;
    QcMxfModel model;
    qc_mxf_resolve(m, &model);
    for (int i = 0; i < model.nb_packages; i++)
        for (int t = 0; t < model.packages[i].nb_tracks; t++)
            qc_mxf_track_descriptor(m, &model.packages[i], &model.packages[i].tracks[t]);
    qc_mxf_close(&m);
    return 0;
}
