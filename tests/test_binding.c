/* Unit tests of the binding layer (xc.h): writing, looking up, removing,
 * languages, locking, searching, snippets and their spans, error paths. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "utf8.h"
#include "xc.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/test_binding.XXXXXX";
static char db[256];

static void put(xc_writer *w, const char *id, const char *title, const char *text)
{
    xc_doc d = {.id = id, .title = title, .text = text, .path = "/src/path", .signature = "1:2.3"};
    CHECK(xc_writer_put(w, &d) == XC_OK);
}

static int count_visits(void *ctx, const char *id, const char *path)
{
    (void)id;
    CHECK_STR(path, "/src/path");
    ++*(int *)ctx;
    return 0;
}

/* The text of span K of hit H. */
static const char *span_text(const xc_hit *h, size_t k)
{
    static char buf[128];
    size_t n = h->spans[k].end - h->spans[k].start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, h->snippet + h->spans[k].start, n);
    buf[n] = '\0';
    return buf;
}

static xc_results *search(xc_searcher *s, const char *q, unsigned limit)
{
    xc_search_opts o = {.limit = limit, .snippet_bytes = 200};
    xc_results *r = NULL;
    xc_status st = xc_search(s, q, &o, &r);
    CHECK(st == XC_OK);
    if (st != XC_OK)
        fprintf(stderr, "search '%s': %s\n", q, xc_searcher_error(s));
    return r;
}

static void test_writer(void)
{
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_put(w, &(xc_doc){.id = "a", .title = "", .text = "", .path = "", .signature = ""}) == XC_ERR_ARG); /* not open */
    CHECK(strlen(xc_writer_error(w)) > 0);
    CHECK(xc_writer_open(w, db, &(xc_open_opts){.lang = "klingon"}) == XC_ERR_LANGUAGE);
    CHECK(xc_writer_open(w, db, NULL) == XC_OK);
    CHECK_STR(xc_writer_language(w), "english");

    put(w, "doc1", "Russia suspends its mission", "Russia suspends the work of its permanent mission to NATO. "
        "The NATO military liaison mission in Moscow is closed. Costs < 5 & more.");
    put(w, "doc2", "Dialogue ends", "The NATO military liaison office in Moscow would cease work. "
        "A mission elsewhere goes on.");
    put(w, "doc3", "Unrelated", "Cocoa harvest news: showers in the Bahia zone.");
    put(w, "doc3", "Unrelated", "Cocoa harvest news: showers in the Bahia zone, replaced.");
    unsigned long n = 0;
    CHECK(xc_writer_doc_count(w, &n) == XC_OK && n == 3); /* replaced, not duplicated */

    int found = -1;
    const char *path = NULL, *sig = NULL;
    CHECK(xc_writer_lookup(w, "doc2", &found, &path, &sig) == XC_OK);
    CHECK(found == 1);
    CHECK_STR(path, "/src/path");
    CHECK_STR(sig, "1:2.3");
    CHECK(xc_writer_lookup(w, "nope", &found, &path, &sig) == XC_OK && found == 0);

    char longid[300];
    memset(longid, 'x', sizeof longid - 1);
    longid[sizeof longid - 1] = '\0';
    CHECK(xc_writer_put(w, &(xc_doc){.id = longid, .title = "", .text = "t", .path = "", .signature = ""}) == XC_ERR_ARG);
    CHECK(xc_writer_put(w, &(xc_doc){.id = "", .title = "", .text = "t", .path = "", .signature = ""}) == XC_ERR_ARG);

    put(w, "gone", "", "to be removed");
    CHECK(xc_writer_remove(w, "gone") == XC_OK);
    CHECK(xc_writer_remove(w, "never-there") == XC_OK);
    CHECK(xc_writer_commit(w) == XC_OK);
    int visits = 0;
    CHECK(xc_writer_foreach(w, count_visits, &visits) == XC_OK);
    CHECK(visits == 3);

    /* One writer at a time. */
    xc_writer *second = xc_writer_new();
    CHECK(xc_writer_open(second, db, NULL) == XC_ERR_LOCKED);
    CHECK(strlen(xc_writer_error(second)) > 0);
    xc_writer_free(second);
    xc_writer_free(w);

    /* The language is kept by the index and cannot change under documents. */
    w = xc_writer_new();
    CHECK(xc_writer_open(w, db, &(xc_open_opts){.lang = "french"}) == XC_ERR_LANGUAGE);
    CHECK(strstr(xc_writer_error(w), "english") != NULL);
    CHECK(xc_writer_open(w, db, &(xc_open_opts){.lang = "english"}) == XC_OK);
    xc_writer_free(w);
    xc_writer_free(NULL);
}

