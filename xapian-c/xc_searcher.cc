// Searching: the C entry points, a search from query text to a page of hits
// (ranking itself is in xc_query.cc and xc_rank.cc), spelling fallback,
// documents like another, and snippets from MSet::snippet.
#include "xc_facets.h"
#include "xc_filter.h"
#include "xc_rank.h"
#include "xc_stopwords.h"

#include "testpoint.h"
#include "utf8.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <unistd.h>

namespace {

// Snippets are looked for in the first this many bytes of a document.
const size_t SNIPPET_SCAN_BYTES = 1 << 20;
// Retries when a writer commits while we read.
const int MODIFIED_RETRIES = 5;
// Markers handed to MSet::snippet: control bytes that stored text never
// holds once snippet_text() has blanked them.
const char HI_START = '\x01';
const char HI_END = '\x02';

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

// Text for MSet::snippet: valid UTF-8, with our marker bytes blanked out,
// and no more than SNIPPET_SCAN_BYTES of it: a 200 MB one-line file would
// otherwise cost seconds per hit.
std::string snippet_text(const std::string &stored)
{
    // Widths folded as the writer did (ＮＡＴＯ shows as NATO).
    std::string text = xc::fold_width(valid_utf8(stored.substr(0, SNIPPET_SCAN_BYTES)));
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

// Where a hit came from and what it is: read beside its title.
const Xapian::valueno DETAIL_SLOT[] = {xc::SLOT_PATH, xc::SLOT_LINE, xc::SLOT_TYPE, xc::SLOT_META};
const size_t DETAIL_SLOTS = sizeof DETAIL_SLOT / sizeof DETAIL_SLOT[0];

// H's path, line, type and metadata from the values GOT of DETAIL_SLOT.
// h.meta_view points into h.meta: set once H is where it stays.
void set_details(xc_hit_store &h, std::string (&got)[DETAIL_SLOTS])
{
    h.path = valid_utf8(std::move(got[0]));
    h.line = std::strtoul(got[1].c_str(), nullptr, 10);
    h.type = valid_utf8(std::move(got[2]));
    for (auto &pair : xc::decode_meta(got[3]))
        h.meta.emplace_back(valid_utf8(std::move(pair.first)), valid_utf8(std::move(pair.second)));
}

// The stemmer DOC was indexed with: the index's, or in an index of several
// languages its own language's.
const Xapian::Stem &stem_of(const xc_searcher &s, const Xapian::Document &doc)
{
    if (s.lang != xc::AUTO_LANG)
        return s.stem;
    const std::string lang = doc.get_value(xc::SLOT_LANG);
    for (const xc::reading &r : s.readings)
        if (r.lang == lang)
            return r.stem;
    return s.stem;
}

// Sets the readings of S's query (xc_private.h): one of the index's
// language, or for AUTO_LANG one of each language its documents have.
void set_readings(xc_searcher &s)
{
    std::vector<xc::reading> readings;
    if (s.lang != xc::AUTO_LANG) {
        readings.push_back(xc::reading{s.lang, s.stem, xc::stop_list_for(s.lang)});
    } else {
        for (Xapian::TermIterator t = s.db->allterms_begin(xc::PREFIX_LANG); t != s.db->allterms_end(xc::PREFIX_LANG);
             ++t) {
            const std::string lang = (*t).substr(std::strlen(xc::PREFIX_LANG));
            if (t.get_termfreq() > 0 && xc_language_supported(lang.c_str()))
                readings.push_back(xc::reading{lang, xc::make_stem(lang), xc::stop_list_for(lang)});
        }
        if (readings.empty()) // an index with no documents yet
            readings.push_back(xc::reading{xc::DEFAULT_LANG, s.stem, xc::stop_list_for(xc::DEFAULT_LANG)});
    }
    s.readings = std::move(readings);
}

// The PAGE of hits of MSET into R; snippets highlight the query of SNIPPETS.
void fill_results(xc_searcher *s, const Xapian::MSet &mset, const Xapian::MSet &snippets,
                  const std::vector<xc::ranked> &page, const xc_search_opts &opts, const xc::deadline &limit,
                  xc_results &r)
{
    r.lower = mset.get_matches_lower_bound();
    r.estimated = mset.get_matches_estimated();
    r.upper = mset.get_matches_upper_bound();
    r.store.clear();
    r.store.reserve(page.size());
    // IDs and titles by value stream, from one local database (over the
    // network a value stream is read a document at a time anyway).
    const bool by_stream = xc::one_local_database(*s->db);
    std::vector<std::string> ids, titles, details[DETAIL_SLOTS];
    if (by_stream) {
        limit.check();
        std::vector<Xapian::docid> dids, unknown; // the IDs not read yet
        std::vector<size_t> where;
        dids.reserve(page.size());
        for (size_t i = 0; i < page.size(); i++) {
            dids.push_back(page[i].did);
            if (!page[i].has_id) {
                unknown.push_back(page[i].did);
                where.push_back(i);
            }
        }
        std::vector<std::string> read = xc::values_of(*s->db, xc::SLOT_ID, unknown);
        ids.resize(page.size());
        for (size_t i = 0; i < page.size(); i++)
            if (page[i].has_id)
                ids[i] = page[i].id;
        for (size_t j = 0; j < where.size(); j++)
            ids[where[j]] = std::move(read[j]);
        if (!opts.skip_titles) {
            titles = xc::values_of(*s->db, xc::SLOT_TITLE, dids);
            for (size_t k = 0; k < DETAIL_SLOTS; k++)
                details[k] = xc::values_of(*s->db, DETAIL_SLOT[k], dids);
        }
    }
    for (size_t i = 0; i < page.size(); i++) {
        const xc::ranked &hit = page[i];
        limit.check();
        Xapian::Document doc;
        if (!by_stream || opts.snippet_bytes > 0)
            doc = by_stream ? s->db->get_document(hit.did) : hit.it.get_document();
        xc_hit_store h;
        h.id = valid_utf8(by_stream ? std::move(ids[i]) : doc.get_value(xc::SLOT_ID));
        if (!opts.skip_titles)
            h.title = valid_utf8(by_stream ? std::move(titles[i]) : doc.get_value(xc::SLOT_TITLE));
        if (!opts.skip_titles) {
            std::string got[DETAIL_SLOTS];
            for (size_t k = 0; k < DETAIL_SLOTS; k++)
                got[k] = by_stream ? std::move(details[k][i]) : doc.get_value(DETAIL_SLOT[k]);
            set_details(h, got);
        }
        h.score = hit.score;
        if (opts.snippet_bytes > 0) {
            // Not SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every
            // word of the text in the index, four fifths of what a page of
            // snippets cost, to choose between stretches holding the same
            // query words (docs/ranking.md).
            std::string raw = snippets.snippet(snippet_text(doc.get_data()), opts.snippet_bytes, stem_of(*s, doc),
                                               Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM,
                                               std::string(1, HI_START), std::string(1, HI_END), "…");
            decode_snippet(raw, h);
        }
        r.store.push_back(std::move(h));
    }
    r.hits.clear();
    unsigned rank = opts.offset;
    for (xc_hit_store &h : r.store) {
        h.meta_view.clear();
        for (const auto &pair : h.meta)
            h.meta_view.push_back(xc_meta{pair.first.c_str(), pair.second.c_str()});
        xc_hit hit;
        hit.rank = ++rank;
        hit.id = h.id.c_str();
        hit.title = h.title.c_str();
        hit.path = h.path.c_str();
        hit.line = h.line;
        hit.type = h.type.c_str();
        hit.meta = h.meta_view.empty() ? nullptr : h.meta_view.data();
        hit.nmeta = h.meta_view.size();
        hit.score = h.score;
        hit.snippet = h.snippet.c_str();
        hit.spans = h.spans.empty() ? nullptr : h.spans.data();
        hit.nspans = h.spans.size();
        r.hits.push_back(hit);
    }
}

// What snippets highlight: QUERY's words (xc::highlight_query), as an MSet
// to call MSet::snippet on; none without snippets.
Xapian::MSet highlight_words(const xc_searcher &s, const Xapian::Query &query, const xc_search_opts &opts)
{
    if (opts.snippet_bytes == 0)
        return Xapian::MSet();
    Xapian::Enquire highlight(*s.db);
    highlight.set_query(xc::highlight_query(query));
    return highlight.get_mset(0, 0); // no match: only its terms' statistics
}

// Where the page asked for ends: offset + limit, but never past the number
// of documents (memory is reserved for that many hits; -n 4294967295 must
// not ask for 32 GB), and so never past what a rank can count.
Xapian::doccount page_end(const xc_searcher &s, const xc_search_opts &opts)
{
    const unsigned long long end = static_cast<unsigned long long>(opts.offset) + opts.limit;
    return static_cast<Xapian::doccount>(std::min<unsigned long long>(end, s.db->get_doccount()));
}

// Why PARAMS cannot rank, or nullptr. The bounds keep a search's time and
// memory in check, as those of xc.h do.
const char *bad_params(const xc_rank_params &p)
{
    // A C caller may store any int in an enum; C++ may not even read one
    // that names no value, so the enums are read as the ints they are.
    int weighting, expansion;
    static_assert(sizeof weighting == sizeof p.weighting && sizeof expansion == sizeof p.expansion,
                  "the enums are ints");
    std::memcpy(&weighting, &p.weighting, sizeof weighting);
    std::memcpy(&expansion, &p.expansion, sizeof expansion);
    if (weighting < XC_WEIGHT_BM25 || weighting > XC_WEIGHT_TFIDF)
        return "unknown weighting";
    if (expansion < XC_EXPAND_TRAD || expansion > XC_EXPAND_BO1)
        return "unknown expansion scheme";
    if (!(p.feedback >= 0 && p.feedback <= 100) || !(p.proximity_weight >= 0 && p.proximity_weight <= 100))
        return "feedback and proximity weights must be from 0 to 100";
    if (p.feedback_docs > 1000 || p.feedback_terms > 1000)
        return "at most 1000 feedback documents and terms";
    if (p.window > 100000)
        return "a window of at most 100000 matches";
    return nullptr;
}

// Runs TYPED, ranking XC_RANK_FULL with PARAMS; if it matches nothing, a
// spelling correction exists and OPTS asks for it, runs the correction
// instead (once) and says so.
void run_search(xc_searcher *s, const std::string &typed, const xc_search_opts &opts, const xc_rank_params &params,
                const xc::deadline &limit, xc_results &r, bool retry_corrected = true)
{
    const bool full = opts.rank != XC_RANK_BM25;
    xc::parsed_query parsed = xc::parse_query(*s, typed, opts.natural != 0, full ? params.proximity_words : 0);
    const Xapian::doccount end = page_end(*s, opts);
    // BM25's best: the page, or for the default ranking the window that
    // xc::refine reorders, with the source IDs of those that may end on the
    // page. At least one hit is asked for, so that the counts come from a
    // real match and "matches nothing" means it.
    Xapian::Enquire enquire(*s->db);
    xc::rank(enquire, full ? params.weighting : XC_WEIGHT_BM25);
    const Xapian::Query query = xc::with_filters(parsed.query, parsed.filter, parsed.filtered);
    enquire.set_query(query);
    Xapian::MSet mset;
    std::vector<xc::ranked> hits;
    const bool by_date = opts.sort != XC_SORT_RELEVANCE;
    if (by_date) { // the page in date order: nothing for feedback to reorder
        xc::sort_by_date(enquire, opts.sort == XC_SORT_DATE_DESC);
        mset = enquire.get_mset(0, std::max<Xapian::doccount>(end, 1));
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
            hits.push_back(xc::ranked{*it, it.get_weight(), it, false, {}});
    } else {
        const Xapian::doccount k = std::max<Xapian::doccount>(full ? std::max(end, params.window) : end, 1);
        xc::best(*s, enquire, k, mset, hits, full ? k : end);
    }
    limit.check();
    xc::correct(*s, parsed, mset);
    if (mset.empty() && opts.correct && retry_corrected && !parsed.corrected.empty()) {
        run_search(s, parsed.corrected, opts, params, limit, r, false);
        r.suggestion = parsed.corrected;
        r.corrected = true;
        return;
    }
    r.suggestion = parsed.corrected;
    r.note = parsed.note;
    if (full && !by_date)
        xc::refine(*s, parsed, params, mset.get_max_possible(), hits, s->freqs, limit);
    std::vector<xc::ranked> page;
    if (hits.size() > opts.offset)
        page.assign(hits.begin() + opts.offset, hits.begin() + std::min<size_t>(end, hits.size()));
    // Snippets highlight the words of the query as typed, not the terms
    // feedback adds.
    fill_results(s, mset, highlight_words(*s, parsed.query, opts), page, opts, limit, r);
    // Counts the match already knows exactly need no second pass.
    if (opts.facets || (opts.exact && r.lower != r.upper)) {
        limit.check();
        xc::count_all(*s, query, opts.facets, r);
    }
}

// Documents like the one with source ID, best first.
xc_status run_like(xc_searcher *s, const std::string &id, const xc_search_opts &opts, const xc::deadline &limit,
                   xc_results &r)
{
    const std::string idterm = xc::PREFIX_ID + id;
    Xapian::PostingIterator p = s->db->postlist_begin(idterm);
    if (p == s->db->postlist_end(idterm)) {
        s->error = "no document with source ID '" + id + "' in the index";
        return XC_ERR_NO_DOC;
    }
    Xapian::Enquire enquire(*s->db);
    xc::rank(enquire);
    enquire.set_query(xc::like_query(*s, *p, id));
    const Xapian::doccount end = page_end(*s, opts);
    Xapian::MSet mset = enquire.get_mset(std::min(opts.offset, end), end - std::min(opts.offset, end));
    std::vector<xc::ranked> page;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
        page.push_back(xc::ranked{*it, it.get_weight(), it, false, {}});
    fill_results(s, mset, mset, page, opts, limit, r);
    return XC_OK;
}

// The document with source ID into D, or XC_ERR_NO_DOC.
xc_status read_doc(xc_searcher *s, const std::string &id, xc_stored_doc_store &d)
{
    const std::string idterm = xc::PREFIX_ID + id;
    Xapian::PostingIterator p = s->db->postlist_begin(idterm);
    if (id.empty() || id.size() > xc::MAX_ID_BYTES || p == s->db->postlist_end(idterm)) {
        s->error = "no document with source ID '" + id + "' in the index";
        return XC_ERR_NO_DOC;
    }
    Xapian::Document doc = s->db->get_document(*p);
    d.id = valid_utf8(doc.get_value(xc::SLOT_ID));
    d.title = valid_utf8(doc.get_value(xc::SLOT_TITLE));
    d.text = valid_utf8(doc.get_data());
    d.date = valid_utf8(doc.get_value(xc::SLOT_DATE));
    d.author = valid_utf8(doc.get_value(xc::SLOT_AUTHOR));
    xc_hit_store h;
    std::string got[DETAIL_SLOTS];
    for (size_t k = 0; k < DETAIL_SLOTS; k++)
        got[k] = doc.get_value(DETAIL_SLOT[k]);
    set_details(h, got);
    d.path = std::move(h.path);
    d.type = std::move(h.type);
    d.meta = std::move(h.meta);
    d.line = h.line;
    return XC_OK;
}

// D packed into one malloc'd block, freed with free(): the xc_stored_doc,
// its metadata array, then every string.
xc_stored_doc *pack_doc(const xc_stored_doc_store &d)
{
    size_t bytes = sizeof(xc_stored_doc) + d.meta.size() * sizeof(xc_meta);
    const std::string *fields[] = {&d.id, &d.title, &d.text, &d.path, &d.type, &d.date, &d.author};
    for (const std::string *f : fields)
        bytes += f->size() + 1;
    for (const auto &pair : d.meta)
        bytes += pair.first.size() + pair.second.size() + 2;
    char *block = static_cast<char *>(std::malloc(bytes));
    if (!block)
        throw std::bad_alloc();
    xc_stored_doc *v = reinterpret_cast<xc_stored_doc *>(block);
    xc_meta *meta = reinterpret_cast<xc_meta *>(block + sizeof(xc_stored_doc));
    char *at = reinterpret_cast<char *>(meta + d.meta.size());
    auto copy = [&at](const std::string &str) {
        char *mine = at;
        std::memcpy(at, str.c_str(), str.size() + 1);
        at += str.size() + 1;
        return mine;
    };
    v->id = copy(d.id);
    v->title = copy(d.title);
    v->text = copy(d.text);
    v->path = copy(d.path);
    v->type = copy(d.type);
    v->date = copy(d.date);
    v->author = copy(d.author);
    v->line = d.line;
    for (size_t i = 0; i < d.meta.size(); i++)
        meta[i] = xc_meta{copy(d.meta[i].first), copy(d.meta[i].second)};
    v->meta = d.meta.empty() ? nullptr : meta;
    v->nmeta = d.meta.size();
    return v;
}

// Opens the index at S->path as S's: a sift index folder through its stub
// (again if a rebuild replaced the generation while we opened it), or any
// other database Xapian opens (an index of the older layout, a stub file of
// remote shards).
void open_db(xc_searcher *s)
{
    const std::string &path = s->path;
    if (access(path.c_str(), F_OK) == 0 && access(path.c_str(), R_OK) != 0 && errno == EACCES)
        throw xc::status_error(XC_ERR_PERM, "cannot read " + path + ": " + std::strerror(errno));
    const bool sift = xc::folder::is_sift(path);
    if (sift && !xc::folder::has_database(path))
        throw xc::status_error(XC_ERR_NOT_FOUND, "no index at " + path + " yet: nothing was committed to it");
    for (int attempt = 0;; attempt++) {
        const xc::folder::stub_id before = sift ? xc::folder::stub_identity(path) : xc::folder::stub_id();
        try {
            testpoint("searcher-open");
            std::unique_ptr<Xapian::Database> db(new Xapian::Database(path));
            xc::require_current_layout(*db, db->get_doccount());
            std::string lang = db->get_metadata(xc::META_LANG);
            if (lang.empty())
                lang = xc::DEFAULT_LANG;
            for (const std::string &more : s->more) // --db A --db B
                xc::add_index(*db, lang, more);
            s->stem = xc::make_stem(lang == xc::AUTO_LANG ? xc::DEFAULT_LANG : lang);
            s->freqs.clear(); // another index, or another revision
            s->db = std::move(db);
            s->lang = lang;
            set_readings(*s);
            s->sift_folder = sift;
            s->stub = before;
            return;
        } catch (const Xapian::DatabaseError &) {
            // The generation the stub named was deleted under us: open
            // the one it names now.
            if (!sift || attempt == MODIFIED_RETRIES || xc::folder::stub_identity(path) == before)
                throw;
        }
    }
}

// 1 if a rebuild has published another generation since S opened its own.
bool replaced(const xc_searcher *s)
{
    return s->sift_folder && xc::folder::stub_identity(s->path) != s->stub;
}

// Runs BODY with the latest commit, again if a writer commits meanwhile or a
// rebuild replaces the index.
template <class Body> void with_retries(xc_searcher *s, Body &&body)
{
    for (int attempt = 0;; attempt++) {
        try {
            // Each search sees the latest commit (reopen() is a few system
            // calls when nothing changed), and nothing read from an older
            // one; after a rebuild, the new index (it may even have another
            // language).
            if (replaced(s))
                open_db(s);
            else if (s->db->reopen()) {
                s->freqs.clear();
                set_readings(*s); // a language may have come or gone
            }
            body();
            return;
        } catch (const Xapian::DatabaseModifiedError &) {
            // A writer committed twice since we opened: read the newest.
            if (attempt == MODIFIED_RETRIES)
                throw;
        } catch (const Xapian::DatabaseError &) {
            // Our generation was deleted by a rebuild (a table opened late,
            // or reopen()): read the new one.
            if (attempt == MODIFIED_RETRIES || !replaced(s))
                throw;
        }
    }
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
        s->path = path;
        open_db(s);
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
        with_retries(s, [&]() { *count = s->db->get_doccount(); });
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
        if (std::strlen(query) > XC_MAX_QUERY_BYTES) {
            s->error = "the query is too long: " + std::to_string(std::strlen(query)) + " bytes, at most " +
                       std::to_string(XC_MAX_QUERY_BYTES);
            return XC_ERR_QUERY;
        }
        const xc_rank_params params = opts->params ? *opts->params : xc_rank_params_default();
        xc::check_facets(opts->facets);
        if (const char *why = bad_params(params)) {
            s->error = std::string("bad ranking parameters: ") + why;
            return XC_ERR_ARG;
        }
        std::unique_ptr<xc_results> r(new xc_results);
        testpoint("searcher-search"); // before the clock starts
        const xc::deadline limit(opts->time_limit > 0 ? opts->time_limit : XC_DEFAULT_TIME_LIMIT);
        try {
            with_retries(s, [&]() {
                *r = xc_results();
                run_search(s, query, *opts, params, limit, *r);
            });
        } catch (const Xapian::InvalidArgumentError &e) {
            // The query's reading refused it (xc_query.cc): its words, not
            // the index.
            s->error = e.get_msg();
            return XC_ERR_QUERY;
        }
        *results = r.release();
        return XC_OK;
    });
}

