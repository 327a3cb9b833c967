/*
 * fuzz_document.c - libFuzzer harness for the document side of a search:
 * indexing text (xc_writer_put, with the title the indexer would find) and
 * the snippets, highlights and printers made from it. Where fuzz_query
 * varies the query over fixed documents, this varies the document.
 *
 * Input: "QUERY\nTEXT": the first line is the query, the rest the text of a
 * document; without a newline the whole input is both (so it matches). Both
 * are repaired to valid UTF-8 as the indexer and search do. Each input gets
 * a new index (so that nothing, not even the spelling table, depends on the
 * inputs before it): two fixed documents and the fuzzed one, committed, then
 * searched with snippets of 24..223 bytes (from the input's length) and
 * checked as in fuzz_query (fuzz_results.h).
 *
 * Slower than the others (an index per input): set TMPDIR to a tmpfs
 * (/dev/shm) to spare the disk; bench/fuzz does.
 */
#include "fuzz.h" /* first: it sets the feature macros */

#include "fuzz_results.h"
#include "title.h"

static const xc_doc background[] = {
    {.id = "bg1", .title = "Military liaison mission",
     .text = "NATO and Russia: the military liaison mission in Moscow.", .path = "bg1", .signature = "0:0.0"},
    {.id = "bg2", .title = "Weather", .text = "Sunny today, rain tomorrow; the quick brown fox.", .path = "bg2",
     .signature = "0:0.0"},
};

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* A new index at PATH holding the background documents and DOC. */
static void build(const char *path, const xc_doc *doc)
{
    nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    xc_writer *w = xc_writer_new();
    if (!w || xc_writer_open(w, path, &(xc_open_opts){.lang = "english"}) != XC_OK) {
        fprintf(stderr, "fuzz_document: cannot create %s: %s\n", path, xc_writer_error(w));
        exit(2);
    }
    for (size_t i = 0; i < sizeof background / sizeof *background; i++)
        FUZZ_CHECK(xc_writer_put(w, &background[i]) == XC_OK, "put %s: %s", background[i].id,
                   xc_writer_error(w));
    /* Any valid UTF-8 text and title (the ID is ours) must be accepted. */
    xc_status rc = xc_writer_put(w, doc);
    FUZZ_CHECK(rc == XC_OK, "xc_writer_put: %s: %s", xc_status_name(rc), xc_writer_error(w));
    rc = xc_writer_commit(w);
    FUZZ_CHECK(rc == XC_OK, "xc_writer_commit: %s: %s", xc_status_name(rc), xc_writer_error(w));
    unsigned long count = 0;
    FUZZ_CHECK(xc_writer_doc_count(w, &count) == XC_OK && count == 3, "%lu documents, not 3", count);
    xc_writer_free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    size_t qlen = nl ? (size_t)(nl - data) : size;
    const uint8_t *body = nl ? nl + 1 : data;
    size_t blen = nl ? size - qlen - 1 : size;
    char *query = utf8_repair((const char *)data, qlen, NULL);
    char *text = utf8_repair((const char *)body, blen, NULL);
    char *title = text ? title_find(text, strlen(text)) : NULL;
    if (!query || !text || !title)
        fuzz_die("out of memory");

    const char *path = fuzz_path("index");
    xc_doc doc = {.id = "fuzzed", .title = title, .text = text, .path = "fuzzed", .signature = "0:0.0"};
    build(path, &doc);

    xc_searcher *s = xc_searcher_new();
    if (!s || xc_searcher_open(s, path) != XC_OK) {
        fprintf(stderr, "fuzz_document: cannot open %s: %s\n", path, xc_searcher_error(s));
        exit(2);
    }
    xc_search_opts opts = {.offset = 0, .limit = 10, .snippet_bytes = 24 + size % 200};
    xc_results *results = NULL;
    xc_status rc = xc_search(s, query, &opts, &results);
#ifdef XC_MAX_QUERY_BYTES
    if (rc == XC_ERR_QUERY) /* refused: too long, too many words, a '*' inside */
        FUZZ_CHECK(refused_rightly(query, xc_searcher_error(s)),
                   "xc_search refused %zu bytes: %s", strlen(query), xc_searcher_error(s));
    else
#endif
        FUZZ_CHECK(rc == XC_OK, "xc_search: %s: %s", xc_status_name(rc), xc_searcher_error(s));
    if (results) {
        print_results(query, 0, &opts, results, size);
        xc_results_free(results);
    }
    /* Documents like the fuzzed one: its terms, whatever they are. */
    results = NULL;
    rc = xc_search_like(s, "fuzzed", &opts, &results);
    FUZZ_CHECK(rc == XC_OK && results, "xc_search_like: %s: %s", xc_status_name(rc),
               xc_searcher_error(s));
    print_results("fuzzed", 1, &opts, results, size);
    xc_results_free(results);

    xc_searcher_free(s);
    free(query);
    free(text);
    free(title);
    return 0;
}
