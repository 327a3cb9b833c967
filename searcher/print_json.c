/*
 * print_json.c - one JSON object per query, one line each (JSON Lines):
 *
 *   {"qid": "q7", "query": "...", "matches_estimated": 3, "matches_lower": 3,
 *    "matches_upper": 3, "offset": 0, "hits": [{"rank": 1, "id": "...",
 *    "title": "...", "path": "/abs/file", "line": 17, "type": "pdf",
 *    "meta": {"author": "...", "date": "..."}, "score": 7.31,
 *    "snippet": "...", "highlights": [[start, end], ...]}]}
 *
 * "line" only for a document that is a line of its file (a JSON Lines
 * record), "type" and "meta" only when known; "date" and "author" (from
 * "meta") too, and "date_source": "mtime" when the date is the file's
 * modification time, not the document's own. With --facets, after "hits":
 *   "facets": {"type": {"pdf": 3, ...}, "year": {"2021": 7, ...}}
 *
 * "note" (a "field:" that is none, searched as words) only when there is one.
 * "qid" only in batch mode. Highlights count code points (not bytes) into
 * "snippet", end exclusive, which is what JSON readers index strings by.
 * Every string is valid UTF-8 already (jansson would refuse it otherwise):
 * the binding repairs what it hands out (xc.h), main.c and batch.c the
 * queries and their IDs.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "printer.h"
#include "utf8.h"

/* Enough digits to tell scores apart, without the noise of %.17g. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(15))

typedef struct json_printer {
    printer base;
    FILE *out;
    json_t *query; /* the object being built, between begin and end */
    json_t *hits;  /* borrowed: owned by query */
} json_printer;

/* json_object_set_new, counting failures in *FAILED (VALUE may be NULL:
 * jansson then fails and we note it). */
static void set(json_t *obj, const char *key, json_t *value, int *failed)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        *failed = 1;
}

static int json_begin(printer *self, const print_query *q)
{
    json_printer *p = (json_printer *)self;
    int failed = 0;
    json_decref(p->query); /* a query left unfinished by an earlier failure */
    p->query = json_object();
    p->hits = json_array();
    if (!p->query || !p->hits) {
        json_decref(p->hits);
        p->hits = NULL;
        errno = ENOMEM;
        return -1;
    }
    /* jansson keeps insertion order, so "qid" comes first. */
    if (q->qid)
        set(p->query, "qid", json_string(q->qid), &failed);
    set(p->query, "query", json_string(q->text), &failed);
    if (q->like) /* "query" is then the source ID */
        set(p->query, "like", json_true(), &failed);
    set(p->query, "matches_estimated", json_integer((json_int_t)q->estimated), &failed);
    set(p->query, "matches_lower", json_integer((json_int_t)q->lower), &failed);
    set(p->query, "matches_upper", json_integer((json_int_t)q->upper), &failed);
    set(p->query, "offset", json_integer(q->offset), &failed);
    /* null when every word of the query is in the index */
    set(p->query, "suggestion", *q->suggestion ? json_string(q->suggestion) : json_null(), &failed);
    set(p->query, "corrected", json_boolean(q->corrected), &failed);
    if (q->took_ms > 0) /* the server's answers */
        set(p->query, "took_ms", json_real(q->took_ms), &failed);
    if (q->error) /* refused or stopped: no hits, and why */
        set(p->query, "error", json_string(q->error), &failed);
    if (q->results && *xc_results_note(q->results)) /* a field that is none */
        set(p->query, "note", json_string(xc_results_note(q->results)), &failed);
    set(p->query, "hits", p->hits, &failed);
    size_t nfacets = q->results ? xc_results_facets(q->results) : 0;
    if (nfacets) {
        json_t *facets = json_object();
        set(p->query, "facets", facets, &failed);
        for (size_t i = 0; facets && i < nfacets; i++) {
            const xc_facet_value *v;
            size_t n;
            const char *name = xc_results_facet(q->results, i, &v, &n);
            json_t *counts = json_object();
            set(facets, name, counts, &failed);
            for (size_t k = 0; counts && k < n; k++)
                set(counts, v[k].value, json_integer((json_int_t)v[k].count), &failed);
        }
    }
    if (failed) {
        json_decref(p->query); /* frees hits too, or jansson already did */
        p->query = p->hits = NULL;
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* [[start, end], ...] in code points, from the hit's byte spans. */
static json_t *highlights_of(const xc_hit *hit)
{
    json_t *list = json_array();
    if (!list)
        return NULL;
    for (size_t i = 0; i < hit->nspans; i++) {
        size_t start = utf8_count(hit->snippet, hit->spans[i].start);
        size_t end = utf8_count(hit->snippet, hit->spans[i].end);
        json_t *pair = json_pack("[II]", (json_int_t)start, (json_int_t)end);
        if (!pair || json_array_append_new(list, pair) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

/* {"key": "value", ...}: the document's metadata (xc_meta). */
static json_t *meta_of(const xc_hit *hit)
{
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < hit->nmeta; i++) {
        if (json_object_set_new(obj, hit->meta[i].key, json_string(hit->meta[i].value)) != 0) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

static int json_hit(printer *self, const xc_hit *hit)
{
    json_printer *p = (json_printer *)self;
    int failed = 0;
    json_t *h = json_object();
    if (!h) {
        errno = ENOMEM;
        return -1;
    }
    set(h, "rank", json_integer(hit->rank), &failed);
    set(h, "id", json_string(hit->id), &failed);
    set(h, "title", json_string(hit->title), &failed);
    set(h, "path", json_string(hit->path ? hit->path : ""), &failed);
    if (hit->line)
        set(h, "line", json_integer((json_int_t)hit->line), &failed);
    if (hit->type && *hit->type)
        set(h, "type", json_string(hit->type), &failed);
    static const char *const lifted[] = {XC_META_DATE, "date_source", XC_META_AUTHOR};
    for (size_t k = 0; k < sizeof lifted / sizeof *lifted; k++)
        for (size_t i = 0; hit->meta && i < hit->nmeta; i++)
            if (strcmp(hit->meta[i].key, lifted[k]) == 0) {
                set(h, lifted[k], json_string(hit->meta[i].value), &failed);
                break;
            }
    if (hit->nmeta && hit->meta)
        set(h, "meta", meta_of(hit), &failed);
    set(h, "score", json_real(isfinite(hit->score) ? hit->score : 0.0), &failed);
    set(h, "snippet", json_string(hit->snippet), &failed);
    set(h, "highlights", highlights_of(hit), &failed);
    if (failed || json_array_append_new(p->hits, h) != 0) {
        if (failed)
            json_decref(h);
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

static int json_end(printer *self)
{
    json_printer *p = (json_printer *)self;
    char *line = json_dumps(p->query, DUMP_FLAGS);
    json_decref(p->query);
    p->query = NULL;
    p->hits = NULL;
    if (!line) {
        errno = ENOMEM;
        return -1;
    }
    fputs(line, p->out);
    fputc('\n', p->out);
    free(line);
    return ferror(p->out) ? -1 : 0;
}

static int json_finish(printer *self)
{
    json_printer *p = (json_printer *)self;
    int rc = fflush(p->out) == 0 && !ferror(p->out) ? 0 : -1;
    int saved = errno;
    json_decref(p->query);
    free(p);
    errno = saved;
    return rc;
}

printer *print_json_new(FILE *out)
{
    json_printer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base = (printer){json_begin, json_hit, json_end, json_finish};
    p->out = out;
    return &p->base;
}