static void test_uncommitted_is_discarded(void)
{
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, db, NULL) == XC_OK);
    put(w, "uncommitted", "", "never committed");
    xc_writer_free(w);
    w = xc_writer_new();
    CHECK(xc_writer_open(w, db, NULL) == XC_OK);
    int found = -1;
    CHECK(xc_writer_lookup(w, "uncommitted", &found, NULL, NULL) == XC_OK && found == 0);
    xc_writer_free(w);
}

static void test_search(void)
{
    xc_searcher *s = xc_searcher_new();
    xc_results *r = NULL;
    xc_search_opts o = {.limit = 10};
    CHECK(xc_search(s, "x", &o, &r) == XC_ERR_ARG); /* not open */
    CHECK(xc_searcher_open(s, db) == XC_OK);
    CHECK_STR(xc_searcher_language(s), "english");

    /* Phrase proximity: doc1 has the exact phrase, doc2 only two of the words together. */
    r = search(s, "military liaison mission", 10);
    CHECK(xc_results_size(r) == 2);
    CHECK_STR(xc_results_hit(r, 0)->id, "doc1");
    CHECK_STR(xc_results_hit(r, 1)->id, "doc2");
    CHECK(xc_results_hit(r, 0)->score > xc_results_hit(r, 1)->score);
    CHECK(xc_results_hit(r, 0)->rank == 1 && xc_results_hit(r, 1)->rank == 2);
    CHECK(xc_results_hit(r, 2) == NULL);
    unsigned long lo, est, hi;
    xc_results_matches(r, &lo, &est, &hi);
    CHECK(lo == 2 && est == 2 && hi == 2);
    xc_results_free(r);

    /* Stem-aware highlighting, spans point at the words, entities decoded. */
    r = search(s, "suspend costs", 10);
    CHECK(xc_results_size(r) == 1);
    const xc_hit *h = xc_results_hit(r, 0);
    CHECK(h->nspans >= 2);
    int saw_suspends = 0;
    for (size_t k = 0; k < h->nspans; k++)
        if (strcmp(span_text(h, k), "suspends") == 0)
            saw_suspends = 1;
    CHECK(saw_suspends);
    CHECK(strstr(h->snippet, "Costs < 5 & more.") != NULL);
    CHECK(strchr(h->snippet, '\n') == NULL);
    CHECK_STR(h->title, "Russia suspends its mission");
    xc_results_free(r);

    /* Paging. */
    xc_search_opts page = {.offset = 1, .limit = 10};
    CHECK(xc_search(s, "military liaison mission", &page, &r) == XC_OK);
    CHECK(xc_results_size(r) == 1);
    CHECK_STR(xc_results_hit(r, 0)->id, "doc2");
    CHECK(xc_results_hit(r, 0)->rank == 2);
    CHECK_STR(xc_results_hit(r, 0)->snippet, ""); /* snippets not asked for */
    xc_results_free(r);

    /* Syntax. */
    r = search(s, "NATO NOT office", 10);
    CHECK(xc_results_size(r) == 1 && strcmp(xc_results_hit(r, 0)->id, "doc1") == 0);
    xc_results_free(r);
    r = search(s, "\"liaison office\"", 10);
    CHECK(xc_results_size(r) == 1 && strcmp(xc_results_hit(r, 0)->id, "doc2") == 0);
    xc_results_free(r);
    r = search(s, "title:dialogue", 10);
    CHECK(xc_results_size(r) == 1 && strcmp(xc_results_hit(r, 0)->id, "doc2") == 0);
    xc_results_free(r);
    r = search(s, "id:doc3", 10);
    CHECK(xc_results_size(r) == 1 && strcmp(xc_results_hit(r, 0)->id, "doc3") == 0);
    xc_results_free(r);
    r = search(s, "liais*", 10);
    CHECK(xc_results_size(r) == 2);
    xc_results_free(r);
    r = search(s, "cocoa NEAR bahia", 10);
    CHECK(xc_results_size(r) == 1);
    xc_results_free(r);

    /* Broken syntax is answered as plain words, never an error. */
    r = search(s, "NATO AND", 10);
    CHECK(xc_results_size(r) == 2);
    xc_results_free(r);
    r = search(s, "\"military liaison", 10);
    CHECK(xc_results_size(r) == 2);
    xc_results_free(r);
    r = search(s, "(((", 10);
    CHECK(r != NULL && xc_results_size(r) == 0);
    xc_results_free(r);

    /* The run is the query as typed: a correction is searched only when
     * asked for (opts.correct). */
    xc_search_opts typed = {.limit = 10};
    CHECK(xc_search(s, "militery", &typed, &r) == XC_OK);
    CHECK(xc_results_size(r) == 0 && !xc_results_corrected(r));
    CHECK_STR(xc_results_suggestion(r), "military");
    xc_results_free(r);
    xc_search_opts correct = {.limit = 10, .correct = 1};
    CHECK(xc_search(s, "militery", &correct, &r) == XC_OK);
    CHECK(xc_results_size(r) == 2 && xc_results_corrected(r));
    xc_results_free(r);

    /* Ranking settings: the defaults, and bad ones refused. */
    xc_rank_params p = xc_rank_params_default();
    CHECK(p.weighting == XC_WEIGHT_BM25 && p.feedback > 0 && p.feedback_docs > 0 && p.window > 0);
    xc_search_opts tuned = {.limit = 10, .params = &p};
    CHECK(xc_search(s, "military liaison", &tuned, &r) == XC_OK && xc_results_size(r) == 2);
    xc_results_free(r);
    p.feedback = -1;
    r = NULL;
    CHECK(xc_search(s, "military liaison", &tuned, &r) == XC_ERR_ARG && r == NULL);
    CHECK(strstr(xc_searcher_error(s), "ranking") != NULL);
    p = xc_rank_params_default();
    p.weighting = (xc_weighting)99;
    CHECK(xc_search(s, "military liaison", &tuned, &r) == XC_ERR_ARG);

    /* Statuses say the cause: a query that cannot be read, an unknown ID. */
    xc_search_opts plain = {.limit = 10};
    CHECK(xc_search(s, "mil*ry", &plain, &r) == XC_ERR_QUERY && r == NULL);
    CHECK(strstr(xc_searcher_error(s), "wildcard") != NULL);
    char *huge = malloc(XC_MAX_QUERY_BYTES + 2);
    CHECK(huge != NULL);
    memset(huge, 'a', XC_MAX_QUERY_BYTES + 1);
    huge[XC_MAX_QUERY_BYTES + 1] = '\0';
    CHECK(xc_search(s, huge, &plain, &r) == XC_ERR_QUERY && r == NULL);
    free(huge);
    CHECK(xc_search_like(s, "no-such-id", &plain, &r) == XC_ERR_NO_DOC && r == NULL);
    CHECK(strcmp(xc_status_name(XC_ERR_NO_DOC), "no such document") == 0);

    /* A writer commits twice under an open searcher: it reopens and answers. */
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, db, NULL) == XC_OK);
    for (int i = 0; i < 3; i++) {
        put(w, "doc4", "Later", i == 2 ? "military liaison news" : "draft");
        CHECK(xc_writer_commit(w) == XC_OK);
    }
    xc_writer_free(w);
    r = search(s, "military liaison", 10);
    CHECK(xc_results_size(r) == 3);
    xc_results_free(r);
    xc_searcher_free(s);
    xc_searcher_free(NULL);

    /* No index there. */
    s = xc_searcher_new();
    char missing[300];
    snprintf(missing, sizeof missing, "%s/missing", dir);
    CHECK(xc_searcher_open(s, missing) == XC_ERR_NOT_FOUND);
    CHECK(strlen(xc_searcher_error(s)) > 0);
    xc_searcher_free(s);
}

