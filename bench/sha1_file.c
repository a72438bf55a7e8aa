// SPDX-License-Identifier: MIT
/* Times the engine's SHA-1 of one file and prints one JSON line (bench/sha1.sh).
 *   sha1_file hash FILE [TIMES]       qc_sha1_fd, TIMES over (a few seconds, as openssl speed)
 *   sha1_file read FILE               qc_file_pread in 512 KiB pieces, nothing else
 *   sha1_file follow FILE [MB_PER_S]  the same reads with qc_file_hash_begin/_end around them;
 *                                     MB_PER_S paces the reader like a decoder would
 * "reader_s" is the time until the last read returned, "total_s" adds the wait in
 * qc_file_hash_end; "cpu_s" is the process's user+system time. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "engine/io/file.h"
#include "engine/io/sha1.h"

#define PIECE ((size_t)512 << 10)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

static void print_hex(const uint8_t d[QC_SHA1_SIZE])
{
    for (int i = 0; i < QC_SHA1_SIZE; i++)
        printf("%02x", d[i]);
}

static int run_hash(const char *path, const int times)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        perror(path);
        return 1;
    }
    QcError err;
    qc_error_clear(&err);
    uint8_t d[QC_SHA1_SIZE];
    const off_t size = lseek(fd, 0, SEEK_END);
    const double t0 = now(), c0 = cpu_now();
    int rc = 0;
    for (int i = 0; i < times && rc == 0; i++)
        rc = qc_sha1_fd(fd, d, NULL, &err);
    const double t = now() - t0, c = cpu_now() - c0;
    close(fd);
    if (rc < 0) {
        fprintf(stderr, "sha1_file: %s\n", err.msg);
        return 1;
    }
    const double total = (double)size * times;
    printf("{\"mode\": \"hash\", \"bytes\": %lld, \"times\": %d, \"total_s\": %.4f, "
           "\"cpu_s\": %.3f, \"mb_per_s\": %.0f, \"mb_per_cpu_s\": %.0f, \"sha1\": \"",
           (long long)size, times, t, c, total / t / 1e6, total / c / 1e6);
    print_hex(d);
    printf("\"}\n");
    return 0;
}

/* Sleeps what a reader at @p mb_per_s would still spend on the bytes read so far. */
static void pace(const double t0, const int64_t done, const double mb_per_s)
{
    if (mb_per_s <= 0)
        return;
    const double ahead = (double)done / (mb_per_s * 1e6) - (now() - t0);
    if (ahead > 0)
        nanosleep(&(struct timespec){(time_t)ahead, (long)((ahead - (time_t)ahead) * 1e9)}, NULL);
}

static int run_read(const char *path, const int follow, const double mb_per_s)
{
    QcFile *f = NULL;
    QcError err;
    qc_error_clear(&err);
    uint8_t *buf = malloc(PIECE);
    if (!buf || qc_file_open(&f, path, &err) < 0) {
        fprintf(stderr, "sha1_file: %s\n", buf ? err.msg : "out of memory");
        free(buf);
        return 1;
    }
    const int64_t size = qc_file_size(f);
    const double t0 = now(), c0 = cpu_now();
    int rc = follow ? qc_file_hash_begin(f, &err) : 0;
    for (int64_t off = 0; rc == 0 && off < size; off += (int64_t)PIECE) {
        const size_t n = size - off < (int64_t)PIECE ? (size_t)(size - off) : PIECE;
        rc = qc_file_pread(f, buf, n, off);
        pace(t0, off + (int64_t)n, mb_per_s);
    }
    const double t_read = now() - t0;
    uint8_t d[QC_SHA1_SIZE] = {0};
    if (rc == 0 && follow)
        rc = qc_file_hash_end(f, d, NULL, &err);
    const double t = now() - t0, c = cpu_now() - c0;
    qc_file_close(&f);
    free(buf);
    if (rc < 0) {
        fprintf(stderr, "sha1_file: %s\n", err.msg[0] ? err.msg : qc_strerror(rc));
        return 1;
    }
    printf("{\"mode\": \"%s\", \"bytes\": %lld, \"pace_mb_per_s\": %.0f, \"reader_s\": %.4f, "
           "\"total_s\": %.4f, \"cpu_s\": %.3f, \"mb_per_s\": %.0f, \"sha1\": \"",
           follow ? "follow" : "read", (long long)size, mb_per_s, t_read, t, c,
           (double)size / t / 1e6);
    if (follow)
        print_hex(d);
    printf("\"}\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "hash"))
        return run_hash(argv[2], argc > 3 && atoi(argv[3]) > 0 ? atoi(argv[3]) : 1);
    if (argc >= 3 && !strcmp(argv[1], "read"))
        return run_read(argv[2], 0, argc > 3 ? atof(argv[3]) : 0);
    if (argc >= 3 && !strcmp(argv[1], "follow"))
        return run_read(argv[2], 1, argc > 3 ? atof(argv[3]) : 0);
    fprintf(stderr, "usage: sha1_file hash FILE [TIMES] | read|follow FILE [MB_PER_S]\n");
    return 2;
}
