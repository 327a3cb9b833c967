/*
 * server.h - what the server's files share: the server, one request, and
 * the calls between them (see serve.h for who does what).
 */
#ifndef SERVER_SERVER_H
#define SERVER_SERVER_H

#include <pthread.h>
#include <stddef.h>

#include <jansson.h>
#include <microhttpd.h>

#include "buf.h"
#include "serve.h"
#include "xc.h"

struct watch_list;

typedef struct server {
    const serve_config *cfg;
    char *token;              /* --token's, or NULL */
    double search_seconds;    /* each search's time limit */
    struct watch_list *watch; /* watch.c */
    pthread_key_t searcher;   /* each thread's own xc_searcher */
} server;

/* One request, from its first line to its answer (MHD's con_cls). */
typedef struct request {
    const server *srv;
    size_t uri_bytes;  /* the request line's target, as sent */
    char log_uri[160]; /* its start, for the access log */
    double started;    /* monotonic seconds */
    int seen;          /* the handler has been called for it */
    buf body;          /* a POST's body so far */
    int body_too_big;
} request;

/* Monotonic seconds. */
double now_seconds(void);

/* --- routes.c: the access handler MHD calls. */
enum MHD_Result route(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                      const char *version, const char *upload, size_t *upload_size, void **con_cls);
/* MHD_OPTION_URI_LOG_CALLBACK: makes the request (its size and start). */
void *request_begin(void *cls, const char *uri, struct MHD_Connection *c);
/* MHD_OPTION_NOTIFY_COMPLETED: frees it. */
void request_end(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode why);

/* --- reply.c: answers, each with the headers every answer has. */
/* Sends BODY (malloc'd, LEN bytes; taken, NULL meaning out of memory) as
 * TYPE with STATUS. */
enum MHD_Result reply(struct MHD_Connection *c, request *r, unsigned status, const char *type, char *body,
                      size_t len);
/* Sends constant BODY. */
enum MHD_Result reply_static(struct MHD_Connection *c, request *r, unsigned status, const char *type,
                             const char *body, size_t len);
/* O (taken; NULL meaning out of memory) as one line of JSON, with 200 or
 * STATUS. */
enum MHD_Result reply_json(struct MHD_Connection *c, request *r, json_t *o);
enum MHD_Result reply_json_status(struct MHD_Connection *c, request *r, unsigned status, json_t *o);
/* "took_ms" as printed: MS rounded to microseconds, above 0. */
double took_ms(double ms);
/* {"error": WHY, "status": STATUS} with STATUS. */
enum MHD_Result reply_error(struct MHD_Connection *c, request *r, unsigned status, const char *why);
/* Sends RESP (queued and destroyed here) with the common headers. */
enum MHD_Result reply_response(struct MHD_Connection *c, request *r, unsigned status, struct MHD_Response *resp);
/* The HTTP status for a failed call's status: 400 bad input, 404 no such
 * document, 503 the index cannot be read now, 500 anything else. */
unsigned http_status(xc_status rc);
/* 1 for the statuses after which the thread's searcher is reopened. */
int index_trouble(xc_status rc);

/* --- query.c: request parameters to a search. */
typedef struct search_req {
    char *text;            /* owned: q (or the ID of like), valid UTF-8 */
    int like;              /* TEXT is a source ID */
    xc_search_opts opts;   /* opts.params points at params */
    xc_rank_params params;
} search_req;

/* Reads the query parameters of C into R (PAGE: the page's defaults, which
 * correct a query that matches nothing). Returns 0, or -1 with why in WHY:
 * an unknown parameter, a bad value. A missing q is text "". */
int search_req_parse(struct MHD_Connection *c, const server *srv, int page, search_req *r, char *why, size_t n);
void search_req_free(search_req *r);
/* The calling thread's searcher, opened on first use (or after
 * thread_searcher_drop). NULL with *RC and WHY when the index cannot be
 * opened. */
xc_searcher *thread_searcher(server *srv, xc_status *rc, char *why, size_t n);
/* Frees the thread's searcher: the next request opens the index anew. */
void thread_searcher_drop(server *srv);
/* Runs R on the thread's searcher: XC_OK with *RESULTS (caller frees), or a
 * status with its message in WHY; *MS the time it took. */
xc_status run_search_req(server *srv, const search_req *r, xc_results **results, char *why, size_t n, double *ms);

/* --- the handlers. */
enum MHD_Result api_search(server *srv, struct MHD_Connection *c, request *r);
enum MHD_Result api_doc(server *srv, struct MHD_Connection *c, request *r, const char *id);
enum MHD_Result api_stats(server *srv, struct MHD_Connection *c, request *r);
enum MHD_Result api_health(server *srv, struct MHD_Connection *c, request *r);
enum MHD_Result api_batch(server *srv, struct MHD_Connection *c, request *r);
enum MHD_Result page_search(server *srv, struct MHD_Connection *c, request *r);
/* The fixed assets (/static/...): NULL if PATH is none of them. */
enum MHD_Result asset(struct MHD_Connection *c, request *r, const char *path, int *found);

/* --- watch.c: cutting off connections whose request takes too long. */
struct watch_list *watch_new(void);
void watch_free(struct watch_list *w);
/* MHD_OPTION_NOTIFY_CONNECTION. */
void watch_notify(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode code);
/* The request on C has arrived whole: its answer is under way. */
void watch_answering(struct MHD_Connection *c);
/* C's answer is done: a new request may begin. */
void watch_done(struct MHD_Connection *c);
/* Answers under way now, on all connections. */
unsigned watch_busy(struct watch_list *w);

#endif
