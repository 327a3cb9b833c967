// Ranking: BM25 with our parameters, pseudo relevance feedback, documents
// like a given one, and the proximity boost over a rescoring window.
//
// The defaults (xc_rank_params_default) were chosen with bench/loco: MAP and
// nDCG@10 on four judged collections, the settings picked on three of them
// and checked on the fourth, each way round; docs/ranking.md has the tables
// and what else was tried.
#include "xc_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <unordered_map>

namespace {

// BM25's term frequency saturation and length normalisation. Xapian's
// defaults are k1 = 1, b = 0.5; 1.6 and 0.6 did better on all four judged
// collections (docs/ranking.md).
const double BM25_K1 = 1.6;
const double BM25_B = 0.6;

// Terms looked at beyond those kept, so that equal weights at the cut are
// settled by term, not by the order Xapian happened to add them up in.
const Xapian::termcount TIE_MARGIN = 10;

// Terms that describe a document for --like.
const Xapian::termcount LIKE_TERMS = 20;

} // namespace

extern "C" xc_rank_params xc_rank_params_default(void)
{
    xc_rank_params p;
    p.weighting = XC_WEIGHT_BM25;
    p.expansion = XC_EXPAND_TRAD;
    // Feedback: Xapian's ESet of the best 5 matches, its 10 best terms,
    // together at most a fifth of what the query's own words can weigh.
    p.feedback = 0.2;
    p.feedback_docs = 5;
    p.feedback_terms = 10;
    // The proximity boost lost on every judged collection, at every query
    // length and weight tried (docs/ranking.md): off unless asked for.
    p.proximity_words = 0;
    p.proximity_weight = 0.5;
    // What feedback reorders for a page of ten: nDCG@10 was the same as
    // over BM25's best 1 000, on all four collections, within 0.001.
    p.window = 30;
    return p;
}

bool xc::telling_terms::operator()(const std::string &term) const
{
    return term.size() > 1 && term[0] == 'Z' && !xc::is_stop_term(s, term);
}

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

std::vector<std::string> xc::values_of(const Xapian::Database &db, Xapian::valueno slot,
                                       const std::vector<Xapian::docid> &dids)
{
    // In docid order: a page of a thousand hits then costs a few chunk
    // reads, where Document::get_value searches the B-tree afresh for each.
    if (dids.empty())
        return {};
    std::vector<size_t> order(dids.size());
    for (size_t i = 0; i < order.size(); i++)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return dids[a] < dids[b]; });
    std::vector<std::string> out(dids.size());
    Xapian::ValueIterator v = db.valuestream_begin(slot);
    const Xapian::ValueIterator end = db.valuestream_end(slot);
    for (size_t i : order) {
        if (v == end)
            break;
        v.skip_to(dids[i]);
        if (v != end && v.get_docid() == dids[i])
            out[i] = *v;
    }
    return out;
}

void xc::sort_by_id(Xapian::Enquire &enquire)
{
    // Equal scores in source ID order, not Xapian's document numbers: those
    // differ between an index and the same documents in shards (or merged
    // from parts), and the answers must not.
    enquire.set_sort_by_relevance_then_value(xc::SLOT_ID, false);
}

void xc::rank(Xapian::Enquire &enquire, xc_weighting weighting)
{
    // Xapian's parameters for the others: they are there to be measured.
    switch (weighting) {
    case XC_WEIGHT_BM25PLUS:
        enquire.set_weighting_scheme(Xapian::BM25PlusWeight(BM25_K1, 0, 1, BM25_B, 0.5, 1.0));
        break;
    case XC_WEIGHT_DPH:
        enquire.set_weighting_scheme(Xapian::DPHWeight());
        break;
    case XC_WEIGHT_INL2:
        enquire.set_weighting_scheme(Xapian::InL2Weight(1.0));
        break;
    case XC_WEIGHT_PL2:
        enquire.set_weighting_scheme(Xapian::PL2Weight(1.0));
        break;
    case XC_WEIGHT_TFIDF:
        enquire.set_weighting_scheme(Xapian::TfIdfWeight("ntn"));
        break;
    case XC_WEIGHT_BM25:
    default:
        enquire.set_weighting_scheme(bm25());
        break;
    }
    sort_by_id(enquire);
}

