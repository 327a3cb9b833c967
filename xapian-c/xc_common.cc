// Status codes, exception mapping and the list of languages.
#include "xc_private.h"

#include <libstemmer.h>

#include <cerrno>
#include <cstring>
#include <new>

extern "C" const char *xc_status_name(xc_status status)
{
    switch (status) {
    case XC_OK: return "ok";
    case XC_ERR_ARG: return "invalid argument";
    case XC_ERR_NOT_FOUND: return "not found";
    case XC_ERR_LOCKED: return "locked";
    case XC_ERR_CORRUPT: return "corrupt";
    case XC_ERR_MODIFIED: return "modified";
    case XC_ERR_NOMEM: return "out of memory";
    case XC_ERR_IO: return "i/o error";
    case XC_ERR_TIMEOUT: return "timed out";
    case XC_ERR_OLD_INDEX: return "older index";
    case XC_ERR_NOT_SIFT: return "not a sift index";
    case XC_ERR_PERM: return "permission denied";
    case XC_ERR_NO_DOC: return "no such document";
    case XC_ERR_OTHER: break;
    }
    return "error";
}

extern "C" const char *xc_status_rebuild(xc_status status)
{
    switch (status) {
    case XC_ERR_CORRUPT: return "is damaged";
    case XC_ERR_OLD_INDEX: return "was built by an older sift";
    default: return nullptr;
    }
}

void xc::require_current_layout(const Xapian::Database &db, Xapian::doccount docs)
{
    // Terms of another layout cannot be searched or mixed with ours: words
    // would silently not match.
    if (docs == 0)
        return;
    // Every sift index records its language, from the first version on.
    if (db.get_metadata(META_LANG).empty())
        throw status_error(XC_ERR_NOT_SIFT, "holds a Xapian database that sift did not make");
    if (db.get_metadata(META_TERMS) != TERMS_STEMMED)
        throw old_index_error("it was written in an older layout");
}

namespace {

// 1 if E failed because the file system said no: permissions, or a
// read-only file system.
bool denied(const Xapian::Error &e)
{
    const char *why = e.get_error_string();
    return why && (std::strcmp(why, std::strerror(EACCES)) == 0 || std::strcmp(why, std::strerror(EPERM)) == 0 ||
                   std::strcmp(why, std::strerror(EROFS)) == 0);
}

} // namespace

xc_status xc::status_of_current_exception(std::string &error) noexcept
{
    // Assigning a message may itself throw bad_alloc: then keep it short.
    try {
        try {
            throw;
        } catch (const xc::status_error &e) {
            error = e.what();
            return e.status;
        } catch (const Xapian::NetworkError &e) {
            // A remote shard (xapian-tcpsrv) is down or unreachable; the
            // description names it: "(context: remote:tcp(HOST:PORT))".
            error = "cannot reach a remote shard: " + e.get_description();
            return XC_ERR_IO;
        } catch (const Xapian::DatabaseLockError &e) {
            error = e.get_description();
            return denied(e) ? XC_ERR_PERM : XC_ERR_LOCKED;
        } catch (const Xapian::DatabaseNotFoundError &e) {
            error = e.get_description();
            return XC_ERR_NOT_FOUND;
        } catch (const Xapian::DatabaseCorruptError &e) {
            error = e.get_description();
            return XC_ERR_CORRUPT;
        } catch (const Xapian::DatabaseVersionError &e) {
            error = e.get_description();
            return XC_ERR_CORRUPT;
        } catch (const Xapian::DatabaseModifiedError &e) {
            error = e.get_description();
            return XC_ERR_MODIFIED;
        } catch (const Xapian::DatabaseOpeningError &e) {
            // A table file of an index that exists has gone: damage.
            error = e.get_description();
            if (denied(e))
                return XC_ERR_PERM;
            return error.find(".glass") != std::string::npos && error.find("No such file") != std::string::npos
                       ? XC_ERR_CORRUPT
                       : XC_ERR_IO;
        } catch (const Xapian::InvalidArgumentError &e) {
            error = e.get_msg();
            return XC_ERR_ARG;
        } catch (const Xapian::DatabaseError &e) {
            // Includes failed writes: disk full, read-only file system. But
            // a table file shorter than the index says (truncated, or
            // emptied) is damage, though Xapian calls it a plain error.
            error = e.get_description();
            if (denied(e))
                return XC_ERR_PERM;
            return e.get_msg().compare(0, 17, "EOF reading block") == 0 ? XC_ERR_CORRUPT : XC_ERR_IO;
        } catch (const Xapian::Error &e) {
            error = e.get_description();
            return XC_ERR_OTHER;
        } catch (const std::bad_alloc &) {
            error = "out of memory";
            return XC_ERR_NOMEM;
        } catch (const std::exception &e) {
            error = e.what();
            return XC_ERR_OTHER;
        } catch (...) {
            error = "unknown C++ exception";
            return XC_ERR_OTHER;
        }
    } catch (...) {
        error.clear();
        return XC_ERR_NOMEM;
    }
}

