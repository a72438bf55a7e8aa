// SPDX-License-Identifier: MIT
/* Strong references (imf-mxf-primer §1.6 #7): every one must name a set that exists, and
 * following them must never lead back to where it started. Depth and work are bounded so a
 * hostile file cannot make this slow. */
#include <stdlib.h>
#include <string.h>

#include "engine/mxf/model.h"
#include "engine/mxf/mxf_internal.h"
#include "engine/mxf/ul.h"

#define MAX_DEPTH 32
#define MAX_STEPS 1000000

typedef struct Walk {
    QcMxf *m;
    const QcMxfSet *path[MAX_DEPTH];
    long steps;
    int cycles;
} Walk;

/* The targets of a strong-reference property, as an array of 16-byte ids. */
static uint32_t targets(const QcMxfProperty *p, const uint8_t **ids)
{
    if (!p->def)
        return 0;
    if (p->def->type == QC_MXF_STRONGREF) {
        *ids = p->value;
        return p->length == 16;
    }
    if (p->def->type != QC_MXF_STRONGREF_ARRAY && p->def->type != QC_MXF_STRONGREF_BATCH)
        return 0;
    if (p->length < 8 || qc_be32(p->value + 4) != 16 ||
        (uint64_t)qc_be32(p->value) * 16 + 8 != p->length)
        return 0;
    *ids = p->value + 8;
    return qc_be32(p->value);
}

static int visit(Walk *w, const QcMxfSet *s, int depth)
{
    for (int d = 0; d < depth; d++)
        if (w->path[d] == s) {
            if (w->cycles++ < 4 &&
                qc_mxf_defect(w->m, QC_CODE_MXF_INVALID, s->offset,
                              "strong references lead "
                              "from the set at byte %lld back to itself (a cycle)",
                              (long long)s->offset) < 0)
                return QC_ERR_NOMEM;
            return 1;
        }
    if (depth >= MAX_DEPTH || ++w->steps > MAX_STEPS)
        return 0;
    w->path[depth] = s;
    for (uint32_t i = 0; i < s->nb_props; i++) {
        const uint8_t *ids;
        uint32_t n = targets(&s->props[i], &ids);
        for (uint32_t k = 0; k < n; k++) {
            const QcMxfSet *t = qc_mxf_set_by_uid(w->m, ids + 16 * k);
            if (!t)
                continue;
            int ret = visit(w, t, depth + 1);
            if (ret != 0)
                return ret;
        }
    }
    return 0;
}

static int check_dangling(QcMxf *m)
{
    int reported = 0;
    for (size_t i = 0; i < m->nb_sets; i++) {
        const QcMxfSet *s = &m->sets[i];
        for (uint32_t p = 0; p < s->nb_props; p++) {
            const uint8_t *ids;
            uint32_t n = targets(&s->props[p], &ids);
            for (uint32_t k = 0; k < n; k++) {
                if (qc_mxf_set_by_uid(m, ids + 16 * k) || reported++ >= 16)
                    continue;
                char u[48];
                qc_uuid_format(ids + 16 * k, u, sizeof(u));
                if (qc_mxf_defect(m, QC_CODE_MXF_INVALID, s->props[p].offset,
                                  "%s of the set at byte %lld refers to %s, which no set has",
                                  s->props[p].def->name, (long long)s->offset, u) < 0)
                    return QC_ERR_NOMEM;
            }
        }
    }
    return 0;
}

int qc_mxf_check_references(QcMxf *m)
{
    int ret = check_dangling(m);
    const QcMxfSet *root = qc_mxf_first_set(m, "Preface");
    Walk w = {.m = m};
    if (ret >= 0 && root)
        ret = visit(&w, root, 0);
    return ret < 0 ? ret : 0;
}