// The best N terms of TERMS (an ESet's first ones, best first), equal
// weights in term order: the weights add up per document in document-number
// order, so equal terms can differ in the last bits between an index and its
// shards.
static std::vector<std::string> best_terms(const std::vector<xc::weighted_term> &terms, size_t n)
{
    std::vector<std::pair<double, std::string>> all;
    for (const xc::weighted_term &t : terms)
        all.emplace_back(std::round(t.weight * 1e6) / 1e6, t.term);
    std::stable_sort(all.begin(), all.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> best;
    for (size_t i = 0; i < all.size() && i < n; i++)
        best.push_back(all[i].second);
    return best;
}

static std::vector<std::string> best_terms(const Xapian::ESet &eset, size_t n)
{
    std::vector<xc::weighted_term> terms;
    for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it)
        terms.push_back(xc::weighted_term{*it, it.get_weight()});
    return best_terms(terms, n);
}

bool xc::one_local_database(const Xapian::Database &db)
{
    // get_revision() is Xapian's one cheap call that tells: it needs exactly
    // one database, and a local one (a remote backend does not provide it).
    try {
        (void)db.get_revision();
        return true;
    } catch (const Xapian::Error &) {
        return false;
    }
}

Xapian::doccount xc::term_freqs::get(const Xapian::Database &db, const std::string &term)
{
    auto it = freqs_.find(term);
    if (it != freqs_.end())
        return it->second;
    if (freqs_.size() >= MAX_TERMS)
        freqs_.clear();
    Xapian::doccount tf = db.get_termfreq(term);
    freqs_.emplace(term, tf);
    return tf;
}

Xapian::Query xc::feedback_query(const xc_searcher &s, const Xapian::Query &query, const std::vector<ranked> &top,
                                 const xc_rank_params &params, term_freqs &freqs)
{
    std::vector<Xapian::docid> docs;
    for (size_t i = 0; i < top.size() && docs.size() < params.feedback_docs; i++)
        docs.push_back(top[i].did);
    std::vector<Xapian::Query> extra;
    const std::vector<weighted_term> terms =
        feedback_terms(s, query, docs, params.feedback_terms + TIE_MARGIN, params.expansion, freqs);
    for (const std::string &term : best_terms(terms, params.feedback_terms))
        extra.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_OR, extra.begin(), extra.end());
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

namespace {

// Sees every document the matcher weighs and keeps those that may be among
// its best K: the K greatest weights so far (a min-heap), and each document
// that weighed at least the least of them when it came. Those dropped as the
// least rises weigh less than the K-th weight of the whole match.
class best_candidates : public Xapian::MatchSpy {
  public:
    explicit best_candidates(size_t k) : k_(k), compact_at_(4 * k + 64) { heap_.reserve(k); }
    void operator()(const Xapian::Document &doc, double wt) override
    {
        if (heap_.size() == k_ && wt < heap_.front())
            return;
        kept_.emplace_back(wt, doc.get_docid());
        if (heap_.size() < k_) {
            heap_.push_back(wt);
            std::push_heap(heap_.begin(), heap_.end(), std::greater<double>());
        } else if (wt > heap_.front()) {
            std::pop_heap(heap_.begin(), heap_.end(), std::greater<double>());
            heap_.back() = wt;
            std::push_heap(heap_.begin(), heap_.end(), std::greater<double>());
        }
        if (kept_.size() >= compact_at_) {
            const double least = heap_.front();
            kept_.erase(std::remove_if(kept_.begin(), kept_.end(),
                                       [least](const std::pair<double, Xapian::docid> &c) { return c.first < least; }),
                        kept_.end());
            compact_at_ = std::max(compact_at_, 2 * kept_.size());
        }
    }
    // The documents seen that weigh exactly WT, in docid order.
    std::vector<Xapian::docid> weighing(double wt) const
    {
        std::vector<Xapian::docid> out;
        for (const auto &c : kept_)
            if (c.first == wt)
                out.push_back(c.second);
        std::sort(out.begin(), out.end());
        return out;
    }

