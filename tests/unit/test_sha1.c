// SPDX-License-Identifier: MIT
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/io/file.h"
#include "engine/io/sha1.h"
#include "unit.h"

#define MIB ((int64_t)1 << 20)
#define KIB ((int64_t)1 << 10)

static void hex(const uint8_t d[QC_SHA1_SIZE], char out[41])
{
    for (int i = 0; i < QC_SHA1_SIZE; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int digest_of(const void *data, size_t n, uint8_t out[QC_SHA1_SIZE])
{
    QcSha1 *h = NULL;
    if (qc_sha1_new(&h) < 0)
        return -1;
    qc_sha1_update(h, data, n);
    int r = qc_sha1_final(h, out);
    qc_sha1_free(&h);
    return r;
}

/* deterministic bytes that do not repeat with any small period */
static void fill(uint8_t *p, size_t n, uint64_t seed)
{
    uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        p[i] = (uint8_t)(x >> 24);
    }
}

static char *tmp_path(const char *name)
{
    static char path[4][256];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, sizeof(path[0]), "%s/%s", unit_tmpdir(), name);
    return p;
}

static int write_file(const char *path, const uint8_t *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    size_t w = n ? fwrite(data, 1, n, fp) : 0;
    return fclose(fp) == 0 && w == n ? 0 : -1;
}

