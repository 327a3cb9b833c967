/*
 * fuzz_results.h - what fuzz_query and fuzz_document check on every page of
 * results, and the printers (print_json.c, print_text.c) they feed it to;
 * fuzz_batch uses the printer checks. See fuzz_query.c for the list.
 */
#ifndef FUZZ_FUZZ_RESULTS_H
#define FUZZ_FUZZ_RESULTS_H

#include "fuzz.h"

#include <jansson.h>

#include "printer.h"
#include "xc.h"

/* A string xc.h hands out: valid UTF-8 without NUL bytes. */
/* 1 if xc_search refused QUERY (XC_ERR_QUERY, message ERROR) for a reason
 * xc.h gives: too long, too many distinct words, or a '*' before a letter. */
static inline int refused_rightly(const char *query, const char *error)
{
    return strlen(query) > XC_MAX_QUERY_BYTES || strstr(error, "words") ||
           (strchr(query, '*') && strstr(error, "wildcard"));
}

static inline void check_string(const char *what, const char *s)
{
    FUZZ_CHECK(s != NULL, "%s is NULL", what);
    FUZZ_CHECK(fuzz_valid_utf8(s, strlen(s)), "%s is not valid UTF-8: \"%s\"", what, s);
}

static inline int continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

static inline void check_hit(const xc_hit *h, size_t i, const xc_search_opts *opts)
{
    FUZZ_CHECK(h != NULL, "hit %zu is NULL", i);
    FUZZ_CHECK(h->rank == opts->offset + i + 1, "hit %zu has rank %u (offset %u)", i, h->rank,
               opts->offset);
    check_string("id", h->id);
    check_string("title", h->title);
    check_string("snippet", h->snippet);
    size_t n = strlen(h->snippet);
    FUZZ_CHECK(h->nspans == 0 || h->spans != NULL, "%zu spans, but spans is NULL", h->nspans);
    for (size_t k = 0; k < h->nspans; k++) {
        size_t a = h->spans[k].start, b = h->spans[k].end;
        FUZZ_CHECK(a < b && b <= n, "span %zu [%zu, %zu) in a snippet of %zu bytes: \"%s\"", k, a,
                   b, n, h->snippet);
        FUZZ_CHECK(!continuation(h->snippet[a]) && (b == n || !continuation(h->snippet[b])),
                   "span %zu [%zu, %zu) not on character boundaries: \"%s\"", k, a, b, h->snippet);
        FUZZ_CHECK(h->snippet[a] != ' ' && h->snippet[b - 1] != ' ',
                   "span %zu [%zu, %zu) starts or ends with a space: \"%s\"", k, a, b, h->snippet);
        if (k > 0) /* sorted and apart: something between two spans */
            FUZZ_CHECK(h->spans[k - 1].end < a, "spans %zu and %zu overlap or touch: \"%s\"", k - 1,
                       k, h->snippet);
    }
}

/* The JSON line PRINTED must read back: the query, and NHITS hits whose
 * highlights fall inside their snippets (code points, as print_json says). */
static inline void check_json(const char *printed, size_t len, const char *query, size_t nhits)
{
    FUZZ_CHECK(len > 0 && printed[len - 1] == '\n' && memchr(printed, '\n', len) == printed + len - 1,
               "not one line of JSON: %s", printed);
    json_error_t err;
    json_t *obj = json_loadb(printed, len, 0, &err);
    FUZZ_CHECK(obj != NULL, "JSON does not parse (%s): %s", err.text, printed);
    FUZZ_CHECK(json_is_object(obj), "JSON is not an object: %s", printed);
    const char *q = json_string_value(json_object_get(obj, "query"));
    FUZZ_CHECK(q && strcmp(q, query) == 0, "\"query\" is not the query: %s", printed);
    json_t *hits = json_object_get(obj, "hits");
    FUZZ_CHECK(json_is_array(hits) && json_array_size(hits) == nhits, "%zu hits expected: %s",
               nhits, printed);
    for (size_t i = 0; i < nhits; i++) {
        json_t *hit = json_array_get(hits, i);
        json_t *snippet = json_object_get(hit, "snippet");
        FUZZ_CHECK(json_is_string(snippet), "hit %zu has no snippet: %s", i, printed);
        size_t chars = utf8_count(json_string_value(snippet), json_string_length(snippet));
        json_t *hl = json_object_get(hit, "highlights");
        FUZZ_CHECK(json_is_array(hl), "hit %zu has no highlights: %s", i, printed);
        for (size_t k = 0; k < json_array_size(hl); k++) {
            json_t *pair = json_array_get(hl, k);
            json_int_t a = json_integer_value(json_array_get(pair, 0));
            json_int_t b = json_integer_value(json_array_get(pair, 1));
            FUZZ_CHECK(json_array_size(pair) == 2 && 0 <= a && a < b && (size_t)b <= chars,
                       "hit %zu highlight %zu outside its snippet: %s", i, k, printed);
        }
    }
    json_decref(obj);
}

