#define _POSIX_C_SOURCE 200809L
#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collection.h"
#include "dbpath.h"
#include "fatal.h"
#include "hash.h"
#include "idset.h"
#include "job.h"
#include "msg.h"
#include "parallel.h"
#include "progress.h"
#include "source.h"
#include "sourceid.h"
#include "strvec.h"
#include "testpoint.h"
#include "title.h"
#include "utf8.h"
#include "walk.h"
#include "xc.h"

/* Commit this often (--commit-every changes it): a crash or ^C loses at most
 * this many documents of work, and the next run skips everything committed
 * before it. It also bounds memory: Xapian holds the changes since the last
 * commit. 1 000 was faster than 10 000 or 100 000 (Xapian's in-memory
 * posting maps slow down as they grow). */
#define COMMIT_EVERY 1000

/* ^C and kill: stop between two files and commit. A second ^C kills.
 * Atomic, not only volatile sig_atomic_t: the threads of a parallel build
 * read it too. */
static atomic_int stop_signal;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may only touch lock-free atomics");

static void on_signal(int sig)
{
    if (stop_signal) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
    stop_signal = sig;
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

size_t job_part_of(const char *id, size_t parts)
{
    return (size_t)(hash_fnv1a(id, strlen(id)) % parts);
}

int job_mine(const job *j, const char *id)
{
    return j->parts <= 1 || job_part_of(id, j->parts) == j->part;
}

int job_reports_all(const job *j)
{
    return j->parts <= 1 || j->part == 0;
}

int job_stopping(void)
{
    return stop_signal != 0;
}

static int out_of_memory(void)
{
    msg_error(NULL, "out of memory");
    return EXIT_FATAL;
}

static int open_index(job *j)
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
    j->w = xc_writer_new();
    if (!j->w)
        return out_of_memory();
    xc_open_opts opts = {cfg->lang, cfg->shards, cfg->rebuild};
    xc_status st = xc_writer_open(j->w, j->db, &opts);
    if (st == XC_ERR_ARG && !cfg->rebuild) {
        msg_error(j->db, "%s", xc_writer_error(j->w));
        if (strstr(xc_writer_error(j->w), "language"))
            msg_error(NULL, "to change the language of an existing index, run with --rebuild");
        return EXIT_FATAL;
    }
    if (st != XC_OK)
        return fatal_index(j->db, j->w, st, "cannot open the index", 0);
    const char *why;
    st = xc_writer_replacing(j->w, &why);
    if (xc_status_rebuild(st))
        msg_warning(j->db, "the index %s (%s); building a new one", xc_status_rebuild(st), why);
    j->rebuilding = cfg->rebuild;
    unsigned has = xc_writer_shards(j->w);
    if (cfg->shards && !cfg->rebuild && (cfg->shards > 1 ? cfg->shards : 0) != has) {
        msg_error(j->db, "the index has %u shards (0: not sharded); to change that, run with "
                  "--rebuild --shards %u", has, cfg->shards);
        return EXIT_FATAL;
    }
    return 0;
}

/* Lists the files, never entering the index's own folders. */
static int list_files(job *j)
{
    struct stat skip;
    size_t nskip = stat(j->db, &skip) == 0;
    if (walk_paths(&j->files, j->cfg->paths, j->cfg->npaths, &skip, nskip, j->cfg->follow) != 0)
        return out_of_memory();
    j->n.failed += j->files.failed;
    j->n.links += j->files.links;
    j->dropped = calloc(j->files.count + 1, 1);
    return j->dropped ? 0 : out_of_memory();
}

/* 1 if the index holds ID for ABSPATH. */
static int indexed_at(job *j, const char *id, const char *abspath)
{
    int found = 0;
    const char *path = NULL, *sig = NULL;
    return xc_writer_lookup(j->w, id, &found, &path, &sig) == XC_OK && found &&
           strcmp(path, abspath) == 0;
}

/* Drops what cannot be indexed by its name alone, and settles duplicate IDs:
 * the first file in order keeps the ID, unless the index already holds it
 * for a later one (adding x.md beside an indexed x.txt does not take x). */