static void test_sha1_vectors(void)
{
    static const struct {
        const char *text;
        const char *hex;
        const char *b64;
    } v[] = {
        {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="},
        {"abc", "a9993e364706816aba3e25717850c26c9cd0d89d", "qZk+NkcGgWq6PiVxeFDCbJzQ2J0="},
    };
    uint8_t d[QC_SHA1_SIZE], back[QC_SHA1_SIZE];
    char h[41], b[QC_SHA1_B64_SIZE];
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        CHECK(digest_of(v[i].text, strlen(v[i].text), d) == 0);
        hex(d, h);
        CHECK(strcmp(h, v[i].hex) == 0);
        qc_sha1_to_base64(d, b);
        CHECK(strcmp(b, v[i].b64) == 0);
        CHECK(qc_sha1_from_base64(v[i].b64, back) == 0 && memcmp(back, d, sizeof(d)) == 0);
    }
    /* the million-'a' vector, fed in uneven pieces across block boundaries */
    char *a = malloc(1000000);
    CHECK(a != NULL);
    if (!a)
        return;
    memset(a, 'a', 1000000);
    QcSha1 *s = NULL;
    CHECK(qc_sha1_new(&s) == 0);
    size_t pos = 0, step = 1;
    while (pos < 1000000) {
        size_t n = 1000000 - pos < step ? 1000000 - pos : step;
        qc_sha1_update(s, a + pos, n);
        pos += n;
        step = step * 3 % 65537 + 1;
    }
    CHECK(qc_sha1_final(s, d) == 0);
    qc_sha1_free(&s);
    CHECK(s == NULL);
    qc_sha1_free(&s); /* NULL is fine */
    hex(d, h);
    CHECK(strcmp(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f") == 0);
    qc_sha1_to_base64(d, b);
    CHECK(strcmp(b, "NKqXPNTE2qT2Husr260nMWU0AW8=") == 0);
    CHECK(digest_of(a, 1000000, back) == 0 && memcmp(back, d, sizeof(d)) == 0);
    free(a);
}

static void test_sha1_base64_edges(void)
{
    uint8_t d[QC_SHA1_SIZE], want[QC_SHA1_SIZE];
    CHECK(digest_of("abc", 3, want) == 0);
    CHECK(qc_sha1_from_base64(" \t\r\nqZk+NkcGgWq6PiVxeFDCbJzQ2J0=\n  ", d) == 0);
    CHECK(memcmp(d, want, sizeof(d)) == 0);
    static const char *bad[] = {
        NULL,
        "",
        "   ",
        "qZk+NkcGgWq6PiVxeFDCbJzQ2J0",   /* 27: padding left out */
        "qZk+NkcGgWq6PiVxeFDCbJzQ2J0==", /* 29 */
        "qZk+NkcGgWq6PiVxeFDCbJzQ2J0A",  /* 28 but 21 bytes */
        "qZk+NkcGgWq6PiVxeFDCbJzQ2J==",  /* 28 but 19 bytes */
        "qZk+NkcGgWq6PiVxeFDCbJzQ2J1=",  /* unused bits set: a second spelling */
        "qZk*NkcGgWq6PiVxeFDCbJzQ2J0=",  /* not in the alphabet */
        "qZk+NkcGgWq6PiVx FDCbJzQ2J0=",  /* whitespace inside */
        "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=x",
        "qZk+NkcGgWq6PiVxeFDC=JzQ2J0=", /* padding in the middle */
        "qZk-NkcGgWq6PiVxeFDCbJzQ2J0=", /* base64url is another alphabet */
        "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=qZk+NkcGgWq6PiVxeFDCbJzQ2J0=",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        memset(d, 0x5a, sizeof(d));
        const int r = qc_sha1_from_base64(bad[i], d);
        CHECK(r == -1);
        if (r != -1)
            fprintf(stderr, "  accepted bad base64 #%zu \"%s\"\n", i, bad[i] ? bad[i] : "(null)");
    }
    /* every digest survives the round trip */
    for (int seed = 0; seed < 64; seed++) {
        uint8_t x[QC_SHA1_SIZE], y[QC_SHA1_SIZE];
        char b[QC_SHA1_B64_SIZE];
        fill(x, sizeof(x), (uint64_t)seed);
        qc_sha1_to_base64(x, b);
        CHECK(strlen(b) == 28 && qc_sha1_from_base64(b, y) == 0 && memcmp(x, y, sizeof(x)) == 0);
    }
}

/* A scratch file of @p n pseudo-random bytes and its digest (computed in memory); the bytes
 * are kept in *@p keep when it is not NULL. @return the path, or NULL (a failed CHECK). */
static const char *random_file(const char *name, size_t n, uint64_t seed,
                               uint8_t want[QC_SHA1_SIZE], uint8_t **keep)
{
    uint8_t *data = malloc(n);
    CHECK(data != NULL);
    if (!data)
        return NULL;
    fill(data, n, seed);
    const char *path = tmp_path(name);
    int written = write_file(path, data, n) == 0, digested = digest_of(data, n, want) == 0;
    CHECK(written);
    CHECK(digested);
    int ok = written && digested;
    if (keep && ok)
        *keep = data;
    else
        free(data);
    return ok ? path : NULL;
}

static void test_sha1_files(void)
{
    /* more than one mapped window, and not a whole number of pages */
    const size_t n = (size_t)(37 * MIB + 4097);
    uint8_t want[QC_SHA1_SIZE], got[QC_SHA1_SIZE], *data = NULL;
    const char *path = random_file("sha1_big.bin", n, 7, want, &data);
    if (!path)
        return;
    QcError err;
    qc_error_clear(&err);
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 12345, SEEK_SET) == 12345); /* the file position is not used */
    CHECK(qc_sha1_fd(fd, got, NULL, &err) == 0);
    CHECK(memcmp(got, want, sizeof(got)) == 0);
    /* a range that starts and ends inside pages */
    const int64_t from = 3 * MIB + 12345, to = (int64_t)n - 77;
    QcSha1 *s = NULL;
    CHECK(qc_sha1_new(&s) == 0);
    CHECK(qc_sha1_update_fd(s, fd, from, to, NULL, &err) == 0);
    CHECK(qc_sha1_final(s, got) == 0);
    qc_sha1_free(&s);
    CHECK(digest_of(data + from, (size_t)(to - from), want) == 0);
    CHECK(memcmp(got, want, sizeof(got)) == 0);
    CHECK(qc_sha1_new(&s) == 0);
    CHECK(qc_sha1_update_fd(s, fd, 10, 5, NULL, &err) == QC_ERR_INVAL);
    qc_sha1_free(&s);
    volatile sig_atomic_t stop = 1;
    qc_error_clear(&err);
    CHECK(qc_sha1_fd(fd, got, &stop, &err) == QC_ERR_CANCELLED);
    close(fd);
    free(data);

    const char *empty = tmp_path("sha1_empty.bin");
    CHECK(write_file(empty, NULL, 0) == 0);
    fd = open(empty, O_RDONLY);
    CHECK(fd >= 0 && qc_sha1_fd(fd, got, NULL, NULL) == 0);
    CHECK(digest_of("", 0, want) == 0 && memcmp(got, want, sizeof(got)) == 0);
    close(fd);
    fd = open(unit_tmpdir(), O_RDONLY | O_DIRECTORY);
    qc_error_clear(&err);
    CHECK(fd >= 0 && qc_sha1_fd(fd, got, NULL, &err) == QC_ERR_IO && err.msg[0]);
    close(fd);
}

void test_sha1(void)
{
    test_sha1_vectors();
    test_sha1_base64_edges();
    test_sha1_files();
}

