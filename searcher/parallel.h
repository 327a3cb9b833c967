/*
 * parallel.h - search --batch --jobs N: N queries searched at a time, the
 * answers printed in input order, exactly as --jobs 1 prints them.
 */
#ifndef SEARCHER_PARALLEL_H
#define SEARCHER_PARALLEL_H

#include <stdio.h>

#include "run.h"

/* Answers every line of IN (batch.h) like batch_each() with print_answer()
 * would, on JOBS (at least 2) threads, each with its own searcher on
 * st->db; st->searcher is one of them. Returns as batch_each(): 0 after the
 * last line, 1 when stopped (st->failed: an error has been reported), -1
 * with errno set on a read error or when out of memory. */
int parallel_batch(FILE *in, run_state *st, unsigned jobs);

#endif
