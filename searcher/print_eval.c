#define _POSIX_C_SOURCE 200809L
/*
 * print_eval.c - the "format" of search --qrels: instead of the hits, how
 * good they are. Each query's ranking is scored against the judgments as it
 * arrives (eval.h, trec_eval -c definitions); finish() prints the means.
 *
 * Text: with per-query, a tab-separated table (query, MAP, nDCG@10, P@10,
 * R@100, MRR@10) comes first; then one "MEASURE  VALUE" line per measure.
 * JSON: one object per query with per-query, then {"queries": ..., "map":
 * ...} for the means.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "printer.h"
#include "safe_text.h"

typedef struct eval_printer {
    printer base;
    FILE *out;
    eval_qrels *qrels; /* owned */
    eval_run *run;
    int per_query, json;
    int header_done;
    char *qid;         /* of the current query */
    char **docids;     /* its ranking so far */
    size_t n, cap;
} eval_printer;

static void clear_query(eval_printer *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->docids[i]);
    p->n = 0;
    free(p->qid);
    p->qid = NULL;
}

static int eval_begin(printer *self, const print_query *q)
{
    eval_printer *p = (eval_printer *)self;
    clear_query(p);
    p->qid = strdup(q->qid ? q->qid : "1");
    return p->qid ? 0 : (errno = ENOMEM, -1);
}

static int eval_hit(printer *self, const xc_hit *hit)
{
    eval_printer *p = (eval_printer *)self;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        char **bigger = realloc(p->docids, cap * sizeof *bigger);
        if (!bigger)
            return errno = ENOMEM, -1;
        p->docids = bigger;
        p->cap = cap;
    }
    if (!(p->docids[p->n] = strdup(hit->id)))
        return errno = ENOMEM, -1;
    p->n++;
    return 0;
}

static void print_scores(eval_printer *p, const char *qid, const eval_scores *s)
{
    if (p->json)
        fprintf(p->out, "{\"query\":%s,\"map\":%.4f,\"ndcg@10\":%.4f,\"p@10\":%.4f,"
                "\"recall@100\":%.4f,\"mrr@10\":%.4f}\n", qid, s->map, s->ndcg10, s->p10,
                s->r100, s->mrr10);
    else {
        safe_put_token(qid, p->out); /* a tab or a control in a query ID stays in its column */
        fprintf(p->out, "\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\n", s->map, s->ndcg10, s->p10, s->r100, s->mrr10);
    }
}

/* QID as a JSON string, quotes included: IDs may hold '"' or '\\'. */
static char *json_quoted(const char *qid)
{
    json_t *s = json_string(qid);
    char *quoted = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
    json_decref(s);
    return quoted;
}

static int eval_end(printer *self)
{
    eval_printer *p = (eval_printer *)self;
    eval_scores s;
    int rc = eval_run_add(p->run, p->qid, (const char *const *)p->docids, p->n, &s);
    if (rc < 0)
        return errno = ENOMEM, -1;
    if (!p->per_query || rc == 1) /* not judged: nothing to say */
        return 0;
    if (!p->json && !p->header_done) {
        fputs("query\tMAP\tnDCG@10\tP@10\tR@100\tMRR@10\n", p->out);
        p->header_done = 1;
    }
    char *qid = p->json ? json_quoted(p->qid) : p->qid;
    if (!qid)
        return errno = ENOMEM, -1;
    print_scores(p, qid, &s);
    if (qid != p->qid)
        free(qid);
    return ferror(p->out) ? -1 : 0;
}

static int eval_finish(printer *self)
{
    eval_printer *p = (eval_printer *)self;
    eval_scores m;
    size_t judged, run;
    eval_run_mean(p->run, &m, &judged, &run);
    if (p->json)
        fprintf(p->out, "{\"queries\":%zu,\"judged\":%zu,\"map\":%.4f,\"ndcg@10\":%.4f,"
                "\"p@10\":%.4f,\"recall@100\":%.4f,\"mrr@10\":%.4f}\n", run, judged, m.map,
                m.ndcg10, m.p10, m.r100, m.mrr10);
    else
        fprintf(p->out, "queries  %zu judged, %zu of them run\nMAP      %.4f\nnDCG@10  %.4f\n"
                "P@10     %.4f\nR@100    %.4f\nMRR@10   %.4f\n", judged, run, m.map, m.ndcg10,
                m.p10, m.r100, m.mrr10);
    int rc = fflush(p->out) == 0 && !ferror(p->out) ? 0 : -1;
    clear_query(p);
    free(p->docids);
    eval_run_free(p->run);
    eval_qrels_free(p->qrels);
    free(p);
    return rc;
}

printer *print_eval_new(FILE *out, eval_qrels *qrels, int per_query, int json)
{
    eval_printer *p = calloc(1, sizeof *p);
    if (!p || !(p->run = eval_run_new(qrels))) {
        free(p);
        return NULL;
    }
    p->base = (printer){eval_begin, eval_hit, eval_end, eval_finish};
    p->out = out;
    p->qrels = qrels;
    p->per_query = per_query;
    p->json = json;
    return &p->base;
}
