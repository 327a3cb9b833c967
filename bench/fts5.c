/*
 * fts5-bench - the same collections through SQLite FTS5, as a yardstick for
 * sift's ranking and speed (bench/relevance runs it beside our programs).
 *
 *   fts5-bench index DB CORPUS.jsonl[.gz]
 *       a fresh FTS5 table (porter unicode61) of every record, one
 *       transaction; prints "docs N seconds S bytes B"
 *   fts5-bench search DB QUERIES [--limit N] [--qrels QRELS] [--run FILE]
 *       each query's words OR-ed, ranked by bm25(); prints
 *       "queries N seconds S qps Q p50 MS p99 MS" (per-query latency in
 *       milliseconds) and, with --qrels, the eval means
 *
 * Records are BEIR ({"_id", "title", "text"}) or Anserini ({"id",
 * "contents"}). QUERIES is BEIR queries.jsonl ({"_id", "text"}) or plain
 * lines "qid<TAB>query" or "query" (qid = line number); a line is JSON when
 * it starts with '{'. Exit status: 0 done, 1 failed, 2 bad usage.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>
#include <zlib.h>

#include "eval.h"

static const char usage[] =
    "Usage: fts5-bench index DB CORPUS.jsonl[.gz]\n"
    "       fts5-bench search DB QUERIES [--limit N] [--qrels QRELS] [--run FILE]\n";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads one line of any length into *BUF (growing it), without the line end.
 * Returns its length, -1 at end of file, -2 on a read error (see gz_error).
 * gzgets, not getline: the same code reads .jsonl and .jsonl.gz. */
static long read_line(gzFile in, char **buf, size_t *cap)
{
    size_t len = 0;
    int errnum;
    for (;;) {
        if (*cap - len < 2) {
            size_t ncap = *cap ? *cap * 2 : 65536;
            char *nbuf = realloc(*buf, ncap);
            if (!nbuf)
                return -2;
            *buf = nbuf;
            *cap = ncap;
        }
        /* (A line over 2 GB would overflow the int; none of ours comes near.) */
        if (!gzgets(in, *buf + len, (int)(*cap - len))) {
            if (len == 0) {
                gzerror(in, &errnum);
                return errnum == Z_OK ? -1 : -2;
            }
            break;
        }
        /* A NUL byte (never in valid JSON) hides the rest of its line from
         * strlen, so that line runs into the next and is reported malformed. */
        len += strlen(*buf + len);
        if (len > 0 && (*buf)[len - 1] == '\n')
            break;
        if (gzeof(in))
            break;
    }
    /* A last line without a newline is fine, the tail of a truncated .gz
     * (Z_BUF_ERROR) is not. */
    gzerror(in, &errnum);
    if (errnum != Z_OK)
        return -2;
    while (len > 0 && ((*buf)[len - 1] == '\n' || (*buf)[len - 1] == '\r'))
        len--;
    (*buf)[len] = '\0';
    return (long)len;
}

/* What went wrong in IN, read_line having returned -2. zlib's own messages
 * start with the path, which ours print already. */
static const char *gz_error(gzFile in, const char *path)
{
    int errnum;
    const char *msg = gzerror(in, &errnum);
    size_t n = strlen(path);
    if (errnum == Z_ERRNO)
        return strerror(errno);
    if (errnum == Z_OK) /* read_line's realloc failed */
        return "out of memory";
    if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
        msg += n + 2;
    return msg;
}

/* A string member, or "" when absent or null; NULL when of another type. */
static const char *member_text(json_t *obj, const char *key, size_t *len)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) {
        *len = 0;
        return "";
    }
    if (!json_is_string(v))
        return NULL;
    *len = json_string_length(v);
    return json_string_value(v);
}

/* The record's id, "_id" (BEIR) or "id" (Anserini); numbers allowed, as
 * some converters write them. Returns the length, 0 when missing. */
