/* SPDX-License-Identifier: MIT */
/* Golden-test inputs: a program run with its output captured, and good and broken input files. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "golden_case.h"
#include "golden_input.h"

#define MAX_ARGS 96
#define PATH_LEN 4096

extern char **environ;

int gc_split_args(char *s, char **argv, int n, const int max)
{
    for (char *tok = strtok(s, " \t"); tok; tok = strtok(NULL, " \t")) {
        if (n == max - 1)
            return -1;
        argv[n++] = tok;
    }
    argv[n] = NULL;
    return n;
}

/* Runs argv with stdout and stderr sent to files; returns the exit code, or -1 - signal. */
int gc_spawn(char *const argv[], const char *out, const char *err)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid;
    const int r = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (r) {
        fprintf(stderr, "golden_run: cannot run %s: %s\n", argv[0], strerror(r));
        return 127;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 127;
    if (WIFSIGNALED(status))
        return -1 - WTERMSIG(status);
    return WEXITSTATUS(status);
}

void gc_print_file(const char *label, const char *path, const long max)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char buf[512];
    long n = 0;
    printf("---- %s (%s)\n", label, path);
    while (fgets(buf, sizeof(buf), f) && n < max) {
        fputs(buf, stdout);
        n += (long)strlen(buf);
    }
    if (n >= max)
        printf("[...]\n");
    fclose(f);
}

int gc_mkdirs(const char *path)
{
    char buf[PATH_LEN];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0755) && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

static int write_bytes(const char *path, const void *data, const size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    const size_t w = n ? fwrite(data, 1, n, f) : 0;
    return fclose(f) || w != n ? -1 : 0;
}

static void le(unsigned char *p, const unsigned long v, const int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* A 44-byte canonical RIFF/WAVE PCM header claiming `channels` 16-bit channels and no data. */
static int write_wav_header(const char *path, const long channels)
{
    unsigned char h[44];
    const unsigned long rate = 48000, align = (unsigned long)channels * 2;
    memcpy(h, "RIFF", 4);
    le(h + 4, 36, 4);
    memcpy(h + 8, "WAVEfmt ", 8);
    le(h + 16, 16, 4);
    le(h + 20, 1, 2);
    le(h + 22, (unsigned long)channels, 2);
    le(h + 24, rate, 4);
    le(h + 28, (rate * align) & 0xFFFFFFFFul, 4);
    le(h + 32, align & 0xFFFF, 2); /* wraps for huge channel counts, as a broken writer's would */
    le(h + 34, 16, 2);
    memcpy(h + 36, "data", 4);
    le(h + 40, 0, 4);
    return write_bytes(path, h, sizeof(h));
}

static int truncate_input(const char *path, const char *spec)
{
    struct stat st;
    if (stat(path, &st))
        return -1;
    char *end;
    const double v = strtod(spec, &end);
    off_t size = (off_t)v;
    if (*end == '%')
        size = (off_t)((double)st.st_size * v / 100.0);
    else if (*end)
        return -1;
    return truncate(path, size);
}

int gc_make_input(const GcCase *c, const char *synth, const char *workdir,
                  const char *input)
{
    static const char text[] = "This is not an audio file.\nIt is a golden-test input for imfqc.\n";
    unlink(input);
    if (!strcmp(c->make, "missing"))
        return 0;
    if (!strcmp(c->make, "empty"))
        return write_bytes(input, "", 0);
    if (!strcmp(c->make, "text"))
        return write_bytes(input, text, sizeof(text) - 1);
    if (!strcmp(c->make, "wav-header"))
        return write_wav_header(input, c->make_channels);
    char args[GC_TEXT], out[PATH_LEN], err[PATH_LEN], *argv[MAX_ARGS];
    snprintf(args, sizeof(args), "%s", c->synth);
    argv[0] = (char *)synth;
    const int n = gc_split_args(args, argv, 1, MAX_ARGS - 2);
    if (n < 0)
        return -1;
    argv[n] = "-o";
    argv[n + 1] = (char *)input;
    argv[n + 2] = NULL;
    snprintf(out, sizeof(out), "%s/synth.out", workdir);
    snprintf(err, sizeof(err), "%s/synth.err", workdir);
    if (gc_spawn(argv, out, err) != 0) {
        gc_print_file("imfqc-synth stderr", err, 4000);
        return -1;
    }
    return c->truncate[0] ? truncate_input(input, c->truncate) : 0;
}
