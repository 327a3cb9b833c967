/*
 * print_count.c - search -c (the number of matching documents, exact, one
 * line per query: "N", or "QUERY_ID<TAB>N" in a batch) and search -q
 * (nothing: the exit status says whether anything matched), as grep.
 */
#include <errno.h>
#include <stdlib.h>

#include "printer.h"

typedef struct count_printer {
    printer base;
    FILE *out;
} count_printer;

static int count_begin(printer *self, const print_query *q)
{
    count_printer *p = (count_printer *)self;
    if (q->error)
        return 0; /* refused: stderr says why, and no count is right */
    if (q->qid)
        fprintf(p->out, "%s\t", q->qid);
    /* A correction's matches are not the query's. */
    fprintf(p->out, "%lu\n", q->corrected ? 0 : q->estimated);
    return ferror(p->out) ? -1 : 0;
}

static int count_hit(printer *self, const xc_hit *hit)
{
    (void)self;
    (void)hit;
    return 0;
}

static int count_end(printer *self)
{
    (void)self;
    return 0;
}

static int count_finish(printer *self)
{
    count_printer *p = (count_printer *)self;
    int rc = 0;
    if (p->out)
        rc = fflush(p->out) == 0 && !ferror(p->out) ? 0 : -1;
    int saved = errno;
    free(p);
    errno = saved;
    return rc;
}

printer *print_count_new(FILE *out)
{
    count_printer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base = (printer){count_begin, count_hit, count_end, count_finish};
    p->out = out;
    return &p->base;
}

static int quiet_begin(printer *self, const print_query *q)
{
    (void)self;
    (void)q;
    return 0;
}

printer *print_quiet_new(void)
{
    count_printer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base = (printer){quiet_begin, count_hit, count_end, count_finish};
    return &p->base;
}
