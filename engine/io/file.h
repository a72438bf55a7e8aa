// SPDX-License-Identifier: MIT
/**
 * @file file.h
 * Random-access reads with pread: no shared file position, so several readers may share one
 * open file, and every read is bounds-checked against the size seen at open.
 */
#ifndef QC_ENGINE_IO_FILE_H
#define QC_ENGINE_IO_FILE_H

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

void qc_file_close(QcFile **pf);

#endif
