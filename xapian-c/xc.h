/*
 * xc.h - the whole C API of the binding layer over Xapian.
 *
 * This is the only header C code includes to reach the index. Behind it,
 * C++ (Xapian, libstemmer wrapped as a Xapian::StemImplementation) does the
 * work; no C++ type, header or exception crosses this line.
 *
 * Conventions
 *  - Handles are opaque. Each has one constructor (xc_*_new, or xc_search for
 *    results) and one free function (xc_*_free), which accepts NULL.
 *  - Every call that can fail returns an xc_status; XC_OK (0) is success.
 *    The message of the last failure is kept on the handle: xc_writer_error(),
 *    xc_searcher_error(). It stays valid until the next call on that handle.
 *  - Every C++ exception (Xapian's, std::bad_alloc, anything else) is caught
 *    at this boundary and turned into a status and a message.
 *  - Strings passed in are NUL-terminated UTF-8 and are copied; the caller
 *    keeps ownership. Strings handed out are owned by the handle that handed
 *    them out, and live as long as the comment on each call says.
 *  - Threads: a handle is used by one thread at a time; different handles
 *    may be used at the same time on different threads, with no lock
 *    between them (each searcher owns all its state, its caches included).
 *    A server runs one searcher per thread. xc_results and xc_stored_doc
 *    are plain data once returned: any thread may read and free them.
 *
 * What is stored per document (see xc_doc): the source ID as a unique term
 * "Q<id>" (so every put replaces, never duplicates), its path, line, type
 * and metadata as values (xc_meta), the title under the prefix "S" (query
 * syntax title:word) and, when it was given with the document rather than
 * found in its text, as weighted free text too,
 * the body as free text after a position gap (a phrase cannot span title and
 * body), and the text itself, for snippets. Each word is indexed once, as
 * "Z" + the stem of the word folded (Unicode compatibility forms, case and
 * accents folded, elided articles and possessives off: xc_fold.cc), with
 * positions (Xapian's STEM_ALL_Z): words, phrases and NEAR all match by
 * stem; CJK text as one word per character. The folded words are in
 * Xapian's spelling table (for "did you mean" and wildcards).
 *
 * The stemming language is chosen when an index is created and stored in it
 * (metadata key "lang"); every later writer and searcher reads it from there,
 * so index time, query time and highlighting always stem alike. "auto":
 * each document is stemmed as the language detected in it, and a query is
 * read in each language of the index, against that language's documents.
 */
#ifndef XC_H
#define XC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xc_status {
    XC_OK = 0,
    XC_ERR_ARG,       /* a bad argument: NULL, ID too long, bad ranking
                         parameters, a call on a handle not open, ... */
    XC_ERR_NOT_FOUND, /* no index at that path */
    XC_ERR_LOCKED,    /* another writer holds the index's lock */
    XC_ERR_CORRUPT,   /* the index is damaged or of an unknown format */
    XC_ERR_MODIFIED,  /* the index changed under a reader too often to retry */
    XC_ERR_NOMEM,     /* out of memory */
    XC_ERR_IO,        /* the file system failed: disk full, permissions */
    XC_ERR_TIMEOUT,   /* a search ran past its time limit and was stopped */
    XC_ERR_OLD_INDEX, /* written by an older sift, with other terms: rebuild */
    XC_ERR_NOT_SIFT,  /* the path holds something sift did not make (another
                         program's Xapian database, other files): it is
                         never written to, nor replaced */
    XC_ERR_PERM,      /* the file system refused: permissions, read-only */
    XC_ERR_LANGUAGE,  /* an unknown stemming language, or not the one the
                         index was built with (rebuild to change it) */
    XC_ERR_QUERY,     /* the query cannot be read: too long, too many
                         words, a wildcard not at the end of a word */
    XC_ERR_NO_DOC,    /* no document with that source ID in the index */
    XC_ERR_OTHER      /* any other failure; the message says what */
} xc_status;

/* A short constant name for a status ("locked", "corrupt", ...). */
const char *xc_status_name(xc_status status);

