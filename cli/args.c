// SPDX-License-Identifier: MIT
#include "cli/args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/core/lang.h"
#include "engine/report/report_writer.h"

void qc_cli_usage(FILE *out)
{
    fputs("usage: imfqc inspect [options] PATH...\n"
          "       imfqc probe FILE.mxf...\n"
          "       imfqc analyzers [--format text|json]\n"
          "       imfqc --version | --help\n"
          "\n"
          "inspect options:\n"
          "  --format text|json        what goes to stdout (default: text on a terminal, json\n"
          "                            otherwise)\n"
          "  --report FILE             also write a report; format from the extension (.json,\n"
          "                            .txt, .html); may repeat\n"
          "  --threads N               worker threads (default: the CPUs this process may use)\n"
          "  --profile NAME|FILE       thresholds and severities (built-in: default, ebu-r128;\n"
          "                            FILE is JSON)\n"
          "  --only LIST / --skip LIST analyzers by name, comma-separated\n"
          "  --decode full|fast        picture decoding mode (audio is always read in full)\n"
          "  --previous PATH           an earlier delivery (IMP folder or CPL): resolves the\n"
          "                            track files of a supplemental package and gives each\n"
          "                            virtual track a status; may repeat\n"
          "  --no-hash                 skip the PKL SHA-1 digest checks\n"
          "  --descriptor-compare exact|normalized  CPL EssenceDescriptors against the MXF:\n"
          "                            exact text (default), or forgiving the UL version byte,\n"
          "                            hex case and whitespace\n"
          "  --expect-language TAG     RFC 5646 tag the audio must carry (e.g. en): another is a\n"
          "                            blocker, none an issue\n"
          "  --progress auto|bar|json|none  progress on stderr\n"
          "  --cpu-mask LIST           restrict SIMD kernels: c, sse2, ssse3, sse41, avx2\n"
          "\n"
          "exit status: 0 no blocker, 1 at least one blocker, 2 usage error, 3 could not\n"
          "inspect, 130/143 interrupted (a partial report is still written)\n",
          out);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("imfqc: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(try imfqc --help)\n", stderr);
    return 2;
}

static int parse_format(const char *v, int *out)
{
    if (!strcmp(v, "text"))
        *out = QC_FORMAT_TEXT;
    else if (!strcmp(v, "json"))
        *out = QC_FORMAT_JSON;
    else
        return usage_error("--format must be text or json, not \"%s\"", v);
    return 0;
}

static int parse_progress(const char *v, QcProgressMode *out)
{
    static const char *const names[] = {"auto", "bar", "json", "none"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(v, names[i])) {
            *out = (QcProgressMode)i;
            return 0;
        }
    return usage_error("--progress must be auto, bar, json or none, not \"%s\"", v);
}

static int parse_threads(const char *v, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 1 || n > 1024)
        return usage_error("--threads must be a number from 1 to 1024, not \"%s\"", v);
    *out = (int)n;
    return 0;
}

