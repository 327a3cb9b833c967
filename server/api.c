/*
 * api.c - the JSON answers: /api/search (search --format json's object,
 * printed by the same printer, plus "took_ms"), /api/doc/ID, /api/stats,
 * /healthz.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "print_doc.h"
#include "printer.h"
#include "run.h"
#include "serve_limits.h"
#include "server.h"

/* What PRINT_RESULTS writes for Q and RESULTS with search's JSON printer,
 * as a malloc'd string (*LEN bytes); NULL when out of memory. */
static char *json_answer(print_query *q, const xc_results *results, size_t *len)
{
    char *text = NULL;
    FILE *out = open_memstream(&text, len);
    if (!out)
        return NULL;
    printer *p = print_json_new(out);
    int ok = p && print_results(p, q, results) == 0;
    if (p)
        ok = p->finish(p) == 0 && ok;
    ok = fclose(out) == 0 && ok;
    if (!ok) {
        free(text);
        return NULL;
    }
    return text;
}

enum MHD_Result api_search(server *srv, struct MHD_Connection *c, request *r)
{
    char why[600];
    search_req req;
    if (search_req_parse(c, srv, 0, &req, why, sizeof why) != 0) {
        search_req_free(&req);
        return reply_error(c, r, MHD_HTTP_BAD_REQUEST, why);
    }
    if (!*req.text || (!req.like && query_is_blank(req.text))) {
        search_req_free(&req);
        return reply_error(c, r, MHD_HTTP_BAD_REQUEST, "no query: give q=WORDS or like=SOURCE_ID");
    }
    xc_results *results;
    double ms = 0;
    xc_status rc = run_search_req(srv, &req, &results, why, sizeof why, &ms);
    if (rc != XC_OK) {
        search_req_free(&req);
        return reply_error(c, r, http_status(rc), why);
    }
    print_query q = {.text = req.text, .offset = req.opts.offset, .suggestion = "", .like = req.like,
                     .took_ms = took_ms(ms)};
    size_t len = 0;
    char *text = json_answer(&q, results, &len);
    xc_results_free(results);
    search_req_free(&req);
    return reply(c, r, MHD_HTTP_OK, "application/json", text, len);
}

enum MHD_Result api_doc(server *srv, struct MHD_Connection *c, request *r, const char *id)
{
    char why[600];
    xc_status rc;
    xc_searcher *s = thread_searcher(srv, &rc, why, sizeof why);
    if (!s)
        return reply_error(c, r, http_status(rc), why);
    xc_stored_doc *doc = NULL;
    rc = *id ? xc_searcher_get_doc(s, id, &doc) : XC_ERR_NO_DOC;
    if (rc != XC_OK) {
        snprintf(why, sizeof why, "%s", *id ? xc_searcher_error(s) : "no source ID after /api/doc/");
        if (index_trouble(rc))
            thread_searcher_drop(srv);
        return reply_error(c, r, http_status(rc), why);
    }
    json_t *o = doc_json(doc, SERVE_MAX_DOC_TEXT);
    xc_stored_doc_free(doc);
    return reply_json(c, r, o);
}

enum MHD_Result api_stats(server *srv, struct MHD_Connection *c, request *r)
{
    char why[600];
    xc_status rc;
    xc_searcher *s = thread_searcher(srv, &rc, why, sizeof why);
    unsigned long docs = 0;
    if (s && (rc = xc_searcher_doc_count(s, &docs)) != XC_OK) {
        snprintf(why, sizeof why, "%s", xc_searcher_error(s));
        thread_searcher_drop(srv);
        s = NULL;
    }
    if (!s)
        return reply_error(c, r, http_status(rc), why);
    json_t *o = json_pack("{s:I, s:s}", "documents", (json_int_t)docs, "language", xc_searcher_language(s));
    return reply_json(c, r, o);
}

enum MHD_Result api_health(server *srv, struct MHD_Connection *c, request *r)
{
    char why[600];
    xc_status rc;
    if (!thread_searcher(srv, &rc, why, sizeof why))
        return reply_error(c, r, http_status(rc), why);
    return reply_static(c, r, MHD_HTTP_OK, "application/json", "{\"status\":\"ok\"}\n", 16);
}
