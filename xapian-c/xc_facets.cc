// Facets, exact counts and the order by date: what a search adds to the
// ranked page when asked (xc_search_opts.facets, exact, sort).
#include "xc_facets.h"
#include "xc_rank.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace {

// At most this many values of a facet are handed out.
const size_t MAX_FACET_VALUES = 100;

struct facet_kind {
    const char *name;
    Xapian::valueno slot;
    size_t prefix; // the first this many bytes of the value; 0: all
    bool by_value; // handed out in value order (dates), else by count
};

const facet_kind FACET_KINDS[] = {
    {"type", xc::SLOT_TYPE, 0, false},  {"year", xc::SLOT_DATE, 4, true}, {"month", xc::SLOT_DATE, 7, true},
    {"author", xc::SLOT_AUTHOR, 0, false}, {"lang", xc::SLOT_LANG, 0, false},
};

const facet_kind &kind_of(const std::string &name)
{
    for (const facet_kind &k : FACET_KINDS)
        if (name == k.name)
            return k;
    throw Xapian::InvalidArgumentError("unknown facet '" + name + "' (the facets are " XC_FACETS ")");
}

// Counts, for every document the match sees, the value of each facet. On
// one local database it only notes the documents, whose values are then
// read along each slot's value stream (read_values): Document::get_value
// looks each one up afresh, which cost three times as much (docs/filters.md).
class facet_spy : public Xapian::MatchSpy {
  public:
    facet_spy(std::vector<const facet_kind *> kinds, bool stream)
        : kinds_(std::move(kinds)), counts_(kinds_.size()), stream_(stream)
    {
    }
    void operator()(const Xapian::Document &doc, double) override
    {
        if (stream_) {
            dids_.push_back(doc.get_docid());
            return;
        }
        for (size_t i = 0; i < kinds_.size(); i++)
            add(i, doc.get_value(kinds_[i]->slot));
    }
    // The values of the documents noted, from DB's value streams.
    void read_values(const Xapian::Database &db)
    {
        std::sort(dids_.begin(), dids_.end());
        for (size_t i = 0; i < kinds_.size(); i++) {
            Xapian::ValueIterator v = db.valuestream_begin(kinds_[i]->slot);
            const Xapian::ValueIterator end = db.valuestream_end(kinds_[i]->slot);
            for (Xapian::docid did : dids_) {
                if (v == end)
                    break;
                if (v.get_docid() < did)
                    v.skip_to(did);
                if (v != end && v.get_docid() == did)
                    add(i, *v);
            }
        }
        dids_.clear();
    }
    std::unordered_map<std::string, unsigned long> &counts(size_t i) { return counts_[i]; }

  private:
    void add(size_t i, std::string v)
    {
        if (v.empty())
            return;
        if (kinds_[i]->prefix && v.size() > kinds_[i]->prefix)
            v.resize(kinds_[i]->prefix);
        counts_[i][v]++;
    }
    std::vector<const facet_kind *> kinds_;
    std::vector<std::unordered_map<std::string, unsigned long>> counts_;
    bool stream_;
    std::vector<Xapian::docid> dids_;
};

std::vector<std::string> split_list(const std::string &list)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= list.size()) {
        size_t j = list.find(',', i);
        if (j == std::string::npos)
            j = list.size();
        std::string item = list.substr(i, j - i);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end())
            out.push_back(item);
        i = j + 1;
    }
    return out;
}

} // namespace

void xc::check_facets(const char *list)
{
    if (list)
        for (const std::string &name : split_list(list))
            (void)kind_of(name);
}

void xc::count_all(const xc_searcher &s, const Xapian::Query &query, const char *facets, xc_results &r)
{
    std::vector<const facet_kind *> kinds;
    std::vector<std::string> names = facets ? split_list(facets) : std::vector<std::string>();
    for (const std::string &name : names)
        kinds.push_back(&kind_of(name));
    // Every match, weighed as nothing: the counts and the facets need no
    // ranking, and a boolean weight lets Xapian skip the scoring.
    Xapian::Enquire enquire(*s.db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(query);
    const bool stream = xc::one_local_database(*s.db);
    facet_spy spy(kinds, stream);
    if (!kinds.empty())
        enquire.add_matchspy(&spy);
    const Xapian::doccount all = s.db->get_doccount();
    Xapian::MSet mset = enquire.get_mset(0, 0, all);
    enquire.clear_matchspies();
    if (stream)
        spy.read_values(*s.db);
    r.lower = mset.get_matches_lower_bound();
    r.estimated = mset.get_matches_estimated();
    r.upper = mset.get_matches_upper_bound();
    r.facets.clear();
    for (size_t i = 0; i < kinds.size(); i++) {
        xc_results::facet f;
        f.name = kinds[i]->name;
        for (auto &c : spy.counts(i))
            f.counts.emplace_back(c.first, c.second);
        if (kinds[i]->by_value)
            std::sort(f.counts.begin(), f.counts.end());
        else
            std::sort(f.counts.begin(), f.counts.end(), [](const auto &a, const auto &b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
        if (f.counts.size() > MAX_FACET_VALUES)
            f.counts.resize(MAX_FACET_VALUES);
        r.facets.push_back(std::move(f));
    }
    // The views last: the strings they point into no longer move.
    for (xc_results::facet &f : r.facets)
        for (auto &c : f.counts)
            f.view.push_back(xc_facet_value{c.first.c_str(), c.second});
}

void xc::sort_by_date(Xapian::Enquire &enquire, bool newest_first)
{
    // Equal dates best first (then by docid: a sorted page is not the
    // ranking's, which breaks ties by source ID at a cost).
    enquire.set_sort_by_value_then_relevance(SLOT_DATE, newest_first);
}

extern "C" const char *xc_results_note(const xc_results *r)
{
    return r ? r->note.c_str() : "";
}

extern "C" size_t xc_results_facets(const xc_results *r)
{
    return r ? r->facets.size() : 0;
}

extern "C" const char *xc_results_facet(const xc_results *r, size_t i, const xc_facet_value **values, size_t *n)
{
    if (!r || i >= r->facets.size())
        return nullptr;
    const xc_results::facet &f = r->facets[i];
    if (values)
        *values = f.view.empty() ? nullptr : f.view.data();
    if (n)
        *n = f.view.size();
    return f.name.c_str();
}