/* For a status that only rebuilding the index mends, what is wrong with the
 * index, to follow "the index": "is damaged" (XC_ERR_CORRUPT) or "was built
 * by an older sift" (XC_ERR_OLD_INDEX); NULL for any other status. */
const char *xc_status_rebuild(xc_status status);

/* The stemming languages libstemmer offers, as a NULL-terminated constant
 * list of canonical names ("english", "french", ...). */
const char *const *xc_languages(void);

/* 1 if LANG names a libstemmer algorithm (a canonical name or an alias such
 * as "en"), else 0. "none" is accepted too and disables stemming, and
 * "auto" (each document stemmed as its own language). */
int xc_language_supported(const char *lang);

/* ---------------------------------------------------------------------- */
/* The stemmer on its own: the same libstemmer wrapper the index uses.     */

typedef struct xc_stemmer xc_stemmer;

/* A stemmer for LANG, or NULL when LANG is unknown or memory runs out. */
xc_stemmer *xc_stemmer_new(const char *lang);
void xc_stemmer_free(xc_stemmer *stemmer);

/* The stem of WORD (UTF-8) folded as the index folds it (with "none", the
 * folded word itself). The returned string is owned by STEMMER and valid
 * until the next call on it. NULL on failure. */
const char *xc_stemmer_stem(xc_stemmer *stemmer, const char *word);

/* ---------------------------------------------------------------------- */
/* Writing: one writer at a time per index (Xapian holds a lock).          */

typedef struct xc_writer xc_writer;

/* Metadata a document's format gave, as key/value pairs (UTF-8, neither
 * empty, no NUL). The keys readers give (others are kept as they come):
 *   "author"       who wrote it (HTML <meta name=author>, PDF Author, the
 *                  From of a mail, ...)
 *   "date"         when: ISO 8601, "2021-10-18T09:30:00Z" (UTC) when the
 *                  time is known, else "2021-10-18"
 *   "description", "tags" (comma separated), "to" (a mail's recipients),
 *   "pages" (a PDF's page count), "publisher", "language"
 * Every document's pairs are stored together, in the order given; the type,
 * "author" and "date" also each in a value slot of their own (XC_SLOT_*),
 * for sorting and filtering on them. The words of "author", "to", "tags" and
 * "description" are indexed as body words (not shown in snippets). */
typedef struct xc_meta {
    const char *key;
    const char *value;
} xc_meta;

#define XC_META_AUTHOR "author"
#define XC_META_DATE "date"

/* Value slots of the index layout that other code may read (Xapian value
 * numbers): the document's type, its "author" and "date" metadata (ISO 8601
 * strings, which sort as dates do). */
#define XC_SLOT_TYPE 4
#define XC_SLOT_AUTHOR 5
#define XC_SLOT_DATE 6

/* What the indexer knows about one source document. All fields UTF-8. */
typedef struct xc_doc {
    const char *id;        /* source ID, unique and stable; at most 240 bytes */
    const char *title;     /* may be "" */
    const char *text;      /* the whole text; stored for snippets */
    const char *path;      /* the file it was read from (absolute path): for
                              incremental runs, and shown with its hits */
    const char *signature; /* opaque change marker (size, mtime) */
    int title_derived;     /* 1: TITLE was found in TEXT (its first line that
                              reads like a title), not given with the
                              document: it is searchable as title:word but
                              weighs as the body text it already is, not as
                              a title */
    const char *type;      /* what it was read as: "text", "html", "pdf",
                              "mail", ...; NULL or "" when not known */
    unsigned long line;    /* its line in PATH (a JSON Lines record, a
                              message of an mbox); 0: the whole file */
    const xc_meta *meta;   /* NMETA pairs (may be NULL when NMETA is 0) */
    size_t nmeta;
} xc_doc;

/* A new, closed writer, or NULL when out of memory. */
xc_writer *xc_writer_new(void);

/* Closes the index if open. Changes not committed are discarded (Xapian
 * keeps the last committed state). Accepts NULL. */
void xc_writer_free(xc_writer *writer);

/* The message of the last failure on WRITER ("" if none). */
const char *xc_writer_error(const xc_writer *writer);

