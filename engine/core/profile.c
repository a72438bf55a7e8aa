// SPDX-License-Identifier: MIT
#include "engine/core/profile.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

const char *const qc_profile_builtin_names[] = {"default", "ebu-r128", NULL};

#define MAX_FINDINGS_LIMIT 1000000

static void profile_reset(QcProfile *p, const char *name)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->name, sizeof(p->name), "%s", name);
    for (int i = 0; i < QC_CODE_COUNT; i++)
        p->severity[i] = -1;
    p->max_findings_per_code = 200;
}

static QcProfileOverride *profile_slot(QcProfile *p, const char *analyzer, const char *option)
{
    for (int i = 0; i < p->nb_overrides; i++) {
        QcProfileOverride *o = &p->overrides[i];
        if (!strcmp(o->analyzer, analyzer) && !strcmp(o->option, option))
            return o;
    }
    if (p->nb_overrides >= QC_PROFILE_MAX_OVERRIDES)
        return NULL;
    QcProfileOverride *o = &p->overrides[p->nb_overrides++];
    snprintf(o->analyzer, sizeof(o->analyzer), "%s", analyzer);
    snprintf(o->option, sizeof(o->option), "%s", option);
    return o;
}

int qc_profile_set(QcProfile *p, const char *analyzer, const char *option, double value)
{
    QcProfileOverride *o = profile_slot(p, analyzer, option);
    if (!o)
        return QC_ERR_LIMIT;
    o->value = value;
    o->boolean = 0;
    return 0;
}

const char *qc_profile_where(const QcProfile *p, char *buf, size_t size)
{
    if (p->source[0])
        snprintf(buf, size, "%s", p->source);
    else
        snprintf(buf, size, "profile %s", p->name);
    return buf;
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

/* How a JSON value is named in a message that says what was expected instead. */
static const char *json_kind(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

static int load_option(QcProfile *p, const char *aname, const char *oname, json_t *v,
                       const char *path, QcError *err)
{
    if (!json_is_number(v) && !json_is_boolean(v))
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%s: must be a number, not %s",
                            path, aname, oname, json_kind(v));
    if (strlen(oname) >= sizeof(p->overrides[0].option))
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%s.%.48s…: unknown option of %s",
                            path, aname, oname, aname);
    QcProfileOverride *o = profile_slot(p, aname, oname);
    if (!o)
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers: more than %d options", path,
                            QC_PROFILE_MAX_OVERRIDES);
    o->boolean = json_is_boolean(v);
    o->value = o->boolean ? (json_is_true(v) ? 1 : 0) : json_number_value(v);
    return 0;
}

static int load_analyzers(QcProfile *p, json_t *an, const char *path, QcError *err)
{
    if (!json_is_object(an))
        return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers: must be an object, not %s", path,
                            json_kind(an));
    const char *aname;
    json_t *opts;
    json_object_foreach(an, aname, opts)
    {
        if (strlen(aname) >= sizeof(p->overrides[0].analyzer))
            return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers.%.32s…: unknown analyzer", path,
                                aname);
        if (!json_is_object(opts))
            return qc_error_set(err, QC_ERR_INVAL,
                                "%s: analyzers.%s: must be an object of options, not %s", path,
                                aname, json_kind(opts));
        /* kept even without options, so that a misspelt name is an error, not a no-op */
        if (p->nb_analyzers >= QC_PROFILE_MAX_ANALYZERS)
            return qc_error_set(err, QC_ERR_INVAL, "%s: analyzers: more than %d analyzers", path,
                                QC_PROFILE_MAX_ANALYZERS);
        snprintf(p->analyzers[p->nb_analyzers++], sizeof(p->analyzers[0]), "%s", aname);
        const char *oname;
        json_t *v;
        json_object_foreach(opts, oname, v)
        {
            int ret = load_option(p, aname, oname, v, path, err);
            if (ret < 0)
                return ret;
        }
    }
    return 0;
}

