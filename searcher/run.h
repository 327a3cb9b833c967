/*
 * run.h - running a query: search it, then print its answer.
 *
 * The two steps are apart so that a batch can search on several threads
 * (parallel.h) while one thread prints. answer_query() touches only the
 * searcher it is given, never the run_state; print_answer() touches only the
 * run_state (the printer, the exit status flags) and stdout/stderr. Done in
 * sequence on one thread they are today's `search`, byte for byte.
 */
#ifndef SEARCHER_RUN_H
#define SEARCHER_RUN_H

#include "printer.h"
#include "xc.h"

/* What printing answers needs; shared by single, batch and parallel mode. */
typedef struct run_state {
    const char *db;
    const char *const *more; /* further --db indexes, searched with DB */
    size_t nmore;
    xc_searcher *searcher; /* the main thread's (parallel mode: worker 0's) */
    printer *out;
    xc_search_opts opts;
    int like;    /* queries are source IDs: --like */
    int quiet;   /* -q: no notes either */
    int matched; /* some query matched at least one document */
    int refused; /* a query was refused or timed out (reported): exit 2 */
    int failed;  /* an error was reported: stop, exit 2 */
} run_state;

/* One query's outcome, between searching and printing. Zero it before use
 * ({0} is the answer to a blank line: no hits). */
typedef struct answer {
    xc_status rc;         /* of the search */
    xc_results *results;  /* owned; NULL if there was no search or it failed */
    char *error;          /* owned copy of the searcher's message if rc != XC_OK,
                             NULL when even that copy ran out of memory */
} answer;

/* "search: " + FMT formatted + newline on stderr, with control characters
 * (from file names, query IDs, ...) made visible and inert (safe_text.h). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* 1 if S holds only whitespace. */
int query_is_blank(const char *s);

/* Searches TEXT (a source ID if LIKE) with SEARCHER into ANS, which holds
 * everything afterwards: SEARCHER may be used again at once. A blank TEXT
 * is not searched; a NULL one (a batch line too long to read) is refused. */
void answer_query(xc_searcher *searcher, const xc_search_opts *opts, int like,
                  const char *text, answer *ans);

/* Frees what ANS holds and zeroes it. */
void answer_free(answer *ans);

/* Prints ANS, the answer to TEXT (batch query ID QID, or NULL), and frees
 * it. A refused query (bad or timed out) is reported on stderr and keeps its
 * place in the output; an index failure is reported and nothing is printed.
 * FLUSH: flush stdout after the answer (batch lines: a co-process may be
 * waiting for it). Returns 0, or -1 once an error has been reported
 * (st->failed is then set): the caller stops. */
int print_answer(run_state *st, const char *qid, const char *text, answer *ans, int flush);

/* Drives OUT through one query: Q's counts, suggestion and hits filled in
 * from RESULTS (NULL: none), then begin, hit for each, end. Returns 0, or -1
 * with errno set when output failed. */
int print_results(printer *out, print_query *q, const xc_results *results);

/* Reports a failed printer call (errno says why) and sets st->failed. */
void output_failed(run_state *st);

/* Opens the index at PATH for reading, with the NMORE indexes MORE searched
 * as one with it (--db A --db B), explaining any failure on stderr. */
xc_searcher *open_index(const char *path, const char *const *more, size_t nmore);

#endif
