/*
 * fuzz_qrels.c - libFuzzer harness for relevance judgments (search --qrels,
 * bench/fts5-bench): the input is written to a file and loaded with
 * eval_qrels_load (eval/qrels.c); then every judged query is scored
 * (eval/measures.c) with two rankings: every judged document of the file in
 * file order, and the query's ideal ranking.
 *
 * Checked beyond the sanitizers (eval.h): a failed load says why; every
 * score is finite and within [0, 1]; the ideal ranking (the query's
 * documents by grade, best first) scores what trec_eval would give it: MAP,
 * nDCG@10, MRR@10 and (R <= 100) R@100 of 1, P@10 of min(R, 10) / 10, or all
 * 0 with no relevant document; the means are within [0, 1] and count every
 * judged query. The harness reads the loaded judgments through
 * eval/qrels_internal.h (a white-box test).
 */
#include "fuzz.h" /* first: it sets the feature macros */

#include <math.h>

#include "qrels_internal.h"

static void check_range(const char *what, const eval_scores *s)
{
    const double v[] = {s->map, s->ndcg10, s->p10, s->r100, s->mrr10};
    const char *names[] = {"MAP", "nDCG@10", "P@10", "R@100", "MRR@10"};
    for (size_t i = 0; i < 5; i++)
        FUZZ_CHECK(isfinite(v[i]) && v[i] >= 0 && v[i] <= 1 + 1e-9, "%s: %s = %g", what, names[i],
                   v[i]);
}

static int near(double a, double b)
{
    return fabs(a - b) <= 1e-9;
}

static const eval_qrels *sort_qrels; /* for by_grade */
static int by_grade(const void *a, const void *b)
{
    int ga = sort_qrels->judgments[*(const size_t *)a].grade;
    int gb = sort_qrels->judgments[*(const size_t *)b].grade;
    return ga > gb ? -1 : ga < gb;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("qrels.tsv");
    fuzz_write(path, data, size);
    char err[512] = "";
    eval_qrels *qrels = eval_qrels_load(path, err, sizeof err);
    if (!qrels) {
        FUZZ_CHECK(*err, "a failed load without a reason");
        return 0;
    }
    size_t nq = eval_qrels_count(qrels), nj = qrels->judgment_count;
    eval_run *run = eval_run_new(qrels);
    FUZZ_CHECK(run != NULL, "eval_run_new failed");
    const char **all = malloc((nj ? nj : 1) * sizeof *all);
    size_t *mine = malloc((nj ? nj : 1) * sizeof *mine);
    const char **ideal = malloc((nj ? nj : 1) * sizeof *ideal);
    if (!all || !mine || !ideal)
        fuzz_die("malloc");
    for (size_t j = 0; j < nj; j++)
        all[j] = qrels->judgments[j].docid;

    for (size_t q = 0; q < nq; q++) {
        const char *qid = qrels->queries[q].qid;
        eval_scores s;
        FUZZ_CHECK(eval_run_add(run, qid, all, nj, &s) == 0, "judged query %s not judged", qid);
        check_range("every document", &s);

        size_t n = 0, relevant = 0;
        for (size_t j = 0; j < nj; j++)
            if (qrels->judgments[j].query == q) {
                mine[n++] = j;
                relevant += qrels->judgments[j].grade >= 1;
            }
        sort_qrels = qrels;
        qsort(mine, n, sizeof *mine, by_grade);
        for (size_t i = 0; i < n; i++)
            ideal[i] = qrels->judgments[mine[i]].docid;
        FUZZ_CHECK(eval_run_add(run, qid, ideal, n, &s) == 0, "judged query %s not judged", qid);
        check_range("ideal", &s);
        FUZZ_CHECK(relevant == qrels->queries[q].relevant, "R %zu, counted %zu",
                   qrels->queries[q].relevant, relevant);
        double r = (double)relevant;
        if (relevant == 0)
            FUZZ_CHECK(s.map == 0 && s.ndcg10 == 0 && s.p10 == 0 && s.r100 == 0 && s.mrr10 == 0,
                       "query %s has no relevant document but scores", qid);
        else
            FUZZ_CHECK(near(s.map, 1) && near(s.ndcg10, 1) && near(s.mrr10, 1) &&
                           near(s.p10, (r < 10 ? r : 10) / 10) &&
                           (relevant > 100 || near(s.r100, 1)),
                       "ideal ranking of %s (R %zu): MAP %g nDCG@10 %.17g P@10 %g R@100 %g MRR@10 %g",
                       qid, relevant, s.map, s.ndcg10, s.p10, s.r100, s.mrr10);
    }
    eval_scores mean;
    size_t judged = 0, counted = 0;
    eval_run_mean(run, &mean, &judged, &counted);
    check_range("mean", &mean);
    FUZZ_CHECK(judged == nq && counted == nq, "means over %zu of %zu, %zu judged", counted, judged,
               nq);
    /* A query the file does not judge is ignored. */
    eval_scores none;
    FUZZ_CHECK(eval_run_add(run, "\x01not judged\x02", all, nj, &none) == 1 || 
                   qrels_find_query(qrels, "\x01not judged\x02") != INDEX_NONE,
               "an unjudged query was counted");
    free(all);
    free(mine);
    free(ideal);
    eval_run_free(run);
    eval_qrels_free(qrels);
    return 0;
}
