/*
 * print_doc.h - one stored document as JSON or text: search --show ID and
 * the server's GET /api/doc/ID.
 */
#ifndef SEARCHER_PRINT_DOC_H
#define SEARCHER_PRINT_DOC_H

#include <stdio.h>

#include <jansson.h>

#include "xc.h"

/* DOC as a JSON object, its text cut to at most MAX_TEXT bytes (then
 * "text_cut": true); NULL when out of memory. */
json_t *doc_json(const xc_stored_doc *doc, size_t max_text);

/* Writes DOC to OUT: one JSON line if JSON, else its fields then its text.
 * Returns 0, or -1 with errno set when output failed. */
int print_doc(const xc_stored_doc *doc, int json, FILE *out);

#endif
