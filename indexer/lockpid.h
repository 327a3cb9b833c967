/*
 * lockpid.h - who holds an index's lock. Xapian's lock (an open file
 * description lock) does not tell its owner's pid, so the indexer that takes
 * it writes its pid into the index folder, and one that finds the index
 * locked reads it back for its message.
 */
#ifndef INDEXER_LOCKPID_H
#define INDEXER_LOCKPID_H

/* Records this process's pid in the index folder DB, just locked by us.
 * Best effort: a failure only makes a later message less precise. */
void lockpid_write(const char *db);

/* The pid recorded in DB if that process is still running, else 0. */
long lockpid_read(const char *db);

#endif
