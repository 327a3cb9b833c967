// Writing the index: one Xapian::WritableDatabase and one TermGenerator per
// writer, the stemmer chosen by the language stored in the index.
#include "xc_private.h"

#include <cstdio>
#include <new>

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

} // namespace

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
        if (writer->db)
            writer->db->close();
    } catch (...) {
    }
    delete writer;
}

extern "C" const char *xc_writer_error(const xc_writer *writer)
{
    return writer ? writer->error.c_str() : "no writer";
}

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
        std::unique_ptr<Xapian::WritableDatabase> db(new Xapian::WritableDatabase(
            path, Xapian::DB_CREATE_OR_OPEN | (w->bulk ? Xapian::DB_NO_SYNC : 0)));
        std::string stored = db->get_metadata(xc::META_LANG);
        std::string chosen = stored.empty() ? xc::DEFAULT_LANG : stored;
        if (lang && xc::canonical_language(lang) != xc::canonical_language(chosen)) {
            if (!stored.empty() && db->get_doccount() > 0) {
                w->error = std::string("the index at ") + path + " was built with language '" +
                           stored + "', not '" + lang + "'";
                return XC_ERR_ARG;
            }
            chosen = xc::canonical_language(lang);
        }
        if (stored != chosen)
            db->set_metadata(xc::META_LANG, chosen);
        Xapian::TermGenerator indexer;
        indexer.set_stemmer(xc::make_stem(chosen));
        indexer.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        // Every word also feeds the index's spelling table, from which search
        // suggests corrections ("did you mean"); a bulk writer leaves that to
        // xc_writer_fill_spelling, once, at the end.
        if (!w->bulk) {
            indexer.set_database(*db);
            indexer.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
        }
        // Changes wait in a transaction until xc_writer_commit(), so that
        // Xapian never commits on its own (it would at its flush threshold or
        // on close) and an abandoned writer leaves the last commit intact.
        db->begin_transaction();
        w->db = std::move(db);
        w->indexer = indexer;
        w->path = path;
        w->lang = chosen;
        return XC_OK;
    });
}

extern "C" void xc_writer_set_bulk(xc_writer *w, int bulk)
{
    if (w)
        w->bulk = bulk != 0;
}

extern "C" xc_status xc_writer_fill_spelling(xc_writer *w)
{
    if (!w)
        return XC_ERR_ARG;
    if (!w->db)
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        // Unprefixed terms are the words as written (lower-cased); prefixed
        // ones (Z stems, S titles, Q IDs) start with a capital.
        for (Xapian::TermIterator t = w->db->allterms_begin(); t != w->db->allterms_end(); ++t) {
            const std::string word = *t;
            if (!word.empty() && !(word[0] >= 'A' && word[0] <= 'Z'))
                w->db->add_spelling(word, t.get_termfreq());
        }
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
    return (w && w->db) ? w->lang.c_str() : nullptr;
}

extern "C" xc_status xc_writer_doc_count(xc_writer *w, unsigned long *count)
{
    if (!w || !count)
        return XC_ERR_ARG;
    if (!w->db)
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        *count = w->db->get_doccount();
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_put(xc_writer *w, const xc_doc *d)
{
    if (!w || !d)
        return XC_ERR_ARG;
    if (!w->db)
        return not_open(w);
    xc_status st = check_id(w, d->id);
    if (st != XC_OK)
        return st;
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string title = d->title ? d->title : "";
        const std::string text = d->text ? d->text : "";
        Xapian::Document doc;
        w->indexer.set_document(doc);
        if (!title.empty()) {
            w->indexer.index_text(title, 1, xc::PREFIX_TITLE);
            w->indexer.increase_termpos(FIELD_GAP);
            w->indexer.index_text(title, TITLE_WDF);
            w->indexer.increase_termpos(FIELD_GAP);
        }
        w->indexer.index_text(text);
        const std::string idterm = id_term(d->id);
        doc.add_boolean_term(idterm);
        doc.add_value(xc::SLOT_ID, d->id);
        doc.add_value(xc::SLOT_TITLE, title);
        doc.add_value(xc::SLOT_PATH, d->path ? d->path : "");
        doc.add_value(xc::SLOT_SIGNATURE, d->signature ? d->signature : "");
        doc.set_data(text);
        w->db->replace_document(idterm, doc);
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_lookup(xc_writer *w, const char *id, int *found,
                                      const char **path, const char **signature)
{
    if (!w || !found)
        return XC_ERR_ARG;
    if (!w->db)
        return not_open(w);
    *found = 0;
    xc_status st = check_id(w, id);
    if (st != XC_OK)
        return st;
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string idterm = id_term(id);
        Xapian::PostingIterator p = w->db->postlist_begin(idterm);
        if (p == w->db->postlist_end(idterm))
            return XC_OK;
        Xapian::Document doc = w->db->get_document(*p);
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
    if (!w->db)
        return not_open(w);
    xc_status st = check_id(w, id);
    if (st != XC_OK)
        return st;
    return xc::guard(w->error, [&]() -> xc_status {
        w->db->delete_document(id_term(id));
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_foreach(xc_writer *w, xc_doc_visitor visit, void *ctx)
{
    if (!w || !visit)
        return XC_ERR_ARG;
    if (!w->db)
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        const std::string prefix = xc::PREFIX_ID;
        for (Xapian::TermIterator t = w->db->allterms_begin(prefix);
             t != w->db->allterms_end(prefix); ++t) {
            const std::string term = *t;
            Xapian::PostingIterator p = w->db->postlist_begin(term);
            if (p == w->db->postlist_end(term))
                continue; // a term left behind by a deletion not yet merged
            const std::string path = w->db->get_document(*p).get_value(xc::SLOT_PATH);
            if (visit(ctx, term.c_str() + prefix.size(), path.c_str()) != 0)
                break;
        }
        return XC_OK;
    });
}

extern "C" xc_status xc_writer_commit(xc_writer *w)
{
    if (!w)
        return XC_ERR_ARG;
    if (!w->db)
        return not_open(w);
    return xc::guard(w->error, [&]() -> xc_status {
        w->db->commit_transaction();
        w->db->begin_transaction();
        return XC_OK;
    });
}
