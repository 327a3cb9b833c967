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

#include "collection.h"
#include "dbdir.h"
#include "fatal.h"
#include "feed.h"
#include "lockpid.h"
#include "msg.h"
#include "sandbox.h"
#include "progress.h"

/* More threads than this gain nothing (Xapian's merge grows with them). */
#define MAX_PARTS 16

typedef struct part {
    sink s;         /* its own writer, on a shard; the plan is shared */
    char *path;     /* the shard's folder */
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
        p->rc = fatal_index(p->path, p->s.w, st, "cannot fill the spelling table", 1);
    if (p->rc == 0)
        p->rc = sink_commit(&p->s); /* also when stopped: keep what is done */
    /* Its reader process was started by this thread, and dies with it. */
    sandbox_free(p->s.readers);
    p->s.readers = NULL;
    return NULL;
}

/* Sets up part K of N of plan PL: a bulk writer on its own shard folder in
 * the language LANG, taking the records of collections from FEED (NULL:
 * reading them itself). */
static int start_part(const plan *pl, const char *lang, part *p, const char *dir, size_t k, size_t n,
                      feed *feed)
{
    size_t len = strlen(dir) + 32;
    p->path = malloc(len);
    xc_writer *w = xc_writer_new();
    if (!w || !p->path || sink_init(&p->s, pl, w, k, n) != 0) {
        if (!p->s.w)
            xc_writer_free(w);
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    p->s.feed = feed;
    snprintf(p->path, len, "%s/%zu", dir, k);
    xc_writer_set_bulk(p->s.w, 1);
    xc_status st = xc_writer_open(p->s.w, p->path, lang);
    if (st != XC_OK)
        return fatal_index(p->path, p->s.w, st, "cannot create a part of the index", 0);
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

/* Merges the parts into the plan's target: compacted beside it, then
 * swapped in for the empty index there, and reopened into *W. */
static int merge(const plan *pl, xc_writer **w, part *parts, size_t n)
{
    const char *target = plan_target(pl);
    const char *sources[MAX_PARTS];
    for (size_t k = 0; k < n; k++)
        sources[k] = parts[k].path;
    size_t len = strlen(target) + 32;
    char *merged = malloc(len);
    if (!merged) {
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    snprintf(merged, len, "%s.merge-%ld", target, (long)getpid());
    progress_note("merging...");
    char why[512];
    int rc = 0;
    if (xc_compact(sources, n, merged, why, sizeof why) != XC_OK) {
        msg_error(pl->db, "cannot merge the parts of the new index: %s", why);
        rc = EXIT_FATAL;
    }
    /* The new index is empty and ours: close it, put the merged one in its
     * place, and take the lock again. (Rebuilding, the live index stays
     * locked throughout.) */
    if (rc == 0) {
        xc_writer_free(*w);
        *w = xc_writer_new();
        if (dbdir_exchange(merged, target) != 0) {
            msg_error(pl->db, "cannot put the merged index in place: %s", strerror(errno));
            rc = EXIT_FATAL;
        } else if (!*w) {
            msg_error(NULL, "out of memory");
            rc = EXIT_FATAL;
        } else {
            xc_status st = xc_writer_open(*w, target, NULL);
            if (st == XC_OK)
                lockpid_write(target);
            if (st != XC_OK)
                rc = fatal_index(pl->db, *w, st, "cannot open the merged index", 0);
        }
    }
    dbdir_remove(merged); /* the empty index it was swapped with, or a failure's rest */
    free(merged);
    return rc;
}

/* Parts and merges of parallel builds are only ever used by their own
 * process: once it is gone they are leftovers. */
static int left_by_dead(const char *path, long pid)
{
    (void)path;
    return dbdir_pid_gone(pid);
}

void parallel_remove_leftovers(const char *target)
{
    dbdir_remove_leftovers(target, ".parts-", left_by_dead);
    dbdir_remove_leftovers(target, ".merge-", left_by_dead);
}

int parallel_build(const plan *pl, xc_writer **w, counts *total)
{
    size_t n = pl->cfg->jobs ? pl->cfg->jobs : cores();
    if (n > MAX_PARTS)
        n = MAX_PARTS;
    const char *target = plan_target(pl);
    size_t len = strlen(target) + 32;
    char *dir = malloc(len);
    part *parts = calloc(n, sizeof *parts);
    if (!dir || !parts) {
        free(dir);
        free(parts);
        msg_error(NULL, "out of memory");
        return EXIT_FATAL;
    }
    snprintf(dir, len, "%s.parts-%ld", target, (long)getpid());
    parallel_remove_leftovers(target);
    int rc = 0;
    if (mkdir(dir, 0777) != 0) {
        msg_error(dir, "cannot create: %s", strerror(errno));
        rc = EXIT_FATAL;
    }
    /* Threads share stderr; the progress line is one thread's business. */
    progress_enable(0);
    /* One thread reads the collections for all parts; without it (no
     * memory, no thread) each part reads them, and parses every line. */
    feed *feed = rc == 0 ? feed_start(&pl->files, pl->dropped, n) : NULL;
    const char *lang = xc_writer_language(*w);
    for (size_t k = 0; rc == 0 && k < n; k++)
        rc = start_part(pl, lang, &parts[k], dir, k, n, feed);
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
        sink_free(&parts[k].s); /* closes the shard */
    }
    feed_free(feed);
    if (rc == 0)
        rc = merge(pl, w, parts, n);
    for (size_t k = 0; k < n; k++)
        free(parts[k].path);
    free(parts);
    dbdir_remove(dir);
    free(dir);
    return rc;
}
