// Searching: query parsing with the index's own stemmer, BM25 ranking with a
// boost for words that stand together, and snippets from MSet::snippet.
#include "xc_private.h"

#include "utf8.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <unordered_map>

namespace {

const unsigned QUERY_FLAGS = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PURE_NOT;
// A wildcard expands to at most this many terms (the most frequent ones), so
// "a*" cannot make a query of the whole vocabulary.
const Xapian::termcount MAX_WILDCARD_TERMS = 1000;
// The proximity boost reorders this many of BM25's best (or the whole page,
// when offset + limit is more); see rerank().
const Xapian::doccount RERANK_WINDOW = 100;
// Retries when a writer commits while we read.
const int MODIFIED_RETRIES = 5;
// Markers handed to MSet::snippet: control bytes that stored text never
// holds once snippet_text() has blanked them.
const char HI_START = '\x01';
const char HI_END = '\x02';

Xapian::QueryParser make_parser(xc_searcher *s, Xapian::QueryParser::stem_strategy strategy)
{
    Xapian::QueryParser qp;
    qp.set_database(*s->db);
    qp.set_stemmer(s->stem);
    qp.set_stemming_strategy(strategy);
    qp.add_prefix("title", xc::PREFIX_TITLE);
    qp.add_boolean_prefix("id", xc::PREFIX_ID);
    qp.set_max_expansion(MAX_WILDCARD_TERMS, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                         Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
    return qp;
}

// Parses with full syntax; if the syntax is broken, *FLAGS becomes 0 and the
// query is read as plain words (what a user typing into a box expects).
Xapian::Query parse(xc_searcher *s, const std::string &text, unsigned *flags)
{
    Xapian::QueryParser qp = make_parser(s, Xapian::QueryParser::STEM_SOME);
    *flags = QUERY_FLAGS;
    try {
        return qp.parse_query(text, *flags);
    } catch (const Xapian::QueryParserError &) {
        *flags = 0;
        return qp.parse_query(text, *flags);
    }
}

// The prefix of a term: Xapian's convention is a run of capitals.
std::string prefix_of(const std::string &term)
{
    size_t n = 0;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z')
        n++;
    return term.substr(0, n);
}

// Collects the runs of words that stand together in the query. In a parse
// with OP_OR as the default operator, the words of one run are consecutive
// leaf terms of one OR node. Explicit phrases and NEAR already ask for
// closeness, negated words must not be boosted, and wildcard or boolean
// subqueries have no positions of their own: those are left out.
// (Parsing with OP_PHRASE as the default operator would group the runs for
// us, but Xapian 1.4 refuses such a phrase when it holds a hyphenated word or
// a quoted part, and its parser leaks an ASan error on that path.)
void add_runs(const Xapian::Query &q, std::vector<std::vector<std::string>> &runs)
{
    const Xapian::Query::op type = q.get_type();
    if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR)
        return;
    size_t n = q.get_num_subqueries();
    if (type == Xapian::Query::OP_AND_NOT)
        n = n > 0 ? 1 : 0; // only the positive side
    std::vector<std::string> run;
    auto flush = [&]() {
        if (run.size() >= 2)
            runs.push_back(run);
        run.clear();
    };
    for (size_t i = 0; i < n; i++) {
        Xapian::Query sub = q.get_subquery(i);
        bool leaf = sub.get_type() == Xapian::Query::LEAF_TERM && sub.get_terms_begin() != sub.get_terms_end();
        if (type == Xapian::Query::OP_OR && leaf) {
            std::string term = *sub.get_terms_begin();
            // A run mixing fields (title:x y) has no positions in common.
            if (!run.empty() && prefix_of(term) != prefix_of(run[0]))
                flush();
            run.push_back(term);
            continue;
        }
        flush();
        add_runs(sub, runs);
    }
    flush();
}

Xapian::Query exact_phrase(std::vector<std::string>::const_iterator begin,
                           std::vector<std::string>::const_iterator end)
{
    std::vector<Xapian::Query> terms;
    for (auto it = begin; it != end; ++it)
        terms.emplace_back(*it);
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
}

// The proximity boost: for every run of words that stand together in the
// query, the exact run as a phrase, and each adjacent pair of it. Documents
// holding the whole run rank first, then those holding parts of it, then
// scattered ones. The words are taken unstemmed, as positions are kept for
// exact forms only.
Xapian::Query proximity_boost(xc_searcher *s, const std::string &text, unsigned flags)
{
    Xapian::QueryParser qp = make_parser(s, Xapian::QueryParser::STEM_NONE);
    std::vector<std::vector<std::string>> runs;
    add_runs(qp.parse_query(text, flags), runs);
    std::vector<Xapian::Query> boosts;
    for (const auto &run : runs) {
        boosts.push_back(exact_phrase(run.begin(), run.end()));
        if (run.size() > 2)
            for (size_t i = 0; i + 1 < run.size(); i++)
                boosts.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                               exact_phrase(run.begin() + i, run.begin() + i + 2), 0.5));
    }
    return Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
}