static int load_severities(QcProfile *p, json_t *sev, const char *path, QcError *err)
{
    if (!json_is_object(sev))
        return qc_error_set(err, QC_ERR_INVAL, "%s: severity: must be an object, not %s", path,
                            json_kind(sev));
    const char *code;
    json_t *v;
    json_object_foreach(sev, code, v)
    {
        int c = qc_code_from_name(code);
        if (c < 0)
            return qc_error_set(err, QC_ERR_INVAL, "%s: severity.%s: unknown finding code", path,
                                code);
        int s = json_is_string(v) ? qc_severity_from_name(json_string_value(v)) : -1;
        if (s < 0 && json_is_string(v))
            return qc_error_set(err, QC_ERR_INVAL,
                                "%s: severity.%s: \"%s\" is not a severity (fyi, issue, blocker)",
                                path, code, json_string_value(v));
        if (s < 0)
            return qc_error_set(
                err, QC_ERR_INVAL,
                "%s: severity.%s: must be \"fyi\", \"issue\" or \"blocker\", not %s", path, code,
                json_kind(v));
        p->severity[c] = s;
    }
    return 0;
}

static int load_max_findings(QcProfile *p, json_t *maxf, const char *path, QcError *err)
{
    if (!json_is_integer(maxf))
        return qc_error_set(err, QC_ERR_INVAL,
                            "%s: max_findings_per_code: must be an integer, not %s", path,
                            json_is_number(maxf) ? "a fraction" : json_kind(maxf));
    json_int_t n = json_integer_value(maxf);
    if (n < 1 || n > MAX_FINDINGS_LIMIT)
        return qc_error_set(err, QC_ERR_INVAL,
                            "%s: max_findings_per_code: %lld is out of range [1, %d]", path,
                            (long long)n, MAX_FINDINGS_LIMIT);
    p->max_findings_per_code = (int)n;
    return 0;
}

/* Every top-level key is known, and "name", "description" and "base" are strings. A typo must
 * not leave a threshold silently at its default. */
static int check_keys(json_t *root, const char *path, QcError *err)
{
    static const char *const keys[] = {"name",     "description",           "base", "analyzers",
                                       "severity", "max_findings_per_code", NULL};
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        int k = 0;
        while (keys[k] && strcmp(keys[k], key))
            k++;
        if (!keys[k])
            return qc_error_set(err, QC_ERR_INVAL,
                                "%s: %s: unknown key (name, description, base, analyzers, "
                                "severity, max_findings_per_code)",
                                path, key);
        if (k < 3 && !json_is_string(v))
            return qc_error_set(err, QC_ERR_INVAL, "%s: %s: must be a string, not %s", path, key,
                                json_kind(v));
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
    int ret = json_is_object(root)
                  ? check_keys(root, path, err)
                  : qc_error_set(err, QC_ERR_INVAL, "%s: a profile is a JSON object, not %s", path,
                                 json_kind(root));
    json_t *base = json_object_get(root, "base"), *name = json_object_get(root, "name");
    const char *bname = json_is_string(base) ? json_string_value(base) : "default";
    if (!ret && !load_builtin(p, bname))
        ret = qc_error_set(err, QC_ERR_INVAL,
                           "%s: base: unknown profile \"%s\" (default, ebu-r128)", path, bname);
    snprintf(p->name, sizeof(p->name), "%s", json_is_string(name) ? json_string_value(name) : path);
    snprintf(p->source, sizeof(p->source), "%s", path);
    json_t *an = json_object_get(root, "analyzers"), *sev = json_object_get(root, "severity");
    json_t *maxf = json_object_get(root, "max_findings_per_code");
    if (!ret && an)
        ret = load_analyzers(p, an, path, err);
    if (!ret && sev)
        ret = load_severities(p, sev, path, err);
    if (!ret && maxf)
        ret = load_max_findings(p, maxf, path, err);
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
