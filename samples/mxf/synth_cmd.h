// SPDX-License-Identifier: MIT
/* The imfqc-synth subcommands that write IMF track files: mxf-audio and mxf-video. */
#ifndef QC_SAMPLES_MXF_SYNTH_CMD_H
#define QC_SAMPLES_MXF_SYNTH_CMD_H

#include <stdint.h>

/** Usage lines for both commands, for imfqc-synth --help. */
extern const char qc_mxfw_cmd_usage[];

/**
 * Run "mxf-audio" or "mxf-video"; argv[0] is the command name.
 * @return the process exit status: 0, or 2 after printing a message (no partial file is left behind).
 */
int qc_mxfw_cmd_audio(int argc, char **argv);
int qc_mxfw_cmd_video(int argc, char **argv);

/* Shared by the two commands (synth_cmd.c). */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int qc_mxfw_cmd_die(const char *fmt, ...);
/** Whole number in [lo, hi]. @return 0 or 1 (malformed). */
int qc_mxfw_cmd_int(const char *s, long long lo, long long hi, long long *out);
/** "A:B" with lo <= A < B <= hi. @return 0 or 1. */
int qc_mxfw_cmd_range(const char *s, long long lo, long long hi, long long *a, long long *b);
/** "N/D" or "N" (D = 1), both positive. @return 0 or 1. */
int qc_mxfw_cmd_rational(const char *s, int32_t *num, int32_t *den);
/** Seed in decimal or 0x hex. @return 0 or 1. */
int qc_mxfw_cmd_seed(const char *s, uint64_t *out);

#endif /* QC_SAMPLES_MXF_SYNTH_CMD_H */
