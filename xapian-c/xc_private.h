/*
 * xc_private.h - what lies behind xc.h: the C++ structs of the handles, the
 * libstemmer adapter, and guard(), which turns every exception into a status.
 * Only the binding layer's .cc files include this.
 */
#ifndef XC_PRIVATE_H
#define XC_PRIVATE_H

#include "xc.h"
#include "xc_folder.h"

#include <xapian.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

/* Value slots and term prefixes: the index layout, shared by writer and
 * searcher. */
namespace xc {
enum Slot : Xapian::valueno {
    SLOT_ID = 0,
    SLOT_TITLE = 1,
    SLOT_PATH = 2,
    SLOT_SIGNATURE = 3,
    SLOT_TYPE = XC_SLOT_TYPE,
    SLOT_AUTHOR = XC_SLOT_AUTHOR,
    SLOT_DATE = XC_SLOT_DATE,
    SLOT_META = 7, /* every xc_meta pair: key NUL value NUL ... (meta.cc) */
    SLOT_LINE = 8, /* xc_doc.line in decimal; empty for 0 */
    SLOT_LANG = 9  /* the language a document was stemmed as (AUTO_LANG) */
};
const char *const PREFIX_ID = "Q";    /* unique source ID term */
const char *const PREFIX_TITLE = "S"; /* title:word */
const char *const PREFIX_LANG = "L";  /* the language a document was stemmed
                                         as, in an index of AUTO_LANG */
const char *const META_LANG = "lang"; /* stemming language of the index */
/* The language of an index whose documents are each stemmed as the language
 * detected in them (xc_detect.cc). */
const char *const AUTO_LANG = "auto";
/* The layout of the index: how words become terms, what the values hold.
 * An index with another value (or none) was written by an older sift and
 * must be rebuilt. Words are written once, as "Z" + the stem of the folded
 * word (fold_word) with positions (Xapian's STEM_ALL_Z), so phrases match
 * stems; CJK text as one word per character; "/2": documents carry their
 * path, line, type and metadata (slots 4-8), and files' source IDs follow
 * the rule of issue 13; "/3": every document has a date (its own, else its
 * file's), type and author terms (xc_filter.h) for the filters of issue
 * 14. The older layouts: "folded-stem-all-z-cjk/2" (no filters), none (exact words plus stems),
 * "stem-all-z" (not folded, no paths), "stem-all-z/2" (not folded),
 * "folded-stem-all-z-cjk" (no paths). */
const char *const META_TERMS = "terms";
const char *const TERMS_STEMMED = "folded-stem-all-z-cjk/3";
const char *const DEFAULT_LANG = "english";
/* Xapian refuses terms over 245 bytes; "Q" + ID must fit. */
const size_t MAX_ID_BYTES = 240;

/* WORD with its case folded (full Unicode case folding: ß is ss, final ς is
 * σ) and its accents taken off (café is cafe, Müller is muller; the marks
 * that are parts of letters in other scripts stay, and so does the breve of
 * Cyrillic й), by utf8proc. COMPAT: compatibility forms too, as NFKC does
 * (ligatures, full-width letters, superscripts). */
std::string fold_letters(const std::string &word, bool compat);

/* What a word is indexed and searched as before it is stemmed:
 * fold_letters(WORD, true) without an elided article (l'économie is
 * economie, also Italian, Catalan and Irish ones) or a possessive 's. */
std::string fold_word(const std::string &word);

/* 1 if Xapian reads code point C as CJK (split into n-grams). */
bool is_cjk(unsigned c);

/* TEXT with a space between any two CJK letters, and between a CJK letter
 * and a letter of another script: Chinese, Japanese and Korean have no
 * spaces between words, so each character is indexed as a word, at its own
 * position, and a query's word is the phrase of its characters (Xapian 1.4's
 * FLAG_CJK_NGRAM gives unigrams and bigrams positions of their own, so the
 * phrase of two adjacent characters never matches). */
std::string split_cjk(const std::string &text);

/* What the writer indexes of TEXT: split_cjk(fold_width(TEXT)). */
std::string index_form(const std::string &text);

/* TEXT with its Halfwidth and Fullwidth Forms (ＮＡＴＯ, half-width katakana)
 * in their usual width (NFKC): Xapian would read ＮＡＴＯ as CJK. Applied to
 * every text before Xapian tokenizes it: documents, queries, snippets. */
std::string fold_width(const std::string &text);

/* A Xapian stemmer backed by libstemmer, for LANG ("none": no stemming),
 * that stems fold_word(word): so index, query and snippets fold alike.
 * Throws Xapian::InvalidArgumentError for an unknown language. */
Xapian::Stem make_stem(const std::string &lang);

/* The writer's stemmer: make_stem(LANG) behind a cache (most words come back
 * again and again), which also counts every word it is asked for, so that
 * the spelling table can be filled from them: the index itself holds only
 * stems. */
class word_cache : public Xapian::StemImplementation {
  public:
    /* Past this many distinct words, add_spellings() starts the cache over:
     * the bound on its memory (some 100 bytes a word). */
    static const size_t MAX_WORDS = 1 << 19;
    explicit word_cache(const std::string &lang);
    std::string operator()(const std::string &word) override;
    std::string get_description() const override;
    /* Adds the words seen since the last call to DB's spelling table, each
     * with how often it was seen. */
    void add_spellings(Xapian::WritableDatabase &db);
    size_t size() const { return words_.size(); }