/* How xc_writer_open opens an index. Zeroed: update the index at PATH,
 * creating it if there is none, in its own language (english if new). */
typedef struct xc_open_opts {
    const char *lang; /* NULL: the index's own; a language that differs
                         from the one a non-empty index has is
                         XC_ERR_LANGUAGE
                         (mixing stemmers would break matching), except in
                         a rebuild */
    unsigned shards;  /* for a new index or a rebuild: that many shards
                         (0 or 1: none; a rebuild keeps the index's count
                         unless told) */
    int rebuild;      /* 1: start from an empty index, written beside the
                         live one and put in its place by xc_writer_publish;
                         until then searchers see the old one, and freeing
                         the writer without publishing leaves it as it was */
} xc_open_opts;

/* Opens the index folder PATH for writing (see "The index folder" in the
 * README; its layout is known only to the binding). PATH is created if it
 * does not exist (its parent must). The writer holds the index's lock from
 * here until it is freed: one writer at a time, XC_ERR_LOCKED for a second
 * one (the message names the holder's pid). A new index becomes visible to
 * searchers at its first commit. What writers killed before they finished
 * left in the folder is removed.
 * XC_ERR_NOT_SIFT: PATH holds something else (other files, another
 * program's Xapian database): never written to. XC_ERR_OLD_INDEX: an index
 * of an older sift, which only a rebuild replaces. XC_ERR_PERM: the file
 * system refused (permissions, read-only). */
xc_status xc_writer_open(xc_writer *writer, const char *path, const xc_open_opts *opts);

/* After xc_writer_open with rebuild: XC_OK if the index being replaced was
 * read (its language and shards are kept unless OPTS said otherwise), or
 * why it could not be (XC_ERR_CORRUPT, XC_ERR_OLD_INDEX), with the message
 * in *WHY (owned by WRITER): the rebuild goes on, since it is the cure. */
xc_status xc_writer_replacing(const xc_writer *writer, const char **why);

/* A part of a parallel build of PARENT's new index (open, holding no
 * documents, not sharded): PART (new, closed) becomes a writer of part K, a
 * database of its own inside the index folder that takes each source ID
 * once at most (added, not replaced), is not synced to disk (the merge is),
 * and whose words reach its spelling table by xc_writer_fill_spelling. Parts
 * are written on other threads than PARENT's; free each part (it closes)
 * before xc_writer_merge_parts. */
xc_status xc_writer_open_part(xc_writer *part, xc_writer *parent, unsigned k);

/* Merges parts 0..N-1 (xc_writer_open_part) into a new, compact database
 * that becomes PARENT's (documents renumbered, spelling tables added up),
 * then removes the parts. A new index is published at the next commit, a
 * rebuild by xc_writer_publish, as before; the lock is held throughout. */
xc_status xc_writer_merge_parts(xc_writer *parent, unsigned n);

/* Adds the words indexed since the last call to the spelling table, each
 * with the number of times it was seen. xc_writer_commit does it for a
 * writer that is not a part. */
xc_status xc_writer_fill_spelling(xc_writer *writer);

/* The number of shards of the open index, 0 if it is not sharded. */
unsigned xc_writer_shards(const xc_writer *writer);

/* The language of the open index (owned by WRITER), or NULL if not open. */
const char *xc_writer_language(const xc_writer *writer);

/* Number of documents, uncommitted changes included. */
xc_status xc_writer_doc_count(xc_writer *writer, unsigned long *count);

/* Adds DOC, or replaces the document that has the same source ID. */
xc_status xc_writer_put(xc_writer *writer, const xc_doc *doc);

/* Looks up the stored path and signature of source ID. *FOUND is set to 0 or
 * 1; when 1, *PATH and *SIGNATURE point at strings owned by WRITER, valid
 * until the next call on it. */
xc_status xc_writer_lookup(xc_writer *writer, const char *id, int *found,
                           const char **path, const char **signature);

/* Removes the document with source ID, if there is one. */
xc_status xc_writer_remove(xc_writer *writer, const char *id);

/* Calls VISIT(ctx, id, path) for every document, uncommitted changes
 * included, in source ID order (byte order; all shards together). The
 * strings are valid during the call only. A non-zero return from VISIT stops
 * the walk (the call still returns XC_OK). Do not modify the index from VISIT. */