static int plan(job *j)
{
    walk_entry *e = j->files.entries;
    for (size_t i = 0; i < j->files.count; i++) {
        size_t len = strlen(e[i].abspath), idlen = strlen(e[i].id);
        if (utf8_valid_prefix(e[i].abspath, len) != len) {
            msg_error(e[i].path, "not indexed: the file name is not valid UTF-8");
            j->n.failed++;
            j->dropped[i] = 1;
            continue;
        }
        if (collection_is(e[i].path)) {
            /* Its records bring their own IDs; only the file named twice
             * is dropped. (Collections are few: a scan will do.) */
            for (size_t k = 0; k < i && !j->dropped[i]; k++)
                if (!j->dropped[k] && strcmp(e[k].abspath, e[i].abspath) == 0)
                    j->dropped[i] = 1;
            continue;
        }
        if (idlen > SOURCEID_MAX_BYTES) {
            msg_error(e[i].path, "not indexed: its source ID is longer than %d bytes",
                      SOURCEID_MAX_BYTES);
            j->n.failed++;
            j->dropped[i] = 1;
            continue;
        }
        size_t prev;
        int added = idset_add(&j->ids, e[i].id, i, &prev);
        if (added < 0)
            return out_of_memory();
        if (added)
            continue;
        j->dropped[i] = 1;
        if (strcmp(e[prev].abspath, e[i].abspath) == 0)
            continue; /* the same file, named twice */
        size_t keep = prev, lose = i;
        if (!j->rebuilding && indexed_at(j, e[i].id, e[i].abspath)) {
            keep = i;
            lose = prev;
            j->dropped[prev] = 1;
            j->dropped[i] = 0;
            idset_set(&j->ids, e[i].id, i);
        }
        msg_error(e[lose].path, "not indexed: same source ID \"%s\" as %s", e[i].id, e[keep].path);
        j->n.failed++;
    }
    return 0;
}

int job_commit(job *j)
{
    xc_status st = xc_writer_commit(j->w);
    j->puts = 0;
    return st == XC_OK ? 0 : fatal_index(j->db, j->w, st, "commit failed", 1);
}

int job_put(job *j, const char *where, const xc_doc *doc, int found)
{
    xc_status st = xc_writer_put(j->w, doc);
    if (st == XC_ERR_ARG) {
        msg_error(where, "not indexed: %s", xc_writer_error(j->w));
        j->n.failed++;
        return 0;
    }
    if (st != XC_OK) {
        char doing[64 + 4096];
        snprintf(doing, sizeof doing, "cannot add %s", where);
        return fatal_index(j->db, j->w, st, doing, 1);
    }
    if (found)
        j->n.updated++;
    else
        j->n.added++;

    unsigned every = j->cfg->commit_every ? j->cfg->commit_every : COMMIT_EVERY;
    return ++j->puts >= every ? job_commit(j) : 0;
}

int job_state_of(job *j, const char *where, const char *id, const char *abspath,
                 const char *sig, doc_state *state)
{
    int found = 0;
    const char *old_path = NULL, *old_sig = NULL;
    xc_status st = xc_writer_lookup(j->w, id, &found, &old_path, &old_sig);
    if (st != XC_OK)
        return fatal_index(j->db, j->w, st, "cannot read the index", j->n.added + j->n.updated > 0);
    *state = found ? DOC_CHANGED : DOC_NEW;
    if (found && strcmp(old_path, abspath) != 0) {
        struct stat old;
        if (stat(old_path, &old) == 0) {
            msg_error(where, "not indexed: source ID \"%s\" already belongs to %s", id, old_path);
            j->n.failed++;
            *state = DOC_TAKEN;
        }
        /* Else the old file is gone: this one moved there, update it. */
    } else if (found && strcmp(old_sig, sig) == 0) {
        j->n.unchanged++;
        *state = DOC_UNCHANGED;
    }
    return 0;
}

