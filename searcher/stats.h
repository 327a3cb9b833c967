/*
 * stats.h - search --stats (what the index holds) and search --list (every
 * document's ID and path, streamed), as text or JSON.
 */
#ifndef SEARCHER_STATS_H
#define SEARCHER_STATS_H

#include "xc.h"

/* Prints what the index DB (SEARCHER's) holds. Returns the exit status:
 * 0, or 2 after saying why on stderr. */
int print_stats(xc_searcher *searcher, const char *db, int json);

/* Prints every document, "ID<TAB>PATH" a line, or {"id": ..., "path": ...}
 * a line with JSON. Returns 0 if there were some, 1 if none, 2 on error. */
int print_list(xc_searcher *searcher, const char *db, int json);

#endif
