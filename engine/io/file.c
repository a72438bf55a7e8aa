// SPDX-License-Identifier: MIT
#include "engine/io/file.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/io/sha1.h"

/* The follower reads into a buffer that stays in L2 while it is hashed (larger measured
 * slower), and waits for a step of new bytes before waking, so that small reads (audio) do not
 * cost a wake-up each. */
#define HASH_BUF ((size_t)1 << 20)
#define HASH_STEP ((int64_t)1 << 20)
#define NO_WAKE INT64_MAX

/* Lives from the first qc_file_hash_begin until qc_file_close, so that a reader still holding the
 * pointer after qc_file_hash_end touches valid memory; the digest never depends on the frontier
 * (the thread hashes in order from 0 whatever it says), so such a late update is harmless. */
typedef struct QcFileHash {
    _Atomic int64_t frontier; ///< bytes; the reads' sequential frontier
    _Atomic int64_t wake_at;  ///< bytes; the frontier that wakes the sleeping thread, or NO_WAKE
    _Atomic int64_t hashed;   ///< bytes hashed so far
    atomic_bool stop;         ///< the thread returns at the next chunk boundary
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pthread_t thread;
    bool running; ///< a thread was started and not yet joined (owner's thread only)
    int fd;
    int64_t size; ///< bytes
    QcSha1 *sha;
    uint8_t *buf; ///< HASH_BUF bytes
    int error;    ///< errno of a failed read in the thread, or -1 for end of file; 0 when fine
    int64_t error_offset;
} QcFileHash;

struct QcFile {
    int fd;
    int64_t size;
    QcFileHash *_Atomic follow; ///< the hash following the reads, NULL when none runs
    QcFileHash *hash;           ///< owned; kept after the hash ends
};

