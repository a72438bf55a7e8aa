// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "config.h"

int main(int argc, char **argv)
{
    QcCliArgs args;
    int ret = qc_cli_parse(argc, argv, &args);
    if (ret == 0) {
        switch (args.cmd) {
        case QC_CMD_HELP: qc_cli_usage(stdout); break;
        case QC_CMD_VERSION: printf("imfqc %s\n", QC_VERSION); break;
        case QC_CMD_ANALYZERS: ret = qc_cli_analyzers(&args); break;
        case QC_CMD_INSPECT: ret = qc_cli_inspect(&args); break;
        case QC_CMD_PROBE: ret = qc_cli_probe(&args); break;
        case QC_CMD_NONE: ret = 2; break;
        }
    }
    free(args.paths);
    return ret;
}
