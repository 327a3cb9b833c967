/*
 * page.c - GET /?q=...: the search page, rendered whole on the server (it
 * works without JavaScript, and with curl). Every byte that comes from a
 * query or a document goes through buf_html (text and attributes) or
 * buf_url (links), so a title "<script>..." shows as text.
 *
 * Parameters as /api/search's (query.c); a query that matches nothing is
 * replaced by its spelling correction, as search's text output does.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "numbers.h"
#include "run.h"
#include "serve_limits.h"
#include "server.h"

/* The link to the page of Q's results at OFFSET, other options kept. */
static void page_link(buf *b, const search_req *q, const char *text, unsigned offset)
{
    buf_puts(b, "/?q=");
    buf_url(b, text);
    if (offset)
        buf_printf(b, "&amp;offset=%u", offset);
    if (q->opts.limit != 10)
        buf_printf(b, "&amp;limit=%u", q->opts.limit);
    if (q->opts.rank == XC_RANK_BM25)
        buf_puts(b, "&amp;rank=bm25");
    if (q->opts.natural)
        buf_puts(b, "&amp;natural=1");
}

static void head(buf *b, const char *text)
{
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    if (*text) {
        buf_html(b, text, strlen(text));
        buf_puts(b, " \xE2\x80\x93 ");
    }
    buf_puts(b, "sift</title>\n<link rel=\"stylesheet\" href=\"/static/sift.css\">\n"
                "<script src=\"/static/sift.js\" defer></script>\n</head>\n<body>\n"
                "<header>\n<form role=\"search\" action=\"/\" method=\"get\">\n"
                "<label for=\"q\">Search the index</label>\n<div class=\"box\">\n"
                "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" value=\"");
    buf_html(b, text, strlen(text));
    buf_puts(b, "\"");
    if (!*text)
        buf_puts(b, " autofocus");
    buf_puts(b, ">\n<button type=\"submit\">Search</button>\n</div>\n</form>\n</header>\n<main id=\"main\">\n");
}

static void foot(buf *b)
{
    buf_puts(b, "</main>\n</body>\n</html>\n");
}

/* The value of metadata KEY of H, or NULL. */
static const char *meta_of(const xc_hit *h, const char *key)
{
    for (size_t i = 0; i < h->nmeta; i++)
        if (strcmp(h->meta[i].key, key) == 0)
            return h->meta[i].value;
    return NULL;
}

static void hit_html(buf *b, const xc_hit *h)
{
    buf_printf(b, "<li class=\"hit\">\n<h2><span class=\"rank\">%u.</span> <a href=\"/api/doc/", h->rank);
    buf_url(b, h->id);
    buf_puts(b, "\">");
    const char *title = *h->title ? h->title : h->id;
    buf_html(b, title, strlen(title));
    buf_puts(b, "</a></h2>\n<p class=\"meta\"><span class=\"id\">");
    buf_html(b, h->id, strlen(h->id));
    buf_puts(b, "</span>");
    if (h->path && *h->path) {
        buf_puts(b, " <span class=\"path\">");
        buf_html(b, h->path, strlen(h->path));
        if (h->line)
            buf_printf(b, ":%lu", h->line);
        buf_puts(b, "</span>");
    }
    const char *date = meta_of(h, XC_META_DATE);
    if (date) {
        buf_puts(b, " <time>");
        buf_html(b, date, strlen(date));
        buf_puts(b, "</time>");
    }
    if (h->type && *h->type) {
        buf_puts(b, " <span class=\"type\">");
        buf_html(b, h->type, strlen(h->type));
        buf_puts(b, "</span>");
    }
    buf_printf(b, " <span class=\"score\">score %.2f</span></p>\n<p class=\"snippet\">", h->score);
    size_t at = 0;
    for (size_t i = 0; i < h->nspans; i++) {
        buf_html(b, h->snippet + at, h->spans[i].start - at);
        buf_puts(b, "<mark>");
        buf_html(b, h->snippet + h->spans[i].start, h->spans[i].end - h->spans[i].start);
        buf_puts(b, "</mark>");
        at = h->spans[i].end;
    }
    buf_html(b, h->snippet + at, strlen(h->snippet + at));
    buf_puts(b, "</p>\n</li>\n");
}