typedef int (*xc_doc_visitor)(void *ctx, const char *id, const char *path);
xc_status xc_writer_foreach(xc_writer *writer, xc_doc_visitor visit, void *ctx);

/* Records that the folder (FOLDER 1) or file PATH (absolute) was indexed
 * at WHEN (seconds since 1970): path: filters are relative to the folders
 * recorded, and search --stats lists them. Kept with the next commit. */
xc_status xc_writer_note_root(xc_writer *writer, const char *path, int folder, long long when);

/* Forgets the folders and files recorded under PATH (PATH itself too). */
xc_status xc_writer_forget_root(xc_writer *writer, const char *path);

/* Makes every change so far durable, atomically for each database (one,
 * or each shard: see xc_writer_open): a reader or a crash sees either all
 * of it or none of it. The first commit of a new index makes it one:
 * before, searchers find no index. In a rebuild the changes stay unseen
 * until xc_writer_publish. */
xc_status xc_writer_commit(xc_writer *writer);

/* Commits, and makes a rebuild's new generation the index in one step (the
 * stub file's rename): readers see the old index or the new one, whole.
 * The old one is then deleted. On failure the old index is unchanged. Same
 * as xc_writer_commit for a writer that is not rebuilding. */
xc_status xc_writer_publish(xc_writer *writer);

/* 1 if PATH is an index folder (sift's, or any Xapian database), never to
 * be read as documents. */
int xc_is_index(const char *path);

/* ---------------------------------------------------------------------- */
/* Searching.                                                               */

typedef struct xc_searcher xc_searcher;
typedef struct xc_results xc_results;

/* How many matching documents have one value of a facet (also: documents
 * per type in xc_index_stats). */
typedef struct xc_facet_value {
    const char *value; /* "pdf", "2021", ... */
    unsigned long count;
} xc_facet_value;

/* A new, closed searcher, or NULL when out of memory. */
xc_searcher *xc_searcher_new(void);
void xc_searcher_free(xc_searcher *searcher);
const char *xc_searcher_error(const xc_searcher *searcher);

/* Opens the index at PATH for reading; the stemming language is read from
 * it. XC_ERR_NOT_FOUND if there is no index at PATH. */
xc_status xc_searcher_open(xc_searcher *searcher, const char *path);

/* The language of the open index (owned by SEARCHER). */
const char *xc_searcher_language(const xc_searcher *searcher);

/* Adds the index at PATH to SEARCHER's (open): every search then ranks the
 * documents of both as one index (one ranking, Xapian's add_database), and
 * again after each reopen. The indexes must share a language (XC_ERR_ARG
 * if not). A rebuild of an added index is seen at the next open. */
xc_status xc_searcher_add_index(xc_searcher *searcher, const char *path);

/* Calls VISIT(ctx, id, path) for every document, in the index's own order
 * (the order documents were added), streaming: memory does not grow with
 * the index. A non-zero return from VISIT stops the walk (XC_OK still). */
xc_status xc_searcher_foreach(xc_searcher *searcher, xc_doc_visitor visit, void *ctx);

/* A folder or file the index was made from (xc_writer_note_root). */
typedef struct xc_root {
    const char *path;
    int folder;       /* 1: a folder, 0: a file (a collection, say) */
    const char *when; /* last indexed, ISO 8601 UTC; "" if not known */
} xc_root;

/* What an index holds, for search --stats. */
typedef struct xc_index_stats {
    unsigned long docs;
    unsigned long long terms;       /* distinct terms (stems, filters, IDs) */
    unsigned long long words;       /* words indexed, all documents */
    unsigned long long bytes;       /* of the index's files on disk */
    const char *lang;               /* the index's language ("auto": each
                                       document's own, see LANGS) */
    const char *updated;            /* the newest change to its files, ISO
                                       8601 UTC */
    const xc_facet_value *types;    /* documents per type, most first */
    size_t ntypes;
    const xc_facet_value *langs;    /* documents per language (auto only) */
    size_t nlangs;
    const xc_root *roots;           /* folders and files indexed, by path */
    size_t nroots;
} xc_index_stats;

