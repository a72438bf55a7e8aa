// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

#define MAX_DEFECTS 1000 ///< a hostile file could otherwise make millions

int qc_mxf_defect(QcMxf *m, QcCode code, int64_t offset, const char *fmt, ...)
{
    if (m->findings.count >= MAX_DEFECTS)
        return 0;
    QcFinding f;
    qc_finding_init(&f, code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f.message, sizeof(f.message), fmt, ap);
    va_end(ap);
    qc_finding_detail_int(&f, "byte_offset", offset);
    return qc_finding_list_add(&m->findings, &f);
}

/* Duplicate InstanceUIDs: the first set keeps the identity, the others are reported. */
static int check_unique_uids(QcMxf *m)
{
    for (size_t i = 0; i < m->nb_sets; i++) {
        if (qc_uuid_is_nil(m->sets[i].uid)) {
            if (m->sets[i].cls &&
                qc_mxf_defect(m, QC_CODE_MXF_INVALID, m->sets[i].offset,
                              "%s set at byte %lld has no InstanceUID", m->sets[i].cls->name,
                              (long long)m->sets[i].offset) < 0)
                return QC_ERR_NOMEM;
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            if (memcmp(m->sets[i].uid, m->sets[j].uid, 16) != 0)
                continue;
            char u[48];
            qc_uuid_format(m->sets[i].uid, u, sizeof(u));
            if (qc_mxf_defect(m, QC_CODE_MXF_INVALID, m->sets[i].offset,
                              "set at byte %lld repeats InstanceUID %s of the set at byte %lld",
                              (long long)m->sets[i].offset, u, (long long)m->sets[j].offset) < 0)
                return QC_ERR_NOMEM;
            memset(m->sets[i].uid, 0, 16); /* unreachable by reference from now on */
            break;
        }
    }
    return 0;
}

int qc_mxf_open(QcMxf **out, const char *path, QcError *err)
{
    *out = NULL;
    QcMxf *m = calloc(1, sizeof(*m));
    if (!m || !(m->path = strdup(path))) {
        free(m);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    m->header_part = -1;
    int ret = qc_file_open(&m->file, path, err);
    if (ret < 0) {
        qc_mxf_close(&m);
        return ret;
    }
    m->size = qc_file_size(m->file);
    ret = qc_mxf_read_partitions(m);
    if (ret == QC_ERR_INVALID_DATA) {
        qc_mxf_close(&m);
        return qc_error_set(err, ret, "%s: not an MXF file (no header partition pack at byte 0)",
                            path);
    }
    if (ret >= 0)
        ret = qc_mxf_locate_essence(m);
    if (ret >= 0)
        ret = qc_mxf_read_header(m);
    if (ret >= 0)
        ret = check_unique_uids(m);
    if (ret >= 0)
        ret = qc_mxf_check_references(m);
    if (ret >= 0)
        ret = qc_mxf_read_index(m);
    if (ret < 0) {
        qc_mxf_close(&m);
        return qc_error_set(err, ret, "%s: %s", path, qc_strerror(ret));
    }
    *out = m;
    return 0;
}

void qc_mxf_close(QcMxf **pm)
{
    QcMxf *m = *pm;
    if (!m)
        return;
    qc_file_close(&m->file);
    for (size_t i = 0; i < m->nb_sets; i++)
        free(m->sets[i].props);
    for (int i = 0; i < m->nb_segments; i++)
        free(m->segments[i].entries);
    free(m->sets);
    free(m->segments);
    free(m->parts);
    free(m->rip);
    free(m->primer);
    free(m->header);
    free(m->path);
    qc_finding_list_free(&m->findings);
    free(m);
    *pm = NULL;
}