static void results_html(buf *b, const search_req *q, const xc_results *results)
{
    unsigned long lower, estimated, upper;
    xc_results_matches(results, &lower, &estimated, &upper);
    const char *suggestion = xc_results_suggestion(results);
    size_t n = xc_results_size(results);
    const char *shown = xc_results_corrected(results) ? suggestion : q->text;
    if (xc_results_corrected(results)) {
        buf_puts(b, "<p class=\"suggest\">Nothing matched <q>");
        buf_html(b, q->text, strlen(q->text));
        buf_puts(b, "</q>: showing results for <q>");
        buf_html(b, suggestion, strlen(suggestion));
        buf_puts(b, "</q>.</p>\n");
    } else if (*suggestion) {
        buf_puts(b, "<p class=\"suggest\">Did you mean <a href=\"");
        page_link(b, q, suggestion, 0);
        buf_puts(b, "\">");
        buf_html(b, suggestion, strlen(suggestion));
        buf_puts(b, "</a>?</p>\n");
    }
    buf_puts(b, "<p class=\"count\" role=\"status\">");
    if (lower != upper)
        buf_puts(b, "About ");
    char count[32];
    buf_puts(b, format_count(estimated, count));
    buf_puts(b, estimated == 1 ? " match" : " matches");
    buf_puts(b, " for <q>");
    buf_html(b, shown, strlen(shown));
    buf_puts(b, "</q>");
    if (n)
        buf_printf(b, " (showing %u\xE2\x80\x93%u)", q->opts.offset + 1, q->opts.offset + (unsigned)n);
    buf_puts(b, "</p>\n");
    if (n) {
        buf_printf(b, "<ol class=\"hits\" start=\"%u\">\n", q->opts.offset + 1);
        for (size_t i = 0; i < n; i++)
            hit_html(b, xc_results_hit(results, i));
        buf_puts(b, "</ol>\n");
    }
    unsigned end = q->opts.offset + (unsigned)n;
    int more = n == q->opts.limit && end < upper && end + q->opts.limit <= SERVE_MAX_DEPTH;
    if (q->opts.offset || more) {
        buf_puts(b, "<nav class=\"pages\" aria-label=\"Pages\">\n");
        if (q->opts.offset) {
            buf_puts(b, "<a rel=\"prev\" href=\"");
            page_link(b, q, shown, q->opts.offset > q->opts.limit ? q->opts.offset - q->opts.limit : 0);
            buf_puts(b, "\">\xE2\x86\x90 Previous</a>\n");
        }
        if (more) {
            buf_puts(b, "<a rel=\"next\" href=\"");
            page_link(b, q, shown, end);
            buf_puts(b, "\">Next \xE2\x86\x92</a>\n");
        }
        buf_puts(b, "</nav>\n");
    }
}

static void message(buf *b, const char *cls, const char *text)
{
    buf_printf(b, "<p class=\"%s\" role=\"alert\">", cls);
    buf_html(b, text, strlen(text));
    buf_puts(b, "</p>\n");
}

enum MHD_Result page_search(server *srv, struct MHD_Connection *c, request *r)
{
    char why[600];
    search_req q;
    buf b = {0};
    unsigned status = MHD_HTTP_OK;
    if (search_req_parse(c, srv, 1, &q, why, sizeof why) != 0) {
        head(&b, q.text ? q.text : "");
        message(&b, "error", why);
        status = MHD_HTTP_BAD_REQUEST;
    } else if (query_is_blank(q.text)) {
        head(&b, "");
        buf_puts(&b, "<p class=\"hint\">Words, \"a phrase\", AND, OR, NOT, liais*, title:word.</p>\n");
    } else {
        head(&b, q.text);
        xc_results *results;
        double ms;
        xc_status rc = run_search_req(srv, &q, &results, why, sizeof why, &ms);
        if (rc == XC_OK) {
            results_html(&b, &q, results);
            xc_results_free(results);
        } else {
            message(&b, "error", why);
            status = http_status(rc);
        }
    }
    foot(&b);
    search_req_free(&q);
    size_t len;
    char *page = buf_take(&b, &len);
    return reply(c, r, status, "text/html; charset=utf-8", page, len);
}
