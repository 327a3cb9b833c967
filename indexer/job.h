/*
 * job.h - the state of one indexing run (run.c), shared with the readers
 * that turn one input file into documents: run.c reads a text file,
 * collection_index.c a JSON Lines collection.
 */
#ifndef INDEXER_JOB_H
#define INDEXER_JOB_H

#include <stddef.h>

#include "idset.h"
#include "run.h"
#include "strvec.h"
#include "walk.h"
#include "xc.h"

typedef struct counts {
    unsigned long added, updated, unchanged, removed;
    unsigned long failed, empty, binary, too_large, links, warnings;
} counts;

typedef struct job {
    const run_config *cfg;
    char *db;               /* the index's path */
    xc_writer *w;           /* the index written (the new one when rebuilding) */
    int rebuilding;         /* --rebuild: published at the end (xc_writer_publish) */
    walk_list files;
    unsigned char *dropped; /* per file: 1 if it is not to be indexed */
    idset ids;              /* source ID -> file: the IDs this run has seen */
    strvec record_ids;      /* owns the IDs of records in ids */
    counts n;
    size_t puts;            /* documents put since the last commit */
    size_t done;            /* files done, for the progress line */
    unsigned long long done_bytes;
    /* A part of a parallel build (parallel.h): this job indexes only the
     * documents whose source ID hashes to PART of PARTS, into a shard, and
     * IDs in FIXED (the parent's: file IDs) are taken. PARTS 0: all. */
    size_t part, parts;
    const idset *fixed;
    struct feed *feed;      /* a part's collections, read once for all (feed.h) */
    int merged;             /* built in parallel into a new index */
} job;

/* 1 if the document with source ID is this job's to index (always, unless
 * the job is a part of a parallel build). */
int job_mine(const job *j, const char *id);

/* Which of PARTS parts of a parallel build indexes the document with ID. */
size_t job_part_of(const char *id, size_t parts);

/* 1 if this job reports what is wrong with input lines that carry no usable
 * ID (in a parallel build only part 0 does, so each is said once). */
int job_reports_all(const job *j);

/* 1 once SIGINT, SIGTERM or SIGHUP asked the run to stop. */
int job_stopping(void);

/* Puts DOC, read from WHERE (a file, or "file:line"), counts it, and commits
 * every so often. FOUND: the index had its ID already. Returns 0, or the
 * exit status of a failure of the index (reported). */
int job_put(job *j, const char *where, const xc_doc *doc, int found);

/* What the index holds for source ID, about to be stored for ABSPATH with
 * SIG: DOC_NEW or DOC_CHANGED (put it), DOC_UNCHANGED (counted), or
 * DOC_TAKEN (another file that still exists has it; reported at WHERE and
 * counted as failed). Returns 0, or the exit status of a failure. */
typedef enum doc_state { DOC_NEW, DOC_CHANGED, DOC_UNCHANGED, DOC_TAKEN } doc_state;
int job_state_of(job *j, const char *where, const char *id, const char *abspath,
                 const char *sig, doc_state *state);

/* Indexes every file of the list that is not dropped (and is this job's). */
int job_index_files(job *j);

/* Commits the job's writer. 0, or the exit status of a failure (reported). */
int job_commit(job *j);

/* Indexes the collection of file I (collection.h) record by record. */
int job_index_collection(job *j, size_t i);

#endif