typedef struct xc_stats xc_stats;

/* Reads what the open index holds into a new *STATS (reads every term's
 * name: a second or so for millions of terms). */
xc_status xc_searcher_stats(xc_searcher *searcher, xc_stats **stats);

/* The figures of STATS, owned by it. */
const xc_index_stats *xc_stats_view(const xc_stats *stats);

void xc_stats_free(xc_stats *stats);

/* The number of documents of the latest commit (reopened as xc_search
 * is). */
xc_status xc_searcher_doc_count(xc_searcher *searcher, unsigned long *count);

/* How xc_search ranks (xc_search_opts.rank). */
typedef enum xc_rank_mode {
    /* BM25, then pseudo relevance feedback, and for short queries the
     * proximity boost, reordering BM25's best (see xc_search and
     * xc_rank_params): what ranks best, at two matches a query (BM25's best,
     * then one over those only; three with the boost) plus the choice of
     * feedback terms. */
    XC_RANK_FULL = 0,
    /* BM25 with the same parameters, stopwords and query reading, and
     * nothing else: one match a query, for the best offset + limit. The same
     * documents as XC_RANK_FULL (which only reorders), in BM25's order,
     * equal scores in source ID order; the same match counts when exact (an
     * estimate depends on how deep the match looked). */
    XC_RANK_BM25 = 1
} xc_rank_mode;

/* The base weighting of XC_RANK_FULL (xc_rank_params.weighting). BM25 is
 * the default; the others, Xapian's, are there to be measured against it
 * (bench/loco): each ranked below it on every judged collection. */
typedef enum xc_weighting {
    XC_WEIGHT_BM25 = 0, /* BM25, k1 = 1.6, b = 0.6: as XC_RANK_BM25 */
    XC_WEIGHT_BM25PLUS, /* Xapian's BM25PlusWeight, the same k1 and b, delta 1 */
    XC_WEIGHT_DPH,      /* divergence from randomness: DPHWeight (no parameters) */
    XC_WEIGHT_INL2,     /* InL2Weight, c = 1 */
    XC_WEIGHT_PL2,      /* PL2Weight, c = 1 */
    XC_WEIGHT_TFIDF     /* TfIdfWeight, "ntn" */
} xc_weighting;

/* How feedback picks its terms (xc_rank_params.expansion). */
typedef enum xc_expansion {
    XC_EXPAND_TRAD = 0, /* Xapian's default, TradEWeight: the default */
    XC_EXPAND_BO1       /* divergence from randomness: Bo1EWeight */
} xc_expansion;

/* How XC_RANK_FULL ranks. xc_rank_params_default() gives the defaults,
 * chosen on four judged collections, leaving one out at a time
 * (docs/ranking.md); other values are for measuring (search --rank-params,
 * bench/loco). */
typedef struct xc_rank_params {
    xc_weighting weighting;
    xc_expansion expansion;
    /* Pseudo relevance feedback: the FEEDBACK_TERMS terms that best tell
     * the best FEEDBACK_DOCS matches apart from the rest of the index are
     * added, together weighing at most FEEDBACK times what the query's own
     * words can (their greatest possible weights compared), whatever the
     * query's length. 0: no feedback. */
    double feedback;
    unsigned feedback_docs;
    unsigned feedback_terms;
    /* The proximity boost (query words that stand together also count as a
     * phrase, at PROXIMITY_WEIGHT of its weight) for queries of at most
     * PROXIMITY_WORDS words (stopwords not counted). 0: never. */
    unsigned proximity_words;
    double proximity_weight;
    /* Feedback and the boost reorder BM25's best WINDOW matches (the best
     * offset + limit if that is more): the cost of the default ranking. */
    unsigned window;
} xc_rank_params;

/* The defaults of XC_RANK_FULL. */
xc_rank_params xc_rank_params_default(void);

/* The order of hits (xc_search_opts.sort). */
typedef enum xc_sort {
    XC_SORT_RELEVANCE = 0, /* best first (the ranking of opts.rank) */
    XC_SORT_DATE,          /* oldest first, by the documents' dates (a
                              document without one first) */
    XC_SORT_DATE_DESC      /* newest first (without a date: last) */
} xc_sort;

