// The feedback terms of a search: what Enquire::get_eset of Xapian 1.4.22
// gives with its default expansion scheme ("trad"), in a fifth of the time.
//
// This is a copy of Xapian internals, kept to the bit, so that the feedback
// terms, their weights and the scores built on them are Xapian's own:
//  - ExpandStats::accumulate (expand/expandweight.cc): the sums per term;
//  - build_termlist_tree (expand/esetinternal.cc) with OrTermList
//    (expand/ortermlist.cc): the order in which those sums are added up;
//  - TradEWeight::get_weight (expand/tradeweight.cc), k = 1;
//  - ESet::Internal::expand (expand/esetinternal.cc): which terms are kept,
//    and in what order.
// Debug builds (the tests) compare every call with Xapian's own ESet, so a
// Xapian that adds up otherwise fails them; CMake asks for 1.4.22 or a later
// 1.4. Any other expansion scheme, and shards or remote databases, are left
// to Xapian.
#include "xc_rank.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string_view>

namespace {

// An ESet entry, ordered as Xapian 1.4 orders them (Internal::ExpandTerm):
// the heavier first, and of equal weights the lexically larger.
struct expand_term {
    double wt;
    std::string term;
    bool operator<(const expand_term &o) const
    {
        if (wt > o.wt)
            return true;
        if (wt < o.wt)
            return false;
        return term > o.term;
    }
};

// The order in which Xapian 1.4's ESet adds up a term's statistics over the
// documents (build_termlist_tree, then OrTermList::accumulate_stats): a tree
// built like a Huffman code from the termlists' lengths SIZES (in docid
// order), visited left to right. The weights depend on it in the last bit.
std::vector<size_t> merge_order(const std::vector<Xapian::termcount> &sizes)
{
    struct node {
        Xapian::termcount size;
        std::vector<size_t> leaves;
    };
    std::vector<node> heap;
    for (size_t i = 0; i < sizes.size(); i++)
        heap.push_back(node{sizes[i], {i}});
    if (heap.size() == 1)
        return heap[0].leaves;
    auto shortest_on_top = [](const node &a, const node &b) { return a.size > b.size; };
    std::make_heap(heap.begin(), heap.end(), shortest_on_top);
    while (true) {
        node r = heap.front();
        std::pop_heap(heap.begin(), heap.end(), shortest_on_top);
        heap.pop_back();
        node merged{heap.front().size + r.size, heap.front().leaves};
        merged.leaves.insert(merged.leaves.end(), r.leaves.begin(), r.leaves.end());
        if (heap.size() == 1)
            return merged.leaves;
        std::pop_heap(heap.begin(), heap.end(), shortest_on_top);
        heap.back() = std::move(merged);
        std::push_heap(heap.begin(), heap.end(), shortest_on_top);
    }
}

// Xapian's own ESet of DOCS for QUERY, with expansion scheme EXPANSION.
std::vector<xc::weighted_term> xapian_eset(const xc_searcher &s, const Xapian::Query &query,
                                           const std::vector<Xapian::docid> &docs, Xapian::termcount max_terms,
                                           xc_expansion expansion)
{
    Xapian::Enquire enquire(*s.db);
    enquire.set_expansion_scheme(expansion == XC_EXPAND_BO1 ? "bo1" : "trad");
    enquire.set_query(query); // its terms are left out
    Xapian::RSet rset;
    for (Xapian::docid did : docs)
        rset.add_document(did);
    if (rset.empty())
        return {};
    xc::telling_terms decider(s);
    Xapian::ESet eset = enquire.get_eset(max_terms, rset, &decider);
    std::vector<xc::weighted_term> out;
    for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it)
        out.push_back(xc::weighted_term{*it, it.get_weight()});
    return out;
}

// A stemmed word of a feedback document: the term, the document's place in
// merge_order, and what it adds to the term's multiplier there.
struct occurrence {
    std::string_view term;
    size_t place;
    double part;
};

} // namespace

