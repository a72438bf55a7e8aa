// SPDX-License-Identifier: MIT
#include "engine/core/options.h"

#include <math.h>
#include <string.h>

static void store(const QcOption *o, void *priv, double v)
{
    char *p = (char *)priv + o->offset;
    if (o->type == QC_OPT_DOUBLE)
        memcpy(p, &v, sizeof(double));
    else {
        int i = (int)v;
        memcpy(p, &i, sizeof(int));
    }
}

void qc_options_set_defaults(const QcOption *opts, void *priv)
{
    for (const QcOption *o = opts; o && o->name; o++)
        store(o, priv, o->def);
}

const QcOption *qc_option_find(const QcOption *opts, const char *name)
{
    for (const QcOption *o = opts; o && o->name; o++)
        if (!strcmp(o->name, name))
            return o;
    return NULL;
}

int qc_option_set(const QcOption *o, void *priv, double v, QcError *err)
{
    if (!isfinite(v) || v < o->min || v > o->max)
        return qc_error_set(err, QC_ERR_INVAL, "option %s: %g is outside [%g, %g]", o->name, v,
                            o->min, o->max);
    if (o->type != QC_OPT_DOUBLE && v != floor(v))
        return qc_error_set(err, QC_ERR_INVAL, "option %s: %g is not an integer", o->name, v);
    store(o, priv, v);
    return 0;
}

double qc_option_get(const QcOption *o, const void *priv)
{
    const char *p = (const char *)priv + o->offset;
    if (o->type == QC_OPT_DOUBLE) {
        double d;
        memcpy(&d, p, sizeof(d));
        return d;
    }
    int i;
    memcpy(&i, p, sizeof(i));
    return i;
}