/* Reads the file and puts it. FOUND: the index had its ID already. */
static int put_file(job *j, const walk_entry *e, int found)
{
    source src;
    source_read(e->path, &src);
    switch (src.kind) {
    case SOURCE_UNREADABLE:
        msg_error(e->path, "cannot read: %s", src.error ? strerror(src.error) : "not a regular file");
        j->n.failed++;
        return 0;
    case SOURCE_NOMEM:
        msg_error(e->path, "cannot read: out of memory");
        j->n.failed++;
        return 0;
    case SOURCE_EMPTY:
        msg_error(e->path, "skipped: empty file");
        j->n.empty++;
        return 0;
    case SOURCE_BINARY:
        msg_error(e->path, "skipped: binary file");
        j->n.binary++;
        return 0;
    case SOURCE_TOO_LARGE:
        msg_error(e->path, "skipped: file too large (%llu MiB > %llu MiB)",
                  (src.size + (1u << 20) - 1) >> 20, SOURCE_MAX_BYTES >> 20);
        j->n.too_large++;
        return 0;
    case SOURCE_TEXT:
        break;
    }
    if (src.charset && strcmp(src.charset, "UTF-16") != 0) {
        msg_warning(e->path, "not UTF-8: read as Windows-1252 (Latin-1)");
        j->n.warnings++;
    }
    if (src.replaced) {
        msg_warning(e->path, "%s: %zu byte%s replaced with U+FFFD",
                    src.charset ? "not convertible" : "invalid UTF-8", src.replaced,
                    src.replaced == 1 ? "" : "s");
        j->n.warnings++;
    }
    char *title = title_find(src.text, src.len);
    if (!title) {
        source_free(&src);
        msg_error(e->path, "cannot index: out of memory");
        j->n.failed++;
        return 0;
    }
    char sig[SOURCE_SIGNATURE_SIZE];
    source_signature(&src.st, sig); /* of what was read, not what was listed */
    xc_doc doc = {e->id, title, src.text, e->abspath, sig, 1};
    int rc = job_put(j, e->path, &doc, found);
    free(title);
    source_free(&src);
    return rc;
}

/* One file: unchanged (same path and signature: not even read), taken by
 * another file the index holds, or read and put. */
static int index_file(job *j, const walk_entry *e)
{
    char sig[SOURCE_SIGNATURE_SIZE];
    source_signature(&e->st, sig);
    doc_state state;
    int rc = job_state_of(j, e->path, e->id, e->abspath, sig, &state);
    if (rc || state == DOC_UNCHANGED || state == DOC_TAKEN)
        return rc;
    return put_file(j, e, state == DOC_CHANGED);
}

int job_index_files(job *j)
{
    size_t total = 0;
    unsigned long long bytes = 0;
    for (size_t i = 0; i < j->files.count; i++) {
        if (!j->dropped[i]) {
            total++;
            bytes += (unsigned long long)j->files.entries[i].st.st_size;
        }
    }
    if (j->parts <= 1) /* the parts of a parallel build show no progress */
        progress_begin(total, bytes);
    for (size_t i = 0; i < j->files.count && !stop_signal; i++) {
        if (j->dropped[i])
            continue;
        const walk_entry *e = &j->files.entries[i];
        int collection = collection_is(e->path);
        if (!collection && !job_mine(j, e->id))
            continue;
        int rc = collection ? job_index_collection(j, i) : index_file(j, e);
        if (rc)
            return rc;
        progress_step(++j->done, j->done_bytes += (unsigned long long)e->st.st_size);
    }
    return 0;
}

typedef struct gone_ctx {
    job *j;
    strvec ids;
    int nomem;
} gone_ctx;

static int visit_gone(void *ctx, const char *id, const char *path)
{
    gone_ctx *g = ctx;
    if (!idset_find(&g->j->ids, id, NULL) && walk_in_scope(&g->j->files, path) &&
        strvec_push_copy(&g->ids, id) != 0) {
        g->nomem = 1;
        return 1;
    }
    return 0;
}

/* Removes the documents this run speaks for (walk_in_scope) whose files it
 * did not see. Files that failed to read were seen: their old versions stay. */
