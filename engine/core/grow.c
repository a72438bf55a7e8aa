// SPDX-License-Identifier: MIT
#include "engine/core/grow.h"

#include <stdint.h>
#include <stdlib.h>

#include "engine/core/error.h"

int qc_grow(void **items, size_t *capacity, size_t need, size_t size)
{
    if (need <= *capacity)
        return 0;
    size_t cap = *capacity ? *capacity : 16;
    while (cap < need) {
        if (cap > SIZE_MAX / 2 / size)
            return QC_ERR_NOMEM;
        cap *= 2;
    }
    void *n = realloc(*items, cap * size);
    if (!n)
        return QC_ERR_NOMEM;
    *items = n;
    *capacity = cap;
    return 0;
}
