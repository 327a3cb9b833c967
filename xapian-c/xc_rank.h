// xc_rank.h - how a search turns query text into ranked documents, in the
// order it happens: the text read into Xapian queries (xc_query.cc), then
// BM25, pseudo relevance feedback and the proximity boost (xc_rank.cc).
// Private to the binding layer.
#ifndef XC_RANK_H
#define XC_RANK_H

#include "xc_private.h"

#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

namespace xc {

// The time limit of one search, checked between its steps (each match, the
// rescoring, each snippet); past it, check() throws timeout_error. Xapian
// cannot stop a match half-way (a MatchDecider could, but then match counts
// are no longer exact), so a step that has begun finishes; the bounds on
// query size (xc.h) keep each step short.
class deadline {
  public:
    explicit deadline(double seconds);
    void check() const;

  private:
    std::chrono::steady_clock::time_point end_;
    double seconds_;
};

// What a query's text says, read with the index's stemmer.
struct parsed_query {
    Xapian::Query query;   // what documents must match, stemmed
    Xapian::Query boost;   // phrases of the words that stand together
    std::string corrected; // the text with misspelt words corrected, or ""
                           // (set by correct())
    unsigned words = 0;    // the query's words, stopwords left out, a
                           // wildcard counting as one
    // How QUERY was read, for correct().
    std::string text;
    unsigned flags = 0;
    bool natural = false;
    // The filters (xc_filter.h) taken out of the text: what QUERY's matches
    // are narrowed to; with_filters(query, filter, filtered) is what runs.
    Xapian::Query filter;
    bool filtered = false;
    std::string filter_text; // their text, kept in a correction
    std::string note;        // about fields that are not ones
};

// Reads TYPED: Xapian's query syntax, or with NATURAL plain words only.
// Case never changes the meaning of a word (see fold_case in xc_query.cc).
// The proximity boost is built for a query of at most BOOST_WORDS words
// (else, and with 0, parsed_query::boost is empty).
parsed_query parse_query(const xc_searcher &s, const std::string &typed, bool natural, unsigned boost_words);

// Sets PARSED.corrected: the spelling table's correction of the words of
// PARSED.query that are not in the index, or "" when all are. MSET is a match
// of PARSED.query: its term statistics say which are in the index.
void correct(const xc_searcher &s, parsed_query &parsed, const Xapian::MSet &mset);

// The words of QUERY to highlight, as one OR: MSet::snippet of Xapian 1.4
// finds a phrase only as words written as they are in the index, and our
// phrases are of stems. Words the query excludes are left out.
Xapian::Query highlight_query(const Xapian::Query &query);

// 1 if the stemmed term TERM ("Z" + stem) is a stopword of the index's
// language: words such as "the" that say nothing of what a text is about.
bool is_stop_term(const xc_searcher &s, const std::string &term);

// 1 if DB is one local database, not shards or a remote one: the shortcuts
// below that read the index directly (docids, value streams, statistics)
// are taken only then; otherwise Xapian does it all, as it always did.
bool one_local_database(const Xapian::Database &db);

// Our BM25 parameters (see xc_rank.cc for how they were chosen).
Xapian::BM25Weight bm25();

// Sets up ENQUIRE to rank as every search does: WEIGHTING (bm25() unless
// measuring others), equal scores in source ID order (sort_by_id).
void rank(Xapian::Enquire &enquire, xc_weighting weighting = XC_WEIGHT_BM25);
void sort_by_id(Xapian::Enquire &enquire);

// Expansion draws from stemmed words ("Z" terms) only: not from exact forms
// (which would count a word twice), titles, IDs, or stopwords.
struct telling_terms : Xapian::ExpandDecider {
    const xc_searcher &s;
    explicit telling_terms(const xc_searcher &searcher) : s(searcher) {}
    bool operator()(const std::string &term) const override;
};

// term_freqs (the cache feedback reads term frequencies through) is in
// xc_private.h: each searcher handle owns one.

// An expansion term and its weight.
struct weighted_term {
    std::string term;
    double weight;
};

// The MAX_TERMS stemmed words (no stopwords, none of QUERY's terms) that best
// tell DOCS apart from the rest of the index, best first: the terms, weights
// and order of Enquire(QUERY).get_eset(MAX_TERMS, DOCS, telling_terms) with
// expansion scheme EXPANSION, bit for bit, with term frequencies from FREQS
// (xc_eset.cc). Debug builds check every call against Xapian's ESet.
std::vector<weighted_term> feedback_terms(const xc_searcher &s, const Xapian::Query &query,
                                          const std::vector<Xapian::docid> &docs, Xapian::termcount max_terms,
                                          xc_expansion expansion, term_freqs &freqs);

// A hit on its way out: its document, final score, and where it is in the
// MSet it came from. best() may pick, on one local database, a document the
// MSet does not hold: then IT is MSetIterator() (read such a hit's document
// with Database::get_document; over shards and remote databases IT is
// always set).
struct ranked {
    Xapian::docid did;
    double score;
    Xapian::MSetIterator it;
    bool has_id = false; // ID holds the source ID, read by best() for ties
    std::string id;
};

// Pseudo relevance feedback: the PARAMS.feedback_terms terms that best tell
// the first PARAMS.feedback_docs of TOP (the best matches of QUERY) apart
// from the rest of the index, as one OR (empty if there are none).
Xapian::Query feedback_query(const xc_searcher &s, const Xapian::Query &query, const std::vector<ranked> &top,
                             const xc_rank_params &params, term_freqs &freqs);

// A query for documents like DOC: its most telling terms, DOC itself left out.
Xapian::Query like_query(const xc_searcher &s, Xapian::docid doc, const std::string &id);

// The values in SLOT of the documents DIDS (any order), read along the
// slot's value stream, on one local database.
std::vector<std::string> values_of(const Xapian::Database &db, Xapian::valueno slot,
                                   const std::vector<Xapian::docid> &dids);

// The best K matches of ENQUIRE's query, in rank()'s order, into HITS; MSET
// gives the match counts. The same hits, scores and counts as
// ENQUIRE.get_mset(0, K) after rank(ENQUIRE), without reading every
// candidate's source ID on one local database (see xc_rank.cc). There, the
// first WANT_IDS hits come with their source IDs (ranked::id), read in the
// same pass as those of ties. ENQUIRE is left ranking as rank() does.
void best(const xc_searcher &s, Xapian::Enquire &enquire, Xapian::doccount k, Xapian::MSet &mset,
          std::vector<ranked> &hits, Xapian::doccount want_ids = 0);

// How much of a document's weight for a query rescore() adds: WEIGHT times
// it, or with OF_MAX > 0, WEIGHT * OF_MAX / (the query's greatest possible
// weight) times it: the query then adds at most WEIGHT * OF_MAX. Weighed
// with WEIGHTING.
struct added_weight {
    double weight;
    double of_max;
    xc_weighting weighting;
};

// The first WINDOW of HITS (all of them if fewer) with ADDED of their weight
// for EXTRA added, sorted again (stably); an empty EXTRA changes nothing.
void rescore(const xc_searcher &s, std::vector<ranked> &hits, size_t window, const Xapian::Query &extra,
             const added_weight &added, const deadline &limit);

// The default ranking of HITS, BM25's best (the window: at least
// PARAMS.window, and as many as the page needs), whose query PARSED can
// weigh at most QUERY_MAX: feedback terms from the best few, at most
// PARAMS.feedback of QUERY_MAX together, then the proximity boost (if
// PARSED has one) over the best PARAMS.window. Only the order within HITS
// changes, never which documents match.
void refine(const xc_searcher &s, const parsed_query &parsed, const xc_rank_params &params, double query_max,
            std::vector<ranked> &hits, term_freqs &freqs, const deadline &limit);


} // namespace xc

#endif