static int remove_gone(job *j)
{
    gone_ctx g = {j, {0}, 0};
    xc_status st = xc_writer_foreach(j->w, visit_gone, &g);
    int rc = 0;
    if (st != XC_OK)
        rc = fatal_index(j->db, j->w, st, "cannot read the index", 1);
    else if (g.nomem)
        rc = out_of_memory();
    for (size_t i = 0; rc == 0 && i < g.ids.n; i++) {
        st = xc_writer_remove(j->w, g.ids.v[i]);
        if (st != XC_OK)
            rc = fatal_index(j->db, j->w, st, "cannot remove a document", 1);
        else
            j->n.removed++;
    }
    strvec_free(&g.ids);
    return rc;
}

static const char *plural(unsigned long n)
{
    return n == 1 ? "" : "s";
}

static void print_summary(const job *j, unsigned long docs)
{
    const counts *n = &j->n;
    unsigned long indexed = n->added + n->updated + n->unchanged;
    unsigned long skipped = n->empty + n->binary + n->too_large + n->links;
    printf("indexed %lu document%s into %s: %lu added, %lu updated, %lu unchanged, %lu removed; "
           "%lu failed, %lu skipped",
           indexed, plural(indexed), j->db, n->added, n->updated, n->unchanged, n->removed,
           n->failed, skipped);
    if (skipped) {
        const char *sep = " (";
        const char *names[] = {"empty", "binary", "too large", "link"};
        unsigned long kinds[] = {n->empty, n->binary, n->too_large, n->links};
        for (int k = 0; k < 4; k++) {
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

/* After the files: removals, the last commit, the swap of a rebuild. */
static int finish(job *j)
{
    progress_note("committing...");
    int rc = j->rebuilding || j->merged ? 0 : remove_gone(j);
    if (rc == 0 && j->rebuilding) {
        /* The new index replaces the old one, in one step. */
        xc_status st = xc_writer_publish(j->w);
        if (st != XC_OK)
            rc = fatal_index(j->db, j->w, st, "cannot put the new index in place", 0);
        if (rc)
            msg_error(j->db, "the index is as it was");
    } else if (rc == 0) {
        rc = job_commit(j);
    }
    unsigned long docs = 0;
    xc_status st = rc ? XC_OK : xc_writer_doc_count(j->w, &docs);
    if (rc == 0 && st != XC_OK)
        rc = fatal_index(j->db, j->w, st, "cannot count the documents", 0);
    if (rc)
        return rc;
    progress_clear();
    print_summary(j, docs);
    return j->n.failed + j->n.empty + j->n.binary + j->n.too_large + j->n.links ? EXIT_INPUT : 0;
}

/* Stopped by a signal: keep what is done, unless it is an unfinished rebuild. */
static int interrupted(job *j)
{
    int rc = 128 + stop_signal;
    if (j->rebuilding) {
        msg_error(NULL, "interrupted; the rebuild is abandoned and the index is unchanged");
        return rc;
    }
    if (job_commit(j) != 0)
        return EXIT_FATAL;
    msg_error(NULL, "interrupted; the files indexed so far are committed, run again to finish");
    return rc;
}

int run(const run_config *cfg)
{
    job j;
    memset(&j, 0, sizeof j);
    j.cfg = cfg;
    progress_enable(cfg->progress);
    catch_signals();
    int rc = open_index(&j);
    if (rc == 0)
        rc = list_files(&j);
    testpoint("listed");
    if (rc == 0)
        rc = plan(&j);
    if (rc == 0)
        rc = parallel_wanted(&j) ? parallel_build(&j) : job_index_files(&j);
    if (rc == 0)
        rc = stop_signal ? interrupted(&j) : finish(&j);
    progress_clear();
    /* Uncommitted changes are dropped, as promised, and an unpublished
     * rebuild with them. */
    xc_writer_free(j.w);
    idset_free(&j.ids);
    strvec_free(&j.record_ids);
    free(j.dropped);
    walk_free(&j.files);
    free(j.db);
    return rc;
}
