// SPDX-License-Identifier: MIT
#include "engine/core/profile.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

const char *const qc_profile_builtin_names[] = {"default", "ebu-r128", NULL};

static void profile_reset(QcProfile *p, const char *name)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->name, sizeof(p->name), "%s", name);
    for (int i = 0; i < QC_CODE_COUNT; i++)
        p->severity[i] = -1;
    p->max_findings_per_code = 200;
}

int qc_profile_set(QcProfile *p, const char *analyzer, const char *option, double value)
{
    for (int i = 0; i < p->nb_overrides; i++) {
        QcProfileOverride *o = &p->overrides[i];
        if (!strcmp(o->analyzer, analyzer) && !strcmp(o->option, option)) {
            o->value = value;
            return 0;
        }
    }
    if (p->nb_overrides >= QC_PROFILE_MAX_OVERRIDES)
        return QC_ERR_LIMIT;
    QcProfileOverride *o = &p->overrides[p->nb_overrides++];
    snprintf(o->analyzer, sizeof(o->analyzer), "%s", analyzer);
    snprintf(o->option, sizeof(o->option), "%s", option);
    o->value = value;
    return 0;
}

static int load_builtin(QcProfile *p, const char *name)
{
    if (!strcmp(name, "default")) {
        profile_reset(p, name);
        return 1;
    }
    if (!strcmp(name, "ebu-r128")) {
        /* EBU R 128 (2020): -23 LUFS, ±1 LU where exact normalisation is impractical, and a
         * maximum true peak of -1 dBTP */
        profile_reset(p, name);
        qc_profile_set(p, "loudness", "target_lufs", -23);
        qc_profile_set(p, "loudness", "tolerance_lu", 1);
        qc_profile_set(p, "true_peak", "fyi_dbtp", -1);
        qc_profile_set(p, "true_peak", "issue_dbtp", -1);
        return 1;
    }
    return 0;
}

static int load_analyzers(QcProfile *p, json_t *an, const char *path, QcError *err)
{
    const char *aname;
    json_t *opts;
    json_object_foreach(an, aname, opts)
    {
        if (!json_is_object(opts))
            return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s must be an object", path,
                                aname);
        const char *oname;
        json_t *v;
        json_object_foreach(opts, oname, v)
        {
            if (!json_is_number(v) && !json_is_boolean(v))
                return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%s must be a number", path,
                                    aname, oname);
            double d = json_is_boolean(v) ? (json_is_true(v) ? 1 : 0) : json_number_value(v);
            if (qc_profile_set(p, aname, oname, d) < 0)
                return qc_error_set(err, QC_ERR_INVAL, "%s: too many options", path);
        }
    }
    return 0;
}

static int load_severities(QcProfile *p, json_t *sev, const char *path, QcError *err)
{
    const char *code;
    json_t *v;
    json_object_foreach(sev, code, v)
    {
        int c = qc_code_from_name(code);
        int s = json_is_string(v) ? qc_severity_from_name(json_string_value(v)) : -1;
        if (c < 0)
            return qc_error_set(err, QC_ERR_INVAL, "%s: unknown finding code %s", path, code);
        if (s < 0)
            return qc_error_set(err, QC_ERR_INVAL,
                                "%s: severity of %s must be \"fyi\", \"issue\" or \"blocker\"",
                                path, code);
        p->severity[c] = s;
    }
    return 0;
}

static int load_json(QcProfile *p, const char *path, QcError *err)
{
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        FILE *f = fopen(path, "r");
        if (!f)
            return qc_error_set(err, QC_ERR_INVAL,
                                "unknown profile \"%s\" (built-in: default, ebu-r128; or a JSON "
                                "file)",
                                path);
        fclose(f);
        return qc_error_set(err, QC_ERR_INVAL, "%s:%d:%d: %s", path, je.line, je.column, je.text);
    }
    int ret = 0;
    json_t *base = json_object_get(root, "base");
    if (!load_builtin(p, json_is_string(base) ? json_string_value(base) : "default"))
        ret = qc_error_set(err, QC_ERR_INVAL, "%s: unknown base profile", path);
    json_t *name = json_object_get(root, "name");
    snprintf(p->name, sizeof(p->name), "%s", json_is_string(name) ? json_string_value(name) : path);
    json_t *an = json_object_get(root, "analyzers"), *sev = json_object_get(root, "severity");
    json_t *maxf = json_object_get(root, "max_findings_per_code");
    if (!ret && !json_is_object(root))
        ret = qc_error_set(err, QC_ERR_INVAL, "%s: a profile is a JSON object", path);
    if (!ret && an)
        ret = json_is_object(an) ? load_analyzers(p, an, path, err)
                                 : qc_error_set(err, QC_ERR_INVAL,
                                                "%s: analyzers must be an "
                                                "object",
                                                path);
    if (!ret && sev)
        ret = json_is_object(sev) ? load_severities(p, sev, path, err)
                                  : qc_error_set(err, QC_ERR_INVAL,
                                                 "%s: severity must be an "
                                                 "object",
                                                 path);
    if (!ret && maxf) {
        if (!json_is_integer(maxf) || json_integer_value(maxf) < 1 ||
            json_integer_value(maxf) > 1000000)
            ret = qc_error_set(err, QC_ERR_INVAL, "%s: max_findings_per_code must be 1..1000000",
                               path);
        else
            p->max_findings_per_code = (int)json_integer_value(maxf);
    }
    json_decref(root);
    return ret;
}

int qc_profile_load(QcProfile *p, const char *name, QcError *err)
{
    if (load_builtin(p, name))
        return 0;
    profile_reset(p, name);
    return load_json(p, name, err);
}
