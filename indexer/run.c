#define _POSIX_C_SOURCE 200809L
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dbpath.h"
#include "fatal.h"
#include "msg.h"
#include "parallel.h"
#include "plan.h"
#include "progress.h"
#include "sink.h"
#include "stop.h"
#include "strvec.h"
#include "testpoint.h"
#include "walk.h"
#include "xc.h"

static int out_of_memory(void)
{
    msg_error(NULL, "out of memory");
    return EXIT_FATAL;
}

/* Names the index in P, and opens its writer into *W. */
static int open_index(plan *j, xc_writer **w)
{
    const run_config *cfg = j->cfg;
    j->db = cfg->db ? strdup(cfg->db) : dbpath_default();
    if (!j->db) {
        msg_error(NULL, cfg->db ? "out of memory"
                                : "no place for the index: give --db PATH or set SIFT_DB or HOME");
        return EXIT_FATAL;
    }
    /* "idx/" and "idx" are one index. */
    for (size_t n = strlen(j->db); n > 1 && j->db[n - 1] == '/'; n--)
        j->db[n - 1] = '\0';
    if (dbpath_make_parents(j->db) != 0) {
        msg_error(j->db, "cannot create the folders above it: %s", strerror(errno));
        return EXIT_FATAL;
    }
    *w = xc_writer_new();
    if (!*w)
        return out_of_memory();
    xc_open_opts opts = {cfg->lang, cfg->shards, cfg->rebuild};
    xc_status st = xc_writer_open(*w, j->db, &opts);
    if ((st == XC_ERR_ARG || st == XC_ERR_LANGUAGE) && !cfg->rebuild) {
        msg_error(j->db, "%s", xc_writer_error(*w));
        if (st == XC_ERR_LANGUAGE && cfg->lang && xc_language_supported(cfg->lang))
            msg_error(NULL, "to change the language of an existing index, run with --rebuild");
        return EXIT_FATAL;
    }
    if (st != XC_OK)
        return fatal_index(j->db, *w, st, "cannot open the index", 0);
    const char *why;
    st = xc_writer_replacing(*w, &why);
    if (xc_status_rebuild(st))
        msg_warning(j->db, "the index %s (%s); building a new one", xc_status_rebuild(st), why);
    j->rebuilding = cfg->rebuild;
    unsigned has = xc_writer_shards(*w);
    if (cfg->shards && !cfg->rebuild && (cfg->shards > 1 ? cfg->shards : 0) != has) {
        msg_error(j->db, "the index has %u shards (0: not sharded); to change that, run with "
                  "--rebuild --shards %u", has, cfg->shards);
        return EXIT_FATAL;
    }
    return 0;
}

typedef struct gone_ctx {
    sink *s;
    idset paths; /* abspath -> file, built when first needed */
    strvec ids;
    int nomem;
} gone_ctx;

static int in_list(const strvec *list, const char *path)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->v[i], path) == 0)
            return 1;
    return 0;
}

/* 1 if the stored document ID of PATH, not seen in this run, is gone: its
 * file is not among this run's, or it is and was read to its end (an mbox
 * that lost a message). A file unchanged, or failed part way, keeps its
 * documents. */
static int gone(gone_ctx *g, const char *path)
{
    const plan *p = g->s->plan;
    if (!walk_in_scope(&p->files, path) || in_list(&g->s->kept, path))
        return 0;
    if (!g->paths.cap)
        for (size_t i = 0; i < p->files.count; i++)
            if (idset_add(&g->paths, p->files.entries[i].abspath, i, NULL) < 0)
                g->nomem = 1;
    size_t file;
    return !idset_find(&g->paths, path, &file) || g->s->complete[file];
}

static int visit_gone(void *ctx, const char *id, const char *path)
{
    gone_ctx *g = ctx;
    if (!idset_find(&g->s->plan->ids, id, NULL) && !idset_find(&g->s->ids, id, NULL) && gone(g, path) &&
        strvec_push_copy(&g->ids, id) != 0)
        g->nomem = 1;
    return g->nomem;
}

/* Removes the documents this run speaks for (walk_in_scope) whose files it
 * did not see. Files that failed to read were seen: their old versions stay. */
static int remove_gone(sink *j)
{
    gone_ctx g = {j, {0}, {0}, 0};
    xc_status st = xc_writer_foreach(j->w, visit_gone, &g);
    int rc = 0;
    if (st != XC_OK)
        rc = fatal_index(j->plan->db, j->w, st, "cannot read the index", 1);
    else if (g.nomem)
        rc = out_of_memory();
    for (size_t i = 0; rc == 0 && i < g.ids.n; i++) {
        st = xc_writer_remove(j->w, g.ids.v[i]);
        if (st != XC_OK)
            rc = fatal_index(j->plan->db, j->w, st, "cannot remove a document", 1);
        else
            j->n.removed++;
    }
    idset_free(&g.paths);
    strvec_free(&g.ids);
    return rc;
}

