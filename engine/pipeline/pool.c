// SPDX-License-Identifier: MIT
#include "engine/pipeline/pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "engine/core/error.h"

struct QcPool {
    pthread_mutex_t lock;
    pthread_cond_t work; ///< a batch started, or the pool is closing
    pthread_cond_t done; ///< the last task of a batch finished
    pthread_t *threads;
    int nb_threads; ///< workers, not counting the caller
    QcPoolTask fn;
    void *arg;
    int n, next, running; ///< tasks in the batch, next to take, in flight
    unsigned batch;       ///< batch counter, so a worker never runs one batch twice
    int err, err_index;
    int quit;
};

/* Takes and runs tasks of the current batch until none is left. Called with the lock held. */
static void drain(QcPool *p)
{
    while (p->next < p->n) {
        int i = p->next++;
        p->running++;
        pthread_mutex_unlock(&p->lock);
        int ret = p->fn(p->arg, i);
        pthread_mutex_lock(&p->lock);
        if (ret < 0 && (!p->err || i < p->err_index)) {
            p->err = ret;
            p->err_index = i;
        }
        if (--p->running == 0 && p->next >= p->n)
            pthread_cond_broadcast(&p->done);
    }
}

static void *worker(void *opaque)
{
    QcPool *p = opaque;
    unsigned seen = 0;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->quit && (p->batch == seen || p->next >= p->n))
            pthread_cond_wait(&p->work, &p->lock);
        if (p->quit)
            break;
        seen = p->batch;
        drain(p);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int qc_pool_open(QcPool **out, int threads)
{
    QcPool *p = calloc(1, sizeof(*p));
    if (!p)
        return QC_ERR_NOMEM;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    int workers = threads > 1 ? threads - 1 : 0;
    p->threads = calloc((size_t)(workers ? workers : 1), sizeof(pthread_t));
    if (!p->threads) {
        qc_pool_close(&p);
        return QC_ERR_NOMEM;
    }
    for (int i = 0; i < workers; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
            break; /* fewer workers is slower, not wrong */
        p->nb_threads++;
    }
    *out = p;
    return 0;
}

int qc_pool_run(QcPool *p, QcPoolTask fn, void *arg, int n)
{
    if (n <= 0)
        return 0;
    if (!p->nb_threads || n == 1) {
        int err = 0;
        for (int i = 0; i < n; i++) {
            int ret = fn(arg, i);
            if (ret < 0 && !err)
                err = ret;
        }
        return err;
    }
    pthread_mutex_lock(&p->lock);
    p->fn = fn;
    p->arg = arg;
    p->n = n;
    p->next = 0;
    p->err = 0;
    p->batch++;
    pthread_cond_broadcast(&p->work);
    drain(p);
    while (p->running > 0)
        pthread_cond_wait(&p->done, &p->lock);
    int err = p->err;
    p->n = 0;
    pthread_mutex_unlock(&p->lock);
    return err;
}

void qc_pool_close(QcPool **pp)
{
    QcPool *p = *pp;
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nb_threads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p);
    *pp = NULL;
}
