/*
 * qrels_internal.h - what the measures read of loaded judgments; private to
 * eval/.
 */
#ifndef EVAL_QRELS_INTERNAL_H
#define EVAL_QRELS_INTERNAL_H

#include "eval.h"
#include "index_table.h"

/* Ideal DCG is cut where nDCG is. */
#define EVAL_NDCG_DEPTH 10

typedef struct judged_query {
    char *qid;
    size_t relevant;    /* judgments with grade >= 1: R */
    double ideal_dcg10; /* DCG@10 of the query's grades sorted best first */
} judged_query;

typedef struct judgment {
    size_t query; /* index into eval_qrels.queries */
    char *docid;
    int grade;
} judgment;

struct eval_qrels {
    judged_query *queries; /* in order of first appearance */
    size_t query_count, query_capacity;
    index_table query_by_qid;
    judgment *judgments;
    size_t judgment_count, judgment_capacity;
    index_table judgment_by_key; /* key: (query, docid) */
};

/* Index of QID in qrels->queries, or INDEX_NONE when it is not judged. */
size_t qrels_find_query(const eval_qrels *qrels, const char *qid);

/* Index of the judgment of DOCID for query QUERY, or INDEX_NONE. */
size_t qrels_find_judgment(const eval_qrels *qrels, size_t query, const char *docid);

#endif