static size_t record_id(json_t *obj, char *num, size_t numlen, const char **id)
{
    json_t *v = json_object_get(obj, "_id");
    if (!v)
        v = json_object_get(obj, "id");
    if (json_is_string(v) && json_string_length(v) > 0) {
        *id = json_string_value(v);
        return json_string_length(v);
    }
    if (json_is_integer(v)) {
        *id = num;
        return (size_t)snprintf(num, numlen, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    }
    return 0;
}

static int sql_fail(sqlite3 *db, const char *path, const char *what)
{
    fprintf(stderr, "fts5-bench: %s: %s: %s\n", path, what, sqlite3_errmsg(db));
    return 1;
}

static int cmd_index(const char *dbpath, const char *corpus)
{
    if (unlink(dbpath) != 0 && errno != ENOENT) {
        fprintf(stderr, "fts5-bench: %s: cannot remove: %s\n", dbpath, strerror(errno));
        return 1;
    }
    gzFile in = gzopen(corpus, "rb");
    if (!in) {
        fprintf(stderr, "fts5-bench: %s: %s\n", corpus, strerror(errno ? errno : ENOMEM));
        return 1;
    }
    gzbuffer(in, 1 << 17);

    double start = now();
    sqlite3 *db = NULL;
    sqlite3_stmt *insert = NULL;
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0, docs = 0;
    int rc = 1;
    long len;

    if (sqlite3_open(dbpath, &db) != SQLITE_OK) {
        sql_fail(db, dbpath, "cannot create");
        goto done;
    }
    /* Default journal and sync settings: one transaction, so they cost one
     * commit, and the figure is what a plain SQLite user would see. */
    if (sqlite3_exec(db,
                     "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text,"
                     " tokenize='porter unicode61');"
                     "BEGIN;",
                     NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(db, dbpath, "cannot create the FTS5 table");
        goto done;
    }
    if (sqlite3_prepare_v2(db, "INSERT INTO docs(id, title, text) VALUES (?1, ?2, ?3)", -1,
                           &insert, NULL) != SQLITE_OK) {
        sql_fail(db, dbpath, "cannot prepare the insert");
        goto done;
    }

    while ((len = read_line(in, &line, &cap)) >= 0) {
        lineno++;
        if (len == 0)
            continue;
        json_error_t jerr;
        json_t *rec = json_loadb(line, (size_t)len, 0, &jerr);
        char num[32];
        const char *id = NULL, *title = NULL, *text = NULL;
        size_t id_len = 0, title_len = 0, text_len = 0;
        if (rec && json_is_object(rec)) {
            id_len = record_id(rec, num, sizeof num, &id);
            title = member_text(rec, "title", &title_len);
            text = json_object_get(rec, "text") ? member_text(rec, "text", &text_len)
                                                : member_text(rec, "contents", &text_len);
        }
        if (!rec || !json_is_object(rec) || id_len == 0 || !title || !text) {
            fprintf(stderr, "fts5-bench: %s:%lu: skipped: %s\n", corpus, lineno,
                    !rec                 ? jerr.text
                    : id_len == 0        ? "no \"_id\" or \"id\""
                                         : "not a record of strings");
            json_decref(rec);
            continue;
        }
        /* SQLITE_STATIC: the strings live in REC until after the step. */
        sqlite3_bind_text(insert, 1, id, (int)id_len, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, title, (int)title_len, SQLITE_STATIC);
        sqlite3_bind_text(insert, 3, text, (int)text_len, SQLITE_STATIC);
        int step = sqlite3_step(insert);
        sqlite3_reset(insert);
        json_decref(rec);
        if (step != SQLITE_DONE) {
            fprintf(stderr, "fts5-bench: %s:%lu: insert failed: %s\n", corpus, lineno,
                    sqlite3_errmsg(db));
            goto done;
        }
        docs++;
    }
    if (len == -2) {
        fprintf(stderr, "fts5-bench: %s:%lu: %s\n", corpus, lineno + 1, gz_error(in, corpus));
        goto done;
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        sql_fail(db, dbpath, "commit failed");
        goto done;
    }
    rc = 0;

done:
    sqlite3_finalize(insert);
    if (sqlite3_close(db) != SQLITE_OK && rc == 0)
        rc = sql_fail(db, dbpath, "close failed");
    gzclose(in);
    free(line);
    if (rc != 0)
        return rc;
    double seconds = now() - start;

    struct stat st;
    if (stat(dbpath, &st) != 0) {
        fprintf(stderr, "fts5-bench: %s: %s\n", dbpath, strerror(errno));
        return 1;
    }
    printf("docs %lu seconds %.3f bytes %lld\n", docs, seconds, (long long)st.st_size);
    return 0;
}

typedef struct query {
    char *qid;
    char *match; /* the FTS5 expression; "" when the query has no words */
} query;

static int word_byte(unsigned char c)
{
    /* Bytes >= 0x80 are parts of UTF-8 letters (roughly: FTS5's unicode61
     * splits a quoted string again, so stray punctuation does no harm). */
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* "w1" OR "w2" OR ...: every word quoted, so none reads as an FTS5 operator
 * (AND, NOT, NEAR) or column filter; quotes inside are doubled, though word
 * bytes never hold one. */
static char *match_expr(const char *text, size_t len)
{
    char *out = malloc(len * 7 + 1); /* worst case: one-byte words, "a" OR "b" */
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (!word_byte((unsigned char)text[i])) {
            i++;
            continue;
        }
        if (o > 0) {
            memcpy(out + o, " OR ", 4);
            o += 4;
        }
        out[o++] = '"';
        for (; i < len && word_byte((unsigned char)text[i]); i++) {
            if (text[i] == '"')
                out[o++] = '"';
            out[o++] = text[i];
        }
        out[o++] = '"';
    }
    out[o] = '\0';
    return out;
}

static void free_queries(query *qs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(qs[i].qid);
        free(qs[i].match);
    }
    free(qs);
}

/* Reads every query before the clock starts. Returns 0, or 1 after a
 * message. Malformed lines are reported and skipped, as in the corpus. */
static int load_queries(const char *path, query **out, size_t *count)
{
    gzFile in = gzopen(path, "rb");
    if (!in) {
        fprintf(stderr, "fts5-bench: %s: %s\n", path, strerror(errno ? errno : ENOMEM));
        return 1;
    }
    query *qs = NULL;
    size_t n = 0, cap_qs = 0, cap = 0;
    char *line = NULL;
    unsigned long lineno = 0;
    long len;
    int rc = 0;

    while ((len = read_line(in, &line, &cap)) >= 0) {
        lineno++;
        if (len == 0)
            continue;
        char num[32];
        const char *qid = num, *text = line;
        size_t qid_len, text_len = (size_t)len;
        json_t *rec = NULL;
        if (line[0] == '{') {
            json_error_t jerr;
            rec = json_loadb(line, (size_t)len, 0, &jerr);
            qid_len = rec && json_is_object(rec) ? record_id(rec, num, sizeof num, &qid) : 0;
            text = qid_len ? member_text(rec, "text", &text_len) : NULL;
            if (!text) {
                fprintf(stderr, "fts5-bench: %s:%lu: skipped: %s\n", path, lineno,
                        !rec ? jerr.text : "not a query {\"_id\", \"text\"}");
                json_decref(rec);
                continue;
            }
        } else {
            const char *tab = memchr(line, '\t', (size_t)len);
            if (tab && tab > line) {
                qid = line;
                qid_len = (size_t)(tab - line);
                text = tab + 1;
                text_len = (size_t)len - qid_len - 1;
            } else {
                if (tab) {
                    text = tab + 1;
                    text_len--;
                }
                qid_len = (size_t)snprintf(num, sizeof num, "%lu", lineno);
            }
        }
        if (n == cap_qs) {
            size_t ncap = cap_qs ? cap_qs * 2 : 256;
            query *nqs = realloc(qs, ncap * sizeof *qs);
            if (!nqs) {
                json_decref(rec);
                rc = -2;
                break;
            }
            qs = nqs;
            cap_qs = ncap;
        }
        qs[n].qid = strndup(qid, qid_len);
        qs[n].match = match_expr(text, text_len);
        n++;
        json_decref(rec);
        if (!qs[n - 1].qid || !qs[n - 1].match) {
            rc = -2;
            break;
        }
    }
    if (rc == -2) {
        fprintf(stderr, "fts5-bench: out of memory\n");
        rc = 1;
    } else if (len == -2) {
        fprintf(stderr, "fts5-bench: %s:%lu: %s\n", path, lineno + 1, gz_error(in, path));
        rc = 1;
    }
    gzclose(in);
    free(line);
    if (rc != 0) {
        free_queries(qs, n);
        return 1;
    }
    *out = qs;
    *count = n;
    return 0;
}

static int parse_limit(const char *s, long *limit)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1)
        return -1;
    *limit = v;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmd_search(int argc, char **argv)
{
    const char *dbpath = NULL, *qpath = NULL, *qrels_path = NULL, *run_path = NULL;
    long limit = 1000;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "--limit") == 0 && has_value) {
            if (parse_limit(argv[++i], &limit) != 0) {
                fprintf(stderr, "fts5-bench: --limit %s: not a positive number\n", argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--qrels") == 0 && has_value) {
            qrels_path = argv[++i];
        } else if (strcmp(a, "--run") == 0 && has_value) {
            run_path = argv[++i];
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "fts5-bench: %s: unknown option, or no value\n%s", a, usage);
            return 2;
        } else if (!dbpath) {
            dbpath = a;
        } else if (!qpath) {
            qpath = a;
        } else {
            fprintf(stderr, "fts5-bench: %s: one argument too many\n%s", a, usage);
            return 2;
        }
    }
    if (!qpath) {
        fputs(usage, stderr);
        return 2;
    }

    sqlite3 *db = NULL;
    sqlite3_stmt *select = NULL;
    query *qs = NULL;
    size_t nq = 0;
    eval_qrels *qrels = NULL;
    eval_run *run = NULL;
    FILE *runf = NULL;
    char **ids = NULL;
    size_t nids = 0;
    int rc = 1;

    /* Read-only: a missing DB is an error, not a new empty one. */
    if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sql_fail(db, dbpath, "cannot open");
        goto done;
    }
    /* bm25() is lower for better matches, hence ascending; it is selected
     * too for the run file's score column. */
    if (sqlite3_prepare_v2(db,
                           "SELECT id, bm25(docs) FROM docs WHERE docs MATCH ?1"
                           " ORDER BY bm25(docs) LIMIT ?2",
                           -1, &select, NULL) != SQLITE_OK) {
        sql_fail(db, dbpath, "not an fts5-bench index");
        goto done;
    }
    if (load_queries(qpath, &qs, &nq) != 0)
        goto done;
    if (qrels_path) {
        char err[512];
        qrels = eval_qrels_load(qrels_path, err, sizeof err);
        if (!qrels) {
            fprintf(stderr, "fts5-bench: %s\n", err);
            goto done;
        }
        if (!(run = eval_run_new(qrels))) {
            fprintf(stderr, "fts5-bench: out of memory\n");
            goto done;
        }
    }
    if (run_path && !(runf = fopen(run_path, "w"))) {
        fprintf(stderr, "fts5-bench: %s: %s\n", run_path, strerror(errno));
        goto done;
    }
    if (!(ids = calloc((size_t)limit, sizeof *ids))) {
        fprintf(stderr, "fts5-bench: out of memory\n");
        goto done;
    }

    /* The clock runs only while SQLite works: scoring and writing the run
     * are not the engine's cost. */
    double seconds = 0;
    double *took = calloc(nq ? nq : 1, sizeof *took); /* per query, for p50/p99 */
    if (!took) {
        fprintf(stderr, "fts5-bench: out of memory\n");
        goto done;
    }
    for (size_t q = 0; q < nq; q++) {
        double t0 = now();
        int step = SQLITE_DONE;
        if (qs[q].match[0]) {
            sqlite3_bind_text(select, 1, qs[q].match, -1, SQLITE_STATIC);
            sqlite3_bind_int64(select, 2, limit);
            /* LIMIT ?2 keeps nids within the LIMIT slots of IDS. */
            while ((step = sqlite3_step(select)) == SQLITE_ROW) {
                const char *id = (const char *)sqlite3_column_text(select, 0);
                double score = -sqlite3_column_double(select, 1); /* higher = better */
                if (!(ids[nids] = strdup(id ? id : ""))) {
                    step = SQLITE_NOMEM;
                    break;
                }
                nids++;
                if (runf)
                    fprintf(runf, "%s Q0 %s %zu %.6f fts5\n", qs[q].qid, ids[nids - 1], nids,
                            score);
            }
            sqlite3_reset(select);
        }
        took[q] = now() - t0;
        seconds += took[q];
        if (step != SQLITE_DONE) {
            fprintf(stderr, "fts5-bench: %s: query %s: %s\n", dbpath, qs[q].qid,
                    step == SQLITE_NOMEM ? "out of memory" : sqlite3_errmsg(db));
            free(took);
            goto done;
        }
        if (run && eval_run_add(run, qs[q].qid, (const char *const *)ids, nids, NULL) < 0) {
            fprintf(stderr, "fts5-bench: out of memory\n");
            free(took);
            goto done;
        }
        for (; nids > 0; nids--)
            free(ids[nids - 1]);
    }
    qsort(took, nq, sizeof *took, by_value);
    double p50 = nq ? took[nq / 2] * 1000 : 0.0;
    double p99 = nq ? took[(nq * 99) / 100] * 1000 : 0.0;
    free(took);
    if (runf) {
        int bad = ferror(runf);
        if (fclose(runf) != 0 || bad) {
            runf = NULL;
            fprintf(stderr, "fts5-bench: %s: write error\n", run_path);
            goto done;
        }
        runf = NULL;
    }

    printf("queries %zu seconds %.3f qps %.1f p50 %.3f p99 %.3f", nq, seconds,
           seconds > 0 ? (double)nq / seconds : 0.0, p50, p99);
    if (run) {
        eval_scores m;
        size_t judged, added;
        eval_run_mean(run, &m, &judged, &added);
        printf(" map %.4f ndcg10 %.4f p10 %.4f r100 %.4f mrr10 %.4f", m.map, m.ndcg10, m.p10,
               m.r100, m.mrr10);
    }
    putchar('\n');
    rc = fflush(stdout) == 0 ? 0 : 1;

done:
    while (nids > 0)
        free(ids[--nids]);
    free(ids);
    if (runf)
        fclose(runf);
    if (run)
        eval_run_free(run);
    if (qrels)
        eval_qrels_free(qrels);
    free_queries(qs, nq);
    sqlite3_finalize(select);
    sqlite3_close(db);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "index") == 0)
        return cmd_index(argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "search") == 0)
        return cmd_search(argc - 2, argv + 2);
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    fputs(usage, stderr);
    return 2;
}
