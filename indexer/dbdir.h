/*
 * dbdir.h - the index folder as a folder: what is at a path, removing a
 * folder tree, swapping two folders atomically. Used by --rebuild, which
 * must never delete anything that is not an index.
 */
#ifndef INDEXER_DBDIR_H
#define INDEXER_DBDIR_H

typedef enum dbdir_state {
    DBDIR_MISSING, /* nothing there */
    DBDIR_EMPTY,   /* an empty folder */
    DBDIR_INDEX,   /* a folder holding a Xapian database */
    DBDIR_UNBORN,  /* Xapian's files but no version file: an index whose
                      creation was killed before its first commit */
    DBDIR_OTHER    /* anything else: a file, a folder of other things */
} dbdir_state;

dbdir_state dbdir_state_of(const char *path);

/* 1 if a writer holds the lock of the index folder PATH (Xapian's lock on
 * its "flintlock" file). An index being created by a live indexer looks
 * like DBDIR_UNBORN until its first commit; this tells the two apart. */
int dbdir_locked(const char *path);

/* Removes the folder PATH and everything in it, without following symbolic
 * links. 0, or -1 with errno set. */
int dbdir_remove(const char *path);

/* Swaps the folders A and B in one step, so that a reader sees either the
 * old or the new one, never none. 0, or -1 with errno set (EINVAL when the
 * file system cannot do it). */
int dbdir_exchange(const char *a, const char *b);

/* 1 if no process has the id PID (any more). */
int dbdir_pid_gone(long pid);

/* Removes the leftovers of killed runs beside the index DB: the folders
 * named DB + SUFFIX + a process id ("index.rebuild-1234") for which
 * STALE(path, pid) says 1. */
void dbdir_remove_leftovers(const char *db, const char *suffix,
                            int (*stale)(const char *path, long pid));

#endif
