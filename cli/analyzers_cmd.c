// SPDX-License-Identifier: MIT
/* `imfqc analyzers`: every analyzer with its options and defaults, from the option tables. */
#include <jansson.h>
#include <stdio.h>

#include "analyzers/registry.h"
#include "cli/commands.h"
#include "engine/report/report_writer.h"

static int list_json(void)
{
    json_t *arr = json_array();
    for (const QcAnalyzer *const *a = qc_analyzers; *a; a++) {
        json_t *opts = json_array();
        for (const QcOption *o = (*a)->options; o && o->name; o++) {
            const char *type = o->type == QC_OPT_DOUBLE ? "number"
                               : o->type == QC_OPT_INT  ? "integer"
                                                        : "boolean";
            json_array_append_new(opts, json_pack("{s:s, s:s, s:s, s:f, s:f, s:f}", "name", o->name,
                                                  "help", o->help, "type", type, "default", o->def,
                                                  "min", o->min, "max", o->max));
        }
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o}", "name", (*a)->name,
                                             "description", (*a)->description, "media",
                                             (*a)->media & QC_MEDIA_AUDIO ? "audio" : "video",
                                             "options", opts));
    }
    json_t *root = json_pack("{s:o}", "analyzers", arr);
    int ret = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', stdout);
    json_decref(root);
    return ret ? 3 : 0;
}

int qc_cli_analyzers(const QcCliArgs *args)
{
    if (args->format == QC_FORMAT_JSON)
        return list_json();
    for (const QcAnalyzer *const *a = qc_analyzers; *a; a++) {
        printf("%s (%s): %s\n", (*a)->name, (*a)->media & QC_MEDIA_AUDIO ? "audio" : "video",
               (*a)->description);
        for (const QcOption *o = (*a)->options; o && o->name; o++)
            printf("    %-18s %-10g %s [%g, %g]\n", o->name, o->def, o->help, o->min, o->max);
    }
    return 0;
}
