/*
 * rebuild.h - --rebuild: building a new index beside the live one and
 * swapping it in, so that searches see the old index until the new one is
 * complete, and a failed rebuild leaves the old one untouched.
 *
 *   rebuild_begin   locks the live index (if any) with a writer, so that no
 *                   other indexer writes to it meanwhile, and names the
 *                   folder to build in: DB.rebuild-<pid> (stale ones left by
 *                   dead indexers are removed first).
 *   (the caller builds, commits and frees the new index in r->temp)
 *   rebuild_finish  swaps the two folders in one step (renameat2 with
 *                   RENAME_EXCHANGE), releases the lock and deletes the old
 *                   index, now at the temporary name.
 *   rebuild_abort   releases the lock and deletes the temporary folder.
 */
#ifndef INDEXER_REBUILD_H
#define INDEXER_REBUILD_H

#include "dbdir.h"
#include "xc.h"

typedef struct rebuild {
    xc_writer *live; /* holds the live index's lock; NULL if none */
    char *temp;      /* where the new index is built */
    char *lang;      /* the live index's language, kept if --lang is not given */
    int had_old;     /* something (an index, an empty folder) is at DB */
} rebuild;

/* DB is the live index's path, STATE what is there (not DBDIR_OTHER).
 * Returns 0, or an exit status after reporting the failure. */
int rebuild_begin(rebuild *r, const char *db, dbdir_state state);

/* Returns 0, or EXIT_FATAL after reporting (the old index is then kept).
 * Frees everything in R either way. */
int rebuild_finish(rebuild *r, const char *db);

/* Gives up: the live index stays as it was. Frees everything in R. */
void rebuild_abort(rebuild *r);

#endif
