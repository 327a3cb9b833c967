/*
 * fatal.h - telling the user that the index (the binding, xc.h) failed, and
 * what it means for them. Such failures end the run with exit status 2.
 */
#ifndef INDEXER_FATAL_H
#define INDEXER_FATAL_H

#include "xc.h"

#define EXIT_INPUT 1 /* some input files could not be indexed */
#define EXIT_FATAL 2 /* bad usage, or the index could not be opened or written */

/* Prints why STATUS happened on the index at DB: "index is locked by another
 * indexer", "the index is damaged ... rebuild it", or "DOING: <message>".
 * WROTE: changes had been made, so add that the index still holds its last
 * committed state. Returns EXIT_FATAL. */
int fatal_index(const char *db, const xc_writer *writer, xc_status status,
                const char *doing, int wrote);

#endif
