/*
 * print_trec.c - the TREC run format, as read by trec_eval:
 *
 *   qid Q0 docid rank score tag
 *
 * one line per hit, score with 6 decimals, nothing for a query without hits.
 * Fields are separated by single spaces, so a query ID or source ID with
 * whitespace (or control characters, or '%') in it is written with those
 * bytes as %HH (safe_put_token): every line keeps six fields, and no two
 * documents print alike. A query given on the command line has the ID "1".
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "printer.h"
#include "safe_text.h"
#include "utf8.h"

typedef struct trec_printer {
    printer base;
    FILE *out;
    char *tag;
    const char *qid; /* of the current query, valid during it */
} trec_printer;

/* Writes S as one field (safe_put_token); "-" if empty, as an empty field
 * would shift the others (IDs are never empty; a --tag may be). */
static void put_field(FILE *out, const char *s)
{
    safe_put_token(*s ? s : "-", out);
}

static int trec_begin(printer *self, const print_query *q)
{
    trec_printer *p = (trec_printer *)self;
    p->qid = q->qid ? q->qid : "1";
    return 0;
}

static int trec_hit(printer *self, const xc_hit *hit)
{
    trec_printer *p = (trec_printer *)self;
    put_field(p->out, p->qid);
    fputs(" Q0 ", p->out);
    put_field(p->out, hit->id);
    fprintf(p->out, " %u %.6f ", hit->rank, isfinite(hit->score) ? hit->score : 0.0);
    put_field(p->out, p->tag);
    fputc('\n', p->out);
    return ferror(p->out) ? -1 : 0;
}

static int trec_end(printer *self)
{
    trec_printer *p = (trec_printer *)self;
    p->qid = NULL;
    return ferror(p->out) ? -1 : 0;
}

static int trec_finish(printer *self)
{
    trec_printer *p = (trec_printer *)self;
    int rc = fflush(p->out) == 0 && !ferror(p->out) ? 0 : -1;
    int saved = errno;
    free(p->tag);
    free(p);
    errno = saved;
    return rc;
}

printer *print_trec_new(FILE *out, const char *tag)
{
    trec_printer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->tag = utf8_repair(tag, strlen(tag), NULL); /* from argv: any bytes */
    if (!p->tag) {
        free(p);
        return NULL;
    }
    p->base = (printer){trec_begin, trec_hit, trec_end, trec_finish};
    p->out = out;
    return &p->base;
}
