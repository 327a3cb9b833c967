/* One writer of a run (sink.h): putting, claiming and committing. */
#define _POSIX_C_SOURCE 200809L
#include "sink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collection.h"
#include "fatal.h"
#include "hash.h"
#include "msg.h"
#include "sandbox.h"
#include "progress.h"
#include "stop.h"

/* Commit this often (--commit-every changes it): a crash or ^C loses at most
 * this many documents of work, and the next run skips everything committed
 * before it. It also bounds memory: Xapian holds the changes since the last
 * commit. 1 000 was faster than 10 000 or 100 000 (Xapian's in-memory
 * posting maps slow down as they grow). */
#define COMMIT_EVERY 1000

int sink_init(sink *s, const plan *p, xc_writer *w, size_t part, size_t parts)
{
    memset(s, 0, sizeof *s);
    s->plan = p;
    s->w = w;
    s->part = part;
    s->parts = parts;
    s->commit_every = p->cfg->commit_every ? p->cfg->commit_every : COMMIT_EVERY;
    s->readers = sandbox_new(p->cfg->converters, p->cfg->nconverters, p->cfg->read_timeout,
                             p->cfg->read_memory);
    s->complete = calloc(p->files.count + 1, 1);
    return s->readers && s->complete ? 0 : -1;
}

void sink_free(sink *s)
{
    sandbox_free(s->readers);
    xc_writer_free(s->w);
    idset_free(&s->ids);
    free(s->complete);
    s->complete = NULL;
    strvec_free(&s->owned);
    strvec_free(&s->kept);
    s->readers = NULL;
    s->w = NULL;
}

size_t sink_part_of(const char *id, size_t parts)
{
    return (size_t)(hash_fnv1a(id, strlen(id)) % parts);
}

int sink_mine(const sink *s, const char *id)
{
    return s->parts <= 1 || sink_part_of(id, s->parts) == s->part;
}

int sink_reports_all(const sink *s)
{
    return s->parts <= 1 || s->part == 0;
}

int sink_claim(sink *s, const char *where, const char *id, size_t file)
{
    size_t prev;
    if (idset_find(&s->ids, id, &prev) || idset_find(&s->plan->ids, id, &prev)) {
        msg_error(where, "not indexed: same source ID \"%s\" as %s", id,
                  prev != file                                  ? s->plan->files.entries[prev].path
                  : collection_is(s->plan->files.entries[file].path) ? "an earlier line"
                                                                      : "an earlier message");
        s->n.failed++;
        return 0;
    }
    if (strvec_push_copy(&s->owned, id) != 0)
        return -1;
    return idset_add(&s->ids, s->owned.v[s->owned.n - 1], file, NULL) < 0 ? -1 : 1;
}

int sink_commit(sink *s)
{
    xc_status st = xc_writer_commit(s->w);
    s->puts = 0;
    return st == XC_OK ? 0 : fatal_index(s->plan->db, s->w, st, "commit failed", 1);
}

int sink_put(sink *s, const char *where, const xc_doc *doc, int found)
{
    xc_status st = xc_writer_put(s->w, doc);
    if (st == XC_ERR_ARG) {
        msg_error(where, "not indexed: %s", xc_writer_error(s->w));
        s->n.failed++;
        return 0;
    }
    if (st != XC_OK) {
        char doing[64 + 4096];
        snprintf(doing, sizeof doing, "cannot add %s", where);
        return fatal_index(s->plan->db, s->w, st, doing, 1);
    }
    if (found)
        s->n.updated++;
    else
        s->n.added++;
    return ++s->puts >= s->commit_every ? sink_commit(s) : 0;
}

int sink_state_of(sink *s, const char *where, const char *id, const char *abspath, const char *sig,
                  doc_state *state)
{
    int found = 0;
    const char *old_path = NULL, *old_sig = NULL;
    xc_status st = xc_writer_lookup(s->w, id, &found, &old_path, &old_sig);
    if (st != XC_OK)
        return fatal_index(s->plan->db, s->w, st, "cannot read the index", s->n.added + s->n.updated > 0);
    *state = found ? DOC_CHANGED : DOC_NEW;
    if (found && strcmp(old_path, abspath) != 0) {
        struct stat old;
        if (stat(old_path, &old) == 0) {
            msg_error(where, "not indexed: source ID \"%s\" already belongs to %s", id, old_path);
            s->n.failed++;
            *state = DOC_TAKEN;
        }
        /* Else the old file is gone: this one moved there, update it. */
    } else if (found && strcmp(old_sig, sig) == 0) {
        s->n.unchanged++;
        *state = DOC_UNCHANGED;
    }
    return 0;
}

int sink_index_files(sink *s)
{
    const plan *p = s->plan;
    size_t total = 0;
    for (size_t i = 0; i < p->files.count; i++)
        total += !p->dropped[i];
    if (s->parts <= 1) /* the parts of a parallel build show no progress */
        progress_begin(total, plan_bytes(p));
    for (size_t i = 0; i < p->files.count && !stop_signal(); i++) {
        if (p->dropped[i])
            continue;
        const walk_entry *e = &p->files.entries[i];
        int collection = collection_is(e->path);
        if (!collection && !sink_mine(s, e->id))
            continue;
        int rc = collection ? sink_index_collection(s, i) : sink_index_file(s, i);
        if (rc)
            return rc;
        progress_step(++s->done, s->done_bytes += (unsigned long long)e->st.st_size);
    }
    return 0;
}
