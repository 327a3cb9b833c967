// Writing the index: one Xapian::WritableDatabase and one TermGenerator per
// writer, the stemmer chosen by the language stored in the index.
#include "xc_private.h"

#include "hash.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>
#include <sys/stat.h>

namespace {

// Title words count this many times over a body word: a match in the title
// says more about what a document is about.
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
                indexer.index_text(d->meta[i].value);
            }
        }
    }
}

// The values of DOC that say where D came from and what it is (xc_doc).
void add_details(Xapian::Document &doc, const xc_doc *d)
{
    if (d->type && *d->type)
        doc.add_value(xc::SLOT_TYPE, d->type);
    if (d->line)
        doc.add_value(xc::SLOT_LINE, std::to_string(d->line));
    std::string blob = xc::encode_meta(d->meta, d->nmeta);
    if (!blob.empty())
        doc.add_value(xc::SLOT_META, blob);
    for (size_t i = 0; i < d->nmeta; i++) {
        const xc_meta &m = d->meta[i];
        if (!m.key || !m.value)
            continue;
        if (std::strcmp(m.key, XC_META_AUTHOR) == 0 && doc.get_value(xc::SLOT_AUTHOR).empty())
            doc.add_value(xc::SLOT_AUTHOR, m.value);
        else if (std::strcmp(m.key, XC_META_DATE) == 0 && doc.get_value(xc::SLOT_DATE).empty())
            doc.add_value(xc::SLOT_DATE, m.value);
    }
}

// A sharded index is a folder with this stub file (Xapian's own name: a
// folder holding XAPIANDB opens as the databases it lists).
const char *const STUB_NAME = "XAPIANDB";

extern "C" xc_writer *xc_writer_new(void)
{
    return new (std::nothrow) xc_writer;
}

extern "C" void xc_writer_free(xc_writer *writer)
{
    if (!writer)
        return;
    try {
        // Closing inside the open transaction cancels it: whatever was not
        // committed is discarded and the index keeps its last commit.
        for (auto &db : writer->dbs)
            db->close();
    } catch (...) {
    }
    delete writer;
}

extern "C" const char *xc_writer_error(const xc_writer *writer)
{
    return writer ? writer->error.c_str() : "no writer";
}

// The shards a stub file (XAPIANDB in an index folder) lists, as paths.
// Remote shards are refused: each is written on its own machine.
std::vector<std::string> stub_shards(const std::string &dir)
{
    std::ifstream stub(dir + "/" + STUB_NAME);
    std::vector<std::string> paths;
    std::string line;
    while (std::getline(stub, line)) {
        std::istringstream words(line);
        std::string type, rest;
        if (!(words >> type) || type[0] == '#')
            continue;
        std::getline(words >> std::ws, rest);
        if (type == "auto" || type == "glass")
            paths.push_back(rest.empty() || rest[0] == '/' ? rest : dir + "/" + rest);
        else
            throw Xapian::InvalidArgumentError("the index at " + dir + " lists a shard the indexer cannot write ('" +
                                               line + "'): update remote shards on their own machines");
    }
    if (paths.empty())
        throw Xapian::DatabaseCorruptError(dir + "/" + STUB_NAME + " lists no shards");
    return paths;
}

bool is_sharded(const std::string &path)
{
    struct stat st;
    return stat((path + "/" + STUB_NAME).c_str(), &st) == 0;
}

// Opens the databases of W at PATH (a plain index, or shards) and sets the
// language; see xc_writer_open.
xc_status open_index(xc_writer *w, const std::string &path, const char *lang)
{
    std::vector<std::string> paths = is_sharded(path) ? stub_shards(path) : std::vector<std::string>{path};
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> dbs;
    for (const std::string &p : paths)
        dbs.emplace_back(new Xapian::WritableDatabase(p, Xapian::DB_CREATE_OR_OPEN |
                                                             (w->bulk ? Xapian::DB_NO_SYNC : 0)));
    Xapian::WritableDatabase &first = *dbs[0];
    std::string stored = first.get_metadata(xc::META_LANG);
    std::string chosen = stored.empty() ? xc::DEFAULT_LANG : stored;
    Xapian::doccount docs = 0;
    for (auto &db : dbs)
        docs += db->get_doccount();
    if (lang && xc::canonical_language(lang) != xc::canonical_language(chosen)) {
        if (!stored.empty() && docs > 0) {
            w->error = "the index at " + path + " was built with language '" + stored + "', not '" + lang + "'";
            return XC_ERR_ARG;
        }
        chosen = xc::canonical_language(lang);
    }
    xc::require_current_layout(first, docs);
    for (auto &db : dbs) {
        if (db->get_metadata(xc::META_LANG) != chosen)
            db->set_metadata(xc::META_LANG, chosen);
        if (db->get_metadata(xc::META_TERMS) != xc::TERMS_STEMMED)
            db->set_metadata(xc::META_TERMS, xc::TERMS_STEMMED);
    }
    // Each word is written once, as "Z" + stem with its positions: phrases
    // and NEAR match stems, as FTS5 with porter does. (Xapian's STEM_SOME
    // wrote each word twice, as written with positions and as a stem
    // without: a third of the indexing time, and a bigger index.) The
    // spelling table is filled from the stemmer's cache of words, at each
    // commit (a bulk writer: when it is told to, xc_writer_fill_spelling):
    // Xapian's own FLAG_SPELLING, word by word, cost more than the rest of
    // the indexing.
    xc::word_cache *words = new xc::word_cache(chosen);
    Xapian::TermGenerator indexer;
    indexer.set_stemmer(Xapian::Stem(words)); // owns it
    indexer.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    // Changes wait in a transaction until xc_writer_commit(), so that
    // Xapian never commits on its own (it would at its flush threshold or
    // on close) and an abandoned writer leaves the last commit intact.
    for (auto &db : dbs)
        db->begin_transaction();
    w->dbs = std::move(dbs);
    w->indexer = indexer;
    w->words = words;
    w->path = path;
    w->lang = chosen;
    return XC_OK;
}

