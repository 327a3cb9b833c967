/*
 * progress.h - the progress line on a terminal: files done/total, MB/s and
 * time left, redrawn in place on stderr at most ten times a second.
 *
 * The state is kept here rather than passed around because there is one
 * stderr, and messages (msg.h) must clear the line before they print.
 * When disabled (stderr is not a terminal) every call does nothing.
 */
#ifndef INDEXER_PROGRESS_H
#define INDEXER_PROGRESS_H

#include <stddef.h>

void progress_enable(int enabled);

/* While listing files: how many have been found so far. */
void progress_scan(size_t found);

/* Indexing starts: TOTAL files of TOTAL_BYTES bytes in all. */
void progress_begin(size_t total, unsigned long long total_bytes);

/* DONE files of DONE_BYTES bytes are finished (read or skipped). */
void progress_step(size_t done, unsigned long long done_bytes);

/* Shows WHAT ("committing...") until the next step or clear. */
void progress_note(const char *what);

/* Erases the line; the next step draws it again. */
void progress_clear(void);

#endif
