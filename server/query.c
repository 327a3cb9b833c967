/*
 * query.c - the parameters of a search request, read and checked, and the
 * search run on the calling thread's own searcher (a thread-specific key:
 * MHD's pool threads each open the index once, and share nothing).
 *
 *   q          the query (Xapian syntax unless natural)
 *   like       a source ID: documents like it (instead of q)
 *   limit      hits per page (API 10, at most SERVE_MAX_LIMIT)
 *   offset     hits skipped
 *   rank       full or bm25
 *   natural    1: no query syntax
 *   correct    1: search the spelling correction if nothing matched
 *              (the page's default; the API's is 0, as search's JSON)
 *   timeout    seconds, at most the server's limit
 *   rank_params  as search --rank-params
 *   snippet    about this many bytes of snippet, 0 to 1000 (default 160)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "numbers.h"
#include "serve_limits.h"
#include "rank_params.h"
#include "server.h"
#include "utf8.h"

#define SNIPPET_BYTES 160 /* as search's */

double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *const KNOWN[] = {"q", "like", "limit", "offset", "rank", "natural", "correct",
                                    "timeout", "rank_params", "snippet", NULL};

typedef struct check {
    const char *unknown; /* the first unknown parameter's name */
    char name[64];
} check;

static enum MHD_Result check_name(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    (void)value;
    check *ck = cls;
    for (const char *const *k = KNOWN; *k; k++)
        if (strcmp(*k, key) == 0)
            return MHD_YES;
    snprintf(ck->name, sizeof ck->name, "%s", key);
    ck->unknown = ck->name;
    return MHD_NO;
}

/* 0/1/true/false/on/off/yes/no, or "" (an empty checkbox value: on). */
static int flag(const char *s, int *out)
{
    static const char *const on[] = {"1", "true", "on", "yes", "", NULL}, *const off[] = {"0", "false", "off", "no", NULL};
    for (const char *const *w = on; *w; w++)
        if (strcmp(s, *w) == 0)
            return *out = 1, 0;
    for (const char *const *w = off; *w; w++)
        if (strcmp(s, *w) == 0)
            return *out = 0, 0;
    return -1;
}

static int bad(char *why, size_t n, const char *name, const char *value, const char *expected)
{
    char shown[64];
    size_t len = utf8_valid_prefix(value, strnlen(value, 40));
    snprintf(shown, sizeof shown, "%.*s%s", (int)len, value, strlen(value) > len ? "..." : "");
    char *safe = utf8_repair(shown, strlen(shown), NULL);
    snprintf(why, n, "invalid value for %s: '%s' (expected %s)", name, safe ? safe : "?", expected);
    free(safe);
    return -1;
}

