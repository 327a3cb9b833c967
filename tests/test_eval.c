/* Unit tests of eval/: reading qrels in both layouts, and the measures on
 * rankings small enough to score by hand. */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include "check.h"
#include "eval.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

#define EPS 1e-12

#define CHECK_NEAR(got, want)                                                     \
    do {                                                                          \
        double got_ = (got), want_ = (want);                                      \
        CHECK(fabs(got_ - want_) < EPS);                                          \
        if (!(fabs(got_ - want_) < EPS))                                          \
            fprintf(stderr, "    %s is %.15f, expected %.15f\n", #got, got_, want_); \
    } while (0)

/* Writes TEXT to a new temporary file whose name goes to PATH (64 bytes). */
static void write_temp(char *path, const char *text)
{
    snprintf(path, 64, "/tmp/test_eval_XXXXXX");
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    size_t len = strlen(text);
    CHECK(write(fd, text, len) == (ssize_t)len);
    close(fd);
}

/* Loads TEXT as a qrels file, which is then removed. */
static eval_qrels *load_text(const char *text, char *err, size_t errlen)
{
    char path[64];
    write_temp(path, text);
    eval_qrels *qrels = eval_qrels_load(path, err, errlen);
    unlink(path);
    return qrels;
}

/* Scores one ranking on a fresh run over QRELS. */
static int score_one(const eval_qrels *qrels, const char *qid, const char *const *docids,
                     size_t n, eval_scores *s)
{
    eval_run *run = eval_run_new(qrels);
    CHECK(run != NULL);
    int status = run ? eval_run_add(run, qid, docids, n, s) : -1;
    eval_run_free(run);
    return status;
}

/*
 * TREC layout. q1: d1 grade 2, d2 and d3 grade 1, d4 grade 0 (R = 3).
 * q2: e1 (R = 1). q3: only grades 0 and -1 (judged, R = 0). q4: g1, g2 (R = 2).
 * Separators mix spaces and tabs, as TREC files do.
 */
static const char TREC_QRELS[] = "q1 0 d1 2\n"
                                 "q1 0 d2 1\n"
                                 "q1\t0\td3\t1\n"
                                 "q1 0 d4 0\n"
                                 "\n"
                                 "q2 0 e1 1\n"
                                 "q3 0 f1 0\n"
                                 "q3 0 f2 -1\n"
                                 "  q4   Q0  g1  1  \n"
                                 "q4 0 g2 1\n";

/* q1's ranking: relevant d2 (grade 1) at rank 1 and d1 (grade 2) at rank 3,
 * d4 (grade 0) at 4; d3 is missed. Only 4 results. */
static const char *const Q1_RUN[] = {"d2", "x1", "d1", "d4"};
#define Q1_MAP ((1.0 / 1 + 2.0 / 3) / 3)                      /* 5/9 */
#define Q1_DCG (1 / log2(2) + 2 / log2(4))                     /* 1 + 1 = 2 */
#define Q1_IDCG (2 / log2(2) + 1 / log2(3) + 1 / log2(4))      /* 2,1,1 best first */
#define Q1_NDCG (Q1_DCG / Q1_IDCG)
#define Q1_P10 (2.0 / 10)   /* 2 relevant, out of 10 though only 4 returned */
#define Q1_R100 (2.0 / 3)
#define Q1_MRR (1.0 / 1)

/* q2's ranking: ten misses, then e1 at rank 11. */
static const char *const Q2_RUN[] = {"n1", "n2", "n3", "n4", "n5", "n6",
                                     "n7", "n8", "n9", "n10", "e1"};
#define Q2_MAP ((1.0 / 11) / 1)
#define Q2_R100 (1.0 / 1)
/* nDCG@10, P@10 and MRR@10 are 0: the hit is below rank 10. */

static void trec_layout_and_measures(void)
{
    char err[256] = "";
    eval_qrels *qrels = load_text(TREC_QRELS, err, sizeof err);
    CHECK(qrels != NULL);
    if (!qrels) {
        fprintf(stderr, "    %s\n", err);
        return;
    }
    CHECK(eval_qrels_count(qrels) == 4);

    eval_run *run = eval_run_new(qrels);
    CHECK(run != NULL);
    eval_scores s;

    CHECK(eval_run_add(run, "q1", Q1_RUN, 4, &s) == 0);
    CHECK_NEAR(s.map, Q1_MAP);
    CHECK_NEAR(s.ndcg10, Q1_NDCG);
    CHECK_NEAR(s.p10, Q1_P10);
    CHECK_NEAR(s.r100, Q1_R100);
    CHECK_NEAR(s.mrr10, Q1_MRR);

    CHECK(eval_run_add(run, "q2", Q2_RUN, 11, &s) == 0);
    CHECK_NEAR(s.map, Q2_MAP);
    CHECK_NEAR(s.ndcg10, 0);
    CHECK_NEAR(s.p10, 0);
    CHECK_NEAR(s.r100, Q2_R100);
    CHECK_NEAR(s.mrr10, 0);

    /* q3 has no relevant document: 0 everywhere, though judged and counted. */
    const char *q3_run[] = {"f1", "f2"};
    CHECK(eval_run_add(run, "q3", q3_run, 2, &s) == 0);
    CHECK_NEAR(s.map + s.ndcg10 + s.p10 + s.r100 + s.mrr10, 0);

    /* An unjudged query is ignored, and its scores zeroed. */
    s = (eval_scores){1, 1, 1, 1, 1};
    CHECK(eval_run_add(run, "q9", Q1_RUN, 4, &s) == 1);
    CHECK_NEAR(s.map + s.ndcg10 + s.p10 + s.r100 + s.mrr10, 0);
    CHECK(eval_run_add(run, "q9", Q1_RUN, 4, NULL) == 1);

    /* q4 is judged but never run: it counts 0 in every mean, over 4 queries. */
    eval_scores mean;
    size_t judged = 0, ran = 0;
    eval_run_mean(run, &mean, &judged, &ran);
    CHECK(judged == 4);
    CHECK(ran == 3);
    CHECK_NEAR(mean.map, (Q1_MAP + Q2_MAP + 0 + 0) / 4);
    CHECK_NEAR(mean.ndcg10, (Q1_NDCG + 0 + 0 + 0) / 4);
    CHECK_NEAR(mean.p10, (Q1_P10 + 0 + 0 + 0) / 4);
    CHECK_NEAR(mean.r100, (Q1_R100 + Q2_R100 + 0 + 0) / 4);
    CHECK_NEAR(mean.mrr10, (Q1_MRR + 0 + 0 + 0) / 4);
    eval_run_free(run);

    /* A document repeated in a ranking counts once, at its first rank; the
     * repeat keeps its place. q4: g1 at 1, g1 again at 2, g2 at 3. */
    const char *q4_run[] = {"g1", "g1", "g2"};
    CHECK(score_one(qrels, "q4", q4_run, 3, &s) == 0);
    CHECK_NEAR(s.map, (1.0 / 1 + 2.0 / 3) / 2);                           /* 5/6 */
    CHECK_NEAR(s.ndcg10, (1 / log2(2) + 1 / log2(4)) / (1 / log2(2) + 1 / log2(3)));
    CHECK_NEAR(s.p10, 2.0 / 10);  /* not 3/10 */
    CHECK_NEAR(s.r100, 2.0 / 2);  /* not 3/2 */
    CHECK_NEAR(s.mrr10, 1.0 / 1);

    /* No results at all: 0, like a query never run. */
    CHECK(score_one(qrels, "q1", NULL, 0, &s) == 0);
    CHECK_NEAR(s.map + s.ndcg10 + s.p10 + s.r100 + s.mrr10, 0);

    eval_qrels_free(qrels);
}

/* R@100 stops at rank 100: q1 with d1 at rank 50 and d2 at rank 101 of 150. */
static void recall_at_100(void)
{
    eval_qrels *qrels = load_text(TREC_QRELS, NULL, 0);
    CHECK(qrels != NULL);
    if (!qrels)
        return;
    static char names[150][16];
    const char *ranking[150];
    for (size_t i = 0; i < 150; i++) {
        snprintf(names[i], sizeof names[i], "miss%zu", i);
        ranking[i] = names[i];
    }
    ranking[49] = "d1";
    ranking[100] = "d2";
    eval_scores s;
    CHECK(score_one(qrels, "q1", ranking, 150, &s) == 0);
    CHECK_NEAR(s.r100, 1.0 / 3);                      /* d1 only; R = 3 */
    CHECK_NEAR(s.map, (1.0 / 50 + 2.0 / 101) / 3);    /* MAP goes to the end */
    CHECK_NEAR(s.p10, 0);
    CHECK_NEAR(s.mrr10, 0);
    CHECK_NEAR(s.ndcg10, 0);
    eval_qrels_free(qrels);
}

/* A query added twice counts once, with its later ranking. */
static void query_added_twice(void)
{
    eval_qrels *qrels = load_text(TREC_QRELS, NULL, 0);
    CHECK(qrels != NULL);
    if (!qrels)
        return;
    eval_run *run = eval_run_new(qrels);
    CHECK(run != NULL);
    const char *first[] = {"e1"};
    const char *later[] = {"n1", "e1"};
    eval_scores s, mean;
    size_t judged, ran;
    CHECK(eval_run_add(run, "q2", first, 1, &s) == 0);
    CHECK_NEAR(s.map, 1.0 / 1);
    CHECK(eval_run_add(run, "q2", later, 2, &s) == 0);
    CHECK_NEAR(s.map, (1.0 / 2) / 1);
    eval_run_mean(run, &mean, &judged, &ran);
    CHECK(judged == 4);
    CHECK(ran == 1);
    CHECK_NEAR(mean.map, (1.0 / 2) / 4);      /* q2's later AP over 4 queries */
    CHECK_NEAR(mean.mrr10, (1.0 / 2) / 4);
    eval_run_free(run);
    eval_qrels_free(qrels);
}

/*
 * BEIR layout, with its header, a CRLF line, a blank line, and a corpus-id
 * holding a space. Query 1: "doc 1" grade 2, "7" grade 1; query 2: grade 0.
 */
static void beir_layout(void)
{
    char err[256] = "";
    eval_qrels *qrels = load_text("query-id\tcorpus-id\tscore\n"
                                  "1\tdoc 1\t2\r\n"
                                  "\n"
                                  "1\t7\t1\n"
                                  "2\t8\t0\n",
                                  err, sizeof err);
    CHECK(qrels != NULL);
    if (!qrels) {
        fprintf(stderr, "    %s\n", err);
        return;
    }
    CHECK(eval_qrels_count(qrels) == 2);

    /* The run puts the grade-1 document first, the ideal puts grade 2 first. */
    const char *ranking[] = {"7", "doc 1"};
    eval_scores s;
    CHECK(score_one(qrels, "1", ranking, 2, &s) == 0);
    CHECK_NEAR(s.ndcg10, (1 / log2(2) + 2 / log2(3)) / (2 / log2(2) + 1 / log2(3)));
    CHECK_NEAR(s.map, (1.0 / 1 + 2.0 / 2) / 2); /* 1 */
    CHECK_NEAR(s.p10, 2.0 / 10);
    CHECK_NEAR(s.r100, 2.0 / 2);
    CHECK_NEAR(s.mrr10, 1.0 / 1);
    CHECK(score_one(qrels, "query-id", ranking, 2, &s) == 1); /* the header is no query */
    CHECK(score_one(qrels, "2", ranking, 2, &s) == 0);
    eval_qrels_free(qrels);
}

/* A document judged twice for one query keeps its later grade. */
static void repeated_judgment(void)
{
    eval_qrels *qrels = load_text("q 0 a 2\nq 0 b 1\nq 0 a 0\n", NULL, 0);
    CHECK(qrels != NULL);
    if (!qrels)
        return;
    const char *ranking[] = {"a", "b"};
    eval_scores s;
    CHECK(score_one(qrels, "q", ranking, 2, &s) == 0);
    CHECK_NEAR(s.map, (1.0 / 2) / 1);                   /* only b relevant: R = 1 */
    CHECK_NEAR(s.ndcg10, (1 / log2(3)) / (1 / log2(2))); /* b at rank 2; ideal b first */
    eval_qrels_free(qrels);
}

/* getline: a judgment line far longer than any fixed buffer. */
static void long_line(void)
{
    size_t len = 100000;
    char *docid = malloc(len + 1);
    char *text = malloc(len + 32);
    CHECK(docid && text);
    if (!docid || !text) {
        free(docid);
        free(text);
        return;
    }
    memset(docid, 'x', len);
    docid[len] = '\0';
    snprintf(text, len + 32, "q 0 %s 1\n", docid);
    eval_qrels *qrels = load_text(text, NULL, 0);
    CHECK(qrels != NULL);
    const char *ranking[] = {docid};
    eval_scores s;
    if (qrels)
        CHECK(score_one(qrels, "q", ranking, 1, &s) == 0 && s.map == 1);
    eval_qrels_free(qrels);
    free(docid);
    free(text);
}

/* A bad line fails the whole load, naming the file and the line. */
static void malformed(const char *text, size_t line, const char *why)
{
    char path[64], err[512] = "", want[512];
    write_temp(path, text);
    CHECK(eval_qrels_load(path, err, sizeof err) == NULL);
    snprintf(want, sizeof want, "%s:%zu: malformed judgment (%s)", path, line, why);
    CHECK_STR(err, want);
    unlink(path);
}

#define LAYOUTS "expected \"query-id<TAB>corpus-id<TAB>score\" or \"qid iteration docid grade\""

static void errors(void)
{
    malformed("q1 0 d1 1\n\nq1 d2\n", 3, LAYOUTS);                 /* 2 fields */
    malformed("q1 0 d1 1 extra\n", 1, LAYOUTS);                    /* 5 fields */
    malformed("q1 0 d1 1\nq1 0 d2 high\n", 2, "grade \"high\" is not an integer");
    malformed("q1 0 d1 1.5\n", 1, "grade \"1.5\" is not an integer");
    malformed("1\t\t1\n", 1, LAYOUTS);                             /* empty corpus-id */
    /* Only the first line may be a header. */
    malformed("1\td\t1\nquery-id\tcorpus-id\tscore\n", 2, "grade \"score\" is not an integer");

    char err[256] = "", want[256];
    const char *missing = "/nonexistent-dir/qrels.tsv";
    CHECK(eval_qrels_load(missing, err, sizeof err) == NULL);
    snprintf(want, sizeof want, "%s: %s", missing, strerror(ENOENT));
    CHECK_STR(err, want);
    CHECK(eval_qrels_load(missing, NULL, 0) == NULL); /* no room for a message */
}

int main(void)
{
    trec_layout_and_measures();
    recall_at_100();
    query_added_twice();
    beir_layout();
    repeated_judgment();
    long_line();
    errors();
    return check_done();
}
