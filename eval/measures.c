#include "qrels_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define P_DEPTH 10
#define RECALL_DEPTH 100
#define RR_DEPTH 10

struct eval_run {
    const eval_qrels *qrels;
    eval_scores *scores; /* per judged query; zero until it is added */
    unsigned char *added; /* per judged query */
    size_t added_count;
    /* Per judgment: the ranking (numbered by ranking_serial) that last met it,
     * so a repeated document counts once without a set per ranking. */
    uint64_t *met_in_ranking;
    uint64_t ranking_serial;
};

eval_run *eval_run_new(const eval_qrels *qrels)
{
    eval_run *run = calloc(1, sizeof *run);
    if (!run)
        return NULL;
    size_t queries = qrels->query_count ? qrels->query_count : 1;
    size_t judgments = qrels->judgment_count ? qrels->judgment_count : 1;
    run->qrels = qrels;
    run->scores = calloc(queries, sizeof *run->scores);
    run->added = calloc(queries, sizeof *run->added);
    run->met_in_ranking = calloc(judgments, sizeof *run->met_in_ranking);
    if (!run->scores || !run->added || !run->met_in_ranking) {
        eval_run_free(run);
        return NULL;
    }
    return run;
}

void eval_run_free(eval_run *run)
{
    if (!run)
        return;
    free(run->scores);
    free(run->added);
    free(run->met_in_ranking);
    free(run);
}

/* Grade of DOCID for QUERY the first time this ranking meets it; 0 when it
 * is unjudged or met before. */
static int first_grade(eval_run *run, size_t query, const char *docid)
{
    size_t j = qrels_find_judgment(run->qrels, query, docid);
    if (j == INDEX_NONE || run->met_in_ranking[j] == run->ranking_serial)
        return 0;
    run->met_in_ranking[j] = run->ranking_serial;
    return run->qrels->judgments[j].grade;
}

static eval_scores score_ranking(eval_run *run, size_t query, const char *const *docids,
                                 size_t n)
{
    eval_scores s = {0};
    const judged_query *judged = &run->qrels->queries[query];
    if (judged->relevant == 0)
        return s;
    run->ranking_serial++;
    double precision_sum = 0, dcg = 0;
    size_t hits = 0, hits_p = 0, hits_recall = 0;
    for (size_t i = 0; i < n; i++) {
        size_t rank = i + 1;
        int grade = first_grade(run, query, docids[i]);
        if (grade < 1)
            continue;
        hits++;
        precision_sum += (double)hits / (double)rank;
        if (rank <= EVAL_NDCG_DEPTH)
            dcg += grade / log2((double)rank + 1);
        if (rank <= P_DEPTH)
            hits_p++;
        if (rank <= RECALL_DEPTH)
            hits_recall++;
        if (rank <= RR_DEPTH && s.mrr10 == 0)
            s.mrr10 = 1.0 / (double)rank;
    }
    double relevant = (double)judged->relevant;
    s.map = precision_sum / relevant;
    s.ndcg10 = dcg / judged->ideal_dcg10;
    s.p10 = (double)hits_p / P_DEPTH;
    s.r100 = (double)hits_recall / relevant;
    return s;
}

/* Never -1 in fact: scoring allocates nothing, eval_run_new took it all. */
int eval_run_add(eval_run *run, const char *qid, const char *const *docids, size_t n,
                 eval_scores *scores)
{
    size_t query = qrels_find_query(run->qrels, qid);
    if (query == INDEX_NONE) {
        if (scores)
            *scores = (eval_scores){0};
        return 1;
    }
    eval_scores s = score_ranking(run, query, docids, n);
    run->scores[query] = s;
    if (!run->added[query]) {
        run->added[query] = 1;
        run->added_count++;
    }
    if (scores)
        *scores = s;
    return 0;
}

void eval_run_mean(const eval_run *run, eval_scores *mean, size_t *judged, size_t *run_count)
{
    size_t n = run->qrels->query_count;
    eval_scores sum = {0};
    for (size_t q = 0; q < n; q++) {
        sum.map += run->scores[q].map;
        sum.ndcg10 += run->scores[q].ndcg10;
        sum.p10 += run->scores[q].p10;
        sum.r100 += run->scores[q].r100;
        sum.mrr10 += run->scores[q].mrr10;
    }
    if (mean) {
        *mean = (eval_scores){0};
        if (n) {
            double count = (double)n;
            mean->map = sum.map / count;
            mean->ndcg10 = sum.ndcg10 / count;
            mean->p10 = sum.p10 / count;
            mean->r100 = sum.r100 / count;
            mean->mrr10 = sum.mrr10 / count;
        }
    }
    if (judged)
        *judged = n;
    if (run_count)
        *run_count = run->added_count;
}
