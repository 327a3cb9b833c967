/*
 * serve.h - search --serve: the HTTP server (docs/serve.md).
 *
 * server/ is the server and only it: listen.c starts and stops it, watch.c
 * cuts off slow clients, serve_limits.h holds every bound, routes.c reads requests and sends each to its
 * handler (api.c, batch.c, page.c, assets.c), query.c turns parameters into
 * a search on the thread's own searcher, reply.c sends answers and errors,
 * buf.c builds them. It reuses search's JSON printer (searcher/).
 */
#ifndef SERVER_SERVE_H
#define SERVER_SERVE_H

typedef struct serve_config {
    const char *db;         /* the index */
    const char *const *more; /* NMORE more indexes searched with it as one */
    size_t nmore;
    const char *listen;     /* [HOST:]PORT */
    const char *token_file; /* NULL: no token asked */
    int public_;            /* a non-loopback address without a token is fine */
    unsigned threads;       /* 0: one per processor, at least 2 */
    int access_log;         /* a line per request on stderr */
    double timeout;         /* seconds per search; 0: SERVE_SEARCH_SECONDS */
} serve_config;

/* Serves until SIGTERM or SIGINT. Returns 0 after a graceful stop, -1 after
 * reporting why it could not start. */
int serve_main(const serve_config *cfg);

#endif
