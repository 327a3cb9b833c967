/*
 * sink.h - one writer of a run: its index (or a part of a parallel build),
 * what it counted, its commit policy, the source IDs it claimed (records,
 * messages) and its reader process. Each thread owns its sink; the plan
 * (plan.h) they share is read-only.
 */
#ifndef INDEXER_SINK_H
#define INDEXER_SINK_H

#include <stddef.h>

#include "idset.h"
#include "plan.h"
#include "strvec.h"
#include "xc.h"

typedef struct counts {
    unsigned long added, updated, unchanged, removed;
    unsigned long failed, empty, binary, too_large, no_text, links, warnings;
} counts;

typedef struct sink {
    const plan *plan;
    xc_writer *w;           /* owned */
    counts n;
    unsigned commit_every;
    size_t puts;            /* documents put since the last commit */
    /* A part of a parallel build indexes only the documents whose source
     * ID hashes to PART of PARTS; PARTS 0 or 1: all. */
    size_t part, parts;
    idset ids;              /* IDs claimed beyond the plan's file IDs */
    strvec owned;           /* owns the keys of IDS */
    unsigned char *complete; /* per file of the plan: 1 if it was read to
                               its end this run (its stored documents not
                               seen are gone); else those stay (a file
                               unchanged, or failed part way) */
    strvec kept;            /* collections that could not be read to the
                               end: what the index holds from them stays */
    struct feed *feed;      /* a part's collections, read once (feed.h) */
    struct sandbox *readers; /* its reader process (sandbox.h) */
    size_t done;            /* files done, for the progress line */
    unsigned long long done_bytes;
} sink;

/* Sets up S on plan P writing with W (taken). 0, or -1 when out of memory. */
int sink_init(sink *s, const plan *p, xc_writer *w, size_t part, size_t parts);

/* Frees what S owns (its writer too: uncommitted changes dropped). */
void sink_free(sink *s);

/* Which of PARTS parts of a parallel build indexes the document with ID. */
size_t sink_part_of(const char *id, size_t parts);

/* 1 if the document with source ID is S's to index. */
int sink_mine(const sink *s, const char *id);

/* 1 if S reports what is wrong with input lines that carry no usable ID
 * (in a parallel build only part 0 does, so each is said once). */
int sink_reports_all(const sink *s);

/* Claims ID, read from file FILE (an index in the plan's files), for S. 1
 * if it is new; 0 if an earlier record or file has it (reported at WHERE,
 * counted); -1 when out of memory. */
int sink_claim(sink *s, const char *where, const char *id, size_t file);

/* What the index holds for source ID, about to be stored for ABSPATH with
 * SIG: DOC_NEW or DOC_CHANGED (put it), DOC_UNCHANGED (counted), or
 * DOC_TAKEN (another file that still exists has it; reported at WHERE and
 * counted as failed). Returns 0, or the exit status of a failure. */
typedef enum doc_state { DOC_NEW, DOC_CHANGED, DOC_UNCHANGED, DOC_TAKEN } doc_state;
int sink_state_of(sink *s, const char *where, const char *id, const char *abspath, const char *sig,
                  doc_state *state);

/* Puts DOC, read from WHERE (a file, or "file:line"), counts it, and
 * commits every so often. FOUND: the index had its ID already. Returns 0,
 * or the exit status of a failure of the index (reported). */
int sink_put(sink *s, const char *where, const xc_doc *doc, int found);

/* Commits. 0, or the exit status of a failure (reported). */
int sink_commit(sink *s);

/* Indexes every file of the plan that is not dropped (and is S's). */
int sink_index_files(sink *s);

/* Indexes the collection of file I (collection.h) record by record. */
int sink_index_collection(sink *s, size_t i);

/* Indexes file I (not a collection): read here (plain text) or by the
 * reader process, as one or more documents. */
int sink_index_file(sink *s, size_t i);

#endif
