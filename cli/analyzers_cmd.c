// SPDX-License-Identifier: MIT
/* `imfqc analyzers`: every analyzer with its options, defaults, units and ranges, from the
 * option tables. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "analyzers/registry.h"
#include "cli/commands.h"
#include "engine/report/report_writer.h"

static const char *media_name(QcMediaKind m)
{
    return m & QC_MEDIA_AUDIO ? "audio" : m & QC_MEDIA_VIDEO ? "video" : "track";
}

static const char *type_name(QcOptionType t)
{
    return t == QC_OPT_DOUBLE ? "number" : t == QC_OPT_INT ? "integer" : "boolean";
}

static int list_json(void)
{
    json_t *arr = json_array();
    for (const QcAnalyzer *const *a = qc_analyzers; *a; a++) {
        json_t *opts = json_array();
        for (const QcOption *o = (*a)->options; o && o->name; o++)
            json_array_append_new(
                opts, json_pack("{s:s, s:s, s:s, s:f, s:s, s:f, s:f}", "name", o->name, "help",
                                o->help, "type", type_name(o->type), "default", o->def, "unit",
                                o->unit ? o->unit : "", "min", o->min, "max", o->max));
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o}", "name", (*a)->name,
                                             "description", (*a)->description, "media",
                                             media_name((*a)->media), "options", opts));
    }
    json_t *root = json_pack("{s:o}", "analyzers", arr);
    int ret = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(root);
    return ret ? 3 : 0;
}

/* A value as a profile would write it: booleans as true/false. */
static void value_text(const QcOption *o, double v, char *buf, size_t size)
{
    if (o->type == QC_OPT_BOOL)
        snprintf(buf, size, "%s", v != 0 ? "true" : "false");
    else
        snprintf(buf, size, "%g", v);
}

static void range_text(const QcOption *o, char *buf, size_t size)
{
    if (o->type == QC_OPT_BOOL)
        snprintf(buf, size, "true|false");
    else
        snprintf(buf, size, "[%g, %g]", o->min, o->max);
}

/* One table per analyzer, its columns as wide as its widest cell. */
static void list_text(const QcAnalyzer *a)
{
    printf("%s (%s): %s\n", a->name, media_name(a->media), a->description);
    if (!a->options || !a->options->name) {
        printf("    (no options)\n\n");
        return;
    }
    int wn = 6, wd = 7, wu = 4, wr = 5;
    char buf[64];
    for (const QcOption *o = a->options; o->name; o++) {
        int n = (int)strlen(o->name), u = o->unit ? (int)strlen(o->unit) : 0;
        wn = n > wn ? n : wn;
        wu = u > wu ? u : wu;
        value_text(o, o->def, buf, sizeof(buf));
        wd = (int)strlen(buf) > wd ? (int)strlen(buf) : wd;
        range_text(o, buf, sizeof(buf));
        wr = (int)strlen(buf) > wr ? (int)strlen(buf) : wr;
    }
    printf("    %-*s  %-*s  %-*s  %-*s  %s\n", wn, "option", wd, "default", wu, "unit", wr, "range",
           "meaning");
    for (const QcOption *o = a->options; o->name; o++) {
        char def[64], range[64];
        value_text(o, o->def, def, sizeof(def));
        range_text(o, range, sizeof(range));
        printf("    %-*s  %-*s  %-*s  %-*s  %s\n", wn, o->name, wd, def, wu, o->unit ? o->unit : "",
               wr, range, o->help);
    }
    printf("\n");
}

int qc_cli_analyzers(const QcCliArgs *args)
{
    if (args->format == QC_FORMAT_JSON)
        return list_json();
    for (const QcAnalyzer *const *a = qc_analyzers; *a; a++)
        list_text(*a);
    printf("Units: FS is a fraction of full scale, fraction a share of a whole (0-1), times a "
           "ratio.\nA profile file sets any option: imfqc inspect --profile house.json (see the "
           "README).\n");
    return fflush(stdout) ? 3 : 0;
}