/* The score of source ID in R, or -1 if it is not there. */
static double score_of(const xc_results *r, const char *id)
{
    for (size_t i = 0; i < xc_results_size(r); i++)
        if (strcmp(xc_results_hit(r, i)->id, id) == 0)
            return xc_results_hit(r, i)->score;
    return -1;
}

/* A title found in the text (xc_doc::title_derived) weighs as the line of
 * the body it is; a title given with the document counts more. Both are
 * searchable as title:word. */
static void test_derived_title(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/titles", dir);
    const char *text = "Zebra crossings\nPedestrians cross the road where the stripes are, and drivers "
                       "stop for them: a rule of the road older than traffic lights, kept in towns and "
                       "villages alike, with a beacon on a pole at either side of the street.";
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, path, NULL) == XC_OK);
    CHECK(xc_writer_put(w, &(xc_doc){.id = "none", .title = "", .text = text, .path = "/p", .signature = "1", .title_derived = 0}) == XC_OK);
    CHECK(xc_writer_put(w, &(xc_doc){.id = "found", .title = "Zebra crossings", .text = text, .path = "/p", .signature = "1", .title_derived = 1}) == XC_OK);
    CHECK(xc_writer_put(w, &(xc_doc){.id = "given", .title = "Zebra crossings", .text = text, .path = "/p", .signature = "1", .title_derived = 0}) == XC_OK);
    for (int i = 0; i < 5; i++) { /* so that "zebra" is a rare word */
        char id[8];
        snprintf(id, sizeof id, "other%d", i);
        CHECK(xc_writer_put(w, &(xc_doc){.id = id, .title = "Traffic", .text = "Cars and buses on the road.", .path = "/p", .signature = "1", .title_derived = 0}) == XC_OK);
    }
    CHECK(xc_writer_commit(w) == XC_OK);
    xc_writer_free(w);

    xc_searcher *s = xc_searcher_new();
    CHECK(xc_searcher_open(s, path) == XC_OK);
    xc_search_opts o = {.limit = 10, .rank = XC_RANK_BM25};
    xc_results *r = NULL;
    CHECK(xc_search(s, "zebra", &o, &r) == XC_OK);
    double none = score_of(r, "none"), found = score_of(r, "found"), given = score_of(r, "given");
    CHECK(none > 0 && found > 0 && given > 0);
    CHECK(given > found);
    /* Only the document's length (the title:word terms) sets found apart. */
    CHECK(fabs(found - none) < 0.1 * (given - none));
    xc_results_free(r);
    CHECK(xc_search(s, "title:zebra", &o, &r) == XC_OK);
    CHECK(xc_results_size(r) == 2 && score_of(r, "found") > 0 && score_of(r, "given") > 0);
    xc_results_free(r);
    xc_searcher_free(s);
}