  private:
    struct entry {
        std::string stem;
        Xapian::termcount seen;
    };
    Xapian::Stem stem_;
    std::unordered_map<std::string, entry> words_;
};

/* Guesses the language of documents (libexttextcat), for an index of
 * AUTO_LANG. One per writer: a guesser is not to be shared by threads. */
class language_guesser {
  public:
    /* Throws Xapian::InvalidArgumentError if the models cannot be read. */
    language_guesser();
    ~language_guesser();
    language_guesser(const language_guesser &) = delete;
    language_guesser &operator=(const language_guesser &) = delete;
    /* The libstemmer language of a document of TITLE and TEXT: the most
     * likely one that libstemmer has; "none" for Chinese, Japanese or
     * Korean; DEFAULT_LANG when the text is too short to tell or is of no
     * language with a stemmer. Reads at most the first 2 KiB of TEXT. */
    std::string operator()(const std::string &title, const std::string &text);

  private:
    void *handle_;
};

/* The name an index records for LANG: libstemmer's own name for the
 * algorithm behind an alias ("fr" -> "french"), else LANG unchanged. */
std::string canonical_language(const std::string &lang);

/* Runs BODY; on any exception stores its message in ERROR and returns the
 * matching status. Every C entry point goes through here, so nothing C++
 * unwinds into C. */
template <class Body>
xc_status guard(std::string &error, Body &&body) noexcept;

xc_status status_of_current_exception(std::string &error) noexcept;

/* An error of our own with the status it stands for: guard() returns
 * STATUS with the message. */
struct status_error : std::runtime_error {
    xc_status status;
    status_error(xc_status st, const std::string &message) : std::runtime_error(message), status(st) {}
};

/* Thrown when a search passes its time limit (XC_ERR_TIMEOUT). */
struct timeout_error : status_error {
    explicit timeout_error(const std::string &message) : status_error(XC_ERR_TIMEOUT, message) {}
};

/* Thrown when an index holds terms of another layout (XC_ERR_OLD_INDEX):
 * not damage, and not Xapian's DatabaseVersionError, which a garbled version
 * file also raises. */
struct old_index_error : status_error {
    explicit old_index_error(const std::string &message) : status_error(XC_ERR_OLD_INDEX, message) {}
};

/* Adds the index at PATH to DB, whose language is LANG
 * (xc_searcher_add_index): of the current layout and the same language,
 * else status_error. */
void add_index(Xapian::Database &db, const std::string &lang, const std::string &path);

/* Throws old_index_error if DB, holding DOCS documents (all its shards'),
 * has terms of an older layout (metadata META_TERMS), and status_error
 * XC_ERR_NOT_SIFT if it was not written by sift at all (no META_LANG). */
void require_current_layout(const Xapian::Database &db, Xapian::doccount docs);
} // namespace xc

template <class Body>
xc_status xc::guard(std::string &error, Body &&body) noexcept
{
    try {
        error.clear();
        return body();
    } catch (...) {
        return status_of_current_exception(error);
    }
}

struct xc_stemmer {
    Xapian::Stem stem;
    std::string last;
};

namespace xc {
/* Indexing text in one language: a TermGenerator and its stemmer. */
struct lang_indexer {
    Xapian::TermGenerator indexer;
    word_cache *words = nullptr; /* the indexer's stemmer, owned by it */
};
} // namespace xc

