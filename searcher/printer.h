/*
 * printer.h - how search writes its results, one implementation per format.
 *
 * main.c drives every format the same way: begin (once per query, with the
 * match counts), hit (once per hit on the page), end (once per query), and
 * finish (once, at exit). Each format keeps its own state behind this
 * struct, so no code outside print_*.c asks which format is in use.
 *
 * Every call returns 0, or -1 with errno set when output failed (a write
 * error such as EPIPE, or ENOMEM); the caller then stops.
 */
#ifndef SEARCHER_PRINTER_H
#define SEARCHER_PRINTER_H

#include <stdio.h>

#include "eval.h"
#include "xc.h"

/* What a printer is told about a query before its hits. */
typedef struct print_query {
    const char *qid;    /* batch query ID; NULL for a command-line query */
    const char *text;   /* the query as searched: valid UTF-8 */
    unsigned offset;    /* hits skipped (--offset) */
    unsigned long lower, estimated, upper; /* match counts, all pages */
    size_t nhits;       /* hits that follow on this page */
    const char *suggestion; /* spelling correction of text, or "" */
    int corrected;      /* text matched nothing: the hits are suggestion's */
    int like;           /* text is a source ID: hits are documents like it */
    const char *error;  /* why this query was refused or stopped, or NULL */
    const xc_results *results; /* for its facets (xc_results_facet); NULL
                                  when there was no search. Valid until
                                  end() returns */
    double took_ms;     /* the server's: time searching; < 0 (or 0, as {}
                           leaves it): not shown */
} print_query;

typedef struct printer printer;
struct printer {
    int (*begin)(printer *self, const print_query *query);
    int (*hit)(printer *self, const xc_hit *hit);
    int (*end)(printer *self);
    /* Flushes the output and frees SELF, even on failure. */
    int (*finish)(printer *self);
};

/* The constructors return NULL when out of memory. OUT is not closed. */

/* For a person: header, ranked hits, wrapped snippets. COLOR: use ANSI
 * colours (else highlights are marked **like this**). WIDTH: columns. */
printer *print_text_new(FILE *out, int color, int width);

/* One JSON object per query, one line each (JSON Lines). */
printer *print_json_new(FILE *out);

/* The file of each hit, once, one per line (search -l). */
printer *print_paths_new(FILE *out);

/* The number of matches of each query (search -c); with a batch query's
 * ID first, a tab between. */
printer *print_count_new(FILE *out);

/* Nothing at all: the exit status says it (search -q). */
printer *print_quiet_new(void);

/* TREC run format: "qid Q0 docid rank score tag", one line per hit. TAG is
 * copied. */
printer *print_trec_new(FILE *out, const char *tag);

/* Scores each query's hits against QRELS (eval.h) and prints measures
 * instead of hits: per query if PER_QUERY, the means at finish; JSON Lines
 * if JSON, else text. Takes ownership of QRELS when it succeeds. */
printer *print_eval_new(FILE *out, eval_qrels *qrels, int per_query, int json);

#endif
