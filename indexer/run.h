/*
 * run.h - one indexing job: open the index, list the files, index what is
 * new or changed, remove what is gone, commit, print the summary.
 */
#ifndef INDEXER_RUN_H
#define INDEXER_RUN_H

#include <stddef.h>

typedef struct run_config {
    const char *db;      /* --db, or NULL for dbpath_default() */
    const char *lang;    /* --lang, or NULL: the index's own (english if new;
                            with --rebuild, the old index's) */
    int rebuild;         /* --rebuild: start a new index, swap it in at the end */
    int progress;        /* draw the progress line on stderr */
    unsigned shards;     /* --shards: 0 keep what the index has; 1 one
                            database; N > 1 that many shards (new index) */
    unsigned jobs;       /* --jobs: threads for a new index; 0: one per
                            core, if the input is large enough */
    unsigned commit_every; /* --commit-every: documents per commit (per
                              thread); 0: COMMIT_EVERY */
    int follow;          /* -L/--follow: every symbolic link, wherever it leads */
    char *const *converters; /* --convert EXT=COMMAND, as given */
    size_t nconverters;
    unsigned read_timeout; /* --read-timeout: seconds; 0: SANDBOX_SECONDS */
    unsigned read_memory;  /* --read-memory: MiB; 0: SANDBOX_MEMORY_MIB */
    char *const *paths;  /* files and folders to index */
    size_t npaths;
} run_config;

/* Runs the job; returns the exit status: 0 all indexed, 1 some input files
 * could not be indexed (the rest is committed), 2 the index could not be
 * opened or written, 128+N when stopped by signal N (what was done so far is
 * committed; a rebuild is abandoned). */
int run(const run_config *cfg);

#endif
