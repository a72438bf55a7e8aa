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

/** Decodes base64 text of @p len characters (a multiple of 4) into *@p out (malloc'ed) and
 *  *@p n bytes. @return 0, or -1 when malformed or out of memory. */
int qc_base64_decode(const char *text, size_t len, uint8_t **out, size_t *n);

#endif
