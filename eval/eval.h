/*
 * eval.h - scoring ranked runs against relevance judgments (qrels), with the
 * definitions of `trec_eval -c`, so our figures compare with everyone's.
 *
 * Measures, per query (rel = judged grade >= 1; R = number of relevant
 * documents the qrels hold for the query):
 *   MAP        average precision: sum of precision@k at each relevant hit
 *              k, divided by R
 *   nDCG@10    sum over the top 10 of grade / log2(rank + 1), divided by the
 *              same sum over the ideal ordering of all judged grades
 *   P@10       relevant hits in the top 10, divided by 10 (also when fewer
 *              than 10 were returned)
 *   R@100      relevant hits in the top 100, divided by R
 *   MRR@10     1 / rank of the first relevant hit in the top 10, else 0
 * Means are taken over every judged query (one that appears in the qrels),
 * as `trec_eval -c` does: a judged query that was never run, or returned
 * nothing, scores 0 on every measure. A query with no relevant document
 * scores 0. Rankings are scored in the order given (best first); a document
 * repeated in one ranking counts once, at its first rank (a later copy keeps
 * its place in the ranking but gains nothing).
 */
#ifndef EVAL_EVAL_H
#define EVAL_EVAL_H

#include <stddef.h>

typedef struct eval_qrels eval_qrels;

/* Loads judgments from PATH, either layout, told apart line by line:
 *   BEIR qrels.tsv: "query-id<TAB>corpus-id<TAB>score", a header line allowed
 *   TREC qrels:     "qid iteration docid grade", separated by white space
 * Lines with grade 0 (or negative) are judged not relevant; their query is
 * still judged. A document judged twice for one query keeps its later grade.
 * On failure returns NULL with a message naming PATH (and the
 * line number, for a malformed line) in ERR. */
eval_qrels *eval_qrels_load(const char *path, char *err, size_t errlen);
void eval_qrels_free(eval_qrels *qrels);

/* Number of judged queries. */
size_t eval_qrels_count(const eval_qrels *qrels);

typedef struct eval_scores {
    double map, ndcg10, p10, r100, mrr10;
} eval_scores;

/* A run being scored, one query at a time (memory does not grow with the
 * length of the run, only with the number of judged queries). */
typedef struct eval_run eval_run;

/* A new run over QRELS (which must outlive it); NULL when out of memory. */
eval_run *eval_run_new(const eval_qrels *qrels);
void eval_run_free(eval_run *run);

/* Scores the ranking of query QID: DOCIDS[0..N) best first. Fills *SCORES
 * (if not NULL) with this query's scores. Returns 0 when QID is judged and
 * counted, 1 when QID is not judged (ignored; *SCORES zeroed), -1 when out of
 * memory. A query added twice counts once, with its later ranking. */
int eval_run_add(eval_run *run, const char *qid, const char *const *docids,
                 size_t n, eval_scores *scores);

/* Means over every judged query (see above); *JUDGED is the number of judged
 * queries, *RUN how many of them were added. */
void eval_run_mean(const eval_run *run, eval_scores *mean, size_t *judged,
                   size_t *run_count);

#endif