/* ----------------------------------------------------------------------------------------------
 * the hash that follows the reads */

typedef struct {
    QcFile *f;
    int64_t off, n;
    int rc;
} ReadJob;

static void *read_job(void *arg)
{
    ReadJob *j = arg;
    uint8_t *buf = malloc((size_t)j->n);
    j->rc = buf ? qc_file_pread(j->f, buf, (size_t)j->n, j->off) : -1;
    free(buf);
    return NULL;
}

static int read_at(QcFile *f, int64_t off, int64_t n)
{
    ReadJob j = {f, off, n, 0};
    read_job(&j);
    return j.rc;
}

/* hashed (and the frontier) of @p f once the thread has caught up to @p want, or after 10 s */
static int64_t wait_hashed(const QcFile *f, int64_t want)
{
    int64_t fr = 0, hashed = 0;
    for (int i = 0; i < 2000; i++) {
        qc_file_hash_progress(f, &fr, &hashed);
        if (hashed >= want)
            break;
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
    return hashed;
}

/* An MXF inspection's reads: the header, the footer and index (far), then the essence in order,
 * some pieces read by two decode workers at once and out of order. */
static void file_hash_mxf_pattern(const char *path, const uint8_t want[QC_SHA1_SIZE],
                                  const int64_t size)
{
    QcFile *f = NULL;
    QcError err;
    qc_error_clear(&err);
    CHECK(qc_file_open(&f, path, &err) == 0);
    if (!f)
        return;
    CHECK(qc_file_hash_begin(f, &err) == 0);
    CHECK(read_at(f, 0, 64 * KIB) == 0);
    CHECK(read_at(f, size - MIB, MIB) == 0);
    const int64_t chunk = 300 * KIB;
    int64_t off = 70 * KIB, i = 0;
    while (off < size - MIB) {
        const int64_t n1 = size - MIB - off < chunk ? size - MIB - off : chunk;
        const int64_t off2 = off + n1;
        const int64_t n2 = size - MIB - off2 < chunk ? size - MIB - off2 : chunk;
        if (i++ % 3 == 0 && n2 > 0) {
            ReadJob a = {f, off2, n2, -1}, b = {f, off, n1, -1}; /* the later piece first */
            pthread_t ta, tb;
            CHECK(pthread_create(&ta, NULL, read_job, &a) == 0);
            CHECK(pthread_create(&tb, NULL, read_job, &b) == 0);
            pthread_join(ta, NULL);
            pthread_join(tb, NULL);
            CHECK(a.rc == 0 && b.rc == 0);
            off = off2 + n2;
        } else {
            CHECK(read_at(f, off, n1) == 0);
            off += n1;
        }
    }
    /* the thread follows the reads on its own, before the end is asked for */
    CHECK(wait_hashed(f, size) == size);
    uint8_t got[QC_SHA1_SIZE];
    CHECK(qc_file_hash_end(f, got, NULL, &err) == 0);
    CHECK(memcmp(got, want, QC_SHA1_SIZE) == 0);
    CHECK(qc_file_hash_end(f, got, NULL, &err) == QC_ERR_INVAL);
    qc_file_close(&f);
    CHECK(f == NULL);
}

/* The frontier rules, observed exactly on a sparse file larger than QC_FILE_HASH_NEAR. */
static void file_hash_frontier(void)
{
    const char *path = tmp_path("hash_sparse.bin");
    const int64_t size = QC_FILE_HASH_NEAR + 36 * MIB;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && ftruncate(fd, (off_t)size) == 0);
    uint8_t mark[4096];
    fill(mark, sizeof(mark), 3);
    CHECK(pwrite(fd, mark, sizeof(mark), (off_t)(40 * MIB + 1)) == (ssize_t)sizeof(mark));
    close(fd);
    fd = open(path, O_RDONLY);
    uint8_t want[QC_SHA1_SIZE], got[QC_SHA1_SIZE];
    CHECK(fd >= 0 && qc_sha1_fd(fd, want, NULL, NULL) == 0);
    close(fd);

    QcFile *f = NULL;
    QcError err;
    qc_error_clear(&err);
    CHECK(qc_file_open(&f, path, &err) == 0);
    if (!f)
        return;
    int64_t fr = -1, hashed = -1;
    qc_file_hash_progress(f, &fr, &hashed);
    CHECK(fr == 0 && hashed == 0);
    CHECK(qc_file_hash_begin(f, &err) == 0);
    CHECK(qc_file_hash_begin(f, &err) == QC_ERR_INVAL);
    CHECK(read_at(f, 0, 64 * KIB) == 0);
    qc_file_hash_progress(f, &fr, &hashed);
    CHECK(fr == 64 * KIB && hashed <= fr);
    CHECK(read_at(f, size - MIB, MIB) == 0); /* far: the footer */
    CHECK(read_at(f, 64 * KIB + QC_FILE_HASH_NEAR + 1, 4096) == 0);
    qc_file_hash_progress(f, &fr, &hashed);
    CHECK(fr == 64 * KIB);
    CHECK(read_at(f, 1000, 5000) == 0); /* behind: nothing moves */
    qc_file_hash_progress(f, &fr, &hashed);
    CHECK(fr == 64 * KIB);
    CHECK(read_at(f, 64 * KIB + QC_FILE_HASH_NEAR, 4096) == 0); /* near enough: a gap is fine */
    qc_file_hash_progress(f, &fr, &hashed);
    CHECK(fr == 64 * KIB + QC_FILE_HASH_NEAR + 4096);
    CHECK(wait_hashed(f, fr) == fr);
    qc_file_hash_progress(f, &fr, &hashed);
    CHECK(hashed == fr); /* and never beyond */
    CHECK(qc_file_hash_end(f, got, NULL, &err) == 0);
    CHECK(memcmp(got, want, sizeof(got)) == 0);
    qc_file_close(&f);
}

