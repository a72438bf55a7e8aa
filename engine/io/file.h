// SPDX-License-Identifier: MIT
/**
 * @file file.h
 * Random-access reads with pread: no shared file position, so several readers may share one
 * open file, and every read is bounds-checked against the size seen at open.
 */
#ifndef QC_ENGINE_IO_FILE_H
#define QC_ENGINE_IO_FILE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/core/error.h"

typedef struct QcFile QcFile;

/** Opens @p path read-only. @return 0, QC_ERR_IO (missing, unreadable, not a regular file),
 *  QC_ERR_NOMEM. */
int qc_file_open(QcFile **out, const char *path, QcError *err);

/** Size in bytes at open time. */
int64_t qc_file_size(const QcFile *f);

/**
 * Reads exactly @p n bytes at @p offset.
 * @return 0, QC_ERR_INVALID_DATA when [offset, offset+n) is not inside the file, QC_ERR_IO.
 */
int qc_file_pread(QcFile *f, void *buf, size_t n, int64_t offset);

/**
 * Starts computing the SHA-1 of the whole file from the reads the inspection makes anyway: a
 * background thread hashes the file in order, never past the sequential frontier of the reads
 * made through qc_file_pread (a read starting at most QC_FILE_HASH_NEAR bytes past the frontier
 * moves it; far reads, such as the footer and index read at open, do not). The bytes it hashes
 * were just read, so they come from the page cache and storage is read once.
 * @return 0, QC_ERR_NOMEM, or QC_ERR_INVAL when hashing already began.
 */
int qc_file_hash_begin(QcFile *f, QcError *err);

#define QC_FILE_HASH_NEAR ((int64_t)64 << 20)

/**
 * Hashes what the reads did not reach, stops the thread and gives the digest of the file's bytes
 * [0, qc_file_size). After a call, hashing may begin again. @p cancel, when not NULL, is polled
 * while hashing the rest. Reads may still run on other threads meanwhile (they no longer count);
 * begin, end and close must not run concurrently with one another.
 * @return 0, QC_ERR_IO (a read failed, or the file shrank), QC_ERR_NOMEM, QC_ERR_CANCELLED, or
 *         QC_ERR_INVAL when hashing had not begun.
 */
int qc_file_hash_end(QcFile *f, uint8_t digest[20], const volatile sig_atomic_t *cancel,
                     QcError *err);

/**
 * Where the hash stands, for a progress display and for tests: @p frontier receives the reads'
 * sequential frontier and @p hashed the bytes the thread has hashed (hashed ≤ frontier), both in
 * bytes; 0 and 0 before hashing first began. Any thread may ask while hashing runs, but not
 * concurrently with the first qc_file_hash_begin on @p f.
 */
void qc_file_hash_progress(const QcFile *f, int64_t *frontier, int64_t *hashed);

/** Closes the file (stopping a hash in progress) and sets *@p pf to NULL. */
void qc_file_close(QcFile **pf);

#endif