/* Whatever the index holds, a hit is valid UTF-8 and its spans sit on
 * whole words (xc.h); printers rely on it. */
static void test_invalid_utf8_out(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/bad", dir);
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, path, NULL) == XC_OK);
    put(w, "caf\xe9", "Caf\xe9 title", "Le caf\xe9 latte au lait, caf\xe9 noir.");
    CHECK(xc_writer_commit(w) == XC_OK);
    xc_writer_free(w);
    xc_searcher *s = xc_searcher_new();
    CHECK(xc_searcher_open(s, path) == XC_OK);
    xc_results *r = search(s, "latte lait", 10);
    const xc_hit *h = xc_results_hit(r, 0);
    CHECK(h != NULL);
    if (h) {
        CHECK(utf8_valid_prefix(h->id, strlen(h->id)) == strlen(h->id));
        CHECK(utf8_valid_prefix(h->title, strlen(h->title)) == strlen(h->title));
        CHECK(utf8_valid_prefix(h->snippet, strlen(h->snippet)) == strlen(h->snippet));
        CHECK_STR(h->id, "caf\xef\xbf\xbd");
        CHECK(h->nspans == 2);
        if (h->nspans == 2) {
            CHECK_STR(span_text(h, 0), "latte");
            CHECK_STR(span_text(h, 1), "lait");
        }
    }
    xc_results_free(r);
    xc_searcher_free(s);
}