// The shard that holds (or will hold) source ID: FNV-1a of the ID, so the
// same on every run and every machine.
Xapian::WritableDatabase &shard_of(xc_writer *w, const char *id)
{
    return *w->dbs[hash_fnv1a(id, std::strlen(id)) % w->dbs.size()];
}

} // namespace

extern "C" xc_status xc_writer_open(xc_writer *w, const char *path, const char *lang)
{
    if (!w)
        return XC_ERR_ARG;
    return xc::guard(w->error, [&]() -> xc_status {
        if (!path || !*path) {
            w->error = "empty index path";
            return XC_ERR_ARG;
        }
        if (lang && !xc_language_supported(lang)) {
            w->error = std::string("unknown stemming language '") + lang + "'";
            return XC_ERR_ARG;
        }
        return open_index(w, path, lang);
    });
}

extern "C" xc_status xc_writer_create_shards(xc_writer *w, const char *path, const char *lang, unsigned shards)
{
    if (!w)
        return XC_ERR_ARG;
    return xc::guard(w->error, [&]() -> xc_status {
        if (!path || !*path || shards < 2 || shards > 1000) {
            w->error = "shards: give a new folder and 2 to 1000 shards";
            return XC_ERR_ARG;
        }
        if (lang && !xc_language_supported(lang)) {
            w->error = std::string("unknown stemming language '") + lang + "'";
            return XC_ERR_ARG;
        }
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            throw Xapian::DatabaseCreateError(std::string("cannot create ") + path + ": " + std::strerror(errno));
        // The stub is written last, through a temporary name: until it is
        // there the folder is not a sharded index.
        std::string stub = std::string(path) + "/" + STUB_NAME, tmp = stub + ".tmp";
        {
            std::ofstream out(tmp);
            out << "# sift: " << shards << " shards; search --db " << path << " searches them all\n";
            for (unsigned i = 0; i < shards; i++) {
                char name[32];
                std::snprintf(name, sizeof name, "shard%02u", i);
                Xapian::WritableDatabase(std::string(path) + "/" + name, Xapian::DB_CREATE_OR_OPEN);
                out << "auto " << name << "\n";
            }
            if (!out.flush())
                throw Xapian::DatabaseCreateError("cannot write " + tmp);
        }
        if (std::rename(tmp.c_str(), stub.c_str()) != 0)
            throw Xapian::DatabaseCreateError("cannot write " + stub + ": " + std::strerror(errno));
        return open_index(w, path, lang);
    });
}

extern "C" unsigned xc_writer_shards(const xc_writer *w)
{
    return w && w->dbs.size() > 1 ? static_cast<unsigned>(w->dbs.size()) : 0;
}

extern "C" void xc_writer_set_bulk(xc_writer *w, int bulk)
{
    if (w)
        w->bulk = bulk != 0;
}

// The spelling table of a sharded index is the first shard's: search reads
// the tables of all shards as one, so any shard would do.
static void fill_spelling(xc_writer *w)
{
    w->words->add_spellings(*w->dbs[0]);
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

extern "C" xc_status xc_compact(const char *const *sources, size_t n, const char *target, char *error,
                                size_t errlen)
{
    std::string message;
    xc_status st = xc::guard(message, [&]() -> xc_status {
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(Xapian::Database(sources[i]));
        // Document numbers are renumbered (shards all start at 1); results
        // name documents by source ID, so nothing depends on them.
        all.compact(target, Xapian::DBCOMPACT_MULTIPASS);
        return XC_OK;
    });
    if (error && errlen)
        snprintf(error, errlen, "%s", message.c_str());
    return st;
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
        w->indexer.set_document(doc);
        if (!title.empty()) {
            w->indexer.index_text(title, 1, xc::PREFIX_TITLE);
            w->indexer.increase_termpos(FIELD_GAP);
            w->indexer.index_text(title, TITLE_WDF);
            w->indexer.increase_termpos(FIELD_GAP);
        }
        w->indexer.index_text(text);
        index_meta_words(w->indexer, d);
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
        if (w->words->size() >= xc::word_cache::MAX_WORDS)
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
        for (auto &db : w->dbs) { // in ID order within each shard
            for (Xapian::TermIterator t = db->allterms_begin(prefix); t != db->allterms_end(prefix); ++t) {
                const std::string term = *t;
                Xapian::PostingIterator p = db->postlist_begin(term);
                if (p == db->postlist_end(term))
                    continue; // a term left behind by a deletion not yet merged
                const std::string path = db->get_document(*p).get_value(xc::SLOT_PATH);
                if (visit(ctx, term.c_str() + prefix.size(), path.c_str()) != 0)
                    return XC_OK;
            }
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
        return XC_OK;
    });
}
