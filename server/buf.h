/*
 * buf.h - a growing byte buffer for building replies (HTML pages, JSON
 * lines), with HTML and URL escaping. A failed allocation marks the buffer
 * failed and later adds do nothing: check once, at the end.
 */
#ifndef SERVER_BUF_H
#define SERVER_BUF_H

#include <stddef.h>

typedef struct buf {
    char *data; /* NUL-terminated when not failed; owned */
    size_t len, cap;
    int failed;
} buf;

void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* S[0..N) with & < > " ' as entities: safe in text and quoted attributes. */
void buf_html(buf *b, const char *s, size_t n);
/* S percent-encoded for a URL's query value or path segment. */
void buf_url(buf *b, const char *s);
/* Hands the data over (the caller frees it) and empties B; NULL if failed. */
char *buf_take(buf *b, size_t *len);
void buf_free(buf *b);

#endif
