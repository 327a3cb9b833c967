/*
 * routes.c - reading a request and sending it to its handler. The routes
 * are fixed: no path in a URL ever names a file.
 *
 *   GET  /               the search page (page.c)
 *   GET  /static/...     its style sheet and script (assets.c)
 *   GET  /api/search     one search, as search --format json (api.c)
 *   POST /api/batch      many, one JSON line each, streamed (batch.c)
 *   GET  /api/doc/ID     one stored document (api.c)
 *   GET  /api/stats      the index's document count and language
 *   GET  /healthz        200 while the index can be read, else 503
 *
 * HEAD works wherever GET does. With --token every route but /healthz
 * wants "Authorization: Bearer TOKEN".
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_limits.h"
#include "server.h"

void *request_begin(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)c;
    request *r = calloc(1, sizeof *r);
    if (!r)
        return NULL; /* route() then closes the connection */
    r->srv = cls;
    r->uri_bytes = strlen(uri);
    snprintf(r->log_uri, sizeof r->log_uri, "%s", uri);
    r->started = now_seconds();
    return r;
}

void request_end(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)why;
    request *r = *con_cls;
    if (r) {
        buf_free(&r->body);
        free(r);
        *con_cls = NULL;
    }
    watch_done(c);
}

/* 1 if C carries the server's token, compared in constant time. */
static int authorized(struct MHD_Connection *c, const server *srv)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncmp(h, "Bearer ", 7) != 0)
        return 0;
    h += 7;
    size_t n = strlen(srv->token), m = strlen(h);
    unsigned char diff = n != m;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)(srv->token[i] ^ (i < m ? h[i] : 0));
    return diff == 0;
}

static enum MHD_Result not_allowed(struct MHD_Connection *c, request *r, const char *allow)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen("{\"error\":\"method not allowed\",\"status\":405}\n"),
                                        (void *)"{\"error\":\"method not allowed\",\"status\":405}\n",
                                        MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", "application/json");
    MHD_add_response_header(resp, "Allow", allow);
    return reply_response(c, r, MHD_HTTP_METHOD_NOT_ALLOWED, resp);
}

/* A GET (or HEAD) request, whole: its handler. */
static enum MHD_Result dispatch_get(server *srv, struct MHD_Connection *c, request *r, const char *url)
{
    if (strcmp(url, "/") == 0)
        return page_search(srv, c, r);
    if (strcmp(url, "/api/search") == 0)
        return api_search(srv, c, r);
    if (strncmp(url, "/api/doc/", 9) == 0)
        return api_doc(srv, c, r, url + 9);
    if (strcmp(url, "/api/stats") == 0)
        return api_stats(srv, c, r);
    if (strcmp(url, "/healthz") == 0)
        return api_health(srv, c, r);
    int found = 0;
    enum MHD_Result ok = asset(c, r, url, &found);
    if (found)
        return ok;
    return reply_error(c, r, MHD_HTTP_NOT_FOUND, "no such route");
}

enum MHD_Result route(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                      const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    server *srv = cls;
    request *r = *con_cls;
    if (!r)
        return MHD_NO;
    const int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    const int batch = strcmp(url, "/api/batch") == 0;
    if (!r->seen) {
        r->seen = 1;
        if (r->uri_bytes > SERVE_MAX_URL_BYTES) {
            watch_answering(c);
            return reply_error(c, r, MHD_HTTP_URI_TOO_LONG, "the URL is longer than 65536 bytes");
        }
        if (srv->token && strcmp(url, "/healthz") != 0 && !authorized(c, srv)) {
            watch_answering(c);
            struct MHD_Response *resp = MHD_create_response_from_buffer(
                strlen("{\"error\":\"a bearer token is needed\",\"status\":401}\n"),
                (void *)"{\"error\":\"a bearer token is needed\",\"status\":401}\n", MHD_RESPMEM_PERSISTENT);
            if (!resp)
                return MHD_NO;
            MHD_add_response_header(resp, "Content-Type", "application/json");
            MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
            return reply_response(c, r, MHD_HTTP_UNAUTHORIZED, resp);
        }
        if (batch && strcmp(method, "POST") == 0) {
            const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
            if (len && strtoull(len, NULL, 10) > SERVE_MAX_BODY_BYTES) {
                watch_answering(c);
                return reply_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "the body is longer than 1 MiB");
            }
            return MHD_YES; /* the body comes next */
        }
        watch_answering(c);
        if (batch)
            return not_allowed(c, r, "POST");
        if (!get)
            return not_allowed(c, r, "GET, HEAD");
        return dispatch_get(srv, c, r, url);
    }
    /* The body of POST /api/batch, piece by piece, then its end. */
    if (*upload_size) {
        if (r->body.len + *upload_size > SERVE_MAX_BODY_BYTES) {
            *upload_size = 0;
            if (!r->body_too_big) { /* answered at once; the connection closes after */
                r->body_too_big = 1;
                watch_answering(c);
                return reply_error(c, r, MHD_HTTP_CONTENT_TOO_LARGE, "the body is longer than 1 MiB");
            }
            return MHD_YES;
        }
        buf_add(&r->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->body_too_big)
        return MHD_YES; /* answered already */
    watch_answering(c);
    return api_batch(srv, c, r);
}
