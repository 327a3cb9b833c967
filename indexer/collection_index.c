/* Indexing a JSON Lines collection (collection.h): every line a document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collection.h"
#include "fatal.h"
#include "feed.h"
#include "sink.h"
#include "stop.h"
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
    sink *s;
    size_t file;              /* index of the collection in the plan's files */
    char where[4096 + 32];    /* "path:line" of the current record */
} reading;

static int out_of_memory(reading *r)
{
    msg_error(r->where, "cannot index: out of memory");
    r->s->n.failed++;
    return 0;
}

/* The change marker of a record: its line's, and its line number, so that
 * a record that moved to another line is stored again with its new line. */
static void record_signature(const record *rec, char *sig, size_t size)
{
    snprintf(sig, size, "%s@%lu", rec->signature, rec->line);
}

static int index_record(reading *r, const record *rec)
{
    sink *j = r->s;
    const walk_entry *e = &j->plan->files.entries[r->file];
    snprintf(r->where, sizeof r->where, "%s:%lu", e->path, rec->line);
    if (rec->kind == RECORD_OK ? !sink_mine(j, rec->id) : !sink_reports_all(j))
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
    int claimed = sink_claim(j, r->where, rec->id, r->file);
    if (claimed <= 0)
        return claimed < 0 ? out_of_memory(r) : 0;
    if (rec->replaced) {
        msg_warning(r->where, "invalid UTF-8: %zu byte%s replaced with U+FFFD", rec->replaced,
                    rec->replaced == 1 ? "" : "s");
        j->n.warnings++;
    }
    char sig[RECORD_SIGNATURE_SIZE + 32];
    record_signature(rec, sig, sizeof sig);
    doc_state state;
    int rc = sink_state_of(j, r->where, rec->id, e->abspath, sig, &state);
    if (rc || state == DOC_UNCHANGED || state == DOC_TAKEN)
        return rc;
    char *title = *rec->title ? title_clean(rec->title) : title_find(rec->text, strlen(rec->text));
    if (!title)
        return out_of_memory(r);
    /* Its own date, else the collection's modification time. */
    xc_meta given[2], meta[4];
    size_t ngiven = 0;
    if (*rec->date)
        given[ngiven++] = (xc_meta){XC_META_DATE, rec->date};
    if (rec->author && *rec->author)
        given[ngiven++] = (xc_meta){XC_META_AUTHOR, rec->author};
    char mtime[DOCDATE_SIZE];
    size_t nmeta = docdate_with_mtime(given, ngiven, e->st.st_mtime, meta, mtime);
    xc_doc doc = {.id = rec->id, .title = title, .text = rec->text, .path = e->abspath, .signature = sig,
                  .title_derived = !*rec->title, .type = "jsonl", .line = rec->line, .meta = meta, .nmeta = nmeta};
    rc = sink_put(j, r->where, &doc, state == DOC_CHANGED);
    free(title);
    return rc;
}

/* What the index holds from a collection that could not be read to its end
 * is kept: the records after the failure were not seen, not deleted. */
static int keep_indexed(sink *j, const walk_entry *e)
{
    if (j->parts > 1)
        return 0; /* a new index: nothing held to keep */
    if (strvec_push_copy(&j->kept, e->abspath) == 0)
        return 0;
    msg_error(NULL, "out of memory");
    return EXIT_FATAL;
}

/* The collection could not be opened (WHY). Said once: in a parallel build,
 * by the part that reports for all. */
static int cannot_open(sink *j, const walk_entry *e, const char *why)
{
    if (!sink_reports_all(j))
        return 0;
    msg_error(e->path, "cannot read: %s", why);
    j->n.failed++;
    return keep_indexed(j, e);
}

int sink_index_collection(sink *j, size_t i)
{
    const walk_entry *e = &j->plan->files.entries[i];
    /* A part of a parallel build takes its records from the feed, which
     * reads the collection once for all parts (feed.h). */
    collection *c = NULL;
    if (!j->feed && !(c = collection_open(e->path)))
        return cannot_open(j, e, collection_open_error(errno));
    reading r = {.s = j, .file = i};
    msg_limit_begin(LINE_MESSAGES_SHOWN);
    record rec;
    const char *why = NULL;
    int got = 0, rc = 0;
    unsigned long line = 0;
    while (!stop_signal()) {
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
    } else if (rc == 0 && got < 0 && sink_reports_all(j)) {
        msg_error(e->path, "cannot read past line %lu: %s", c ? line : rec.line,
                  c ? collection_error(c) : why);
        j->n.failed++;
        rc = keep_indexed(j, e);
    }
    if (rc == 0 && got == 0 && !stop_signal())
        j->complete[i] = 1; /* its records not seen are gone */
    if (c)
        collection_close(c);
    return rc;
}