  private:
    size_t k_, compact_at_;
    std::vector<double> heap_;
    std::vector<std::pair<double, Xapian::docid>> kept_;
};

// Source IDs, read once each.
class id_cache {
  public:
    explicit id_cache(const Xapian::Database &db) : db_(db) {}
    // Reads the IDs of DIDS not read yet, in one pass.
    void read(const std::vector<Xapian::docid> &dids)
    {
        std::vector<Xapian::docid> missing;
        for (Xapian::docid did : dids)
            if (!ids_.count(did))
                missing.push_back(did);
        std::vector<std::string> ids = xc::values_of(db_, xc::SLOT_ID, missing);
        for (size_t i = 0; i < missing.size(); i++)
            ids_.emplace(missing[i], std::move(ids[i]));
    }
    const std::string &operator[](Xapian::docid did) const { return ids_.at(did); }
    // Hands the IDs read to HITS, so that none is read twice.
    void give(std::vector<xc::ranked> &hits)
    {
        for (xc::ranked &h : hits) {
            auto it = ids_.find(h.did);
            if (it != ids_.end()) {
                h.id = std::move(it->second);
                h.has_id = true;
                ids_.erase(it);
            }
        }
    }

  private:
    const Xapian::Database &db_;
    std::unordered_map<Xapian::docid, std::string> ids_;
};

} // namespace