/* What a document is and where it came from comes back with its hits; the
 * words of its author are searchable; "date" and "author" also have slots
 * of their own (not read here: issue 14's filters will). */
static void test_details(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/details", dir);
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, path, NULL) == XC_OK);
    const xc_meta meta[] = {{XC_META_AUTHOR, "Alice Liddell"}, {XC_META_DATE, "2021-10-18T09:30:00Z"},
                            {"empty", ""}, {"tags", "tea, party"}};
    xc_doc d = {.id = "m1", .title = "Meeting", .text = "About the budget.", .path = "/mail/inbox.mbox",
                .signature = "1:2.3", .type = "mail", .line = 42, .meta = meta, .nmeta = 4};
    CHECK(xc_writer_put(w, &d) == XC_OK);
    put(w, "plain", "Plain", "Nothing about budgets here, but about the budget anyway.");
    CHECK(xc_writer_commit(w) == XC_OK);
    xc_writer_free(w);
    xc_searcher *s = xc_searcher_new();
    CHECK(xc_searcher_open(s, path) == XC_OK);
    xc_results *r = search(s, "liddell", 10); /* the author's words */
    CHECK(xc_results_size(r) == 1);
    const xc_hit *h = xc_results_hit(r, 0);
    if (h) {
        CHECK_STR(h->id, "m1");
        CHECK_STR(h->path, "/mail/inbox.mbox");
        CHECK_STR(h->type, "mail");
        CHECK(h->line == 42);
        CHECK(h->nmeta == 3); /* the empty value is not stored */
        if (h->nmeta == 3) {
            CHECK_STR(h->meta[0].key, "author");
            CHECK_STR(h->meta[0].value, "Alice Liddell");
            CHECK_STR(h->meta[1].key, "date");
            CHECK_STR(h->meta[2].value, "tea, party");
        }
    }
    xc_results_free(r);
    r = search(s, "budget", 10);
    CHECK(xc_results_size(r) == 2);
    for (size_t i = 0; i < xc_results_size(r); i++) {
        h = xc_results_hit(r, i);
        if (strcmp(h->id, "plain") == 0) {
            CHECK_STR(h->type, "");
            CHECK(h->line == 0 && h->nmeta == 0 && h->meta == NULL);
            CHECK_STR(h->path, "/src/path");
        }
    }
    xc_results_free(r);
    /* One document by source ID: everything stored. */
    xc_stored_doc *doc = NULL;
    CHECK(xc_searcher_get_doc(s, "m1", &doc) == XC_OK);
    if (doc) {
        CHECK_STR(doc->id, "m1");
        CHECK_STR(doc->title, "Meeting");
        CHECK(strstr(doc->text, "About the budget.") != NULL);
        CHECK_STR(doc->path, "/mail/inbox.mbox");
        CHECK_STR(doc->type, "mail");
        CHECK(doc->line == 42);
        CHECK_STR(doc->date, "2021-10-18T09:30:00Z");
        CHECK_STR(doc->author, "Alice Liddell");
        CHECK(doc->nmeta == 3);
        if (doc->nmeta == 3)
            CHECK_STR(doc->meta[2].key, "tags");
    }
    xc_stored_doc_free(doc);
    CHECK(xc_searcher_get_doc(s, "plain", &doc) == XC_OK);
    if (doc)
        CHECK(*doc->type == '\0' && *doc->date == '\0' && doc->nmeta == 0 && doc->meta == NULL);
    xc_stored_doc_free(doc);
    const char *unknown[] = {"nosuch", "", "m", "m1 "};
    for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
        doc = (xc_stored_doc *)1;
        CHECK(xc_searcher_get_doc(s, unknown[i], &doc) == XC_ERR_NO_DOC);
        CHECK(doc == NULL);
        CHECK(strstr(xc_searcher_error(s), "no document") != NULL);
    }
    char long_id[400];
    memset(long_id, 'x', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    CHECK(xc_searcher_get_doc(s, long_id, &doc) == XC_ERR_NO_DOC);
    CHECK(xc_search_like(s, "nosuch", &(xc_search_opts){.limit = 3}, &r) == XC_ERR_NO_DOC);
    xc_stored_doc_free(NULL);
    xc_search_opts o = {.limit = 10, .skip_titles = 1};
    CHECK(xc_search(s, "budget", &o, &r) == XC_OK);
    CHECK(xc_results_size(r) == 2 && *xc_results_hit(r, 0)->path == '\0');
    xc_results_free(r);
    xc_searcher_free(s);
}