int qc_file_open(QcFile **out, const char *path, QcError *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return qc_error_set(err, QC_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return qc_error_set(err, QC_ERR_IO, "%s: not a regular file", path);
    }
    QcFile *f = calloc(1, sizeof(*f));
    if (!f) {
        close(fd);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    f->fd = fd;
    f->size = (int64_t)st.st_size;
    atomic_init(&f->follow, NULL);
    *out = f;
    return 0;
}

int64_t qc_file_size(const QcFile *f)
{
    return f->size;
}

/* Called by every reader, possibly on several threads at once: one compare-and-swap when the read
 * extends the frontier, and the mutex only when the thread sleeps and now has a step to do. */
static void hash_follow(QcFileHash *h, const int64_t offset, const int64_t end)
{
    int64_t fr = atomic_load_explicit(&h->frontier, memory_order_relaxed);
    while (end > fr && offset - fr <= QC_FILE_HASH_NEAR) {
        if (!atomic_compare_exchange_weak(&h->frontier, &fr, end))
            continue;
        /* Sequentially consistent against the thread's store of wake_at followed by its load of
         * the frontier: either it sees this frontier, or this load sees its wake_at. */
        if (end >= atomic_load(&h->wake_at)) {
            pthread_mutex_lock(&h->lock);
            pthread_cond_signal(&h->cond);
            pthread_mutex_unlock(&h->lock);
        }
        return;
    }
}

int qc_file_pread(QcFile *f, void *buf, size_t n, int64_t offset)
{
    if (offset < 0 || offset > f->size || (int64_t)n > f->size - offset)
        return QC_ERR_INVALID_DATA;
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(f->fd, (char *)buf + done, n - done, (off_t)(offset + (int64_t)done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return QC_ERR_IO; /* the file shrank under us, or the disk failed */
        done += (size_t)r;
    }
    QcFileHash *h = atomic_load_explicit(&f->follow, memory_order_acquire);
    if (h)
        hash_follow(h, offset, offset + (int64_t)n);
    return 0;
}

/* How far the thread may hash now: the frontier once it is a step ahead (or at the end of the
 * file), 0 when asked to stop. Sleeps on the condition variable until then. */
static int64_t hash_wait(QcFileHash *h, const int64_t hashed)
{
    const int64_t want = h->size - hashed < HASH_STEP ? h->size : hashed + HASH_STEP;
    int64_t fr = 0;
    pthread_mutex_lock(&h->lock);
    for (;;) {
        if (atomic_load(&h->stop)) {
            fr = 0;
            break;
        }
        atomic_store(&h->wake_at, want);
        fr = atomic_load(&h->frontier);
        if (fr >= want)
            break;
        pthread_cond_wait(&h->cond, &h->lock);
    }
    atomic_store(&h->wake_at, NO_WAKE);
    pthread_mutex_unlock(&h->lock);
    return fr < h->size ? fr : h->size;
}

/* Reads [pos, end) into the thread's buffer and hashes it; false on a read error (recorded). */
static bool hash_span(QcFileHash *h, int64_t pos, const int64_t end)
{
    while (pos < end) {
        if (atomic_load_explicit(&h->stop, memory_order_relaxed))
            return true;
        const size_t want = end - pos < (int64_t)HASH_BUF ? (size_t)(end - pos) : HASH_BUF;
        const ssize_t r = pread(h->fd, h->buf, want, (off_t)pos);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            h->error = r < 0 ? errno : -1;
            h->error_offset = pos;
            return false;
        }
        qc_sha1_update(h->sha, h->buf, (size_t)r);
        pos += r;
        atomic_store_explicit(&h->hashed, pos, memory_order_release);
    }
    return true;
}

static void *hash_main(void *arg)
{
    QcFileHash *h = arg;
    int64_t hashed = 0;
    while (hashed < h->size) {
        const int64_t to = hash_wait(h, hashed);
        if (to <= hashed || !hash_span(h, hashed, to))
            break;
        hashed = atomic_load_explicit(&h->hashed, memory_order_relaxed);
    }
    return NULL;
}

static int hash_alloc(QcFile *f, QcError *err)
{
    QcFileHash *h = calloc(1, sizeof(*h));
    if (!h)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    h->buf = malloc(HASH_BUF);
    if (!h->buf || pthread_mutex_init(&h->lock, NULL) != 0) {
        free(h->buf);
        free(h);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    if (pthread_cond_init(&h->cond, NULL) != 0) {
        pthread_mutex_destroy(&h->lock);
        free(h->buf);
        free(h);
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    }
    h->fd = f->fd;
    h->size = f->size;
    f->hash = h;
    return 0;
}

int qc_file_hash_begin(QcFile *f, QcError *err)
{
    if (f->hash && f->hash->running)
        return qc_error_set(err, QC_ERR_INVAL, "hashing already began");
    if (!f->hash && hash_alloc(f, err) < 0)
        return QC_ERR_NOMEM;
    QcFileHash *h = f->hash;
    if (qc_sha1_new(&h->sha) < 0)
        return qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    atomic_store(&h->frontier, 0);
    atomic_store(&h->hashed, 0);
    atomic_store(&h->wake_at, NO_WAKE);
    atomic_store(&h->stop, false);
    h->error = 0;
    h->error_offset = 0;
    /* Signals belong to the inspection's threads, not to this hashing thread. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    const int rc = pthread_create(&h->thread, NULL, hash_main, h);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        qc_sha1_free(&h->sha);
        return qc_error_set(err, QC_ERR_NOMEM, "cannot start the hashing thread: %s", strerror(rc));
    }
    h->running = true;
    atomic_store_explicit(&f->follow, h, memory_order_release);
    return 0;
}

static void hash_stop(QcFile *f)
{
    QcFileHash *h = f->hash;
    atomic_store_explicit(&f->follow, NULL, memory_order_relaxed);
    pthread_mutex_lock(&h->lock);
    atomic_store(&h->stop, true);
    pthread_cond_signal(&h->cond);
    pthread_mutex_unlock(&h->lock);
    pthread_join(h->thread, NULL);
    h->running = false;
}

int qc_file_hash_end(QcFile *f, uint8_t digest[20], const volatile sig_atomic_t *cancel,
                     QcError *err)
{
    QcFileHash *h = f->hash;
    if (!h || !h->running)
        return qc_error_set(err, QC_ERR_INVAL, "hashing had not begun");
    hash_stop(f);
    int ret = 0;
    if (h->error) {
        ret = qc_error_set(err, QC_ERR_IO, "hashing: read at byte %lld: %s",
                           (long long)h->error_offset,
                           h->error > 0 ? strerror(h->error) : "unexpected end of file");
        if (err)
            err->byte_offset = h->error_offset;
    } else {
        /* What the reads never reached (a stopped inspection, a skipped track) */
        const int64_t hashed = atomic_load(&h->hashed);
        ret = qc_sha1_update_fd(h->sha, h->fd, hashed, h->size, cancel, err);
    }
    if (!ret && qc_sha1_final(h->sha, digest) < 0)
        ret = qc_error_set(err, QC_ERR_NOMEM, "out of memory");
    qc_sha1_free(&h->sha);
    return ret;
}

void qc_file_hash_progress(const QcFile *f, int64_t *frontier, int64_t *hashed)
{
    /* hashed first: it never passes the frontier, which only grows while a hash runs */
    *hashed = f->hash ? atomic_load(&f->hash->hashed) : 0;
    *frontier = f->hash ? atomic_load(&f->hash->frontier) : 0;
}

void qc_file_close(QcFile **pf)
{
    QcFile *f = *pf;
    if (!f)
        return;
    if (f->hash) {
        if (f->hash->running)
            hash_stop(f);
        qc_sha1_free(&f->hash->sha);
        pthread_cond_destroy(&f->hash->cond);
        pthread_mutex_destroy(&f->hash->lock);
        free(f->hash->buf);
        free(f->hash);
    }
    close(f->fd);
    free(f);
    *pf = NULL;
}
