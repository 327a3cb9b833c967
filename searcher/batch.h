/*
 * batch.h - reading batch input: one query per line, streamed.
 *
 * A line is "query", "QUERY_ID<TAB>query" (split at the first TAB), or a
 * BEIR queries.jsonl record, {"_id": "QUERY_ID", "text": "query"}.
 * Lines without an ID (or with an empty one) get their 1-based line number
 * as ID. A trailing "\r" is dropped, so files written on Windows work.
 */
#ifndef SEARCHER_BATCH_H
#define SEARCHER_BATCH_H

#include <stdio.h>

/* Opens PATH for reading, "-" meaning stdin. NULL with errno set. */
FILE *batch_open(const char *path);

/* Closes what batch_open opened (leaves stdin open). Accepts NULL. */
void batch_close(FILE *in);

/* Lines are read up to this many bytes (a query may have 16 KiB, and JSON
 * escapes grow it); the rest of a longer line is read and dropped, so that
 * memory stays the same whatever the input. */
#define BATCH_MAX_LINE ((size_t)256 << 10)

/* Called once per line, in order, with valid UTF-8 (invalid bytes repaired,
 * NUL bytes made spaces). QUERY is NULL for a line longer than
 * BATCH_MAX_LINE (QID is its ID if it comes within that, else the line
 * number). The strings live during the call only. Returns 0 to go on,
 * non-zero to stop. */
typedef int (*batch_fn)(void *ctx, const char *qid, const char *query);

/* The message for a line too long to read (QUERY NULL above). */
#define BATCH_LINE_TOO_LONG "the line is longer than 256 KiB: not read"

/* Reads IN to its end, calling FN for each line. Lines may be any length;
 * only one is held at a time, and at most BATCH_MAX_LINE bytes of it.
 * Returns 0 after the last line, 1 if FN stopped it, -1 with errno set on a
 * read error or when out of memory. */
int batch_each(FILE *in, batch_fn fn, void *ctx);

#endif