static int count_ids(void *ctx, const char *id, const char *path)
{
    (void)id;
    CHECK(*path == '/');
    ++*(int *)ctx;
    return 0;
}

/* Filters, facets, the order by date, exact counts, stats and the walk. */
static void test_filters(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/filters", dir);
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, path, NULL) == XC_OK);
    static const struct {
        const char *id, *type, *date, *author, *path;
    } docs[] = {
        {"a", "pdf", "2021-10-18T09:30:00Z", "Sergey Lavrov", "/r/2021/a.pdf"},
        {"b", "pdf", "2022-01-02", "Jens Stoltenberg", "/r/2022/b.pdf"},
        {"c", "html", "2021-12-31", "Müller", "/r/2021x/c.html"},
        {"d", "text", "2020-05-05", "", "/notes/d.txt"},
    };
    for (size_t i = 0; i < 4; i++) {
        xc_meta meta[2] = {{XC_META_DATE, docs[i].date}, {XC_META_AUTHOR, docs[i].author}};
        xc_doc d = {.id = docs[i].id, .title = "", .text = "budget report", .path = docs[i].path,
                    .signature = "s", .type = docs[i].type, .meta = meta, .nmeta = *docs[i].author ? 2 : 1};
        CHECK(xc_writer_put(w, &d) == XC_OK);
    }
    CHECK(xc_writer_note_root(w, "/r", 1, 1634549400) == XC_OK);
    CHECK(xc_writer_commit(w) == XC_OK);
    xc_writer_free(w);
    xc_searcher *s = xc_searcher_new();
    CHECK(xc_searcher_open(s, path) == XC_OK);
    static const struct {
        const char *query;
        size_t hits;
    } cases[] = {
        {"budget date:2021", 2},          {"budget date:2021-10..2021-12-31", 2}, {"date:..2021-10-18", 2},
        {"date:2022..", 1},               {"type:pdf", 2},                        {"type:pdf type:html", 3},
        {"type:pdf date:2021", 1},        {"budget -type:pdf", 2},                {"path:2021", 1},
        {"path:/r", 3},                   {"path:/r/2021/a.pdf", 1},              {"author:muller", 1},
        {"author:lavrov author:jens", 2}, {"budget author:\"jens stoltenberg\"", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        xc_results *r = search(s, cases[i].query, 10);
        CHECK(xc_results_size(r) == cases[i].hits);
        if (xc_results_size(r) != cases[i].hits)
            fprintf(stderr, "%s: %zu hits\n", cases[i].query, xc_results_size(r));
        xc_results_free(r);
    }
    xc_results *r = NULL;
    CHECK(xc_search(s, "budget date:someday", &(xc_search_opts){.limit = 10}, &r) == XC_ERR_QUERY);
    CHECK(strstr(xc_searcher_error(s), "date:someday") != NULL);
    r = search(s, "budget ext:pdf", 10);
    CHECK(strstr(xc_results_note(r), "'ext:' is not a field") != NULL);
    xc_results_free(r);
    /* Newest first, facets over every match, exact counts. */
    xc_search_opts o = {.limit = 1, .sort = XC_SORT_DATE_DESC, .facets = "year,type", .exact = 1};
    CHECK(xc_search(s, "budget", &o, &r) == XC_OK);
    CHECK(xc_results_size(r) == 1 && strcmp(xc_results_hit(r, 0)->id, "b") == 0);
    unsigned long lower, upper;
    xc_results_matches(r, &lower, NULL, &upper);
    CHECK(lower == 4 && upper == 4);
    CHECK(xc_results_facets(r) == 2);
    const xc_facet_value *v;
    size_t n;
    CHECK_STR(xc_results_facet(r, 0, &v, &n), "year");
    CHECK(n == 3 && strcmp(v[0].value, "2020") == 0 && strcmp(v[1].value, "2021") == 0 && v[1].count == 2);
    CHECK_STR(xc_results_facet(r, 1, &v, &n), "type");
    CHECK(n == 3 && strcmp(v[0].value, "pdf") == 0 && v[0].count == 2);
    CHECK(xc_results_facet(r, 2, &v, &n) == NULL);
    xc_results_free(r);
    o.facets = "colour";
    CHECK(xc_search(s, "budget", &o, &r) == XC_ERR_ARG);
    /* What the index holds, and every document. */
    xc_stats *st = NULL;
    CHECK(xc_searcher_stats(s, &st) == XC_OK);
    const xc_index_stats *x = xc_stats_view(st);
    CHECK(x && x->docs == 4 && x->ntypes == 3 && x->types[0].count == 2 && x->bytes > 0 && x->terms > 0);
    CHECK(x && x->nroots == 1 && strcmp(x->roots[0].path, "/r") == 0 && x->roots[0].folder);
    CHECK(x && strcmp(x->roots[0].when, "2021-10-18T09:30:00Z") == 0);
    xc_stats_free(st);
    int visits = 0;
    CHECK(xc_searcher_foreach(s, count_ids, &visits) == XC_OK);
    CHECK(visits == 4);
    xc_searcher_free(s);
}

