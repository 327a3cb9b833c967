/*
 * fuzz_query.c - libFuzzer harness for the query path: parse, search,
 * snippets, and the JSON and text printers, against two small indexes built
 * once (at start-up) with the binding's writer: one stemmed in English (with
 * stopwords), one with "none" (no stemming, no stopwords). fuzz_document
 * does the converse: it fuzzes the document.
 *
 * Input: the first byte chooses the options, the rest is the query text,
 * repaired to valid UTF-8 as search does (main.c):
 *   bit 0     natural (opts.natural)
 *   bit 1     the index without stemming instead of the English one
 *   bits 2-3  offset, 0..3
 *   bits 4-6  limit - 1, 0..7
 *   bit 7     snippets of 24 bytes instead of 160
 * So a seed " title:nato" (0x20: English, syntax, limit 3) reads as a query.
 * The same text is also tried as a source ID with xc_search_like (the
 * indexes' IDs are "1" .. "9" and "é/ü", easy to reach).
 *
 * Checked beyond the sanitizers (fuzz_results.h; xc.h, printer.h):
 *  - xc_search never fails (broken syntax is plain words), but for a query
 *    over the limits of xc.h (XC_MAX_QUERY_BYTES, _TERMS, where xc.h has
 *    them) or with a leading or inner wildcard (*phone, mil*ry), refused;
 *    xc_search_like fails only for an unknown ID;
 *  - hits, ranks, match counts and spans are what xc.h says: valid UTF-8
 *    without NUL, spans sorted, apart, inside the snippet, on character
 *    boundaries, not starting or ending with a space;
 *  - the JSON printer accepts every result and writes one line that jansson
 *    reads back, with the query, the hits, highlights inside their snippets;
 *  - the text printer (in colour or not, at a width from the input's length)
 *    writes valid UTF-8 with no control character but its own colours.
 */
#include "fuzz.h" /* first: it sets the feature macros */

#include "fuzz_results.h"

typedef struct fuzz_doc {
    const char *id, *title, *text;
} fuzz_doc;

/* Varied on purpose: stems (suspend/suspends/suspended), stopwords, non-Latin
 * scripts, CJK (no spaces), emoji, apostrophes, hyphens, numbers, a long
 * text for snippet windows, an empty title, a non-ASCII ID. */
static const fuzz_doc docs[] = {
    {"1", "NATO suspends Russia's mission",
     "Russia suspended its mission to NATO on Monday. The military liaison mission in "
     "Moscow will also stop its work, the foreign ministry said. NATO said it regrets "
     "the decision; relations have shrunk and shrunk since 2014."},
    {"2", "Russia ends dialogue with NATO",
     "The NATO military liaison office in Moscow would also have to cease its "
     "activities. Dialogue between the parties had \"so far led nowhere\"."},
    {"3", "Été à Paris — café, crème brûlée",
     "Les terrasses des cafés étaient pleines. Ça va? Oui, très bien: l'été parisien "
     "est chaud et long, et les touristes suspendent leurs voyages."},
    {"4", "Россия и НАТО",
     "Россия приостанавливает работу постоянного представительства при НАТО. "
     "Военная миссия связи НАТО в Москве прекращает работу."},
    {"5", "東京の天気",
     "今日は晴れです。明日は雨が降るでしょう。Tokyo weather: sunny today, rain "
     "tomorrow. 😀🎉 Emoji and ZWJ 👩‍💻 sequences, ﬁ ligatures, İstanbul, ß, Σίσυφος."},
    {"6", "",
     "no title here, only numbers 0 $ 2,500 $ 3.14159 1e10 and hyphen-ated e-mail "
     "words like state-of-the-art, don't, O'Neill and C++ or C# or .NET AND OR NOT."},
    {"7", "A long one",
     "Word after word after word. The quick brown fox jumps over the lazy dog. The "
     "quick brown fox jumps over the lazy dog again and again, suspending disbelief, "
     "while the military band played on and on. Relationships have shrunk; liaison "
     "officers left. Snippets must pick a window of this text around the matched "
     "words, and highlight every stem that matched: suspend, suspends, suspended. "
     "Then more filler text follows so that the window has somewhere to move: alpha "
     "beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi."},
    {"8", "\"Quotes\" (brackets) [and] {braces} title:colon id:7 * wild*",
     "Syntax characters inside documents: \"phrase\" NEAR/3 ADJ/2 +plus -minus ~tilde "
     "^caret a:b:c http://example.com/path?q=1&r=2 #hash @at 100% 50/50 x_y_z."},
    {"9", "Same words", "same words same words same words"},
    {"\xC3\xA9/\xC3\xBC", "Non-ASCII ID", "An ID with an accent and a slash: élan vital, über."},
};