extern "C" xc_status xc_search_like(xc_searcher *s, const char *id, const xc_search_opts *opts,
                                    xc_results **results)
{
    if (!s || !id || !opts || !results)
        return XC_ERR_ARG;
    *results = nullptr;
    if (!s->db) {
        s->error = "the index is not open";
        return XC_ERR_ARG;
    }
    return xc::guard(s->error, [&]() -> xc_status {
        std::unique_ptr<xc_results> r(new xc_results);
        xc_status st = XC_OK;
        const xc::deadline limit(opts->time_limit > 0 ? opts->time_limit : XC_DEFAULT_TIME_LIMIT);
        with_retries(s, [&]() {
            *r = xc_results();
            st = run_like(s, id, *opts, limit, *r);
        });
        if (st == XC_OK)
            *results = r.release();
        return st;
    });
}

extern "C" xc_status xc_searcher_get_doc(xc_searcher *s, const char *id, xc_stored_doc **doc)
{
    if (!s || !id || !doc)
        return XC_ERR_ARG;
    *doc = nullptr;
    if (!s->db) {
        s->error = "the index is not open";
        return XC_ERR_ARG;
    }
    return xc::guard(s->error, [&]() -> xc_status {
        std::unique_ptr<xc_stored_doc_store> d(new xc_stored_doc_store);
        xc_status st = XC_OK;
        with_retries(s, [&]() {
            *d = xc_stored_doc_store();
            st = read_doc(s, id, *d);
        });
        if (st != XC_OK)
            return st;
        *doc = pack_doc(*d);
        return XC_OK;
    });
}

extern "C" void xc_stored_doc_free(xc_stored_doc *doc)
{
    std::free(doc); // one block (pack_doc)
}

extern "C" const char *xc_results_suggestion(const xc_results *r)
{
    return r ? r->suggestion.c_str() : "";
}

extern "C" int xc_results_corrected(const xc_results *r)
{
    return r && r->corrected;
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