static void test_other_language(void)
{
    char fr[300];
    snprintf(fr, sizeof fr, "%s/fr", dir);
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, fr, &(xc_open_opts){.lang = "fr"}) == XC_OK); /* an alias: recorded as "french" */
    CHECK_STR(xc_writer_language(w), "french");
    put(w, "f1", "", "Les missions diplomatiques continuellement suspendues");
    CHECK(xc_writer_commit(w) == XC_OK);
    xc_writer_free(w);
    /* Any name of the same algorithm reopens it; another language does not. */
    const char *same[] = {"french", "fra", "fre"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        w = xc_writer_new();
        CHECK(xc_writer_open(w, fr, &(xc_open_opts){.lang = same[i]}) == XC_OK);
        CHECK_STR(xc_writer_language(w), "french");
        xc_writer_free(w);
    }
    w = xc_writer_new();
    CHECK(xc_writer_open(w, fr, &(xc_open_opts){.lang = "de"}) == XC_ERR_LANGUAGE);
    CHECK(strstr(xc_writer_error(w), "french") != NULL);
    xc_writer_free(w);
    xc_searcher *s = xc_searcher_new();
    CHECK(xc_searcher_open(s, fr) == XC_OK);
    CHECK_STR(xc_searcher_language(s), "french");
    xc_results *r = search(s, "continuel", 10); /* found only through the French stemmer */
    CHECK(xc_results_size(r) == 1);
    xc_results_free(r);
    xc_searcher_free(s);
}

