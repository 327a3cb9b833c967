// Writing the index: one Xapian::WritableDatabase and one TermGenerator per
// writer, the stemmer chosen by the language stored in the index.
#include "xc_filter.h"
#include "xc_private.h"

#include "hash.h"
#include "testpoint.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <sys/stat.h>
#include <ctime>

namespace {

// Title words count this many times over a body word: a match in the title
// says more about what a document is about. Only for a title given with the
// document: one found in its text (xc_doc::title_derived) is a line of the
// body, indexed there once already; weighing it again as a title cost a
// collection without titles 0.01 to 0.02 of MAP (docs/ranking.md).
const Xapian::termcount TITLE_WDF = 3;
// Position gap so that no phrase matches across title and body.
const Xapian::termpos FIELD_GAP = 100;

xc_status not_open(xc_writer *w)
{
    w->error = "the index is not open";
    return XC_ERR_ARG;
}

xc_status check_id(xc_writer *w, const char *id)
{
    if (!id || !*id) {
        w->error = "empty source ID";
        return XC_ERR_ARG;
    }
    if (std::string(id).size() > xc::MAX_ID_BYTES) {
        w->error = std::string("source ID longer than 240 bytes: ") + std::string(id, 60) + "...";
        return XC_ERR_ARG;
    }
    return XC_OK;
}

std::string id_term(const char *id)
{
    return std::string(xc::PREFIX_ID) + id;
}

// Metadata whose words say what a document is about, or who it is from:
// searchable as body words, after a gap (no phrase across them).
const char *const SEARCHABLE_META[] = {XC_META_AUTHOR, "to", "tags", "description"};

void index_meta_words(Xapian::TermGenerator &indexer, const xc_doc *d)
{
    for (size_t i = 0; i < d->nmeta; i++) {
        if (!d->meta[i].key || !d->meta[i].value)
            continue;
        for (const char *key : SEARCHABLE_META) {
            if (std::strcmp(d->meta[i].key, key) == 0) {
                indexer.increase_termpos(FIELD_GAP);
                indexer.index_text(xc::index_form(d->meta[i].value));
            }
        }
    }
}

// The values of DOC that say where D came from and what it is (xc_doc).
void add_details(Xapian::Document &doc, const xc_doc *d)
{
    if (d->type && *d->type) {
        doc.add_value(xc::SLOT_TYPE, d->type);
        doc.add_boolean_term(xc::PREFIX_TYPE + std::string(d->type)); // type:pdf
    }
    if (d->line)
        doc.add_value(xc::SLOT_LINE, std::to_string(d->line));
    std::string blob = xc::encode_meta(d->meta, d->nmeta);
    if (!blob.empty())
        doc.add_value(xc::SLOT_META, blob);
    for (size_t i = 0; i < d->nmeta; i++) {
        const xc_meta &m = d->meta[i];
        if (!m.key || !m.value)
            continue;
        if (std::strcmp(m.key, XC_META_AUTHOR) == 0) {
            for (const std::string &w : xc::author_words(m.value)) // author:lavrov
                if (w.size() + 1 <= xc::MAX_ID_BYTES)
                    doc.add_boolean_term(xc::PREFIX_AUTHOR + w);
            if (doc.get_value(xc::SLOT_AUTHOR).empty())
                doc.add_value(xc::SLOT_AUTHOR, m.value);
        }
        else if (std::strcmp(m.key, XC_META_DATE) == 0 && doc.get_value(xc::SLOT_DATE).empty())
            doc.add_value(xc::SLOT_DATE, m.value);
    }
}

extern "C" xc_writer *xc_writer_new(void)
{
    return new (std::nothrow) xc_writer;
}

// Closes W's databases, dropping what was not committed.
void close_dbs(xc_writer *w) noexcept
{
    try {
        // Closing inside the open transaction cancels it: whatever was not
        // committed is discarded and the index keeps its last commit.
        for (auto &db : w->dbs)
            db->close();
    } catch (...) {
    }
    w->dbs.clear();
}

extern "C" void xc_writer_free(xc_writer *writer)
{
    if (!writer)
        return;
    close_dbs(writer);
    try {
        // A generation that never became the index: an unfinished rebuild,
        // or a new index without a commit.
        if (!writer->published)
            xc::folder::remove_generation(writer->path, writer->gen.number);
    } catch (...) {
        // Left for the next writer, which removes leftovers.
    }
    delete writer; // and its lock with it
}

extern "C" const char *xc_writer_error(const xc_writer *writer)
{
    return writer ? writer->error.c_str() : "no writer";
}

// Opens (CREATE: creates) the databases PATHS as W's and sets the language:
// LANG, or NULL to keep the stored one (english for a new index).
void open_dbs(xc_writer *w, const std::vector<std::string> &paths, const char *lang, bool create)
{
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> dbs;
    for (const std::string &p : paths)
        dbs.emplace_back(new Xapian::WritableDatabase(
            p, (create ? Xapian::DB_CREATE : Xapian::DB_OPEN) | (w->bulk ? Xapian::DB_NO_SYNC : 0)));
    Xapian::WritableDatabase &first = *dbs[0];
    std::string stored = first.get_metadata(xc::META_LANG);
    std::string chosen = stored.empty() ? xc::DEFAULT_LANG : stored;
    Xapian::doccount docs = 0;
    for (auto &db : dbs)
        docs += db->get_doccount();
    if (lang && xc::canonical_language(lang) != xc::canonical_language(chosen)) {
        if (!stored.empty() && docs > 0)
            throw xc::status_error(XC_ERR_LANGUAGE, "the index at " + w->path + " was built with language '" + stored +
                                                   "', not '" + lang + "'");
        chosen = xc::canonical_language(lang);
    }
    xc::require_current_layout(first, docs);
    for (auto &db : dbs) {
        if (db->get_metadata(xc::META_LANG) != chosen)
            db->set_metadata(xc::META_LANG, chosen);
        if (db->get_metadata(xc::META_TERMS) != xc::TERMS_STEMMED)
            db->set_metadata(xc::META_TERMS, xc::TERMS_STEMMED);
    }
    // Changes wait in a transaction until xc_writer_commit(), so that
    // Xapian never commits on its own (it would at its flush threshold or
    // on close) and an abandoned writer leaves the last commit intact.
    for (auto &db : dbs)
        db->begin_transaction();
    w->dbs = std::move(dbs);
    w->indexers.clear();
    w->guess.reset(chosen == xc::AUTO_LANG ? new xc::language_guesser : nullptr);
    w->lang = chosen;
}

// The TermGenerator of language LANG, made on first use.
xc::lang_indexer &indexer_of(xc_writer *w, const std::string &lang)
{
    auto it = w->indexers.find(lang);
    if (it != w->indexers.end())
        return it->second;
    // Each word is written once, as "Z" + stem with its positions: phrases
    // and NEAR match stems, as FTS5 with porter does. (Xapian's STEM_SOME
    // wrote each word twice, as written with positions and as a stem
    // without: a third of the indexing time, and a bigger index.) The
    // spelling table is filled from the stemmer's cache of words, at each
    // commit (a bulk writer: when it is told to, xc_writer_fill_spelling):
    // Xapian's own FLAG_SPELLING, word by word, cost more than the rest of
    // the indexing.
    xc::lang_indexer &l = w->indexers[lang];
    l.words = new xc::word_cache(lang);
    l.indexer.set_stemmer(Xapian::Stem(l.words)); // owns it
    l.indexer.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    return l;
}

// What an index of the older layout at DIR records: its language and its
// number of shards (0: not sharded). Another program's database is refused.
void read_legacy(const std::string &dir, std::string &lang, unsigned &shards)
{
    Xapian::Database old(dir);
    lang = old.get_metadata(xc::META_LANG);
    if (lang.empty())
        throw xc::status_error(XC_ERR_NOT_SIFT, "holds a Xapian database that sift did not make");
    std::ifstream stub(xc::folder::stub_path(dir));
    std::string line;
    shards = 0;
    while (std::getline(stub, line))
        shards += line.compare(0, 5, "auto ") == 0;
}

// The language stored in generation G (empty if none), which must be of
// the current layout.
std::string language_of(const xc::folder::generation &g)
{
    if (!g.number)
        return std::string();
    Xapian::Database db(g.dbs[0]);
    for (size_t i = 1; i < g.dbs.size(); i++)
        db.add_database(Xapian::Database(g.dbs[i]));
    xc::require_current_layout(db, db.get_doccount());
    return db.get_metadata(xc::META_LANG);
}

// Runs READ, which looks at the index a rebuild replaces; if it fails, the
// rebuild goes on (it is the cure) and W says why (xc_writer_replacing).
template <class Read> void read_replaced(xc_writer *w, bool rebuild, Read &&read)
{
    try {
        read();
    } catch (const xc::status_error &e) {
        if (!rebuild || e.status == XC_ERR_NOT_SIFT)
            throw;
        w->replacing = e.status;
        w->replacing_why = e.what();
    } catch (...) {
        if (!rebuild)
            throw;
        w->replacing = xc::status_of_current_exception(w->replacing_why);
    }
}

// Opens the index folder DIR for W: see xc_writer_open.
void open_folder(xc_writer *w, const std::string &dir, const xc_open_opts &opts)
{
    namespace folder = xc::folder;
    w->path = dir;
    folder::found found = folder::classify(dir);
    std::string lang;
    unsigned shards = 0;
    if (found == folder::found::legacy) {
        read_replaced(w, opts.rebuild, [&]() {
            read_legacy(dir, lang, shards);
            throw xc::old_index_error("its folder has the layout of an older sift");
        });
    }
    std::unique_ptr<folder::lock> lock(new folder::lock);
    lock->take(dir);
    folder::generation current;
    if (found != folder::found::legacy) {
        current = folder::published(dir);
        shards = current.dbs.size() > 1 ? static_cast<unsigned>(current.dbs.size()) : 0;
        read_replaced(w, opts.rebuild, [&]() { lang = language_of(current); });
    }
    folder::remove_leftovers(dir, current.number);
    w->lock = std::move(lock);
    if (current.number && !opts.rebuild) {
        open_dbs(w, current.dbs, opts.lang, false);
        w->gen = current;
        w->published = true;
        return;
    }
    // A new generation: for a new index, published at the first commit; for
    // a rebuild, by xc_writer_publish.
    if (opts.shards)
        shards = opts.shards > 1 ? opts.shards : 0;
    w->gen = folder::create(dir, shards);
    w->published = false;
    w->rebuild = opts.rebuild != 0;
    w->replaces = current.number;
    w->legacy = found == folder::found::legacy;
    open_dbs(w, w->gen.dbs, opts.lang ? opts.lang : lang.empty() ? nullptr : lang.c_str(), true);
}

// Makes W's generation the index and removes what it replaces.
void publish(xc_writer *w)
{
    xc::folder::publish(w->path, w->gen);
    w->published = true;
    w->rebuild = false;
    try {
        if (w->legacy)
            xc::folder::remove_legacy(w->path);
        xc::folder::remove_generation(w->path, w->replaces);
    } catch (...) {
        // The new index is in place; what is left of the old one goes with
        // the next writer's leftovers.
    }
    w->legacy = false;
    w->replaces = 0;
}

// The shard that holds (or will hold) source ID: FNV-1a of the ID, so the
// same on every run and every machine.
Xapian::WritableDatabase &shard_of(xc_writer *w, const char *id)
{
    return *w->dbs[hash_fnv1a(id, std::strlen(id)) % w->dbs.size()];
}

} // namespace