/* The facets xc_search can count (xc_search_opts.facets): a document's
 * type, the year and month of its date, its author, its language (an index
 * of --lang auto). */
#define XC_FACETS "type, year, month, author, lang"

typedef struct xc_search_opts {
    unsigned offset;      /* hits to skip (paging) */
    unsigned limit;       /* hits to return at most */
    size_t snippet_bytes; /* about this many bytes of snippet; 0: none */
    int natural;          /* 1: no query syntax, every word is a word */
    double time_limit;    /* seconds before the search stops with
                             XC_ERR_TIMEOUT; 0: XC_DEFAULT_TIME_LIMIT */
    xc_rank_mode rank;    /* XC_RANK_FULL (0, the default) or XC_RANK_BM25;
                             xc_search_like ignores it */
    int skip_titles;      /* 1: hits' titles, paths, types and metadata
                             are left empty (reads per hit saved, for
                             output that shows none) */
    int correct;          /* 1: a query that matches nothing is replaced by
                             its spelling correction, if it has one (see
                             xc_search); 0: the correction is only offered */
    const xc_rank_params *params; /* XC_RANK_FULL's settings; NULL: the
                                     defaults. Copied by xc_search. */
    xc_sort sort;         /* XC_SORT_DATE*: by date, no feedback reordering */
    const char *facets;   /* NULL, or a comma-separated list of XC_FACETS to
                             count over all matches (xc_results_facet); an
                             unknown one is XC_ERR_ARG */
    int exact;            /* 1: the match counts are exact (one more pass
                             over every match; facets imply it) */
} xc_search_opts;

/* Bounds that keep every query's time and memory in check: a longer query,
 * or one of more distinct words, is refused (XC_ERR_ARG). Wildcards expand
 * to at most 1 000 words each. */
#define XC_MAX_QUERY_BYTES 16384
#define XC_MAX_QUERY_TERMS 1000
#define XC_DEFAULT_TIME_LIMIT 10.0

/* Runs QUERY, written in Xapian's query syntax: AND OR NOT, "phrase", NEAR,
 * prefix wildcards (liais*), title:word, id:SOURCE_ID (with opts->natural,
 * plain words only), and the filters date:2021-10-01..2021-10-31 (open
 * ends, date:2021, date:2021-10), type:pdf, path:FOLDER (absolute, or under
 * each folder indexed: every document of the file or folder), author:word;
 * "-type:pdf" leaves out. Two of one field are OR-ed, different fields
 * AND-ed; a query of filters alone lists what they match, in source ID
 * order. A bad filter (date:soon) is XC_ERR_ARG; a "field:" that is none
 * is searched as words, and xc_results_note says so. Broken syntax (an unbalanced quote, a dangling AND) is
 * not an error: the query is then taken as plain words. Case does not change
 * what a word means: words are lower-cased, and AND, OR, NOT, XOR, NEAR are
 * operators only in a query that also has lower-case letters.
 * A leading or inner wildcard (*phone, mil*ry) is refused: XC_ERR_ARG.
 * Ranking (opts->rank XC_RANK_FULL): BM25 without the stopwords of the
 * index's language, then, over BM25's best max(offset + limit, window),
 * pseudo relevance feedback (terms from the best few matches, added at a
 * weight relative to the query's), and for short queries a boost for query
 * words that stand together in the document: they reorder the matches but
 * never add one (xc_rank_params); XC_RANK_BM25: the BM25 alone. Words not in
 * the index get a spelling suggestion (xc_results_suggestion); the results
 * are always those of the query as typed, unless it matches nothing,
 * opts->correct is set and there is a suggestion: then the suggestion is
 * searched instead (xc_results_corrected).
 * If the index is modified by a writer meanwhile, the searcher reopens it and
 * runs the query again. On success *RESULTS is a new handle the caller frees
 * with xc_results_free(); it holds copies of everything and does not need
 * SEARCHER to stay open. */
