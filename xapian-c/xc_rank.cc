// Ranking: BM25 with our parameters, pseudo relevance feedback, documents
// like a given one, and the proximity boost over a rescoring window.
//
// The defaults were chosen with bench/relevance (MAP and nDCG@10 against
// relevance judgments): settings picked on cranfield, then confirmed on cisi;
// each lever was kept only if it helped on both. The README's "Ranking"
// section has the table.
#include "xc_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace {

// BM25's term frequency saturation and length normalisation. Xapian's
// defaults are k1 = 1, b = 0.5; 1.6 and 0.6 did better on both collections.
const double BM25_K1 = 1.6;
const double BM25_B = 0.6;

// Feedback: the terms that best tell the best FEEDBACK_DOCS matches apart
// from the rest of the index, FEEDBACK_TERMS of them, each at
// FEEDBACK_WEIGHT of a query term's weight.
const Xapian::termcount FEEDBACK_TERMS = 10;
const double FEEDBACK_WEIGHT = 0.3;

// Terms looked at beyond those kept, so that equal weights at the cut are
// settled by term, not by the order Xapian happened to add them up in.
const Xapian::termcount TIE_MARGIN = 10;

// Terms that describe a document for --like.
const Xapian::termcount LIKE_TERMS = 20;

// The proximity boost counts this much of a phrase's BM25 weight.
const double BOOST_WEIGHT = 0.5;

// Expansion draws from stemmed words ("Z" terms) only: not from exact forms
// (which would count a word twice), titles, IDs, or stopwords.
struct telling_terms : Xapian::ExpandDecider {
    const xc_searcher &s;
    explicit telling_terms(const xc_searcher &searcher) : s(searcher) {}
    bool operator()(const std::string &term) const override
    {
        return term.size() > 1 && term[0] == 'Z' && !xc::is_stop_term(s, term);
    }
};

} // namespace

xc::deadline::deadline(double seconds)
    : end_(std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                  std::chrono::duration<double>(seconds))),
      seconds_(seconds)
{
}

void xc::deadline::check() const
{
    if (std::chrono::steady_clock::now() > end_) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "the search took longer than %g s and was stopped", seconds_);
        throw timeout_error(msg);
    }
}

Xapian::BM25Weight xc::bm25()
{
    return Xapian::BM25Weight(BM25_K1, 0, 1, BM25_B, 0.5);
}

void xc::rank(Xapian::Enquire &enquire)
{
    enquire.set_weighting_scheme(bm25());
    // Equal scores in source ID order, not Xapian's document numbers: those
    // differ between an index and the same documents in shards (or merged
    // from parts), and the answers must not.
    enquire.set_sort_by_relevance_then_value(xc::SLOT_ID, false);
}

// The best N terms of ESET's first ones, equal weights in term order: the
// weights add up per document in document-number order, so equal terms can
// differ in the last bits between an index and its shards.
static std::vector<std::string> best_terms(const Xapian::ESet &eset, size_t n)
{
    std::vector<std::pair<double, std::string>> all;
    for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it)
        all.emplace_back(std::round(it.get_weight() * 1e6) / 1e6, *it);
    std::stable_sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> terms;
    for (size_t i = 0; i < all.size() && i < n; i++)
        terms.push_back(all[i].second);
    return terms;
}

Xapian::Query xc::with_feedback(const xc_searcher &s, Xapian::Enquire &enquire, const Xapian::Query &query,
                                const Xapian::MSet &top)
{
    Xapian::RSet rset;
    for (Xapian::MSetIterator it = top.begin(); it != top.end() && rset.size() < xc::FEEDBACK_DOCS; ++it)
        rset.add_document(*it);
    if (rset.empty())
        return query;
    telling_terms decider(s);
    Xapian::ESet eset = enquire.get_eset(FEEDBACK_TERMS + TIE_MARGIN, rset, &decider);
    std::vector<Xapian::Query> extra;
    for (const std::string &term : best_terms(eset, FEEDBACK_TERMS))
        extra.emplace_back(term);
    if (extra.empty())
        return query;
    Xapian::Query expansion(Xapian::Query::OP_OR, extra.begin(), extra.end());
    // AND_MAYBE, not OR: the results are the documents the user asked for,
    // only better ordered. (OR brought in documents without any query word
    // for no measurable gain.)
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, FEEDBACK_WEIGHT));
}

Xapian::Query xc::like_query(const xc_searcher &s, Xapian::docid doc, const std::string &id)
{
    Xapian::Enquire enquire(*s.db);
    Xapian::RSet rset;
    rset.add_document(doc);
    telling_terms decider(s);
    Xapian::ESet eset = enquire.get_eset(LIKE_TERMS + TIE_MARGIN, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (const std::string &term : best_terms(eset, LIKE_TERMS))
        terms.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                         Xapian::Query(xc::PREFIX_ID + id));
}

// Checking word positions costs far more than BM25 (a phrase per pair of
// query words, each read for every matching document: 40 times slower over
// all matches), so like a rescoring window elsewhere the boost only reorders
// the documents that BM25 already ranks near the top. A boosted document
// scores its BM25 weight plus BOOST_WEIGHT times the weight of the phrases it
// holds. Only the window moves, so a page's order never depends on how many
// hits were asked for.
std::vector<xc::ranked> xc::rerank(const xc_searcher &s, const Xapian::MSet &mset, const Xapian::Query &boost,
                                   const deadline &limit)
{
    std::vector<ranked> all;
    std::vector<Xapian::Query> ids;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        all.push_back(ranked{it, it.get_weight()});
        if (ids.size() < xc::RERANK_WINDOW)
            ids.emplace_back(xc::PREFIX_ID + it.get_document().get_value(xc::SLOT_ID));
    }
    if (boost.empty() || ids.empty())
        return all;
    // Its own Enquire: MSET's snippets highlight the terms of MSET's query.
    Xapian::Enquire enquire(*s.db);
    rank(enquire);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, boost,
                                    Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
    limit.check();
    Xapian::MSet boosted = enquire.get_mset(0, ids.size());
    std::unordered_map<Xapian::docid, double> extra;
    for (Xapian::MSetIterator it = boosted.begin(); it != boosted.end(); ++it)
        extra[*it] = BOOST_WEIGHT * it.get_weight();
    for (ranked &hit : all) {
        auto b = extra.find(*hit.it);
        if (b != extra.end())
            hit.score += b->second;
    }
    // Stable: equal scores keep BM25's order.
    std::stable_sort(all.begin(), all.begin() + std::min<size_t>(all.size(), xc::RERANK_WINDOW),
                     [](const ranked &a, const ranked &b) { return a.score > b.score; });
    return all;
}