/* What the text printer wrote, OUT[0..LEN), must be valid UTF-8 that cannot
 * drive a terminal: no control characters but newlines and, with COLOR, the
 * printer's own SGR sequences (ESC [ digits ; m). */
static inline void check_text(const char *out, size_t len, int color)
{
    FUZZ_CHECK(fuzz_valid_utf8(out, len), "text output is not valid UTF-8: %s", out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)out[i];
        if (c == 0x1B && color) {
            size_t j = i + 1;
            FUZZ_CHECK(j < len && out[j] == '[', "ESC not starting an SGR at byte %zu: %s", i, out);
            for (j++; j < len && (out[j] == ';' || (out[j] >= '0' && out[j] <= '9')); j++)
                ;
            FUZZ_CHECK(j < len && out[j] == 'm', "an SGR not ended by m at byte %zu: %s", i, out);
            i = j;
            continue;
        }
        FUZZ_CHECK(c == '\n' || (c >= 0x20 && c != 0x7F), "control byte 0x%02x at %zu: %s", c, i, out);
        /* C1 controls, U+0080..U+009F, are C2 80..C2 9F in UTF-8 */
        FUZZ_CHECK(!(c == 0xC2 && i + 1 < len && (unsigned char)out[i + 1] < 0xA0),
                   "C1 control at byte %zu: %s", i, out);
    }
}

/* Runs the page of RESULTS (Q filled in) through printer P writing to OUT,
 * checking each hit. */
static inline void print_page(printer *p, const print_query *q, const xc_results *results,
                       const xc_search_opts *opts)
{
    FUZZ_CHECK(p != NULL, "no printer");
    FUZZ_CHECK(p->begin(p, q) == 0, "begin failed: %s", strerror(errno));
    for (size_t i = 0; i < q->nhits; i++) {
        const xc_hit *h = xc_results_hit(results, i);
        check_hit(h, i, opts);
        FUZZ_CHECK(p->hit(p, h) == 0, "hit failed: %s", strerror(errno));
    }
    FUZZ_CHECK(p->end(p) == 0, "end failed: %s", strerror(errno));
    FUZZ_CHECK(p->finish(p) == 0, "finish failed: %s", strerror(errno));
}

/* Checks RESULTS and runs them through the JSON printer, as search does,
 * and through the text printer: in colour or not, and of a width (20..119
 * columns), as SEED says. */
static inline void print_results(const char *text, int like, const xc_search_opts *opts,
                          const xc_results *results, size_t seed)
{
    print_query q = {.qid = like ? NULL : "q", .text = text, .offset = opts->offset,
                     .suggestion = "", .like = like};
    xc_results_matches(results, &q.lower, &q.estimated, &q.upper);
    FUZZ_CHECK(q.lower <= q.estimated && q.estimated <= q.upper, "matches %lu <= %lu <= %lu",
               q.lower, q.estimated, q.upper);
    q.nhits = xc_results_size(results);
    FUZZ_CHECK(q.nhits <= opts->limit, "%zu hits for a limit of %u", q.nhits, opts->limit);
    FUZZ_CHECK(q.nhits == 0 || opts->offset + q.nhits <= q.upper,
               "%zu hits after %u, but at most %lu matches", q.nhits, opts->offset, q.upper);
    FUZZ_CHECK(xc_results_hit(results, q.nhits) == NULL, "a hit past the end");
    q.suggestion = xc_results_suggestion(results);
    check_string("suggestion", q.suggestion);
    q.corrected = xc_results_corrected(results);
    FUZZ_CHECK(!q.corrected || *q.suggestion, "corrected without a suggestion");

    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        fuzz_die("open_memstream");
    print_page(print_json_new(out), &q, results, opts);
    fclose(out);
    check_json(buf, len, text, q.nhits);
    free(buf);

    int color = seed & 1;
    out = open_memstream(&buf, &len);
    if (!out)
        fuzz_die("open_memstream");
    print_page(print_text_new(out, color, 20 + (int)(seed / 2 % 100)), &q, results, opts);
    fclose(out);
    check_text(buf, len, color);
    free(buf);
}

#endif
