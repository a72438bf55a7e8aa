// SPDX-License-Identifier: MIT
/**
 * @file args.h
 * The imfqc command line (design.md §7).
 */
#ifndef QC_CLI_ARGS_H
#define QC_CLI_ARGS_H

#include <stdio.h>

#define QC_CLI_MAX_REPORTS 8

typedef enum QcCliCommand {
    QC_CMD_NONE,
    QC_CMD_INSPECT,
    QC_CMD_ANALYZERS,
    QC_CMD_PROBE,
    QC_CMD_HELP,
    QC_CMD_VERSION,
} QcCliCommand;

typedef enum QcProgressMode {
    QC_PROGRESS_AUTO,
    QC_PROGRESS_BAR,
    QC_PROGRESS_JSON,
    QC_PROGRESS_NONE,
} QcProgressMode;

typedef struct QcCliArgs {
    QcCliCommand cmd;
    int format; ///< QcReportFormat for stdout, or -1 for auto
    const char *reports[QC_CLI_MAX_REPORTS];
    int nb_reports;
    int threads; ///< 0 = the CPUs this process may use
    const char *profile;
    const char *only, *skip;
    const char *decode;
    QcProgressMode progress;
    const char *cpu_mask;
    const char **paths;
    int nb_paths;
    const char **previous; ///< --previous, may repeat (same allocation as paths)
    int nb_previous;
    int no_hash;           ///< --no-hash
    const char *descriptor_compare; ///< "exact" or "normalized"
    const char *expect_language;
} QcCliArgs;

/** Parses argv. @return 0, or 2 (usage error, message printed to stderr). */
int qc_cli_parse(int argc, char **argv, QcCliArgs *a);

void qc_cli_usage(FILE *out);

#endif