extern "C" const char *const *xc_languages(void)
{
    return sb_stemmer_list();
}

namespace {

// libstemmer accepts ISO 639 codes as aliases ("fr", "fre", "fra") but has no
// call that names the algorithm behind one, and an index must record one name
// per algorithm so that "--lang fr" and later "--lang french" agree. This
// table follows libstemmer 2.2's modules.txt (checked by stemming sample
// words with each alias and each listed name).
const struct {
    const char *alias, *name;
} ALIASES[] = {
    {"ar", "arabic"},     {"ara", "arabic"},     {"hy", "armenian"},    {"hye", "armenian"},
    {"arm", "armenian"},  {"eu", "basque"},      {"eus", "basque"},     {"baq", "basque"},
    {"ca", "catalan"},    {"cat", "catalan"},    {"da", "danish"},      {"dan", "danish"},
    {"nl", "dutch"},      {"nld", "dutch"},      {"dut", "dutch"},      {"en", "english"},
    {"eng", "english"},   {"fi", "finnish"},     {"fin", "finnish"},    {"fr", "french"},
    {"fra", "french"},    {"fre", "french"},     {"de", "german"},      {"deu", "german"},
    {"ger", "german"},    {"el", "greek"},       {"ell", "greek"},      {"gre", "greek"},
    {"hi", "hindi"},      {"hin", "hindi"},      {"hu", "hungarian"},   {"hun", "hungarian"},
    {"id", "indonesian"}, {"ind", "indonesian"}, {"ga", "irish"},       {"gle", "irish"},
    {"it", "italian"},    {"ita", "italian"},    {"lt", "lithuanian"},  {"lit", "lithuanian"},
    {"ne", "nepali"},     {"nep", "nepali"},     {"no", "norwegian"},   {"nor", "norwegian"},  {"nb", "norwegian"},   {"nn", "norwegian"},
    {"pt", "portuguese"}, {"por", "portuguese"}, {"ro", "romanian"},    {"ron", "romanian"},
    {"rum", "romanian"},  {"ru", "russian"},     {"rus", "russian"},    {"sr", "serbian"},
    {"srp", "serbian"},   {"es", "spanish"},     {"spa", "spanish"},    {"esl", "spanish"},
    {"sv", "swedish"},    {"swe", "swedish"},    {"ta", "tamil"},       {"tam", "tamil"},
    {"tr", "turkish"},    {"tur", "turkish"},    {"yi", "yiddish"},     {"yid", "yiddish"},
};

} // namespace

std::string xc::canonical_language(const std::string &lang)
{
    for (const char *const *name = sb_stemmer_list(); *name; name++)
        if (lang == *name)
            return lang;
    for (const auto &a : ALIASES)
        if (lang == a.alias)
            return a.name;
    return lang; // "none", or an alias newer than this table
}

extern "C" int xc_language_supported(const char *lang)
{
    if (!lang || !*lang)
        return 0;
    if (std::strcmp(lang, "none") == 0 || std::strcmp(lang, xc::AUTO_LANG) == 0)
        return 1;
    struct sb_stemmer *s = sb_stemmer_new(lang, "UTF_8");
    if (!s)
        return 0;
    sb_stemmer_delete(s);
    return 1;
}