// Sorting equal weights by source ID makes Xapian read the ID of every
// document it weighs that could still enter the best K: a fifth of a match.
// Xapian's plain relevance order (equal weights by docid) weighs exactly the
// same documents (its cut-off weight is the K-th weight so far either way),
// so its counts are the same, and so are its best K except for documents
// that weigh exactly as much as the K-th. A match spy sees every document
// weighed, so the documents of that weight (on Reuters, a tie across the
// cut in one query out of six) are known: the ones with the smallest
// source IDs are kept. Then each run of equal weights is put in source ID
// order, reading only the IDs of ties. A purely boolean match (every weight
// 0) stops at the first K documents found, so it goes Xapian's way.
void xc::best(const xc_searcher &s, Xapian::Enquire &enquire, Xapian::doccount k, Xapian::MSet &mset,
              std::vector<ranked> &hits, Xapian::doccount want_ids)
{
    hits.clear();
    if (k == 0 || !one_local_database(*s.db)) {
        mset = enquire.get_mset(0, k);
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
            hits.push_back(ranked{*it, it.get_weight(), it, false, {}});
        return;
    }
    best_candidates seen(k);
    enquire.set_sort_by_relevance();
    enquire.add_matchspy(&seen);
    try {
        mset = enquire.get_mset(0, k);
    } catch (...) {
        enquire.clear_matchspies();
        sort_by_id(enquire);
        throw;
    }
    enquire.clear_matchspies();
    sort_by_id(enquire);
    if (mset.get_max_possible() == 0) {
        mset = enquire.get_mset(0, k);
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
            hits.push_back(ranked{*it, it.get_weight(), it, false, {}});
        return;
    }
    hits.reserve(mset.size());
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        hits.push_back(ranked{*it, it.get_weight(), it, false, {}});
    // The runs of equal weights, as [begin, end) in HITS.
    auto runs_of = [](const std::vector<ranked> &h) {
        std::vector<std::pair<size_t, size_t>> runs;
        for (size_t i = 0; i < h.size();) {
            size_t j = i + 1;
            while (j < h.size() && h[j].score == h[i].score)
                j++;
            if (j - i > 1)
                runs.emplace_back(i, j);
            i = j;
        }
        return runs;
    };
    // The IDs needed, read in one pass: those of the ties, those of every
    // document weighing as much as the K-th if some were left out, and
    // those of the first WANT_IDS hits.
    std::vector<Xapian::docid> tied;
    size_t first = hits.size();
    if (hits.size() == k) {
        const double cut = hits.back().score;
        first = hits.size() - 1;
        while (first > 0 && hits[first - 1].score == cut)
            first--;
        tied = seen.weighing(cut);
        if (tied.size() == hits.size() - first)
            tied.clear(); // none left out
    }
    std::vector<Xapian::docid> need(tied);
    for (size_t i = 0; i < hits.size() && i < want_ids; i++)
        need.push_back(hits[i].did);
    for (const auto &run : runs_of(hits))
        for (size_t i = std::max<size_t>(run.first, want_ids); i < run.second; i++)
            need.push_back(hits[i].did);
    id_cache ids(*s.db);
    ids.read(need);
    auto by_id = [&](const ranked &a, const ranked &b) { return ids[a.did] < ids[b.did]; };
    if (!tied.empty()) {
        // Some documents weighing as much as the K-th were left out: keep
        // those with the least IDs.
        const double cut = hits.back().score;
        std::vector<ranked> all;
        for (Xapian::docid did : tied)
            all.push_back(ranked{did, cut, Xapian::MSetIterator(), false, {}});
        for (size_t i = first; i < hits.size(); i++) {
            auto at = std::lower_bound(all.begin(), all.end(), hits[i].did,
                                       [](const ranked &r, Xapian::docid did) { return r.did < did; });
            if (at == all.end() || at->did != hits[i].did)
                throw std::logic_error("a best match was not seen by the match spy");
            *at = hits[i];
        }
        std::stable_sort(all.begin(), all.end(), by_id); // stable: docid order among equal IDs
        std::copy(all.begin(), all.begin() + (hits.size() - first), hits.begin() + first);
    }
    // Every run of equal weights in source ID order.
    for (const auto &run : runs_of(hits)) {
        // In docid order first, so that equal IDs (only in a broken index)
        // stay in docid order, as Xapian sorts them.
        std::sort(hits.begin() + run.first, hits.begin() + run.second,
                  [](const ranked &a, const ranked &b) { return a.did < b.did; });
        std::stable_sort(hits.begin() + run.first, hits.begin() + run.second, by_id);
    }
    ids.give(hits);
#ifndef NDEBUG
    // Debug builds (the tests) check every shortcut against Xapian.
    Xapian::MSet slow = enquire.get_mset(0, k);
    bool same = slow.size() == hits.size() && slow.get_matches_lower_bound() == mset.get_matches_lower_bound() &&
                slow.get_matches_estimated() == mset.get_matches_estimated() &&
                slow.get_matches_upper_bound() == mset.get_matches_upper_bound();
    for (size_t i = 0; same && i < hits.size(); i++)
        same = *slow[i] == hits[i].did && slow[i].get_weight() == hits[i].score;
    if (!same)
        throw std::logic_error("best matches differ from Xapian's sorted by source ID");
#endif
}