static void file_hash_lifecycle(const char *path, const uint8_t want[QC_SHA1_SIZE])
{
    QcFile *f = NULL;
    QcError err;
    qc_error_clear(&err);
    uint8_t got[QC_SHA1_SIZE];
    CHECK(qc_file_open(&f, path, &err) == 0);
    if (!f)
        return;
    CHECK(qc_file_hash_end(f, got, NULL, &err) == QC_ERR_INVAL);
    qc_error_clear(&err);
    for (int round = 0; round < 2; round++) { /* no reads at all, twice */
        memset(got, 0, sizeof(got));
        CHECK(qc_file_hash_begin(f, &err) == 0);
        CHECK(qc_file_hash_end(f, got, NULL, &err) == 0);
        CHECK(memcmp(got, want, QC_SHA1_SIZE) == 0);
    }
    CHECK(qc_file_hash_begin(f, &err) == 0); /* stopped by a cancel while hashing the rest */
    volatile sig_atomic_t stop = 1;
    CHECK(qc_file_hash_end(f, got, &stop, &err) == QC_ERR_CANCELLED);
    qc_error_clear(&err);
    CHECK(qc_file_hash_begin(f, &err) == 0); /* closed while the thread hashes */
    CHECK(read_at(f, 0, 8 * MIB) == 0);
    qc_file_close(&f);
    CHECK(f == NULL);
    CHECK(qc_file_open(&f, path, &err) == 0); /* closed while the thread sleeps */
    CHECK(f && qc_file_hash_begin(f, &err) == 0);
    qc_file_close(&f);
    qc_file_close(&f);
}

/* The file shrinks after open: an I/O error, never a crash on a mapped page. */
static void file_hash_shrunk(void)
{
    const char *path = tmp_path("hash_shrink.bin");
    uint8_t *data = calloc(1, (size_t)(4 * MIB));
    CHECK(data && write_file(path, data, (size_t)(4 * MIB)) == 0);
    free(data);
    QcFile *f = NULL;
    QcError err;
    qc_error_clear(&err);
    CHECK(qc_file_open(&f, path, &err) == 0);
    if (!f)
        return;
    CHECK(qc_file_hash_begin(f, &err) == 0);
    CHECK(truncate(path, MIB) == 0);
    uint8_t got[QC_SHA1_SIZE];
    CHECK(qc_file_hash_end(f, got, NULL, &err) == QC_ERR_IO && err.msg[0]);
    qc_file_close(&f);
}

void test_file_hash(void)
{
    const size_t n = (size_t)(20 * MIB + 333);
    uint8_t want[QC_SHA1_SIZE], got[QC_SHA1_SIZE];
    const char *path = random_file("hash_follow.bin", n, 11, want, NULL);
    if (!path)
        return;
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0 && qc_sha1_fd(fd, got, NULL, NULL) == 0);
    CHECK(memcmp(got, want, sizeof(got)) == 0);
    close(fd);

    file_hash_mxf_pattern(path, want, (int64_t)n);
    file_hash_frontier();
    file_hash_lifecycle(path, want);
    file_hash_shrunk();
}
