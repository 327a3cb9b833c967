/*
 * parallel.h - building a new index with every core.
 *
 * One Xapian writer uses one core. When the index is new (or being rebuilt)
 * and there is enough to index, the documents are split by a hash of their
 * source ID into one part per thread (JSON Lines collections are read and
 * parsed once, by one more thread, feed.h, which hands each part its
 * records); each thread builds its part as a
 * database of its own (xc_writer_open_part: no fsync, no spelling per word),
 * and the parts are then merged by Xapian's compaction into the index, which
 * comes out compact, with its spelling table filled once from its
 * vocabulary.
 * Incremental runs on an index that holds documents stay on one core: they
 * mostly look things up, and a shard cannot see what the index holds.
 */
#ifndef INDEXER_PARALLEL_H
#define INDEXER_PARALLEL_H

#include "plan.h"
#include "sink.h"

/* Bulk builds are worth their merge from about this much input. */
#define PARALLEL_MIN_BYTES ((unsigned long long)4 << 20)

/* 1 if the run of P, writing with W, should be built in parallel: more
 * than one job allowed, a new (empty) index, and --jobs given or
 * PARALLEL_MIN_BYTES of input. */
int parallel_wanted(const plan *p, xc_writer *w);

/* Indexes P's files in parallel parts, each a sink of its own, and merges
 * them into the index *W has open, leaving *W open on the result
 * (uncommitted work none); the parts' counts are added to *N. Returns 0
 * or an exit status, as sink_index_files. */
int parallel_build(const plan *p, xc_writer **w, counts *n);

#endif