struct xc_writer {
    std::string error;
    std::string path; /* the index folder (a part's own folder) */
    std::string lang;
    /* The generation written: one database, or one per shard, a document
     * always in the shard its source ID hashes to. */
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> dbs;
    /* By language: LANG's, or for AUTO_LANG one per language met so far. */
    std::map<std::string, xc::lang_indexer> indexers;
    std::unique_ptr<xc::language_guesser> guess; /* for AUTO_LANG */
    bool bulk = false; /* a part of a parallel build (xc_writer_open_part) */
    std::string found_path, found_signature; /* xc_writer_lookup's answers */
    /* The index folder (xc_folder.h); a part has no lock and no generation. */
    std::unique_ptr<xc::folder::lock> lock;
    xc::folder::generation gen; /* the one dbs are */
    bool published = true;      /* gen is the index (named by the stub) */
    bool rebuild = false;       /* gen waits for xc_writer_publish */
    unsigned replaces = 0;      /* the generation gen replaces when published */
    bool legacy = false;        /* ... or the older layout's files */
    xc_status replacing = XC_OK; /* why the index replaced could not be read */
    std::string replacing_why;
};

namespace xc {
class stop_list;
/* How a query is read for one language: its stemmer and stopwords (nullptr:
 * none). */
struct reading {
    std::string lang;
    Xapian::Stem stem;
    const stop_list *stops;
};
} // namespace xc

namespace xc {
// How many documents hold each term, as read from the index, kept from one
// search to the next: feedback weighs a hundred or so terms per query, most
// of them the same common words. Good for one revision of one index only:
// its owner clears it whenever the index is opened or reopened. Holds at
// most MAX_TERMS terms (then starts over).
class term_freqs {
  public:
    static const size_t MAX_TERMS = 1 << 18;
    Xapian::doccount get(const Xapian::Database &db, const std::string &term);
    void clear() { freqs_.clear(); }

  private:
    std::unordered_map<std::string, Xapian::doccount> freqs_;
};
} // namespace xc

struct xc_searcher {
    std::string error;
    std::string path;
    std::string lang;
    std::unique_ptr<Xapian::Database> db;
    Xapian::Stem stem; /* the index's; for AUTO_LANG, DEFAULT_LANG's */
    /* One per language of the index: of LANG, or for AUTO_LANG of each
     * language its documents were detected as (each reading then matches
     * that language's documents only). */
    std::vector<xc::reading> readings;
    /* PATH is a sift index folder: the stub as it was when DB was opened,
     * to see that a rebuild has published another generation. */
    bool sift_folder = false;
    xc::folder::stub_id stub;
    std::vector<std::string> more; /* indexes searched with PATH's (xc_stats.cc) */
    /* Of the revision DB is: cleared whenever DB is opened or reopened.
     * Owned by the handle, so searchers on other threads share nothing. */
    xc::term_freqs freqs;
};

namespace xc {
/* Metadata pairs as stored in SLOT_META, and back (xc_meta.cc). */
std::string encode_meta(const xc_meta *meta, size_t n);
std::vector<std::pair<std::string, std::string>> decode_meta(const std::string &blob);
} // namespace xc

struct xc_hit_store {
    std::string id, title, snippet, path, type;
    unsigned long line = 0;
    std::vector<std::pair<std::string, std::string>> meta;
    std::vector<xc_meta> meta_view; /* points into meta */
    double score = 0;
    std::vector<xc_span> spans;
};

/* What xc_searcher_get_doc reads, before it is packed into one block
 * (xc_stored_doc and, after it, the metadata array and the strings). */
struct xc_stored_doc_store {
    std::string id, title, text, path, type, date, author;
    unsigned long line = 0;
    std::vector<std::pair<std::string, std::string>> meta;
};

struct xc_results {
    unsigned long lower = 0, estimated = 0, upper = 0;
    std::string suggestion; /* the query with its misspelt words corrected */
    bool corrected = false; /* these are the suggestion's results */
    std::string note;       /* about the query's fields (xc_results_note) */
    struct facet {
        std::string name;
        std::vector<std::pair<std::string, unsigned long>> counts;
        std::vector<xc_facet_value> view; /* points into counts */
    };
    std::vector<facet> facets;
    std::vector<xc_hit_store> store;
    std::vector<xc_hit> hits; /* point into store */
};

#endif
