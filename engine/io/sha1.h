// SPDX-License-Identifier: MIT
/**
 * @file sha1.h
 * SHA-1 digests of package assets (the PKL's Hash), through OpenSSL's libcrypto, and their base64
 * form as PKLs write it (20 bytes → 28 characters with padding).
 */
#ifndef QC_ENGINE_IO_SHA1_H
#define QC_ENGINE_IO_SHA1_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/core/error.h"

#define QC_SHA1_SIZE 20
#define QC_SHA1_B64_SIZE 29 ///< 28 characters and the NUL

typedef struct QcSha1 QcSha1;

/** @return 0 or QC_ERR_NOMEM */
int qc_sha1_new(QcSha1 **out);
void qc_sha1_update(QcSha1 *h, const void *data, size_t n);
/** Writes the digest; the context may not be updated afterwards. @return 0 or QC_ERR_NOMEM */
int qc_sha1_final(QcSha1 *h, uint8_t out[QC_SHA1_SIZE]);
/** Frees and sets *@p ph to NULL; NULL is fine. */
void qc_sha1_free(QcSha1 **ph);

/**
 * Digest of every byte of the open regular file @p fd, read sequentially from offset 0 (the file
 * position is not used). @p cancel, when not NULL, is polled between chunks.
 * @return 0, QC_ERR_IO, QC_ERR_NOMEM or QC_ERR_CANCELLED.
 */
int qc_sha1_fd(int fd, uint8_t out[QC_SHA1_SIZE], const volatile sig_atomic_t *cancel,
               QcError *err);

/**
 * Adds the bytes [@p from, @p to) of the open file @p fd to @p h, in order (the file position is
 * not used). Mapped windows of the file when the system allows it, else pread. @p cancel, when
 * not NULL, is polled between windows (every few milliseconds).
 * @return 0, QC_ERR_IO (read failed, or the file now ends before @p to), QC_ERR_NOMEM,
 *         QC_ERR_CANCELLED, or QC_ERR_INVAL when the range is not 0 ≤ from ≤ to.
 */
int qc_sha1_update_fd(QcSha1 *h, int fd, int64_t from, int64_t to,
                      const volatile sig_atomic_t *cancel, QcError *err);

/** The base64 text of a digest, as a PKL writes it. */
void qc_sha1_to_base64(const uint8_t d[QC_SHA1_SIZE], char out[QC_SHA1_B64_SIZE]);

/** Decodes a PKL Hash (surrounding whitespace allowed). @return 0, or -1 when the text is not
 *  the padded base64 of exactly 20 bytes (28 characters ending in one '=', unused bits zero). */
int qc_sha1_from_base64(const char *text, uint8_t out[QC_SHA1_SIZE]);

#endif
