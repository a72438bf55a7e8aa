/* SPDX-License-Identifier: MIT */
/* Golden-test inputs and child processes. */
#ifndef QC_TESTS_GOLDEN_INPUT_H
#define QC_TESTS_GOLDEN_INPUT_H

#include "golden_case.h"

/** Split s in place on blanks into argv[n..]; NULL-terminates. @return the new count, or -1 past max. */
int gc_split_args(char *s, char **argv, int n, int max);

/** Run argv[0] (a path) with stdin from /dev/null and stdout, stderr into files.
 *  @return the exit status, -1 - signal when killed by a signal, or 127 when it could not start. */
int gc_spawn(char *const argv[], const char *out, const char *err);

/** Print the first max bytes of a text file under a heading; nothing if it cannot be read. */
void gc_print_file(const char *label, const char *path, long max);

/** mkdir -p. @return 0 or -1 (errno set). */
int gc_mkdirs(const char *path);

/**
 * Create the case's input at `input`: run imfqc-synth (then truncate), or make a missing, empty, text or
 * broken-header file.
 * @return 0, or -1 when the input could not be made (a harness error, not a test failure).
 */
int gc_make_input(const GcCase *c, const char *synth, const char *workdir, const char *input);

#endif /* QC_TESTS_GOLDEN_INPUT_H */
