/*
 * feed.h - the JSON Lines collections of a parallel build, read once.
 *
 * Without it every part would read and parse every line of every collection
 * only to keep the records whose source ID hashes to it: JSON parsed once
 * per core. A feed is one reader thread that parses each line once and
 * hands each record to the part that indexes it (its ID's part; a record
 * without a usable ID to part 0, which reports it), in file order, through
 * one bounded queue per part. Each part takes the records of a collection
 * with feed_next, then the collection's end, which every part gets.
 */
#ifndef INDEXER_FEED_H
#define INDEXER_FEED_H

#include <stddef.h>

#include "collection.h"
#include "walk.h"

typedef struct feed feed;

/* feed_next's end of a collection that could not be opened. */
#define FEED_UNREADABLE (-2)

/* Starts the reader over the collections of FILES that are not DROPPED,
 * for PARTS parts. NULL if it cannot (out of memory, no thread): the parts
 * then read the collections themselves. */
feed *feed_start(const walk_list *files, const unsigned char *dropped, size_t parts);

/* Part PART's next record of the collection FILE (an index in FILES), in
 * *REC until the next call: 1. At the collection's end: 0 when it was read
 * to its end (or the run is stopping), -1 when it could not be read further
 * (REC->line: the last line read), FEED_UNREADABLE when it could not be
 * opened; *WHY then says why. */
int feed_next(feed *f, size_t part, size_t file, record *rec, const char **why);

/* Part PART takes no more records (it is done, or failed): the reader no
 * longer waits for it. */
void feed_leave(feed *f, size_t part);

/* Stops the reader, waits for it and frees everything. Every part must have
 * left (or never started). */
void feed_free(feed *f);

#endif
