// SPDX-License-Identifier: MIT
/* The imfqc-synth "imp" command: an IMF package (CPL, PKL, ASSETMAP) around existing track files.
 */
#ifndef QC_SAMPLES_IMP_IMP_CMD_H
#define QC_SAMPLES_IMP_IMP_CMD_H

/** Usage lines, for imfqc-synth --help. */
extern const char qc_imp_cmd_usage[];

/**
 * Run "imp"; argv[0] is the command name.
 * @return the process exit status: 0, or 2 after printing a message (the XML files this run wrote
 * are removed again).
 */
int qc_imp_cmd(int argc, char **argv);

#endif /* QC_SAMPLES_IMP_IMP_CMD_H */
