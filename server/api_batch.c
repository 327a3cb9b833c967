/*
 * api_batch.c - POST /api/batch: the body's lines (as search --batch reads
 * them: "query", "QID<TAB>query" or {"_id": ..., "text": ...}) are searched
 * one at a time as the client reads, and each answered with one JSON line
 * (search --format json's, with its "qid"), in order, streamed. The URL's
 * parameters (limit, rank, ...) apply to every line. A refused query gets
 * its line with "error", as in search's batch output; so does every line
 * after SERVE_BATCH_SECONDS.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "printer.h"
#include "run.h"
#include "serve_limits.h"
#include "server.h"

typedef struct line {
    char *qid, *text; /* text NULL: the line was too long to read */
} line;

typedef struct batch_job {
    server *srv;
    search_req req; /* the URL's options; req.text unused */
    line *lines;
    size_t n, cap, next; /* next: the line to answer next */
    double started;
    char *out; /* the answer being sent */
    size_t out_len, out_at;
} batch_job;

static void job_free(void *cls)
{
    batch_job *job = cls;
    for (size_t i = 0; i < job->n; i++) {
        free(job->lines[i].qid);
        free(job->lines[i].text);
    }
    free(job->lines);
    free(job->out);
    search_req_free(&job->req);
    free(job);
}

static int keep_line(void *ctx, const char *qid, const char *query)
{
    batch_job *job = ctx;
    if (job->n == SERVE_MAX_BATCH_QUERIES) {
        job->n++; /* one past: too many */
        return 1;
    }
    if (job->n == job->cap) {
        size_t cap = job->cap ? job->cap * 2 : 64;
        line *more = realloc(job->lines, cap * sizeof *more);
        if (!more)
            return 1;
        job->lines = more;
        job->cap = cap;
    }
    line *l = &job->lines[job->n];
    l->qid = strdup(qid);
    l->text = query ? strdup(query) : NULL;
    if (!l->qid || (query && !l->text)) {
        free(l->qid);
        free(l->text);
        errno = ENOMEM;
        return 1;
    }
    job->n++;
    return 0;
}

/* The JSON line answering line I into job->out. */
static int answer_line(batch_job *job, size_t i)
{
    const line *l = &job->lines[i];
    char why[600] = "";
    xc_results *results = NULL;
    double ms = 0;
    xc_status rc = XC_OK;
    print_query q = {.qid = l->qid, .text = l->text ? l->text : "", .offset = job->req.opts.offset,
                     .suggestion = "", .like = job->req.like};
    if (!l->text) {
        q.error = BATCH_LINE_TOO_LONG;
    } else if (now_seconds() - job->started > SERVE_BATCH_SECONDS) {
        q.error = "not searched: the batch ran past its 60 seconds";
    } else if (!query_is_blank(l->text)) {
        search_req one = job->req;
        one.text = l->text;
        rc = run_search_req(job->srv, &one, &results, why, sizeof why, &ms);
        q.took_ms = took_ms(ms);
        if (rc != XC_OK)
            q.error = why;
    }
    FILE *out = open_memstream(&job->out, &job->out_len);
    if (!out)
        return -1;
    printer *p = print_json_new(out);
    int ok = p && print_results(p, &q, results) == 0;
    if (p)
        ok = p->finish(p) == 0 && ok;
    ok = fclose(out) == 0 && ok;
    xc_results_free(results);
    job->out_at = 0;
    return ok ? 0 : -1;
}

static ssize_t job_read(void *cls, uint64_t pos, char *dst, size_t max)
{
    (void)pos;
    batch_job *job = cls;
    while (!job->out || job->out_at == job->out_len) {
        free(job->out);
        job->out = NULL;
        if (job->next == job->n)
            return MHD_CONTENT_READER_END_OF_STREAM;
        if (answer_line(job, job->next++) != 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    size_t n = job->out_len - job->out_at;
    if (n > max)
        n = max;
    memcpy(dst, job->out + job->out_at, n);
    job->out_at += n;
    return (ssize_t)n;
}

enum MHD_Result api_batch(server *srv, struct MHD_Connection *c, request *r)
{
    char why[600];
    batch_job *job = calloc(1, sizeof *job);
    if (!job)
        return MHD_NO;
    job->srv = srv;
    job->started = now_seconds();
    if (search_req_parse(c, srv, 0, &job->req, why, sizeof why) != 0) {
        job_free(job);
        return reply_error(c, r, MHD_HTTP_BAD_REQUEST, why);
    }
    if (*job->req.text) {
        job_free(job);
        return reply_error(c, r, MHD_HTTP_BAD_REQUEST, "the queries of a batch are its body's lines, not q or like");
    }
    int rc = 0;
    if (r->body.len) { /* fmemopen refuses an empty buffer */
        FILE *in = fmemopen(r->body.data, r->body.len, "r");
        rc = in ? batch_each(in, keep_line, job) : -1;
        if (in)
            fclose(in);
    }
    if (rc < 0 || (rc == 1 && job->n <= SERVE_MAX_BATCH_QUERIES)) {
        job_free(job);
        return reply_error(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory");
    }
    if (job->n > SERVE_MAX_BATCH_QUERIES) {
        job_free(job);
        return reply_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "more than 10000 queries in one batch");
    }
    struct MHD_Response *resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 16 << 10, job_read, job, job_free);
    if (!resp) {
        job_free(job);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/x-ndjson");
    return reply_response(c, r, MHD_HTTP_OK, resp);
}
