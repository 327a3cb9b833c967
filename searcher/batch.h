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

/* Called once per line, in order, with valid UTF-8 (invalid bytes repaired,
 * NUL bytes made spaces). The strings live during the call only. Returns 0
 * to go on, non-zero to stop. */
typedef int (*batch_fn)(void *ctx, const char *qid, const char *query);

/* Reads IN to its end, calling FN for each line. Lines may be any length;
 * only one is held at a time. Returns 0 after the last line, 1 if FN stopped
 * it, -1 with errno set on a read error or when out of memory. */
int batch_each(FILE *in, batch_fn fn, void *ctx);

#endif
