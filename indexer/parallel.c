#define _POSIX_C_SOURCE 200809L /* strndup, kill */
#include "parallel.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fatal.h"
#include "feed.h"
#include "msg.h"
#include "progress.h"
#include "sandbox.h"

/* More threads than this gain nothing (Xapian's merge grows with them). */
#define MAX_PARTS 16

typedef struct part {
    sink s;         /* its own writer, of a part; the plan is shared */
    pthread_t thread;
    int started, rc;
} part;

static size_t cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

int parallel_wanted(const plan *p, xc_writer *w)
{
    size_t parts = p->cfg->jobs ? p->cfg->jobs : cores();
    unsigned long docs = 1;
    /* A sharded index is already split: its shards are written as they are. */
    if (parts < 2 || xc_writer_shards(w) || xc_writer_doc_count(w, &docs) != XC_OK || docs > 0)
        return 0;
    return p->cfg->jobs || plan_bytes(p) >= PARALLEL_MIN_BYTES;
}

static void *run_part(void *arg)
{
    part *p = arg;
    p->rc = sink_index_files(&p->s);
    if (p->s.feed)
        feed_leave(p->s.feed, p->s.part); /* also when it failed: no one waits for it */
    /* The part's words go into its own spelling table, on its own core; the
     * merge adds up the tables of all parts. */
    xc_status st = p->rc == 0 ? xc_writer_fill_spelling(p->s.w) : XC_OK;
    if (st != XC_OK)
        p->rc = fatal_index(p->s.plan->db, p->s.w, st, "cannot fill the spelling table", 1);
    if (p->rc == 0)
        p->rc = sink_commit(&p->s); /* also when stopped: keep what is done */
    /* Its reader process was started by this thread, and dies with it. */
    sandbox_free(p->s.readers);
    p->s.readers = NULL;
    return NULL;
}

/* Sets up part K of N of plan PL: a writer of a part of the new index
 * PARENT has open, taking the records of collections from FEED (NULL:
 * reading them itself). */
static int start_part(const plan *pl, xc_writer *parent, part *p, size_t k, size_t n, feed *feed)
{
    xc_writer *w = xc_writer_new();
    if (!w || sink_init(&p->s, pl, w, k, n) != 0) {
        if (!p->s.w)
            xc_writer_free(w);
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    p->s.feed = feed;
    xc_status st = xc_writer_open_part(p->s.w, parent, (unsigned)k);
    if (st != XC_OK)
        return fatal_index(pl->db, p->s.w, st, "cannot create a part of the index", 0);
    if (pthread_create(&p->thread, NULL, run_part, p) != 0) {
        msg_error(NULL, "cannot start a thread: %s", strerror(errno));
        return EXIT_FATAL;
    }
    p->started = 1;
    return 0;
}

static void add_counts(counts *to, const counts *from)
{
    to->added += from->added;
    to->updated += from->updated;
    to->unchanged += from->unchanged;
    to->failed += from->failed;
    to->empty += from->empty;
    to->binary += from->binary;
    to->too_large += from->too_large;
    to->no_text += from->no_text;
    to->warnings += from->warnings;
}

int parallel_build(const plan *pl, xc_writer **w, counts *total)
{
    size_t n = pl->cfg->jobs ? pl->cfg->jobs : cores();
    if (n > MAX_PARTS)
        n = MAX_PARTS;
    part *parts = calloc(n, sizeof *parts);
    if (!parts) {
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    int rc = 0;
    /* Threads share stderr; the progress line is one thread's business. */
    progress_enable(0);
    /* One thread reads the collections for all parts; without it (no
     * memory, no thread) each part reads them, and parses every line. */
    feed *feed = feed_start(&pl->files, pl->dropped, n);
    for (size_t k = 0; rc == 0 && k < n; k++)
        rc = start_part(pl, *w, &parts[k], k, n, feed);
    for (size_t k = 0; feed && k < n; k++)
        if (!parts[k].started)
            feed_leave(feed, k); /* or the reader would wait for it */
    for (size_t k = 0; k < n; k++) {
        if (parts[k].started) {
            pthread_join(parts[k].thread, NULL);
            if (rc == 0)
                rc = parts[k].rc;
        }
        add_counts(total, &parts[k].s.n);
        sink_free(&parts[k].s); /* closes the part */
    }
    feed_free(feed);
    if (rc == 0) {
        /* Xapian's compaction merges the parts into the index (and adds up
         * their spelling tables); the lock is held throughout. */
        progress_note("merging...");
        xc_status st = xc_writer_merge_parts(*w, (unsigned)n);
        if (st != XC_OK)
            rc = fatal_index(pl->db, *w, st, "cannot merge the parts of the new index", 0);
    }
    free(parts);
    return rc;
}