xc_status xc_search(xc_searcher *searcher, const char *query,
                    const xc_search_opts *opts, xc_results **results);

/* Documents like the one with source ID: its most telling terms, searched
 * (the document itself left out). XC_ERR_NO_DOC if the index has no such
 * ID. */
xc_status xc_search_like(xc_searcher *searcher, const char *id,
                         const xc_search_opts *opts, xc_results **results);

void xc_results_free(xc_results *results);

/* The query with its misspelt words corrected from the index's own words, or
 * "" when every word is known. Owned by RESULTS. */
const char *xc_results_suggestion(const xc_results *results);

/* 1 if the query matched nothing and these are the suggestion's results. */
int xc_results_corrected(const xc_results *results);

/* A note about the query for its reader ("'ext:' is not a field (the
 * fields are ...): searched as words"), or "". Owned by RESULTS. */
const char *xc_results_note(const xc_results *results);

/* The number of facets counted (those of opts.facets, in that order). */
size_t xc_results_facets(const xc_results *results);

/* Facet I: its name (NULL if I is out of range), and in *VALUES its *N
 * values: years and months in order, the others most frequent first (at
 * most 100: the rest are left out). Owned by RESULTS. */
const char *xc_results_facet(const xc_results *results, size_t i, const xc_facet_value **values, size_t *n);

/* How many documents match in all (not only this page): a lower bound, an
 * estimate and an upper bound. They are equal when the count is exact. */
void xc_results_matches(const xc_results *results, unsigned long *lower,
                        unsigned long *estimated, unsigned long *upper);

/* A highlighted stretch of a snippet: byte offsets, END exclusive, on
 * character boundaries, neither starting nor ending with a space. */
typedef struct xc_span {
    size_t start, end;
} xc_span;

/* ID, TITLE, SNIPPET, PATH, TYPE and the metadata are always valid UTF-8
 * without NUL bytes (repaired if the index holds anything else), so callers
 * print them as they are. */
typedef struct xc_hit {
    unsigned rank;         /* 1-based, counting the offset */
    const char *id;        /* source ID */
    const char *title;
    const char *path;      /* the file it came from (xc_doc.path); printers
                              also take NULL here, in TYPE and META */
    unsigned long line;    /* its line in PATH, 0 if it is the whole file */
    const char *type;      /* xc_doc.type, "" if not known */
    const xc_meta *meta;   /* the document's metadata, as put (xc_meta) */
    size_t nmeta;
    double score;          /* BM25 weight (with feedback, and any boost) */

    const char *snippet;   /* plain UTF-8 text, whitespace collapsed; "" if
                              snippets were not asked for */
    const xc_span *spans;  /* the matched words in SNIPPET: sorted, apart
                              from each other, matches separated only by a
                              space joined into one */
    size_t nspans;
} xc_hit;

/* One document as stored (xc_searcher_get_doc). Every string is valid
 * UTF-8 without NUL bytes (repaired as xc_hit's are), "" when not known. */
typedef struct xc_stored_doc {
    const char *id;
    const char *title;
    const char *text;      /* the whole text, as stored for snippets */
    const char *path;
    unsigned long line;    /* its line in PATH, 0 if it is the whole file */
    const char *type;
    const char *date;      /* the "date" metadata (ISO 8601) */
    const char *author;    /* the "author" metadata */
    const xc_meta *meta;   /* all its metadata, as put (date and author too) */
    size_t nmeta;
} xc_stored_doc;

/* The document with source ID, from the latest commit (reopened as
 * xc_search is). On success *DOC is new, owned by the caller, freed with
 * xc_stored_doc_free, and independent of SEARCHER. XC_ERR_NO_DOC: the
 * index has no such ID (or ID is longer than any ID can be). */
xc_status xc_searcher_get_doc(xc_searcher *searcher, const char *id, xc_stored_doc **doc);
void xc_stored_doc_free(xc_stored_doc *doc);

/* Number of hits held (at most opts->limit). */
size_t xc_results_size(const xc_results *results);

/* Hit I (0-based), owned by RESULTS; NULL if I is out of range. */
const xc_hit *xc_results_hit(const xc_results *results, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* XC_H */