static xc_searcher *searchers[2]; /* [0] english, [1] none */

static void build_index(const char *path, const char *lang)
{
    xc_writer *w = xc_writer_new();
    if (!w || xc_writer_open(w, path, &(xc_open_opts){.lang = lang}) != XC_OK) {
        fprintf(stderr, "fuzz_query: cannot create %s: %s\n", path, xc_writer_error(w));
        exit(2);
    }
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        xc_doc d = {.id = docs[i].id, .title = docs[i].title, .text = docs[i].text, .path = docs[i].id, .signature = "0:0.0"};
        if (xc_writer_put(w, &d) != XC_OK) {
            fprintf(stderr, "fuzz_query: cannot add %s: %s\n", docs[i].id, xc_writer_error(w));
            exit(2);
        }
    }
    if (xc_writer_commit(w) != XC_OK) {
        fprintf(stderr, "fuzz_query: cannot commit %s: %s\n", path, xc_writer_error(w));
        exit(2);
    }
    xc_writer_free(w);
}

static xc_searcher *open_index(const char *path)
{
    xc_searcher *s = xc_searcher_new();
    if (!s || xc_searcher_open(s, path) != XC_OK) {
        fprintf(stderr, "fuzz_query: cannot open %s: %s\n", path, xc_searcher_error(s));
        exit(2);
    }
    return s;
}

static void free_searchers(void)
{
    xc_searcher_free(searchers[0]);
    xc_searcher_free(searchers[1]);
    searchers[0] = searchers[1] = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char english[4200], none[4200];
    snprintf(english, sizeof english, "%s", fuzz_path("english"));
    snprintf(none, sizeof none, "%s", fuzz_path("none"));
    build_index(english, "english");
    build_index(none, "none");
    searchers[0] = open_index(english);
    searchers[1] = open_index(none);
    atexit(free_searchers); /* runs before the folder is removed (LIFO) */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned flags = data[0];
    xc_search_opts opts = {
        .offset = (flags >> 2) & 3,
        .limit = ((flags >> 4) & 7) + 1,
        .snippet_bytes = flags & 0x80 ? 24 : 160,
        .natural = flags & 1,
    };
    xc_searcher *s = searchers[(flags >> 1) & 1];
    char *text = utf8_repair((const char *)data + 1, size - 1, NULL);
    if (!text)
        fuzz_die("utf8_repair");

    xc_results *results = NULL;
    xc_status rc = xc_search(s, text, &opts, &results);
#ifdef XC_MAX_QUERY_BYTES
    /* A query too long, of too many distinct words, or with a '*' before a
     * letter, is refused. */
    if (rc == XC_ERR_QUERY) {
        FUZZ_CHECK(results == NULL && *xc_searcher_error(s), "refused without a reason");
        FUZZ_CHECK(refused_rightly(text, xc_searcher_error(s)),
                   "xc_search refused %zu bytes: %s", strlen(text), xc_searcher_error(s));
    } else
#endif
    {
        /* Broken syntax is plain words, never an error; and on ten short
         * documents nothing comes near the time limit. */
        FUZZ_CHECK(rc == XC_OK, "xc_search: %s: %s", xc_status_name(rc), xc_searcher_error(s));
        FUZZ_CHECK(results != NULL, "xc_search: XC_OK without results");
        print_results(text, 0, &opts, results, size);
        xc_results_free(results);
    }

    results = NULL;
    rc = xc_search_like(s, text, &opts, &results);
    FUZZ_CHECK(rc == XC_OK || rc == XC_ERR_NO_DOC, "xc_search_like: %s: %s", xc_status_name(rc),
               xc_searcher_error(s));
    FUZZ_CHECK((rc == XC_OK) == (results != NULL), "xc_search_like: %s, results %p",
               xc_status_name(rc), (void *)results);
    if (results) {
        print_results(text, 1, &opts, results, size);
        xc_results_free(results);
    }
    free(text);
    return 0;
}