/* One option that takes a value; @return 0, 2 (usage), or 1 when @p opt is not one of these. */
static int value_option(QcCliArgs *a, const char *opt, const char *v)
{
    if (!strcmp(opt, "--format"))
        return parse_format(v, &a->format);
    if (!strcmp(opt, "--threads"))
        return parse_threads(v, &a->threads);
    if (!strcmp(opt, "--progress"))
        return parse_progress(v, &a->progress);
    if (!strcmp(opt, "--report")) {
        QcReportFormat f;
        if (qc_report_format_from_path(v, &f) < 0)
            return usage_error("--report %s: the name must end in .json, .txt or .html", v);
        if (a->nb_reports >= QC_CLI_MAX_REPORTS)
            return usage_error("too many --report options (at most 8): %s", v);
        a->reports[a->nb_reports++] = v;
        return 0;
    }
    if (!strcmp(opt, "--descriptor-compare")) {
        if (strcmp(v, "exact") && strcmp(v, "normalized"))
            return usage_error("--descriptor-compare must be exact or normalized, not \"%s\"", v);
        a->descriptor_compare = v;
        return 0;
    }
    if (!strcmp(opt, "--expect-language")) {
        if (!qc_lang_well_formed(v))
            return usage_error("--expect-language: \"%s\" is not a well-formed RFC 5646 tag", v);
        a->expect_language = v;
        return 0;
    }
    if (!strcmp(opt, "--previous")) {
        a->previous[a->nb_previous++] = v;
        return 0;
    }
    if (!strcmp(opt, "--decode")) {
        if (strcmp(v, "full") && strcmp(v, "fast"))
            return usage_error("--decode must be full or fast, not \"%s\"", v);
        a->decode = v;
        return 0;
    }
    const char **slot = !strcmp(opt, "--profile")    ? &a->profile
                        : !strcmp(opt, "--only")     ? &a->only
                        : !strcmp(opt, "--skip")     ? &a->skip
                        : !strcmp(opt, "--cpu-mask") ? &a->cpu_mask
                                                     : NULL;
    if (!slot)
        return 1;
    *slot = v;
    return 0;
}

static int is_option(const char *name)
{
    static const char *const names[] = {"--format",   "--report", "--threads", "--profile",
                                        "--only",     "--skip",   "--decode",  "--progress",
                                        "--cpu-mask", "--previous", "--descriptor-compare",
                                        "--expect-language", NULL};
    for (const char *const *n = names; *n; n++)
        if (!strcmp(*n, name))
            return 1;
    return 0;
}

static int parse_options(int argc, char **argv, int i, QcCliArgs *a)
{
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "--")) {
            for (i++; i < argc; i++)
                a->paths[a->nb_paths++] = argv[i];
            break;
        }
        if (arg[0] != '-' || arg[1] == '\0') {
            a->paths[a->nb_paths++] = arg;
            continue;
        }
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
            a->cmd = QC_CMD_HELP;
            return 0;
        }
        if (!strcmp(arg, "--no-hash")) {
            a->no_hash = 1;
            continue;
        }
        /* --name=value and --name value */
        char name[32];
        const char *eq = strchr(arg, '='), *v;
        if (eq) {
            snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
            v = eq + 1;
        } else {
            snprintf(name, sizeof(name), "%s", arg);
            v = i + 1 < argc ? argv[i + 1] : NULL;
        }
        if (!is_option(name))
            return usage_error("unknown option %s", arg);
        if (!v)
            return usage_error("%s needs a value", name);
        int ret = value_option(a, name, v);
        if (ret)
            return ret;
        if (!eq)
            i++;
    }
    return 0;
}

int qc_cli_parse(int argc, char **argv, QcCliArgs *a)
{
    memset(a, 0, sizeof(*a));
    a->format = -1;
    a->decode = "full";
    /* one block for both lists, so that freeing paths frees everything */
    a->paths = calloc(2 * ((size_t)argc + 1), sizeof(char *));
    if (!a->paths)
        return 2;
    a->previous = a->paths + argc + 1;
    if (argc < 2)
        return usage_error("%s", "no command given");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        a->cmd = QC_CMD_HELP;
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        a->cmd = QC_CMD_VERSION;
        return 0;
    }
    if (!strcmp(cmd, "inspect"))
        a->cmd = QC_CMD_INSPECT;
    else if (!strcmp(cmd, "analyzers"))
        a->cmd = QC_CMD_ANALYZERS;
    else if (!strcmp(cmd, "probe"))
        a->cmd = QC_CMD_PROBE;
    else
        return usage_error("unknown command \"%s\"", cmd);
    int ret = parse_options(argc, argv, 2, a);
    if (ret)
        return ret;
    if ((a->cmd == QC_CMD_INSPECT || a->cmd == QC_CMD_PROBE) && a->nb_paths == 0)
        return usage_error("%s needs at least one PATH", cmd);
    if (a->cmd == QC_CMD_ANALYZERS && a->nb_paths)
        return usage_error("analyzers takes no PATH (got %s)", a->paths[0]);
    return 0;
}
