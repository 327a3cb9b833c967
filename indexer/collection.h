/*
 * collection.h - reading a JSON Lines collection: one document per line.
 *
 * A file whose name ends in ".jsonl" or ".jsonl.gz" is a collection, not a
 * document. Each line is a JSON object in one of the layouts people share
 * test collections in:
 *   BEIR corpus.jsonl         {"_id": "...", "title": "...", "text": "..."}
 *   Anserini JsonCollection   {"id": "...", "contents": "..."}
 * A record's date is its "date", "published" or "timestamp" field (ISO 8601,
 * or seconds since 1970 as a number or digits; milliseconds past 1e11), its
 * author its "author" string.
 * The ID may be a string or a whole number; the title may be missing (it is
 * then found in the text, as for a text file). Files are read through zlib,
 * so gzip-compressed and plain files both work, and streamed: one line is
 * held at a time, at most COLLECTION_MAX_LINE bytes of it.
 */
#ifndef INDEXER_COLLECTION_H
#define INDEXER_COLLECTION_H

#include <stddef.h>

#include "docdate.h"

#define COLLECTION_MAX_LINE ((size_t)256 << 20) /* as a text file (source.h) */
#define RECORD_SIGNATURE_SIZE 24

/* 1 if the file NAME is read as a collection. */
int collection_is(const char *name);

typedef enum record_kind {
    RECORD_OK,
    RECORD_MALFORMED, /* why says what is wrong */
    RECORD_EMPTY,     /* no text and no title */
    RECORD_TOO_LARGE  /* a line over COLLECTION_MAX_LINE bytes: skipped */
} record_kind;

/* One line of a collection. Strings are owned by the collection and valid
 * until the next call on it. */
typedef struct record {
    record_kind kind;
    unsigned long line;    /* 1-based line number */
    const char *id;        /* OK, EMPTY: valid UTF-8 */
    const char *title;     /* OK: "" if the record has none */
    const char *text;      /* OK: valid UTF-8 without NUL bytes */
    size_t replaced;       /* OK: invalid UTF-8 bytes replaced with U+FFFD */
    const char *why;       /* MALFORMED: what is wrong */
    char signature[RECORD_SIGNATURE_SIZE]; /* OK: changes when the line does */
    char date[DOCDATE_SIZE]; /* OK: its date (docdate.h), "" if none */
    const char *author;      /* OK: "" if none */
} record;

typedef struct collection collection;

/* Opens PATH; NULL with errno set if it cannot be read: EINVAL when it is
 * not a regular file (a FIFO, say), which is never waited on. */
collection *collection_open(const char *path);

/* What a failure of collection_open with errno ERR says. */
const char *collection_open_error(int err);

/* Reads the next non-blank line into *REC. Returns 1 when a record (of any
 * kind) was read, 0 at the end of the file, -1 when the file cannot be read
 * further (collection_error says why) or memory runs out (errno ENOMEM). */
int collection_next(collection *c, record *rec);

/* Why the last read failed: a zlib or system message. */
const char *collection_error(const collection *c);

/* Bytes of the file read so far (compressed bytes, for a .gz file). */
unsigned long long collection_offset(const collection *c);

void collection_close(collection *c);

#endif
