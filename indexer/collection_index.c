/* Indexing a JSON Lines collection (collection.h): every line a document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collection.h"
#include "fatal.h"
#include "feed.h"
#include "job.h"
#include "msg.h"
#include "progress.h"
#include "sourceid.h"
#include "title.h"

/* Past this many messages about the lines of one file (malformed,
 * duplicate IDs, empty records, ...), the rest are counted, not each shown:
 * a file that is not JSON Lines at all, or one ID repeated a million times,
 * should not flood the terminal. */
#define LINE_MESSAGES_SHOWN 20

typedef struct reading {
    job *j;
    size_t file;              /* index of the collection in j->files */
    char where[4096 + 32];    /* "path:line" of the current record */
} reading;

/* Claims ID for this run. 1 if it is new; 0 if an earlier record or file has
 * it (reported); -1 when out of memory. */
static int claim_id(reading *r, const char *id)
{
    job *j = r->j;
    size_t prev;
    if (idset_find(&j->ids, id, &prev) || (j->fixed && idset_find(j->fixed, id, &prev))) {
        const walk_entry *e = &j->files.entries[prev];
        msg_error(r->where, "not indexed: same source ID \"%s\" as %s", id,
                  prev == r->file ? "an earlier line" : e->path);
        j->n.failed++;
        return 0;
    }
    if (strvec_push_copy(&j->record_ids, id) != 0)
        return -1;
    return idset_add(&j->ids, j->record_ids.v[j->record_ids.n - 1], r->file, NULL) < 0 ? -1 : 1;
}

static int out_of_memory(reading *r)
{
    msg_error(r->where, "cannot index: out of memory");
    r->j->n.failed++;
    return 0;
}

static int index_record(reading *r, const record *rec)
{
    job *j = r->j;
    const walk_entry *e = &j->files.entries[r->file];
    snprintf(r->where, sizeof r->where, "%s:%lu", e->path, rec->line);
    if (rec->kind == RECORD_OK ? !job_mine(j, rec->id) : !job_reports_all(j))
        return 0; /* another part of a parallel build takes it */
    switch (rec->kind) {
    case RECORD_MALFORMED:
        msg_error(r->where, "skipped: %s", rec->why);
        j->n.failed++;
        return 0;
    case RECORD_TOO_LARGE:
        msg_error(r->where, "skipped: line longer than %zu MiB", COLLECTION_MAX_LINE >> 20);
        j->n.too_large++;
        return 0;
    case RECORD_EMPTY:
        msg_error(r->where, "skipped: record \"%s\" has no text", rec->id);
        j->n.empty++;
        return 0;
    case RECORD_OK:
        break;
    }
    if (strlen(rec->id) > SOURCEID_MAX_BYTES) {
        msg_error(r->where, "not indexed: its source ID is longer than %d bytes", SOURCEID_MAX_BYTES);
        j->n.failed++;
        return 0;
    }
    int claimed = claim_id(r, rec->id);
    if (claimed <= 0)
        return claimed < 0 ? out_of_memory(r) : 0;
    if (rec->replaced) {
        msg_warning(r->where, "invalid UTF-8: %zu byte%s replaced with U+FFFD", rec->replaced,
                    rec->replaced == 1 ? "" : "s");
        j->n.warnings++;
    }
    doc_state state;
    int rc = job_state_of(j, r->where, rec->id, e->abspath, rec->signature, &state);
    if (rc || state == DOC_UNCHANGED || state == DOC_TAKEN)
        return rc;
    char *title = *rec->title ? title_clean(rec->title) : title_find(rec->text, strlen(rec->text));
    if (!title)
        return out_of_memory(r);
    xc_doc doc = {rec->id, title, rec->text, e->abspath, rec->signature, !*rec->title};
    rc = job_put(j, r->where, &doc, state == DOC_CHANGED);
    free(title);
    return rc;
}

/* What the index holds from a collection that could not be read to its end
 * is kept: the records after the failure were not seen, not deleted. */
static int keep_indexed(job *j, const walk_entry *e)
{
    if (j->parts > 1)
        return 0; /* a new index: nothing held to keep (and the list is shared) */
    if (strvec_push_copy(&j->files.kept, e->abspath) == 0)
        return 0;
    msg_error(NULL, "out of memory");
    return EXIT_FATAL;
}

/* The collection could not be opened (WHY). Said once: in a parallel build,
 * by the part that reports for all. */
static int cannot_open(job *j, const walk_entry *e, const char *why)
{
    if (!job_reports_all(j))
        return 0;
    msg_error(e->path, "cannot read: %s", why);
    j->n.failed++;
    return keep_indexed(j, e);
}

int job_index_collection(job *j, size_t i)
{
    const walk_entry *e = &j->files.entries[i];
    /* A part of a parallel build takes its records from the feed, which
     * reads the collection once for all parts (feed.h). */
    collection *c = NULL;
    if (!j->feed && !(c = collection_open(e->path)))
        return cannot_open(j, e, collection_open_error(errno));
    reading r = {.j = j, .file = i};
    msg_limit_begin(LINE_MESSAGES_SHOWN);
    record rec;
    const char *why = NULL;
    int got = 0, rc = 0;
    unsigned long line = 0;
    while (!job_stopping()) {
        got = c ? collection_next(c, &rec) : feed_next(j->feed, j->part, i, &rec, &why);
        if (got <= 0)
            break;
        line = rec.line;
        if ((rc = index_record(&r, &rec)) != 0)
            break;
        if (c)
            progress_step(j->done, j->done_bytes + collection_offset(c));
    }
    unsigned long held = msg_limit_end();
    if (held)
        msg_error(e->path, "%lu more messages about its lines not shown (the first %d are above; "
                  "the summary counts them all)", held, LINE_MESSAGES_SHOWN);
    if (got == FEED_UNREADABLE) {
        rc = cannot_open(j, e, why);
    } else if (rc == 0 && got < 0 && job_reports_all(j)) {
        msg_error(e->path, "cannot read past line %lu: %s", c ? line : rec.line,
                  c ? collection_error(c) : why);
        j->n.failed++;
        rc = keep_indexed(j, e);
    }
    if (c)
        collection_close(c);
    return rc;
}
