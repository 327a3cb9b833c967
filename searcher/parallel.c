/*
 * parallel.c - search --batch --jobs N.
 *
 * Three kinds of thread share a ring of 4 x N slots, one slot per line in
 * flight; line number SEQ (counted from 0) always goes to slot SEQ % size:
 *
 *   reader (the caller's thread)  batch_each() reads a line, copies it into
 *                                 the next slot; waits while all are taken.
 *   N workers                     each takes the oldest line nobody took,
 *                                 searches it with its own xc_searcher
 *                                 (answer_query), marks the slot done.
 *   writer                        waits for the oldest slot to be done,
 *                                 prints and flushes it (print_answer),
 *                                 frees the slot for the reader.
 *
 * Three counters say where each is: written <= taken <= put <= written +
 * size. So the output is in input order by construction, an answer goes
 * out as soon as it and every earlier one are done, and memory is bounded
 * by the ring however long the batch. One mutex guards the counters, the
 * flags and each slot's "done"; a slot's contents belong to whoever the
 * counters give it to (reader, then one worker, then the writer), so they
 * are used outside the lock.
 *
 * Only the writer touches the run_state (printer, exit status flags), so
 * what is printed, and when it stops, is what --jobs 1 does. It stops at an
 * index failure or when output fails (EPIPE in "search ... | head"): it
 * sets "stop", the reader stops at its next line, each worker after its
 * current search, and answers not yet printed are dropped.
 */
#define _POSIX_C_SOURCE 200809L
#include "parallel.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"

typedef struct slot {
    char *qid, *text; /* the line, owned */
    answer ans;       /* set by the worker that took it */
    int done;         /* ans is ready (guarded by the lock) */
} slot;

typedef struct pool {
    run_state *st;
    slot *ring;
    size_t size;
    unsigned long long put, taken, written; /* lines so far, see above */
    int end;  /* the reader has read its last line */
    int oom;  /* ... because it ran out of memory */
    int stop; /* the writer has stopped: everybody stops */
    pthread_mutex_t lock;
    pthread_cond_t room;  /* reader waits: a slot freed, or stop */
    pthread_cond_t work;  /* workers wait: a line put, end, or stop */
    pthread_cond_t ready; /* writer waits: the oldest line done, or end */
} pool;

typedef struct worker {
    pool *p;
    xc_searcher *searcher;
    pthread_t thread;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && !p->end && p->taken == p->put)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->stop || p->taken == p->put)
            break;
        unsigned long long seq = p->taken++;
        slot *s = &p->ring[seq % p->size];
        pthread_mutex_unlock(&p->lock);

        answer_query(w->searcher, &p->st->opts, p->st->like, s->text, &s->ans);

        pthread_mutex_lock(&p->lock);
        s->done = 1;
        if (seq == p->written)
            pthread_cond_signal(&p->ready);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Sets "stop" and wakes everybody. Called with the lock held. */
static void stop_all(pool *p)
{
    p->stop = 1;
    pthread_cond_broadcast(&p->room);
    pthread_cond_broadcast(&p->work);
    pthread_cond_broadcast(&p->ready);
}

static void *write_answers(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        slot *s = &p->ring[p->written % p->size];
        while (!p->stop && !(p->written < p->put && s->done) &&
               !(p->end && p->written == p->put))
            pthread_cond_wait(&p->ready, &p->lock);
        if (p->stop || p->written == p->put)
            break;
        pthread_mutex_unlock(&p->lock);

        int failed = print_answer(p->st, s->qid, s->text, &s->ans, 1) != 0;
        free(s->qid);
        free(s->text);
        s->qid = s->text = NULL;

        pthread_mutex_lock(&p->lock);
        s->done = 0;
        p->written++;
        pthread_cond_signal(&p->room);
        if (failed)
            stop_all(p);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* batch_each's callback: puts a line in the ring. */
static int put_line(void *ctx, const char *qid, const char *text)
{
    pool *p = ctx;
    pthread_mutex_lock(&p->lock);
    while (!p->stop && p->put - p->written == p->size)
        pthread_cond_wait(&p->room, &p->lock);
    int stop = p->stop;
    pthread_mutex_unlock(&p->lock);
    if (stop)
        return 1;

    /* The slot is free: no other thread looks at it until put moves on. */
    slot *s = &p->ring[p->put % p->size];
    s->qid = strdup(qid);
    s->text = text ? strdup(text) : NULL; /* NULL: a line too long to read */
    if (!s->qid || (text && !s->text)) { /* the lines before are still answered */
        free(s->qid);
        free(s->text);
        s->qid = s->text = NULL;
        p->oom = 1;
        return 1;
    }
    pthread_mutex_lock(&p->lock);
    p->put++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

int parallel_batch(FILE *in, run_state *st, unsigned jobs)
{
    pool p = {.st = st, .size = (size_t)jobs * 4};
    worker *workers = calloc(jobs, sizeof *workers);
    p.ring = calloc(p.size, sizeof *p.ring);
    pthread_t writer;
    unsigned started = 0;
    int writing = 0, rc = 1, saved = 0, err = 0;

    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.room, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.ready, NULL);
    if (!workers || !p.ring) {
        fputs("search: out of memory\n", stderr);
        st->failed = 1;
        goto done;
    }
    /* Every searcher is opened before the first line is read, so that a
     * failure to open is reported before any output, as with one. */
    for (unsigned i = 0; i < jobs; i++) {
        workers[i].p = &p;
        workers[i].searcher = i == 0 ? st->searcher : open_index(st->db, st->more, st->nmore);
        if (!workers[i].searcher) {
            st->failed = 1;
            goto done;
        }
    }
    err = pthread_create(&writer, NULL, write_answers, &p);
    writing = err == 0;
    while (err == 0 && started < jobs) {
        err = pthread_create(&workers[started].thread, NULL, work, &workers[started]);
        if (err == 0)
            started++;
    }
    if (err) {
        fprintf(stderr, "search: cannot start a thread: %s\n", strerror(err));
        st->failed = 1;
        pthread_mutex_lock(&p.lock);
        stop_all(&p);
        pthread_mutex_unlock(&p.lock);
        goto done;
    }

    rc = batch_each(in, put_line, &p);
    saved = errno;

done:
    pthread_mutex_lock(&p.lock);
    p.end = 1;
    pthread_cond_broadcast(&p.work);
    pthread_cond_broadcast(&p.ready);
    pthread_mutex_unlock(&p.lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
    if (writing)
        pthread_join(writer, NULL);

    /* Lines read but never printed, after a stop. */
    for (unsigned long long seq = p.written; p.ring && seq < p.put; seq++) {
        slot *s = &p.ring[seq % p.size];
        free(s->qid);
        free(s->text);
        answer_free(&s->ans);
    }
    for (unsigned i = 1; workers && i < jobs; i++)
        xc_searcher_free(workers[i].searcher);
    free(workers);
    free(p.ring);
    pthread_cond_destroy(&p.ready);
    pthread_cond_destroy(&p.work);
    pthread_cond_destroy(&p.room);
    pthread_mutex_destroy(&p.lock);

    if (p.oom && !st->failed) {
        fputs("search: out of memory\n", stderr);
        st->failed = 1;
    }
    if (st->failed)
        return 1; /* an error has been reported; a read error after it is not */
    errno = saved;
    return rc;
}
