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

/* More threads than this gain nothing (Xapian's merge grows with them). */
#define MAX_PARTS 16

typedef struct part {
    job j;          /* a copy of the parent's job, writing a part */
    pthread_t thread;
    int started, rc;
} part;

static size_t cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

int parallel_wanted(job *j)
{
    size_t parts = j->cfg->jobs ? j->cfg->jobs : cores();
    unsigned long docs = 1;
    /* A sharded index is already split: its shards are written as they are. */
    if (parts < 2 || xc_writer_shards(j->w) || xc_writer_doc_count(j->w, &docs) != XC_OK || docs > 0)
        return 0;
    if (j->cfg->jobs)
        return 1;
    unsigned long long bytes = 0;
    for (size_t i = 0; i < j->files.count; i++)
        if (!j->dropped[i])
            bytes += (unsigned long long)j->files.entries[i].st.st_size;
    return bytes >= PARALLEL_MIN_BYTES;
}

static void *run_part(void *arg)
{
    part *p = arg;
    p->rc = job_index_files(&p->j);
    if (p->j.feed)
        feed_leave(p->j.feed, p->j.part); /* also when it failed: no one waits for it */
    /* The part's words go into its own spelling table, on its own core; the
     * merge adds up the tables of all parts. */
    xc_status st = p->rc == 0 ? xc_writer_fill_spelling(p->j.w) : XC_OK;
    if (st != XC_OK)
        p->rc = fatal_index(p->j.db, p->j.w, st, "cannot fill the spelling table", 1);
    if (p->rc == 0)
        p->rc = job_commit(&p->j); /* also when stopped: keep what is done */
    return NULL;
}

/* Sets up part K of N: a writer of a part of the parent's new index,
 * taking the records of collections from FEED (NULL: reading them itself). */
static int start_part(job *parent, part *p, size_t k, size_t n, feed *feed)
{
    p->j = *parent; /* shares the file list, read only */
    p->j.feed = feed;
    p->j.w = xc_writer_new();
    memset(&p->j.ids, 0, sizeof p->j.ids);
    memset(&p->j.record_ids, 0, sizeof p->j.record_ids);
    memset(&p->j.n, 0, sizeof p->j.n);
    p->j.puts = 0;
    p->j.rebuilding = 0;
    p->j.part = k;
    p->j.parts = n;
    p->j.fixed = &parent->ids;
    if (!p->j.w) {
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    xc_status st = xc_writer_open_part(p->j.w, parent->w, (unsigned)k);
    if (st != XC_OK)
        return fatal_index(parent->db, p->j.w, st, "cannot create a part of the index", 0);
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
    to->warnings += from->warnings;
}

int parallel_build(job *j)
{
    size_t n = j->cfg->jobs ? j->cfg->jobs : cores();
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
    feed *feed = feed_start(&j->files, j->dropped, n);
    for (size_t k = 0; rc == 0 && k < n; k++)
        rc = start_part(j, &parts[k], k, n, feed);
    for (size_t k = 0; feed && k < n; k++)
        if (!parts[k].started)
            feed_leave(feed, k); /* or the reader would wait for it */
    for (size_t k = 0; k < n; k++) {
        if (parts[k].started) {
            pthread_join(parts[k].thread, NULL);
            if (rc == 0)
                rc = parts[k].rc;
        }
        add_counts(&j->n, &parts[k].j.n);
        xc_writer_free(parts[k].j.w); /* closes the part */
        idset_free(&parts[k].j.ids);
        strvec_free(&parts[k].j.record_ids);
    }
    feed_free(feed);
    if (rc == 0) {
        /* Xapian's compaction merges the parts into the index (and adds up
         * their spelling tables); the lock is held throughout. */
        progress_note("merging...");
        xc_status st = xc_writer_merge_parts(j->w, (unsigned)n);
        if (st != XC_OK)
            rc = fatal_index(j->db, j->w, st, "cannot merge the parts of the new index", 0);
    }
    j->merged = rc == 0;
    free(parts);
    return rc;
}
