#define _POSIX_C_SOURCE 200809L
#include "run.h"

#include "batch.h"
#include "safe_text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("search: ", stderr);
    safe_vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int query_is_blank(const char *s)
{
    for (; *s; s++)
        if (!strchr(" \t\n\r\f\v", *s))
            return 0;
    return 1;
}

void output_failed(run_state *st)
{
    /* Quietly when the reader has gone away (EPIPE, as in "search | head"). */
    if (errno == ENOMEM)
        fputs("search: out of memory\n", stderr);
    else if (errno != EPIPE)
        say("cannot write output: %s", strerror(errno));
    st->failed = 1;
}

/* Explains a failure RC of the index at PATH on stderr; WHY is the
 * searcher's message. */
static void index_failed(const char *path, const char *why, xc_status rc)
{
    if (rc == XC_ERR_NOT_FOUND)
        say("no index at %s (build one with: indexer --db %s FOLDER...)", path, path);
    else if (xc_status_rebuild(rc))
        say("the index at %s %s (%s); rebuild it with: indexer --rebuild --db %s FOLDER...", path,
            xc_status_rebuild(rc), why, path);
    else if (rc == XC_ERR_PERM)
        say("%s: permission denied (%s)", path, why);
    else
        say("%s: %s", path, why);
}

xc_searcher *open_index(const char *path, const char *const *more, size_t nmore)
{
    xc_searcher *searcher = xc_searcher_new();
    if (!searcher) {
        fputs("search: out of memory\n", stderr);
        return NULL;
    }
    xc_status rc = xc_searcher_open(searcher, path);
    for (size_t i = 0; rc == XC_OK && i < nmore; i++)
        if ((rc = xc_searcher_add_index(searcher, more[i])) != XC_OK)
            path = more[i];
    if (rc == XC_OK)
        return searcher;
    index_failed(path, xc_searcher_error(searcher), rc);
    xc_searcher_free(searcher);
    return NULL;
}

void answer_query(xc_searcher *searcher, const xc_search_opts *opts, int like,
                  const char *text, answer *ans)
{
    *ans = (answer){XC_OK, NULL, NULL};
    if (!text) {
        ans->rc = XC_ERR_QUERY;
        ans->error = strdup(BATCH_LINE_TOO_LONG);
        return;
    }
    /* An empty batch line matches nothing; the binding is not asked. */
    if (query_is_blank(text))
        return;
    ans->rc = like ? xc_search_like(searcher, text, opts, &ans->results)
                   : xc_search(searcher, text, opts, &ans->results);
    if (ans->rc != XC_OK) /* the message lives until the next call: copy it */
        ans->error = strdup(xc_searcher_error(searcher));
}

void answer_free(answer *ans)
{
    xc_results_free(ans->results);
    free(ans->error);
    *ans = (answer){XC_OK, NULL, NULL};
}

int print_results(printer *out, print_query *q, const xc_results *results)
{
    if (results) {
        xc_results_matches(results, &q->lower, &q->estimated, &q->upper);
        q->nhits = xc_results_size(results);
        q->suggestion = xc_results_suggestion(results);
        q->corrected = xc_results_corrected(results);
    }
    if (out->begin(out, q) != 0)
        return -1;
    for (size_t i = 0; i < q->nhits; i++) {
        const xc_hit *hit = xc_results_hit(results, i);
        if (!hit || out->hit(out, hit) != 0)
            return -1;
    }
    return out->end(out);
}

int print_answer(run_state *st, const char *qid, const char *text, answer *ans, int flush)
{
    print_query q = {.qid = qid, .text = text ? text : "", .offset = st->opts.offset, .suggestion = "",
                     .like = st->like};
    xc_results *results = ans->results;

    if (ans->rc != XC_OK && !ans->error) {
        fputs("search: out of memory\n", stderr);
        st->failed = 1;
        answer_free(ans);
        return -1;
    }
    if (ans->rc == XC_ERR_TIMEOUT || ans->rc == XC_ERR_QUERY) {
        /* This query's fault, not the index's: say so, keep its place in the
         * output, go on with the next. */
        q.error = ans->error;
        if (qid)
            say("query %s: %s", qid, q.error);
        else
            say("%s", q.error);
        st->refused = 1;
    } else if (ans->rc != XC_OK) {
        index_failed(st->db, ans->error, ans->rc);
        st->failed = 1;
        answer_free(ans);
        return -1;
    }
    if (results) {
        xc_results_matches(results, &q.lower, &q.estimated, &q.upper);
        q.nhits = xc_results_size(results);
        q.suggestion = xc_results_suggestion(results);
        q.corrected = xc_results_corrected(results);
        q.results = results;
        /* A field that is not one: said once per query, not silently
         * searched as words. */
        if (*xc_results_note(results) && !st->quiet) {
            if (qid)
                say("query %s: note: %s", qid, xc_results_note(results));
            else
                say("note: %s", xc_results_note(results));
        }
    }
    /* The exit status is about the query as typed: a correction's hits do
     * not count. */
    if (results && !xc_results_corrected(results)) {
        unsigned long lower;
        xc_results_matches(results, &lower, NULL, NULL);
        if (lower > 0 || xc_results_size(results) > 0)
            st->matched = 1;
    }
    int ok = print_results(st->out, &q, results) == 0;
    /* Each batch answer is flushed as soon as it is written, so that a
     * program that writes a query and waits for its answer gets it. */
    ok = ok && (!flush || fflush(stdout) == 0);
    int saved = errno;
    answer_free(ans);
    errno = saved;
    if (!ok) {
        output_failed(st);
        return -1;
    }
    return 0;
}