/* xc_writer_foreach visits in ID order in a sharded index too. */
static int check_order(void *ctx, const char *id, const char *path)
{
    (void)path;
    char *last = ctx;
    CHECK(strcmp(last, id) < 0);
    snprintf(last, 16, "%s", id);
    return 0;
}

static void test_foreach_order_in_shards(void)
{
    char sharded[300];
    snprintf(sharded, sizeof sharded, "%s/sharded", dir);
    xc_writer *w = xc_writer_new();
    CHECK(xc_writer_open(w, sharded, &(xc_open_opts){.shards = 3}) == XC_OK);
    CHECK(xc_writer_shards(w) == 3);
    const char *ids[] = {"m", "c", "x", "a", "q", "f", "b", "z", "k", "e"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        put(w, ids[i], "", "words");
    char last[16] = "";
    CHECK(xc_writer_foreach(w, check_order, last) == XC_OK); /* uncommitted */
    CHECK_STR(last, "z");
    CHECK(xc_writer_commit(w) == XC_OK);
    last[0] = '\0';
    CHECK(xc_writer_foreach(w, check_order, last) == XC_OK);
    CHECK_STR(last, "z");
    xc_writer_free(w);
}

/* Searchers on several threads at once, one each:
 * each handle owns its state, so each gets the answers one alone gets. */
enum { THREADS = 4, ROUNDS = 40 };

typedef struct thread_job {
    const char *path;
    unsigned long first_hits; /* hits of the first search */
    int bad;                  /* a search failed or changed its answer */
} thread_job;

static void *search_thread(void *arg)
{
    thread_job *job = arg;
    xc_searcher *s = xc_searcher_new();
    if (!s || xc_searcher_open(s, job->path) != XC_OK) {
        job->bad = 1;
        xc_searcher_free(s);
        return NULL;
    }
    for (int i = 0; i < ROUNDS && !job->bad; i++) {
        xc_search_opts o = {.limit = 5, .snippet_bytes = 100};
        xc_results *r = NULL;
        if (xc_search(s, "budget meeting", &o, &r) != XC_OK) {
            job->bad = 1;
            break;
        }
        unsigned long lower;
        xc_results_matches(r, &lower, NULL, NULL);
        if (i == 0)
            job->first_hits = lower;
        else if (lower != job->first_hits)
            job->bad = 1;
        xc_results_free(r);
    }
    xc_searcher_free(s);
    return NULL;
}

static void test_threads(void)
{
    char path[300];
    snprintf(path, sizeof path, "%s/details", dir); /* test_details's index */
    pthread_t t[THREADS];
    thread_job jobs[THREADS];
    int started[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (thread_job){.path = path};
        started[i] = pthread_create(&t[i], NULL, search_thread, &jobs[i]) == 0;
        CHECK(started[i]);
    }
    for (int i = 0; i < THREADS; i++) {
        if (!started[i])
            continue;
        pthread_join(t[i], NULL);
        CHECK(!jobs[i].bad);
        CHECK(jobs[i].first_hits == 2);
    }
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(db, sizeof db, "%s/index", dir);
    test_writer();
    test_uncommitted_is_discarded();
    test_search();
    test_derived_title();
    test_other_language();
    test_invalid_utf8_out();
    test_details();
    test_foreach_order_in_shards();
    test_filters();
    test_threads();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
