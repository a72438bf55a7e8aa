// SPDX-License-Identifier: MIT
#ifndef QC_CLI_COMMANDS_H
#define QC_CLI_COMMANDS_H

#include "cli/args.h"

/** @return the process exit status */
int qc_cli_inspect(const QcCliArgs *args);
int qc_cli_analyzers(const QcCliArgs *args);
int qc_cli_probe(const QcCliArgs *args);

#endif
