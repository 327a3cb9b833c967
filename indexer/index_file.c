/* Indexing one file (not a collection): plain text here, every other
 * format in the reader process (sandbox.h), as one document or, for an
 * mbox, one per message. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "convert.h"
#include "docdate.h"
#include "msg.h"
#include "reader.h"
#include "sandbox.h"
#include "sink.h"
#include "sniff.h"
#include "source.h"
#include "sourceid.h"
#include "stop.h"
#include "testpoint.h"
#include "title.h"
#include "utf8.h"

/* Where the Nth document of file E is, for messages. */
static void where_of(const walk_entry *e, unsigned long nth, char *buf, size_t size)
{
    if (nth <= 1)
        snprintf(buf, size, "%s", e->path);
    else
        snprintf(buf, size, "%s (message %lu)", e->path, nth);
}

/* *TEXT[0..*LEN) as valid UTF-8 without NUL bytes: unchanged (NULL
 * returned), or repaired into a new string (returned, for the caller to
 * free; *TEXT NULL when out of memory). */
static char *valid_or_repaired(const char **text, size_t *len)
{
    if (utf8_valid_prefix(*text, *len) == *len && !memchr(*text, '\0', *len))
        return NULL;
    char *fixed = utf8_repair(*text, *len, NULL);
    *text = fixed;
    *len = fixed ? strlen(fixed) : 0;
    return fixed;
}

/* Puts one document of file I, of TEXT[0..LEN) (repaired if it is not
 * valid UTF-8) with TITLE ("": found in the text). */
static int put_doc(sink *s, size_t i, unsigned long nth, int found, const char *sig, const char *type,
                   const char *title, const char *text, size_t len, unsigned long line, const xc_meta *meta,
                   size_t nmeta)
{
    const walk_entry *e = &s->plan->files.entries[i];
    char where[4096 + 64], nth_id[SOURCEID_MAX_BYTES + 1];
    const char *id = e->id;
    where_of(e, nth, where, sizeof where);
    if (nth > 1) {
        sourceid_nth(e->id, nth, nth_id);
        id = nth_id;
        int claimed = sink_claim(s, where, id, i);
        if (claimed <= 0) {
            if (claimed < 0) {
                msg_error(where, "cannot index: out of memory");
                s->n.failed++;
            }
            return 0;
        }
        doc_state state;
        int rc = sink_state_of(s, where, id, e->abspath, sig, &state);
        if (rc || state == DOC_TAKEN)
            return rc;
        found = state != DOC_NEW;
        if (state == DOC_UNCHANGED) { /* the file changed, this message not: counted once */
            s->n.unchanged--;
        }
    }
    /* What a reader hands out is valid UTF-8 when its library keeps its
     * word; the index is given nothing else either way. */
    char *fixed = valid_or_repaired(&text, &len), *fixed_title = NULL;
    size_t title_len = strlen(title);
    if (utf8_valid_prefix(title, title_len) != title_len)
        title = fixed_title = utf8_repair(title, title_len, NULL);
    xc_meta pairs[READER_MAX_META + 2];
    char *fixed_values[READER_MAX_META] = {NULL};
    int nomem = !text || !title;
    for (size_t k = 0; k < nmeta && k < READER_MAX_META; k++) {
        pairs[k] = meta[k];
        size_t n = strlen(meta[k].value);
        if (utf8_valid_prefix(meta[k].value, n) != n) {
            pairs[k].value = fixed_values[k] = utf8_repair(meta[k].value, n, NULL);
            nomem |= !fixed_values[k];
        }
    }
    /* Documents without a date of their own are dated by their file. */
    xc_meta dated[READER_MAX_META + 2];
    char mtime[DOCDATE_SIZE];
    nmeta = docdate_with_mtime(pairs, nmeta < READER_MAX_META ? nmeta : READER_MAX_META, e->st.st_mtime, dated, mtime);
    char *t = nomem ? NULL : *title ? title_clean(title) : title_find(text, len);
    int rc = 0;
    if (!t) {
        msg_error(where, "cannot index: out of memory");
        s->n.failed++;
    } else {
        xc_doc doc = {.id = id, .title = t, .text = text, .path = e->abspath, .signature = sig,
                      .title_derived = !*title, .type = type, .line = line, .meta = dated,
                      .nmeta = nmeta};
        rc = sink_put(s, where, &doc, found);
    }
    free(t);
    free(fixed);
    free(fixed_title);
    for (size_t k = 0; k < READER_MAX_META; k++)
        free(fixed_values[k]);
    return rc;
}

/* How reading a file ended, said and counted. */
static void report_end(sink *s, const walk_entry *e, read_status st, const char *why, unsigned long docs)
{
    switch (st) {
    case READ_OK:
        break;
    case READ_NO_TEXT:
        msg_error(e->path, "skipped: %s", why);
        if (strcmp(why, "empty file") == 0)
            s->n.empty++;
        else
            s->n.no_text++;
        break;
    case READ_TOO_LARGE:
        msg_error(e->path, "skipped: %s", why);
        s->n.too_large++;
        break;
    case READ_UNSUPPORTED:
        msg_error(e->path, "skipped: %s", why);
        s->n.binary++;
        break;
    case READ_MALFORMED:
    case READ_FAILED:
        if (docs)
            msg_error(e->path, "cannot read past message %lu: %s", docs, why);
        else
            msg_error(e->path, "not indexed: %s", why);
        s->n.failed++;
        break;
    }
}

