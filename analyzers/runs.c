// SPDX-License-Identifier: MIT
#include "analyzers/runs.h"

#include <stdlib.h>
#include <string.h>

#include "engine/core/error.h"
#include "engine/core/grow.h"

int qc_runs_add(QcRuns *r, int64_t start, int64_t end, double value)
{
    r->total += end - start;
    if (r->count >= QC_RUNS_MAX) {
        r->dropped++;
        return 0;
    }
    if (qc_grow((void **)&r->items, &r->capacity, r->count + 1, sizeof(*r->items)) < 0)
        return QC_ERR_NOMEM;
    r->items[r->count++] = (QcRun){start, end, value};
    return 0;
}

void qc_runs_free(QcRuns *r)
{
    free(r->items);
    memset(r, 0, sizeof(*r));
}