static const char *plural(unsigned long n)
{
    return n == 1 ? "" : "s";
}

static void print_summary(const plan *p, const counts *n, unsigned long docs)
{
    unsigned long indexed = n->added + n->updated + n->unchanged;
    unsigned long skipped = n->empty + n->binary + n->too_large + n->no_text + n->links;
    printf("indexed %lu document%s into %s: %lu added, %lu updated, %lu unchanged, %lu removed; "
           "%lu failed, %lu skipped",
           indexed, plural(indexed), p->db, n->added, n->updated, n->unchanged, n->removed,
           n->failed, skipped);
    if (skipped) {
        const char *sep = " (";
        const char *names[] = {"empty", "binary", "too large", "no text", "link"};
        unsigned long kinds[] = {n->empty, n->binary, n->too_large, n->no_text, n->links};
        for (int k = 0; k < 5; k++) {
            if (kinds[k]) {
                printf("%s%s %lu", sep, names[k], kinds[k]);
                sep = ", ";
            }
        }
        putchar(')');
    }
    printf(", %lu warning%s; %lu document%s in the index\n", n->warnings, plural(n->warnings),
           docs, plural(docs));
    fflush(stdout);
}

/* Records the folders and files of this run in the index: what path:
 * filters are relative to, and what search --stats lists. */
static int note_roots(plan *p, sink *s)
{
    const long long now = (long long)time(NULL);
    for (int folder = 1; folder >= 0; folder--) {
        const strvec *list = folder ? &p->files.roots : &p->files.files;
        for (size_t i = 0; i < list->n; i++) {
            xc_status st = xc_writer_note_root(s->w, list->v[i], folder, now);
            if (st != XC_OK)
                return fatal_index(p->db, s->w, st, "cannot record the folders indexed", 1);
        }
    }
    return 0;
}

/* After the files: removals, the last commit, the swap of a rebuild. */
static int finish(plan *p, sink *s, int merged)
{
    progress_note("committing...");
    int rc = p->rebuilding || merged ? 0 : remove_gone(s);
    if (rc == 0)
        rc = note_roots(p, s);
    if (rc == 0 && p->rebuilding) {
        /* The new index replaces the old one, in one step. */
        xc_status st = xc_writer_publish(s->w);
        if (st != XC_OK)
            rc = fatal_index(p->db, s->w, st, "cannot put the new index in place", 0);
        if (rc)
            msg_error(p->db, "the index is as it was");
    } else if (rc == 0) {
        rc = sink_commit(s);
    }
    unsigned long docs = 0;
    xc_status st = rc ? XC_OK : xc_writer_doc_count(s->w, &docs);
    if (rc == 0 && st != XC_OK)
        rc = fatal_index(p->db, s->w, st, "cannot count the documents", 0);
    if (rc)
        return rc;
    progress_clear();
    s->n.failed += p->failed;
    s->n.links += p->files.links;
    print_summary(p, &s->n, docs);
    const counts *n = &s->n;
    return n->failed + n->empty + n->binary + n->too_large + n->no_text + n->links ? EXIT_INPUT : 0;
}

/* Stopped by a signal: keep what is done, unless it is an unfinished rebuild. */
static int interrupted(plan *p, sink *s)
{
    int rc = 128 + stop_signal();
    if (p->rebuilding) {
        msg_error(NULL, "interrupted; the rebuild is abandoned and the index is unchanged");
        return rc;
    }
    if (sink_commit(s) != 0)
        return EXIT_FATAL;
    msg_error(NULL, "interrupted; the files indexed so far are committed, run again to finish");
    return rc;
}

int run(const run_config *cfg)
{
    plan p;
    sink s;
    memset(&p, 0, sizeof p);
    memset(&s, 0, sizeof s);
    p.cfg = cfg;
    progress_enable(cfg->progress);
    stop_catch();
    xc_writer *w = NULL;
    int rc = open_index(&p, &w);
    if (rc == 0)
        rc = plan_files(&p, p.rebuilding ? NULL : w);
    testpoint("listed");
    if (rc == 0) {
        if (sink_init(&s, &p, w, 0, 1) != 0)
            rc = out_of_memory();
        w = NULL; /* the sink's now (and freed with it, on failure too) */
    }
    int merged = 0;
    if (rc == 0 && parallel_wanted(&p, s.w)) {
        rc = parallel_build(&p, &s.w, &s.n);
        merged = rc == 0;
    } else if (rc == 0) {
        rc = sink_index_files(&s);
    }
    if (rc == 0)
        rc = stop_signal() ? interrupted(&p, &s) : finish(&p, &s, merged);
    progress_clear();
    xc_writer_free(w);
    /* Uncommitted changes are dropped, as promised, and an unpublished
     * rebuild with them. */
    sink_free(&s);
    plan_free(&p);
    return rc;
}
