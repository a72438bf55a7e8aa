// SPDX-License-Identifier: MIT
/**
 * @file error.h
 * Error codes and the error context that travels with them.
 *
 * An error is what stops the engine (I/O, memory, usage). A defect in the input is a finding,
 * never an error.
 */
#ifndef QC_ENGINE_CORE_ERROR_H
#define QC_ENGINE_CORE_ERROR_H

#include <stdint.h>

/** Pinned error codes: values never change meaning. */
typedef enum QcErrorCode {
    QC_OK = 0,
    QC_ERR_NOMEM = -1,        ///< allocation failed
    QC_ERR_IO = -2,           ///< read/write failed, file missing or unreadable
    QC_ERR_INVALID_DATA = -3, ///< input is not something the engine can open at all
    QC_ERR_UNSUPPORTED = -4,  ///< valid input the engine does not handle
    QC_ERR_LIMIT = -5,        ///< a value is beyond the engine's sane limits
    QC_ERR_CANCELLED = -6,    ///< stopped by a signal or a caller
    QC_ERR_INVAL = -7,        ///< bad argument or option value (usage)
    QC_ERR_INTERNAL = -8,     ///< a bug: an invariant failed
} QcErrorCode;

/** Where an error happened, filled at the point of failure. */
typedef struct QcError {
    int code;            ///< QcErrorCode
    char msg[512];       ///< human message, names the file
    int64_t byte_offset; ///< offset in the file, or -1
    int64_t edit_unit;   ///< edit unit (frame or sample), or -1
} QcError;

/** Clears @p e to "no error". */
void qc_error_clear(QcError *e);

/**
 * Records an error with a printf-style message (first error wins: a later call does not
 * overwrite an earlier one).
 * @return @p code, so callers can `return qc_error_set(e, QC_ERR_IO, "…")`.
 */
int qc_error_set(QcError *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** Short English name of an error code ("out of memory", …). */
const char *qc_strerror(int code);

#endif
