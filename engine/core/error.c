// SPDX-License-Identifier: MIT
#include "engine/core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void qc_error_clear(QcError *e)
{
    memset(e, 0, sizeof(*e));
    e->byte_offset = -1;
    e->edit_unit = -1;
}

int qc_error_set(QcError *e, int code, const char *fmt, ...)
{
    if (!e || e->code != QC_OK)
        return code;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return code;
}

const char *qc_strerror(int code)
{
    switch (code) {
    case QC_OK: return "no error";
    case QC_ERR_NOMEM: return "out of memory";
    case QC_ERR_IO: return "input/output error";
    case QC_ERR_INVALID_DATA: return "invalid data";
    case QC_ERR_UNSUPPORTED: return "unsupported input";
    case QC_ERR_LIMIT: return "beyond the engine's limits";
    case QC_ERR_CANCELLED: return "cancelled";
    case QC_ERR_INVAL: return "invalid argument";
    case QC_ERR_INTERNAL: return "internal error";
    }
    return "unknown error";
}