extern "C" xc_status xc_writer_open(xc_writer *w, const char *path, const xc_open_opts *opts)
{
    if (!w)
        return XC_ERR_ARG;
    const xc_open_opts defaults = {};
    const xc_open_opts &o = opts ? *opts : defaults;
    return xc::guard(w->error, [&]() -> xc_status {
        if (!w->dbs.empty() || w->lock) {
            w->error = "the writer is open already";
            return XC_ERR_ARG;
        }
        if (!path || !*path) {
            w->error = "empty index path";
            return XC_ERR_ARG;
        }
        if (o.lang && !xc_language_supported(o.lang)) {
            w->error = std::string("unknown stemming language '") + o.lang + "'";
            return XC_ERR_LANGUAGE;
        }
        if (o.shards > 1000) {
            w->error = "shards: at most 1000";
            return XC_ERR_ARG;
        }
        try {
            open_folder(w, path, o);
        } catch (...) {
            close_dbs(w);
            if (!w->published)
                xc::folder::remove_generation(w->path, w->gen.number);
            w->published = true;
            w->lock.reset();
            throw;
        }
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_open_part(xc_writer *part, xc_writer *parent, unsigned k)
{
    if (!part || !parent)
        return XC_ERR_ARG;
    if (parent->dbs.empty())
        return not_open(parent);
    return xc::guard(part->error, [&]() -> xc_status {
        part->path = xc::folder::parts_dir(parent->path) + "/" + std::to_string(k);
        part->bulk = true;
        open_dbs(part, {part->path}, parent->lang.c_str(), true);
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_replacing(const xc_writer *w, const char **why)
{
    if (why)
        *why = w ? w->replacing_why.c_str() : "";
    return w ? w->replacing : XC_ERR_ARG;
}

extern "C" unsigned xc_writer_shards(const xc_writer *w)
{
    return w && w->dbs.size() > 1 ? static_cast<unsigned>(w->dbs.size()) : 0;
}

// The spelling table of a sharded index is the first shard's: search reads
// the tables of all shards as one, so any shard would do.
static void fill_spelling(xc_writer *w)
{
    for (auto &l : w->indexers)
        l.second.words->add_spellings(*w->dbs[0]);
}

extern "C" xc_status xc_writer_fill_spelling(xc_writer *w)
{
    if (!w)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        fill_spelling(w);
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_merge_parts(xc_writer *w, unsigned n)
{
    if (!w || n == 0)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        if (w->dbs.size() != 1 || w->dbs[0]->get_doccount() != 0) {
            w->error = "parts are merged into a new, empty index only";
            return XC_ERR_ARG;
        }
        const std::string parts = xc::folder::parts_dir(w->path);
        Xapian::Database all;
        for (unsigned k = 0; k < n; k++)
            all.add_database(Xapian::Database(parts + "/" + std::to_string(k)));
        // A generation of its own, which replaces W's (empty) one as the
        // rebuild's or new index's generation; W's lock is held throughout.
        xc::folder::generation merged = xc::folder::create(w->path, 0);
        try {
            testpoint("merge");
            // Document numbers are renumbered (parts all start at 1); results
            // name documents by source ID, so nothing depends on them.
            all.compact(merged.dbs[0], Xapian::DBCOMPACT_MULTIPASS);
            all.close();
            close_dbs(w);
            if (!w->published)
                xc::folder::remove_generation(w->path, w->gen.number);
            else
                w->replaces = w->gen.number;
            w->gen = merged;
            w->published = false;
        } catch (...) {
            xc::folder::remove_generation(w->path, merged.number);
            throw;
        }
        xc::folder::remove_tree(parts);
        open_dbs(w, w->gen.dbs, w->lang.c_str(), false);
        return XC_OK;
    });
}

extern "C" const char *xc_writer_language(const xc_writer *w)
{
    return (w && !w->dbs.empty()) ? w->lang.c_str() : nullptr;
}

extern "C" xc_status xc_writer_doc_count(xc_writer *w, unsigned long *count)
{
    if (!w || !count)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        unsigned long n = 0;
        for (auto &db : w->dbs)
            n += db->get_doccount();
        *count = n;
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_put(xc_writer *w, const xc_doc *d)
{
    if (!w || !d)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    xc_status st = check_id(w, d->id);
    if (st != XC_OK)
        return st;
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string title = d->title ? d->title : "";
        const std::string text = d->text ? d->text : "";
        Xapian::Document doc;
        Xapian::WritableDatabase &shard = shard_of(w, d->id);
        // In an index of several languages, each document is stemmed as
        // its own, which it is marked with (the searcher reads each
        // language's documents the way of that language).
        const bool guessed = w->guess != nullptr;
        const std::string lang = guessed ? (*w->guess)(title, text) : w->lang;
        xc::lang_indexer &l = indexer_of(w, lang);
        l.indexer.set_document(doc);
        if (!title.empty()) {
            const std::string words = xc::index_form(title);
            l.indexer.index_text(words, 1, xc::PREFIX_TITLE);
            l.indexer.increase_termpos(FIELD_GAP);
            if (!d->title_derived) {
                l.indexer.index_text(words, TITLE_WDF);
                l.indexer.increase_termpos(FIELD_GAP);
            }
        }
        l.indexer.index_text(xc::index_form(text));
        index_meta_words(l.indexer, d);
        if (guessed) {
            doc.add_boolean_term(xc::PREFIX_LANG + lang);
            doc.add_value(xc::SLOT_LANG, lang);
        }
        const std::string idterm = id_term(d->id);
        doc.add_boolean_term(idterm);
        doc.add_value(xc::SLOT_ID, d->id);
        doc.add_value(xc::SLOT_TITLE, title);
        doc.add_value(xc::SLOT_PATH, d->path ? d->path : "");
        doc.add_value(xc::SLOT_SIGNATURE, d->signature ? d->signature : "");
        add_details(doc, d);
        doc.set_data(text);
        // A bulk part is new and is given each source ID once (the indexer
        // sees to it): there is nothing to replace, and looking costs.
        if (w->bulk)
            shard.add_document(doc);
        else
            shard.replace_document(idterm, doc);
        if (l.words->size() >= xc::word_cache::MAX_WORDS)
            fill_spelling(w); // and the cache starts over
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_lookup(xc_writer *w, const char *id, int *found,
                                      const char **path, const char **signature)
{
    if (!w || !found)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    *found = 0;
    xc_status st = check_id(w, id);
    if (st != XC_OK)
        return st;
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string idterm = id_term(id);
        Xapian::WritableDatabase &db = shard_of(w, id);
        Xapian::PostingIterator p = db.postlist_begin(idterm);
        if (p == db.postlist_end(idterm))
            return XC_OK;
        Xapian::Document doc = db.get_document(*p);
        w->found_path = doc.get_value(xc::SLOT_PATH);
        w->found_signature = doc.get_value(xc::SLOT_SIGNATURE);
        *found = 1;
        if (path)
            *path = w->found_path.c_str();
        if (signature)
            *signature = w->found_signature.c_str();
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_remove(xc_writer *w, const char *id)
{
    if (!w)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    xc_status st = check_id(w, id);
    if (st != XC_OK)
        return st;
    return xc::guard(w->error, [&]() -> xc_status {
        shard_of(w, id).delete_document(id_term(id));
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_foreach(xc_writer *w, xc_doc_visitor visit, void *ctx)
{
    if (!w || !visit)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string prefix = xc::PREFIX_ID;
        // All shards as one database: Xapian merges their terms in order,
        // so the IDs come in order whatever the shard (and with the
        // changes not yet committed, which the shards' objects share).
        Xapian::Database all;
        for (auto &db : w->dbs)
            all.add_database(*db);
        for (Xapian::TermIterator t = all.allterms_begin(prefix); t != all.allterms_end(prefix); ++t) {
            const std::string term = *t;
            Xapian::PostingIterator p = all.postlist_begin(term);
            if (p == all.postlist_end(term))
                continue; // a term left behind by a deletion not yet merged
            const std::string path = all.get_document(*p).get_value(xc::SLOT_PATH);
            if (visit(ctx, term.c_str() + prefix.size(), path.c_str()) != 0)
                return XC_OK;
        }
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_commit(xc_writer *w)
{
    if (!w)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        // Shard by shard: each commit is atomic; a crash between two leaves
        // each shard at one of its commits, and a document is only ever in
        // the one shard its ID hashes to, so nothing is duplicated.
        if (!w->bulk)
            fill_spelling(w);
        for (auto &db : w->dbs) {
            db->commit_transaction();
            db->begin_transaction();
        }
        testpoint("commit");
        // A new index becomes one at its first commit.
        if (!w->published && !w->rebuild && !w->bulk)
            publish(w);
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_publish(xc_writer *w)
{
    xc_status st = xc_writer_commit(w);
    if (st != XC_OK || w->published)
        return st;
    return xc::guard(w->error, [&]() -> xc_status {
        publish(w);
        return XC_OK;
    });
}

extern "C" int xc_is_index(const char *path)
{
    try {
        return path && xc::folder::is_index(path);
    } catch (...) {
        return 0;
    }
}

extern "C" xc_status xc_writer_note_root(xc_writer *w, const char *path, int folder, long long when)
{
    if (!w || !path || !*path)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string key = xc::META_ROOT + std::string(path);
        if (key.size() > xc::MAX_ID_BYTES) // Xapian's bound on a key
            return XC_OK;
        char iso[32] = "";
        const time_t t = static_cast<time_t>(when);
        struct tm tm;
        if (gmtime_r(&t, &tm))
            std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
        // Shards: the first holds the index's metadata (as META_LANG).
        w->dbs[0]->set_metadata(key, std::string(folder ? "folder " : "file ") + iso);
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_forget_root(xc_writer *w, const char *path)
{
    if (!w || !path)
        return XC_ERR_ARG;
    if (w->dbs.empty())
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string prefix = xc::META_ROOT + std::string(path);
        std::vector<std::string> gone;
        Xapian::Database &db = *w->dbs[0];
        for (Xapian::TermIterator k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
            const std::string key = *k;
            // PATH itself or a folder under it, not /a/bc for /a/b.
            if (key.size() == prefix.size() || key[prefix.size()] == '/' || prefix.back() == '/')
                gone.push_back(key);
        }
        for (const std::string &key : gone)
            w->dbs[0]->set_metadata(key, "");
        return XC_OK;
    });
}
