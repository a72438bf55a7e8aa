// SPDX-License-Identifier: MIT
/**
 * @file base64.h
 * Base64 (RFC 4648) through OpenSSL, for compact binary metrics in JSON.
 */
#ifndef QC_ENGINE_IO_BASE64_H
#define QC_ENGINE_IO_BASE64_H

#include <stddef.h>
#include <stdint.h>

/** A malloc'ed, NUL-terminated encoding of @p n bytes, or NULL when out of memory. */
char *qc_base64(const uint8_t *data, size_t n);

#endif
