/*
 * reply.c - sending answers. Every answer carries the same safety headers:
 * no script but our own file (CSP, no inline script), no sniffing, no
 * framing, no referrer; JSON errors say why with a fitting status.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <math.h>

#include "server.h"
#include "utf8.h"

#define CSP                                                                                              \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " \
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

unsigned http_status(xc_status rc)
{
    switch (rc) {
    case XC_OK: return MHD_HTTP_OK;
    case XC_ERR_ARG:
    case XC_ERR_QUERY: /* too long, too many words, a bad filter or wildcard */
    case XC_ERR_LANGUAGE: return MHD_HTTP_BAD_REQUEST;
    case XC_ERR_NO_DOC: return MHD_HTTP_NOT_FOUND;
    case XC_ERR_NOT_FOUND:
    case XC_ERR_LOCKED:
    case XC_ERR_CORRUPT:
    case XC_ERR_MODIFIED:
    case XC_ERR_NOMEM:
    case XC_ERR_IO:
    case XC_ERR_TIMEOUT: /* the server is too busy or the query too costly now */
    case XC_ERR_OLD_INDEX:
    case XC_ERR_NOT_SIFT:
    case XC_ERR_PERM: return MHD_HTTP_SERVICE_UNAVAILABLE;
    case XC_ERR_OTHER: break;
    }
    return MHD_HTTP_INTERNAL_SERVER_ERROR;
}

int index_trouble(xc_status rc)
{
    return rc != XC_OK && rc != XC_ERR_ARG && rc != XC_ERR_QUERY && rc != XC_ERR_NO_DOC && rc != XC_ERR_TIMEOUT;
}

static void access_log(const server *srv, struct MHD_Connection *c, request *r, unsigned status)
{
    (void)c;
    if (!srv || !srv->cfg->access_log || !r)
        return;
    /* One write per line, so that threads' lines do not mix; the URI is
     * printed as sent, its control bytes and quotes escaped. */
    char line[400];
    size_t at = 0;
    for (const char *s = r->log_uri; *s && at < 200; s++) {
        unsigned char ch = (unsigned char)*s;
        at += (size_t)snprintf(line + at, sizeof line - at, ch < 0x20 || ch >= 0x7F || ch == '"' ? "\\x%02X" : "%c", ch);
    }
    line[at] = '\0';
    fprintf(stderr, "search: \"%s%s\" %u %.1f ms\n", line, r->uri_bytes > sizeof r->log_uri - 1 ? "..." : "", status,
            (now_seconds() - r->started) * 1000.0);
}

enum MHD_Result reply_response(struct MHD_Connection *c, request *r, unsigned status, struct MHD_Response *resp)
{
    if (!resp)
        return MHD_NO; /* out of memory: MHD closes the connection */
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    access_log(r ? r->srv : NULL, c, r, status);
    return ok;
}

enum MHD_Result reply(struct MHD_Connection *c, request *r, unsigned status, const char *type, char *body,
                      size_t len)
{
    if (!body)
        return reply_static(c, r, MHD_HTTP_SERVICE_UNAVAILABLE, "application/json",
                            "{\"error\":\"out of memory\",\"status\":503}\n", 40);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", type);
    return reply_response(c, r, status, resp);
}

enum MHD_Result reply_static(struct MHD_Connection *c, request *r, unsigned status, const char *type,
                             const char *body, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", type);
    return reply_response(c, r, status, resp);
}

double took_ms(double ms)
{
    /* microseconds are plenty; never 0, which would not be printed */
    double r = round(ms * 1000.0) / 1000.0;
    return r > 0 ? r : 0.001;
}

enum MHD_Result reply_json(struct MHD_Connection *c, request *r, json_t *o)
{
    return reply_json_status(c, r, MHD_HTTP_OK, o);
}

enum MHD_Result reply_error(struct MHD_Connection *c, request *r, unsigned status, const char *why)
{
    char *safe = utf8_repair(why, strlen(why), NULL); /* jansson takes only UTF-8 */
    json_t *o = safe ? json_pack("{s:s, s:i}", "error", safe, "status", (int)status) : NULL;
    free(safe);
    return reply_json_status(c, r, status, o);
}

enum MHD_Result reply_json_status(struct MHD_Connection *c, request *r, unsigned status, json_t *o)
{
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    size_t len = text ? strlen(text) : 0;
    if (text) { /* a newline after it, as every JSON answer */
        char *more = realloc(text, len + 2);
        if (more) {
            text = more;
            text[len++] = '\n';
            text[len] = '\0';
        }
    }
    return reply(c, r, status, "application/json", text, len);
}