int search_req_parse(struct MHD_Connection *c, const server *srv, int page, search_req *r, char *why, size_t n)
{
    *r = (search_req){.opts = {.limit = 10, .snippet_bytes = SNIPPET_BYTES, .correct = page},
                      .params = xc_rank_params_default()};
    r->opts.params = &r->params;
    r->opts.time_limit = srv->search_seconds;
    check ck = {0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_name, &ck);
    if (ck.unknown) {
        char *safe = utf8_repair(ck.name, strlen(ck.name), NULL);
        snprintf(why, n, "unknown parameter '%s'", safe ? safe : "?");
        free(safe);
        return -1;
    }
#define ARG(name) MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name)
    const char *v;
    if ((v = ARG("limit")) && parse_whole(v, SERVE_MAX_LIMIT, &r->opts.limit) != 0)
        return bad(why, n, "limit", v, "a whole number from 0 to 1000");
    if ((v = ARG("offset")) && parse_whole(v, SERVE_MAX_DEPTH, &r->opts.offset) != 0)
        return bad(why, n, "offset", v, "a whole number from 0 to 100000");
    if (r->opts.offset + r->opts.limit > SERVE_MAX_DEPTH)
        return bad(why, n, "offset", ARG("offset"), "offset + limit at most 100000");
    if ((v = ARG("rank"))) {
        if (strcmp(v, "full") == 0)
            r->opts.rank = XC_RANK_FULL;
        else if (strcmp(v, "bm25") == 0)
            r->opts.rank = XC_RANK_BM25;
        else
            return bad(why, n, "rank", v, "full or bm25");
    }
    if ((v = ARG("natural")) && flag(v, &r->opts.natural) != 0)
        return bad(why, n, "natural", v, "0 or 1");
    if ((v = ARG("correct")) && flag(v, &r->opts.correct) != 0)
        return bad(why, n, "correct", v, "0 or 1");
    unsigned snippet;
    if ((v = ARG("snippet"))) {
        if (parse_whole(v, 1000, &snippet) != 0)
            return bad(why, n, "snippet", v, "a number of bytes from 0 to 1000");
        r->opts.snippet_bytes = snippet;
    }
    if ((v = ARG("timeout"))) {
        char *end;
        errno = 0;
        double t = strtod(v, &end);
        if (*end || errno || !(t > 0))
            return bad(why, n, "timeout", v, "a number of seconds above 0");
        if (t < r->opts.time_limit)
            r->opts.time_limit = t;
    }
    if ((v = ARG("rank_params"))) {
        char msg[400];
        if (rank_params_parse(v, &r->params, msg, sizeof msg) != 0) {
            char *safe = utf8_repair(msg, strlen(msg), NULL);
            snprintf(why, n, "invalid value for rank_params: %s", safe ? safe : "?");
            free(safe);
            return -1;
        }
        if (r->opts.rank == XC_RANK_BM25) {
            snprintf(why, n, "rank_params sets the default ranking (rank=full), not rank=bm25");
            return -1;
        }
    }
    const char *q = ARG("q"), *like = ARG("like");
#undef ARG
    if (q && like) {
        snprintf(why, n, "give q or like, not both");
        return -1;
    }
    r->like = like != NULL;
    const char *text = like ? like : q ? q : "";
    if (strlen(text) > XC_MAX_QUERY_BYTES) {
        snprintf(why, n, "the query is too long: %zu bytes, at most %d", strlen(text), XC_MAX_QUERY_BYTES);
        return -1;
    }
    /* Invalid UTF-8 is repaired, as search repairs its arguments. */
    if (!(r->text = utf8_repair(text, strlen(text), NULL))) {
        snprintf(why, n, "out of memory");
        return -1;
    }
    return 0;
}

void search_req_free(search_req *r)
{
    free(r->text);
    r->text = NULL;
}

xc_searcher *thread_searcher(server *srv, xc_status *rc, char *why, size_t n)
{
    xc_searcher *s = pthread_getspecific(srv->searcher);
    if (s)
        return s;
    if (!(s = xc_searcher_new())) {
        *rc = XC_ERR_NOMEM;
        snprintf(why, n, "out of memory");
        return NULL;
    }
    *rc = xc_searcher_open(s, srv->cfg->db);
    for (size_t i = 0; *rc == XC_OK && i < srv->cfg->nmore; i++)
        *rc = xc_searcher_add_index(s, srv->cfg->more[i]);
    if (*rc != XC_OK) {
        if (*rc == XC_ERR_NOT_FOUND)
            snprintf(why, n, "no index at %s", srv->cfg->db);
        else
            snprintf(why, n, "the index at %s cannot be read: %s", srv->cfg->db, xc_searcher_error(s));
        xc_searcher_free(s);
        return NULL;
    }
    if (pthread_setspecific(srv->searcher, s) != 0) {
        xc_searcher_free(s);
        *rc = XC_ERR_NOMEM;
        snprintf(why, n, "out of memory");
        return NULL;
    }
    return s;
}

void thread_searcher_drop(server *srv)
{
    xc_searcher *s = pthread_getspecific(srv->searcher);
    pthread_setspecific(srv->searcher, NULL);
    xc_searcher_free(s);
}

xc_status run_search_req(server *srv, const search_req *r, xc_results **results, char *why, size_t n, double *ms)
{
    *results = NULL;
    xc_status rc;
    xc_searcher *s = thread_searcher(srv, &rc, why, n);
    if (!s)
        return rc;
    double t0 = now_seconds();
    rc = r->like ? xc_search_like(s, r->text, &r->opts, results) : xc_search(s, r->text, &r->opts, results);
    *ms = (now_seconds() - t0) * 1000.0;
    if (rc != XC_OK) {
        snprintf(why, n, "%s", xc_searcher_error(s));
        if (index_trouble(rc))
            thread_searcher_drop(srv);
    }
    return rc;
}