/* File I read by the reader process, with the reader named HINT ("": by
 * its content). */
static int from_reader(sink *s, size_t i, const char *hint, int found, const char *sig)
{
    const walk_entry *e = &s->plan->files.entries[i];
    sandbox_begin(s->readers, e->abspath, hint);
    unsigned long docs = 0;
    int rc = 0;
    for (;;) {
        sandbox_event ev;
        sandbox_next(s->readers, &ev);
        if (ev.kind == SANDBOX_END) {
            testpoint("read"); /* the reader process is idle, and alive */
            report_end(s, e, ev.status, ev.message, docs);
            if (ev.status == READ_OK)
                s->complete[i] = 1;
            return rc;
        }
        if (ev.kind == SANDBOX_WARNING) {
            msg_warning(e->path, "%s", ev.message);
            s->n.warnings++;
            continue;
        }
        if (rc || stop_signal())
            return rc; /* the run ends: the reader process is stopped with it */
        docs++;
        rc = put_doc(s, i, docs, found, sig, ev.type, ev.title, ev.text, ev.len, ev.line, ev.meta, ev.nmeta);
    }
}

/* Reports a text file that could not be read (SRC's kind). */
static void report_source(sink *s, const walk_entry *e, const source *src)
{
    switch (src->kind) {
    case SOURCE_UNREADABLE:
        msg_error(e->path, "cannot read: %s", src->error ? strerror(src->error) : "not a regular file");
        s->n.failed++;
        break;
    case SOURCE_NOMEM:
        msg_error(e->path, "cannot read: out of memory");
        s->n.failed++;
        break;
    case SOURCE_EMPTY:
        msg_error(e->path, "skipped: empty file");
        s->n.empty++;
        break;
    case SOURCE_TOO_LARGE:
        msg_error(e->path, "skipped: file too large (%llu MiB > %llu MiB)", (src->size + (1u << 20) - 1) >> 20,
                  SOURCE_MAX_BYTES >> 20);
        s->n.too_large++;
        break;
    default:
        break;
    }
}

/* The reader a file too large to read whole may still have: an mbox, which
 * is streamed (Thunderbird keeps them without an extension). */
static const char *large_reader(const char *path)
{
    char head[4096];
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    const char *hint = n > 0 ? sniff_text(head, (size_t)n) : NULL;
    return hint && strcmp(hint, "mbox") == 0 ? hint : NULL;
}

/* Reads file I and puts what it holds. FOUND: the index had its ID. */
static int read_file(sink *s, size_t i, int found, const char *sig)
{
    const plan *p = s->plan;
    const walk_entry *e = &p->files.entries[i];
    if (convert_command(p->cfg->converters, p->cfg->nconverters, e->path))
        return from_reader(s, i, "", found, sig);
    const reader *r = reader_of_name(e->path);
    if (r && strcmp(r->name, "text") != 0)
        return from_reader(s, i, r->name, found, sig);
    source src;
    source_read(e->path, &src);
    const char *hint = NULL;
    if (src.kind == SOURCE_BINARY)
        hint = ""; /* the reader process asks libmagic what it is */
    else if (src.kind == SOURCE_TOO_LARGE)
        hint = large_reader(e->path);
    else if (src.kind == SOURCE_TEXT)
        hint = sniff_text(src.text, src.len);
    if (hint) {
        source_free(&src);
        return from_reader(s, i, hint, found, sig);
    }
    if (src.kind != SOURCE_TEXT) {
        report_source(s, e, &src);
        return 0;
    }
    if (src.charset && strcmp(src.charset, "UTF-16") != 0) {
        msg_warning(e->path, "not UTF-8: read as Windows-1252 (Latin-1)");
        s->n.warnings++;
    }
    if (src.replaced) {
        msg_warning(e->path, "%s: %zu byte%s replaced with U+FFFD", src.charset ? "not convertible" : "invalid UTF-8",
                    src.replaced, src.replaced == 1 ? "" : "s");
        s->n.warnings++;
    }
    char read_sig[SOURCE_SIGNATURE_SIZE];
    source_signature(&src.st, read_sig); /* of what was read, not what was listed */
    /* A dateline at the top ("date 2021-10-19") dates a text. */
    char date[DOCDATE_SIZE];
    xc_meta dateline = {XC_META_DATE, date};
    int dated = docdate_dateline(src.text, src.len, date) == 0;
    int rc = put_doc(s, i, 1, found, read_sig, "text", "", src.text, src.len, 0, dated ? &dateline : NULL, dated);
    s->complete[i] = 1;
    source_free(&src);
    return rc;
}

int sink_index_file(sink *s, size_t i)
{
    const walk_entry *e = &s->plan->files.entries[i];
    char sig[SOURCE_SIGNATURE_SIZE];
    source_signature(&e->st, sig);
    doc_state state;
    int rc = sink_state_of(s, e->path, e->id, e->abspath, sig, &state);
    if (rc || state == DOC_UNCHANGED || state == DOC_TAKEN)
        return rc;
    return read_file(s, i, state == DOC_CHANGED, sig);
}
