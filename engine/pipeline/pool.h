// SPDX-License-Identifier: MIT
/**
 * @file pool.h
 * A fixed pool of worker threads that run a batch of independent tasks and go back to sleep.
 *
 * Workers wait on a condition variable, never spin: render nodes run several engines per
 * machine, and spinning OpenMP workers on an oversubscribed machine cost 6× the wall time here.
 */
#ifndef QC_ENGINE_PIPELINE_POOL_H
#define QC_ENGINE_PIPELINE_POOL_H

typedef struct QcPool QcPool;

/** One task: index in [0, n). @return 0 or a negative QcErrorCode. */
typedef int (*QcPoolTask)(void *arg, int index);

/**
 * Starts @p threads - 1 workers (the caller is the last one); 1 means no thread at all.
 * @return 0 or QC_ERR_NOMEM.
 */
int qc_pool_open(QcPool **out, int threads);

/**
 * Runs fn(arg, i) for every i in [0, n) on the workers and the caller, and returns when all
 * are done. Tasks are taken in index order.
 * @return 0, or the error of the lowest-index task that failed.
 */
int qc_pool_run(QcPool *p, QcPoolTask fn, void *arg, int n);

/** Stops the workers; NULL is fine. */
void qc_pool_close(QcPool **pp);

#endif