namespace {

// The documents of a sorted list of docids, as a query to filter by (Xapian
// 1.4 has no query for docids), on one local database: over shards a
// PostingSource sees each shard's own docids, and a remote server knows
// none but Xapian's own.
class docid_filter : public Xapian::PostingSource {
  public:
    explicit docid_filter(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {}
    Xapian::doccount get_termfreq_min() const override { return ids_.size(); }
    Xapian::doccount get_termfreq_est() const override { return ids_.size(); }
    Xapian::doccount get_termfreq_max() const override { return ids_.size(); }
    void init(const Xapian::Database &) override
    {
        pos_ = 0;
        started_ = false;
    }
    void next(double) override
    {
        if (started_)
            pos_++;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override
    {
        started_ = true;
        pos_ = std::lower_bound(ids_.begin() + pos_, ids_.end(), did) - ids_.begin();
    }
    bool at_end() const override { return pos_ >= ids_.size(); }
    Xapian::docid get_docid() const override { return ids_[pos_]; }
    std::string get_description() const override { return "docid_filter"; }

  private:
    std::vector<Xapian::docid> ids_;
    size_t pos_ = 0;
    bool started_ = false;
};

} // namespace

// Checking word positions costs far more than BM25 (a phrase per pair of
// query words, each read for every matching document: 40 times slower over
// all matches), so like a rescoring window elsewhere the boost only reorders
// the documents that BM25 already ranks near the top. A boosted document
// scores its BM25 weight plus BOOST_WEIGHT times the weight of the phrases it
// holds. Only the window moves, so a page's order never depends on how many
// hits were asked for.
void xc::rescore(const xc_searcher &s, std::vector<ranked> &all, size_t window, const Xapian::Query &extra,
                 const added_weight &added, const deadline &limit)
{
    window = std::min(window, all.size());
    if (extra.empty() || window == 0)
        return;
    // The window as a filter: its docids, or over shards or the network its
    // source IDs (which cost a document read and a posting list each).
    Xapian::Query filter;
    const bool local = one_local_database(*s.db);
    if (local) {
        std::vector<Xapian::docid> ids;
        ids.reserve(window);
        for (size_t i = 0; i < window; i++)
            ids.push_back(all[i].did);
        std::sort(ids.begin(), ids.end());
        filter = Xapian::Query((new docid_filter(std::move(ids)))->release());
    } else {
        std::vector<Xapian::Query> ids;
        for (size_t i = 0; i < window; i++)
            ids.emplace_back(xc::PREFIX_ID + all[i].it.get_document().get_value(xc::SLOT_ID));
        filter = Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end());
    }
    // Its own Enquire: MSET's snippets highlight the terms of MSET's query.
    // (Xapian 1.4.22 gives some documents a boost that depends on which other
    // documents the filter holds: the window must be filtered as a whole.)
    Xapian::Enquire enquire(*s.db);
    rank(enquire, added.weighting);
    // Every document of the window that EXTRA matches is in the MSet, so
    // its order does not matter: locally, equal weights need not be sorted
    // by source ID (which costs a value read per document).
    if (local)
        enquire.set_sort_by_relevance();
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, extra, filter));
    limit.check();
    Xapian::MSet found = enquire.get_mset(0, window);
    double weight = added.weight;
    if (added.of_max > 0) {
        // EXTRA's greatest possible weight: its terms' upper bounds, from the
        // whole index (the filter weighs nothing), so the same for any window.
        const double extra_max = found.get_max_possible();
        weight = extra_max > 0 ? added.weight * added.of_max / extra_max : 0;
    }
    std::unordered_map<Xapian::docid, double> more;
    for (Xapian::MSetIterator it = found.begin(); it != found.end(); ++it)
        more[*it] = weight * it.get_weight();
    for (size_t i = 0; i < window; i++) {
        auto b = more.find(all[i].did);
        if (b != more.end())
            all[i].score += b->second;
    }
    // Stable: equal scores keep the order they had.
    std::stable_sort(all.begin(), all.begin() + window,
                     [](const ranked &a, const ranked &b) { return a.score > b.score; });
}

void xc::refine(const xc_searcher &s, const parsed_query &parsed, const xc_rank_params &params, double query_max,
                std::vector<ranked> &hits, term_freqs &freqs, const deadline &limit)
{
    // Feedback: AND_MAYBE over the whole index gave the same scores to the
    // same documents, and cost a second full match with ten more (common)
    // terms: the window holds every document a page can show. Its weight is
    // a share of the query's greatest possible weight (as RM3 mixes the
    // query with its feedback): ten terms at a fixed weight each outweighed
    // a query of three words and hardly counted beside one of thirty.
    if (params.feedback > 0 && params.feedback_docs > 0 && params.feedback_terms > 0 && query_max > 0)
        rescore(s, hits, hits.size(), feedback_query(s, parsed.query, hits, params, freqs),
                added_weight{params.feedback, query_max, params.weighting}, limit);
    // The boost, built for short queries only (parse_query), over a window
    // that does not move with the page.
    rescore(s, hits, params.window, parsed.boost, added_weight{params.proximity_weight, 0, params.weighting}, limit);
}