// S as valid UTF-8. What we hand out must be (xc.h), and an index written by
// another program may hold anything.
std::string valid_utf8(std::string s)
{
    if (utf8_valid_prefix(s.data(), s.size()) == s.size())
        return s;
    std::unique_ptr<char, decltype(&free)> fixed(utf8_repair(s.data(), s.size(), nullptr), &free);
    if (!fixed)
        throw std::bad_alloc();
    return fixed.get();
}

// Text for MSet::snippet: valid UTF-8, with our marker bytes blanked out.
std::string snippet_text(const std::string &stored)
{
    std::string text = valid_utf8(stored);
    for (char &c : text)
        if (c == HI_START || c == HI_END)
            c = ' ';
    return text;
}

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Turns MSet::snippet's output (XML-escaped, matches between HI_START and
// HI_END) into plain text with whitespace runs collapsed, and the spans of the
// matches as byte offsets into it.
void decode_snippet(const std::string &raw, xc_hit_store &hit)
{
    static const struct {
        const char *entity;
        char c;
    } entities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string &out = hit.snippet;
    bool pending_space = false;
    size_t open = std::string::npos;
    for (size_t i = 0; i < raw.size(); i++) {
        char c = raw[i];
        if (c == HI_START) {
            // Matches separated by nothing but space read as one: a phrase
            // and the word after it highlight as "military liaison mission".
            bool joins = !hit.spans.empty() && hit.spans.back().end == out.size();
            if (pending_space && !out.empty())
                out += ' ';
            pending_space = false;
            if (joins) {
                open = hit.spans.back().start;
                hit.spans.pop_back();
            } else {
                open = out.size();
            }
            continue;
        }
        if (c == HI_END) {
            if (open != std::string::npos && out.size() > open)
                hit.spans.push_back(xc_span{open, out.size()});
            open = std::string::npos;
            continue;
        }
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space && !out.empty())
            out += ' ';
        pending_space = false;
        if (c == '&') {
            bool decoded = false;
            for (const auto &e : entities) {
                size_t n = std::strlen(e.entity);
                if (raw.compare(i, n, e.entity) == 0) {
                    out += e.c;
                    i += n - 1;
                    decoded = true;
                    break;
                }
            }
            if (decoded)
                continue;
        }
        out += c;
    }
}

// A hit on its way out: where it is in the MSet, and its final score.
struct ranked {
    Xapian::MSetIterator it;
    double score;
};

void fill_results(xc_searcher *s, const Xapian::MSet &mset, const std::vector<ranked> &page,
                  const xc_search_opts &opts, xc_results &r)
{
    r.lower = mset.get_matches_lower_bound();
    r.estimated = mset.get_matches_estimated();
    r.upper = mset.get_matches_upper_bound();
    r.store.clear();
    r.store.reserve(page.size());
    for (const ranked &hit : page) {
        Xapian::Document doc = hit.it.get_document();
        xc_hit_store h;
        h.id = valid_utf8(doc.get_value(xc::SLOT_ID));
        h.title = valid_utf8(doc.get_value(xc::SLOT_TITLE));
        h.score = hit.score;
        if (opts.snippet_bytes > 0) {
            std::string raw = mset.snippet(snippet_text(doc.get_data()), opts.snippet_bytes, s->stem,
                                           Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                               Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                           std::string(1, HI_START), std::string(1, HI_END), "…");
            decode_snippet(raw, h);
        }
        r.store.push_back(std::move(h));
    }
    r.hits.clear();
    unsigned rank = opts.offset;
    for (const xc_hit_store &h : r.store) {
        xc_hit hit;
        hit.rank = ++rank;
        hit.id = h.id.c_str();
        hit.title = h.title.c_str();
        hit.score = h.score;
        hit.snippet = h.snippet.c_str();
        hit.spans = h.spans.empty() ? nullptr : h.spans.data();
        hit.nspans = h.spans.size();
        r.hits.push_back(hit);
    }
}

// Adds the proximity boost to the best WINDOW of MSET and sorts them again.
// Checking word positions costs far more than BM25 (a phrase per pair of
// query words, each read for every matching document: 40 times slower over
// all matches), so like a rescoring window elsewhere it only reorders the
// documents that BM25 already ranks near the top. A boosted document scores
// what OP_AND_MAYBE(query, boost) would give it: its BM25 weight plus the
// weight of the phrases it holds.
std::vector<ranked> rerank(xc_searcher *s, const Xapian::MSet &mset, const Xapian::Query &boost)
{
    std::vector<ranked> all;
    std::vector<Xapian::Query> ids;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
        all.push_back(ranked{it, it.get_weight()});
        ids.emplace_back(xc::PREFIX_ID + it.get_document().get_value(xc::SLOT_ID));
    }
    // Its own Enquire: MSSET's snippets highlight the terms of MSET's query.
    Xapian::Enquire enquire(*s->db);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, boost,
                                    Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end())));
    Xapian::MSet boosted = enquire.get_mset(0, mset.size());
    std::unordered_map<Xapian::docid, double> extra;
    for (Xapian::MSetIterator it = boosted.begin(); it != boosted.end(); ++it)
        extra[*it] = it.get_weight();
    for (ranked &hit : all) {
        auto b = extra.find(*hit.it);
        if (b != extra.end())
            hit.score += b->second;
    }
    // Stable: equal scores keep BM25's order (document number).
    std::stable_sort(all.begin(), all.end(),
                     [](const ranked &a, const ranked &b) { return a.score > b.score; });
    return all;
}

