/*
 * serve_limits.h - the server's bounds (README "Serving", docs/serve.md): what one
 * request, one client or all of them together may cost.
 */
#ifndef SERVER_SERVE_LIMITS_H
#define SERVER_SERVE_LIMITS_H

#include "xc.h"

/* The request line (path and query string): a query of XC_MAX_QUERY_BYTES
 * percent-encoded (3 bytes a byte) and the other parameters fit. Longer:
 * 414. */
#define SERVE_MAX_URL_BYTES (64u << 10)
/* Request line and headers together (libmicrohttpd's buffer per
 * connection, MHD_OPTION_CONNECTION_MEMORY_LIMIT): more is refused (431). */
#define SERVE_MAX_HEADER_BYTES (160u << 10)
/* A POST body (/api/batch): more is 413. */
#define SERVE_MAX_BODY_BYTES (1u << 20)
/* Queries in one batch: more lines are answered with an error line each. */
#define SERVE_MAX_BATCH_QUERIES 10000
/* A batch stops answering (an error line each) after this long. */
#define SERVE_BATCH_SECONDS 60.0
/* Hits per page (limit) and the deepest page (offset + limit). */
#define SERVE_MAX_LIMIT 1000u
#define SERVE_MAX_DEPTH 100000u
/* Connections open at once; past this new ones are closed at accept. */
#define SERVE_MAX_CONNECTIONS 512
/* A connection that sends nothing (or reads nothing) this long is closed. */
#define SERVE_IDLE_SECONDS 10
/* A request must arrive whole (line, headers and body) within this many
 * seconds of its first byte (or of the end of the connection's last
 * answer): a client sending one byte a second is cut off here. */
#define SERVE_REQUEST_SECONDS 10.0
/* A search stops after this long (unless --timeout says less). */
#define SERVE_SEARCH_SECONDS 5.0
/* GET /api/doc/ID: text past this many bytes is cut ("text_cut"). */
#define SERVE_MAX_DOC_TEXT (8u << 20)
/* On SIGTERM or SIGINT, answers under way get this long to finish. */
#define SERVE_STOP_SECONDS 15.0
/* The token file (--token): its first line, at most this long. */
#define SERVE_MAX_TOKEN_BYTES 4096

#endif
