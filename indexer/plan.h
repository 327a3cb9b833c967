/*
 * plan.h - what a whole indexing run knows, read-only once planned: the
 * configuration, the index's path (and the rebuild's), the files to read,
 * which of them are dropped, and the source IDs of the files. Every writer
 * of the run (sink.h: one, or one per thread of a parallel build) reads
 * it; none changes it.
 */
#ifndef INDEXER_PLAN_H
#define INDEXER_PLAN_H

#include <stddef.h>

#include "idset.h"
#include "run.h"
#include "walk.h"
#include "xc.h"

typedef struct plan {
    const run_config *cfg;
    char *db;               /* the index's path */
    int rebuilding;         /* --rebuild: published at the end */
    walk_list files;
    unsigned char *dropped; /* per file: 1 if it is not to be indexed */
    idset ids;              /* file source ID -> index in files */
    unsigned long failed;   /* files dropped as failures (reported) */
} plan;

/* Lists the files of P->cfg->paths, never entering the index's own
 * folder, then drops what cannot be indexed by its name alone and settles
 * duplicate IDs: the first file in order keeps the ID, unless the index
 * (W, NULL when rebuilding) already holds it for a later one. Problems are
 * reported and counted in P->failed. 0, or EXIT_FATAL when out of memory. */
int plan_files(plan *p, xc_writer *w);

/* The bytes of the files to index. */
unsigned long long plan_bytes(const plan *p);

void plan_free(plan *p);

#endif
