/*
 * spans.h - a hit's snippet and highlights, made safe to print.
 *
 * The binding promises valid UTF-8 and sane byte spans, but a printer that
 * trusts that blindly can emit broken JSON or split a character in two, so
 * both printers that show snippets go through here first.
 */
#ifndef SEARCHER_SPANS_H
#define SEARCHER_SPANS_H

#include <stddef.h>

#include "xc.h"

typedef struct clean_snippet {
    char *text;      /* valid UTF-8, NUL-terminated; owned */
    size_t len;      /* strlen(text) */
    xc_span *spans;  /* byte spans into text: on character boundaries, with
                        no surrounding spaces, sorted, not overlapping, not
                        empty; owned (NULL when nspans is 0) */
    size_t nspans;
} clean_snippet;

/* Fills OUT from HIT. Returns 0, or -1 with errno ENOMEM. On success the
 * caller calls clean_snippet_free(OUT). */
int clean_snippet_init(clean_snippet *out, const xc_hit *hit);
void clean_snippet_free(clean_snippet *snippet);

/* A valid UTF-8 copy of S (invalid bytes become U+FFFD), or NULL when out of
 * memory. free() it. */
char *valid_utf8(const char *s);

#endif