void run_search(xc_searcher *s, const std::string &text, const xc_search_opts &opts, xc_results &r)
{
    unsigned flags;
    Xapian::Enquire enquire(*s->db);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    enquire.set_query(parse(s, text, &flags));
    Xapian::Query boost = proximity_boost(s, text, flags);
    std::vector<ranked> page;
    if (boost.empty()) {
        Xapian::MSet mset = enquire.get_mset(opts.offset, opts.limit);
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
            page.push_back(ranked{it, it.get_weight()});
        fill_results(s, mset, page, opts, r);
        return;
    }
    const Xapian::doccount end = opts.offset + opts.limit; // main.c keeps it from wrapping
    Xapian::MSet mset = enquire.get_mset(0, std::max(end, RERANK_WINDOW));
    std::vector<ranked> all = rerank(s, mset, boost);
    if (all.size() > opts.offset)
        page.assign(all.begin() + opts.offset, all.begin() + std::min<size_t>(end, all.size()));
    fill_results(s, mset, page, opts, r);
}

} // namespace

extern "C" xc_searcher *xc_searcher_new(void)
{
    return new (std::nothrow) xc_searcher;
}

extern "C" void xc_searcher_free(xc_searcher *searcher)
{
    delete searcher;
}

extern "C" const char *xc_searcher_error(const xc_searcher *searcher)
{
    return searcher ? searcher->error.c_str() : "no searcher";
}

extern "C" xc_status xc_searcher_open(xc_searcher *s, const char *path)
{
    if (!s)
        return XC_ERR_ARG;
    return xc::guard(s->error, [&]() -> xc_status {
        if (!path || !*path) {
            s->error = "empty index path";
            return XC_ERR_ARG;
        }
        std::unique_ptr<Xapian::Database> db(new Xapian::Database(path));
        std::string lang = db->get_metadata(xc::META_LANG);
        if (lang.empty())
            lang = xc::DEFAULT_LANG;
        s->stem = xc::make_stem(lang);
        s->db = std::move(db);
        s->lang = lang;
        s->path = path;
        return XC_OK;
    });
}

extern "C" const char *xc_searcher_language(const xc_searcher *s)
{
    return (s && s->db) ? s->lang.c_str() : nullptr;
}

extern "C" xc_status xc_searcher_doc_count(xc_searcher *s, unsigned long *count)
{
    if (!s || !count)
        return XC_ERR_ARG;
    if (!s->db) {
        s->error = "the index is not open";
        return XC_ERR_ARG;
    }
    return xc::guard(s->error, [&]() -> xc_status {
        *count = s->db->get_doccount();
        return XC_OK;
    });
}

extern "C" xc_status xc_search(xc_searcher *s, const char *query, const xc_search_opts *opts,
                               xc_results **results)
{
    if (!s || !query || !opts || !results)
        return XC_ERR_ARG;
    *results = nullptr;
    if (!s->db) {
        s->error = "the index is not open";
        return XC_ERR_ARG;
    }
    return xc::guard(s->error, [&]() -> xc_status {
        std::unique_ptr<xc_results> r(new xc_results);
        s->db->reopen(); // each search sees the latest commit
        for (int attempt = 0;; attempt++) {
            try {
                run_search(s, query, *opts, *r);
                break;
            } catch (const Xapian::DatabaseModifiedError &) {
                // A writer committed twice since we opened: read the newest.
                if (attempt == MODIFIED_RETRIES)
                    throw;
                s->db->reopen();
            }
        }
        *results = r.release();
        return XC_OK;
    });
}

extern "C" void xc_results_free(xc_results *results)
{
    delete results;
}

extern "C" void xc_results_matches(const xc_results *r, unsigned long *lower, unsigned long *estimated,
                                   unsigned long *upper)
{
    if (lower)
        *lower = r ? r->lower : 0;
    if (estimated)
        *estimated = r ? r->estimated : 0;
    if (upper)
        *upper = r ? r->upper : 0;
}

extern "C" size_t xc_results_size(const xc_results *r)
{
    return r ? r->hits.size() : 0;
}

extern "C" const xc_hit *xc_results_hit(const xc_results *r, size_t i)
{
    if (!r || i >= r->hits.size())
        return nullptr;
    return &r->hits[i];
}