// Enquire::get_eset looks up the frequency of every term of the feedback
// documents in the index and keeps its candidates in a map of strings. Here
// the frequencies come from FREQS, kept between searches; a term is not
// weighed at all if it cannot beat the weakest term kept so far even at the
// least frequency it can have (the number of feedback documents holding it),
// as Xapian would have weighed it and then dropped it; and the words are
// gathered in one array, sorted once by term and then by the order Xapian
// adds them up in. The arithmetic is Xapian's, in the same order.
std::vector<xc::weighted_term> xc::feedback_terms(const xc_searcher &s, const Xapian::Query &query,
                                                  const std::vector<Xapian::docid> &docs,
                                                  Xapian::termcount max_terms, xc_expansion expansion,
                                                  term_freqs &freqs)
{
    const Xapian::Database &db = *s.db;
    // Over shards Xapian estimates term frequencies from the shards that hold
    // the feedback documents, and a remote database is better asked for a
    // whole termlist at a time: both are left to Xapian.
    if (expansion != XC_EXPAND_TRAD || !one_local_database(db))
        return xapian_eset(s, query, docs, max_terms, expansion);
    std::vector<Xapian::docid> rset(docs); // an RSet: a set of docids
    std::sort(rset.begin(), rset.end());
    rset.erase(std::unique(rset.begin(), rset.end()), rset.end());
    if (rset.empty() || max_terms == 0)
        return {};

    // Each document's stemmed words with their wdf ("Z" terms; the rest of
    // telling_terms is asked once per term, below).
    std::vector<std::vector<std::pair<std::string, Xapian::termcount>>> words(rset.size());
    std::vector<Xapian::termcount> sizes(rset.size()), lengths(rset.size());
    size_t total = 0;
    for (size_t i = 0; i < rset.size(); i++) {
        Xapian::termcount n = 0;
        for (Xapian::TermIterator t = db.termlist_begin(rset[i]); t != db.termlist_end(rset[i]); ++t) {
            n++;
            std::string term = *t;
            if (term.size() > 1 && term[0] == 'Z')
                words[i].emplace_back(std::move(term), t.get_wdf());
        }
        sizes[i] = n;
        lengths[i] = db.get_doclength(rset[i]);
        total += words[i].size();
    }

    // ExpandStats::accumulate, each term's documents in Xapian's order.
    const double expand_k = 1.0;
    const Xapian::doclength avlen = db.get_avlength();
    const std::vector<size_t> order = merge_order(sizes);
    std::vector<occurrence> all;
    all.reserve(total);
    for (size_t place = 0; place < order.size(); place++) {
        const size_t i = order[place];
        const Xapian::termcount doclen = lengths[i];
        for (const auto &tw : words[i]) {
            Xapian::termcount wdf = tw.second;
            if (wdf == 0)
                wdf = 1;
            all.push_back(occurrence{tw.first, place, (expand_k + 1) * wdf / (expand_k * doclen / avlen + wdf)});
        }
    }
    std::sort(all.begin(), all.end(), [](const occurrence &a, const occurrence &b) {
        return a.term != b.term ? a.term < b.term : a.place < b.place;
    });

    // TradEWeight::get_weight, for a term R feedback documents hold.
    const Xapian::doccount dbsize = db.get_doccount();
    const Xapian::doccount rsize = rset.size();
    auto weight = [&](Xapian::doccount r, double multiplier, Xapian::doccount termfreq) {
        double reldocs_without_term = rsize - r;
        double num = (r + 0.5) * (dbsize - termfreq - reldocs_without_term + 0.5);
        double denom = (termfreq - r + 0.5) * (reldocs_without_term + 0.5);
        double tw = std::log(num / denom);
        return multiplier * tw;
    };

    // ESet::Internal::expand, the terms in term order as Xapian goes.
    // Enquire::get_eset leaves out the terms of the query.
    const std::set<std::string> query_terms(query.get_terms_begin(), query.get_terms_end());
    const telling_terms decider(s);
    std::vector<expand_term> items;
    bool is_heap = false;
    double min_wt = 0;
    std::string term;
    for (size_t at = 0; at < all.size();) {
        size_t end = at;
        Xapian::doccount r = 0;
        double multiplier = 0;
        for (; end < all.size() && all[end].term == all[at].term; end++) {
            ++r;
            multiplier += all[end].part;
        }
        term.assign(all[at].term);
        at = end;
        // The weight only falls as the term frequency rises from r (the
        // margin covers rounding), so this term could not be kept.
        const double best = weight(r, multiplier, r);
        if (best + std::fabs(best) * 1e-9 < min_wt || !decider(term) || query_terms.count(term))
            continue;
        const double wt = weight(r, multiplier, freqs.get(db, term));
        // Of equal weights, the term that came first (lexically smaller) wins.
        if (wt <= min_wt)
            continue;
        items.push_back(expand_term{wt, term});
        if (items.size() > max_terms) {
            if (!is_heap) {
                is_heap = true;
                std::make_heap(items.begin(), items.end());
            } else {
                std::push_heap(items.begin(), items.end());
            }
            std::pop_heap(items.begin(), items.end());
            items.pop_back();
            min_wt = items.front().wt;
        }
    }
    if (is_heap)
        std::sort_heap(items.begin(), items.end());
    else
        std::sort(items.begin(), items.end());
    std::vector<weighted_term> out;
    for (expand_term &e : items)
        out.push_back(weighted_term{std::move(e.term), e.wt});
#ifndef NDEBUG
    // Debug builds (the tests) check every call against Xapian.
    std::vector<weighted_term> xapian = xapian_eset(s, query, rset, max_terms, expansion);
    bool same = xapian.size() == out.size();
    for (size_t i = 0; same && i < out.size(); i++)
        same = xapian[i].term == out[i].term && xapian[i].weight == out[i].weight;
    if (!same)
        throw std::logic_error("feedback terms differ from Xapian's ESet");
#endif
    return out;
}
