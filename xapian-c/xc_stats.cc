// What an index holds (search --stats), every document (search --list), and
// several indexes searched as one (search --db A --db B).
#include "xc_filter.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <ftw.h>
#include <mutex>
#include <new>

struct xc_stats {
    std::string lang, updated;
    std::vector<std::pair<std::string, unsigned long>> types, langs;
    std::vector<xc_facet_value> type_view, lang_view;
    std::vector<xc::indexed_root> roots;
    std::vector<xc_root> root_view;
    xc_index_stats view{};
};

namespace {

// The files of the index folders: their bytes and newest change (nftw
// has no context argument: one walk at a time, under the lock).
std::mutex walk_mutex;
unsigned long long walk_bytes;
time_t walk_newest;

int add_file(const char *, const struct stat *st, int flag, struct FTW *)
{
    if (flag == FTW_F) {
        walk_bytes += static_cast<unsigned long long>(st->st_size);
        walk_newest = std::max(walk_newest, st->st_mtime);
    }
    return 0;
}

// Documents per value of the boolean terms PREFIX + value, most first.
std::vector<std::pair<std::string, unsigned long>> per_term(const Xapian::Database &db, const std::string &prefix)
{
    std::vector<std::pair<std::string, unsigned long>> out;
    for (Xapian::TermIterator t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        if (t.get_termfreq() > 0)
            out.emplace_back((*t).substr(prefix.size()), t.get_termfreq());
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    return out;
}

std::vector<xc_facet_value> view_of(const std::vector<std::pair<std::string, unsigned long>> &counts)
{
    std::vector<xc_facet_value> v;
    for (const auto &c : counts)
        v.push_back(xc_facet_value{c.first.c_str(), c.second});
    return v;
}

xc_status not_open(xc_searcher *s)
{
    s->error = "the index is not open";
    return XC_ERR_ARG;
}

} // namespace

void xc::add_index(Xapian::Database &db, const std::string &lang, const std::string &path)
{
    Xapian::Database more(path);
    require_current_layout(more, more.get_doccount());
    std::string its = more.get_metadata(META_LANG);
    if (its.empty())
        its = DEFAULT_LANG;
    if (its != lang)
        throw status_error(XC_ERR_ARG, path + " is an index in " + its + ", the first one in " + lang +
                                           ": indexes of different languages are not searched as one");
    db.add_database(more);
}

extern "C" xc_status xc_searcher_add_index(xc_searcher *s, const char *path)
{
    if (!s || !path || !*path)
        return XC_ERR_ARG;
    if (!s->db)
        return not_open(s);
    return xc::guard(s->error, [&]() -> xc_status {
        Xapian::Database one(*s->db);
        xc::add_index(one, s->lang, path); // checked before it is kept
        s->more.push_back(path);
        s->db.reset(new Xapian::Database(one));
        return XC_OK;
    });
}

extern "C" xc_status xc_searcher_foreach(xc_searcher *s, xc_doc_visitor visit, void *ctx)
{
    if (!s || !visit)
        return XC_ERR_ARG;
    if (!s->db)
        return not_open(s);
    return xc::guard(s->error, [&]() -> xc_status {
        s->db->reopen();
        // The ID and path value streams side by side, in docid order: no
        // document read, no memory that grows with the index.
        Xapian::ValueIterator id = s->db->valuestream_begin(xc::SLOT_ID);
        Xapian::ValueIterator path = s->db->valuestream_begin(xc::SLOT_PATH);
        const Xapian::ValueIterator end;
        for (; id != end; ++id) {
            const Xapian::docid did = id.get_docid();
            std::string p;
            if (path != end && path.get_docid() < did)
                path.skip_to(did);
            if (path != end && path.get_docid() == did)
                p = *path;
            if (visit(ctx, (*id).c_str(), p.c_str()) != 0)
                break;
        }
        return XC_OK;
    });
}

extern "C" xc_status xc_searcher_stats(xc_searcher *s, xc_stats **out)
{
    if (!s || !out)
        return XC_ERR_ARG;
    *out = nullptr;
    if (!s->db)
        return not_open(s);
    return xc::guard(s->error, [&]() -> xc_status {
        std::unique_ptr<xc_stats> st(new xc_stats);
        Xapian::Database &db = *s->db;
        db.reopen();
        st->view.docs = db.get_doccount();
        st->view.words = db.get_total_length();
        for (Xapian::TermIterator t = db.allterms_begin(); t != db.allterms_end(); ++t)
            st->view.terms++;
        st->lang = s->lang;
        st->types = per_term(db, xc::PREFIX_TYPE);
        if (s->lang == xc::AUTO_LANG)
            st->langs = per_term(db, xc::PREFIX_LANG);
        st->roots = xc::indexed_roots(db);
        {
            std::lock_guard<std::mutex> lock(walk_mutex);
            walk_bytes = 0;
            walk_newest = 0;
            nftw(s->path.c_str(), add_file, 16, FTW_PHYS);
            for (const std::string &more : s->more)
                nftw(more.c_str(), add_file, 16, FTW_PHYS);
            st->view.bytes = walk_bytes;
            char iso[32] = "";
            struct tm tm;
            if (walk_newest && gmtime_r(&walk_newest, &tm))
                std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
            st->updated = iso;
        }
        st->type_view = view_of(st->types);
        st->lang_view = view_of(st->langs);
        for (const xc::indexed_root &r : st->roots)
            st->root_view.push_back(xc_root{r.path.c_str(), r.folder ? 1 : 0, r.when.c_str()});
        st->view.lang = st->lang.c_str();
        st->view.updated = st->updated.c_str();
        st->view.types = st->type_view.data();
        st->view.ntypes = st->type_view.size();
        st->view.langs = st->lang_view.data();
        st->view.nlangs = st->lang_view.size();
        st->view.roots = st->root_view.data();
        st->view.nroots = st->root_view.size();
        *out = st.release();
        return XC_OK;
    });
}

extern "C" const xc_index_stats *xc_stats_view(const xc_stats *stats)
{
    return stats ? &stats->view : nullptr;
}

extern "C" void xc_stats_free(xc_stats *stats)
{
    delete stats;
}
