// SPDX-License-Identifier: MIT
/**
 * @file grow.h
 * Capacity doubling for the engine's growable arrays.
 */
#ifndef QC_ENGINE_CORE_GROW_H
#define QC_ENGINE_CORE_GROW_H

#include <stddef.h>

/**
 * Makes room for at least @p need elements of @p size bytes in *@p items (capacity doubles).
 * @return 0, or QC_ERR_NOMEM with *@p items unchanged.
 */
int qc_grow(void **items, size_t *capacity, size_t need, size_t size);

#endif
