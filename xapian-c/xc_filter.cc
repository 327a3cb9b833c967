// Filters in the query text: date:, type:, path:, author: (xc.h). They are
// taken out of the text before Xapian's parser reads the rest, so that a
// path keeps its case and a date its dashes, and become one boolean query:
// values of the same field OR-ed, different fields AND-ed, "-field:value"
// excluded, as Xapian's boolean prefixes combine.
#include "xc_filter.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <unistd.h>

namespace {

const char *const FILTER_FIELDS[] = {"date", "type", "path", "author"};
// The fields Xapian's parser reads (xc_query.cc), and ours: what the note
// on an unknown field names.
const char *const KNOWN_FIELDS = "title, id, date, type, path, author";
// The parser's own fields, and the ones xc_query.cc rewrites wildcards to.
const char *const PARSER_FIELDS[] = {"title", "id", "xcwild", "xcwildtitle"};

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_filter_field(const std::string &name)
{
    for (const char *f : FILTER_FIELDS)
        if (name == f)
            return true;
    return false;
}

bool is_parser_field(const std::string &name)
{
    for (const char *f : PARSER_FIELDS)
        if (name == f)
            return true;
    return false;
}

std::string lower_ascii(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The type names readers give, for the extensions people type instead.
std::string type_name(const std::string &typed)
{
    static const std::map<std::string, std::string> aliases = {
        {"txt", "text"}, {"md", "markdown"}, {"htm", "html"}, {"eml", "mail"}, {"mbox", "mail"}, {"email", "mail"}};
    const std::string t = lower_ascii(typed);
    auto it = aliases.find(t);
    return it == aliases.end() ? t : it->second;
}

// A date of the query: YYYY, YYYY-MM or YYYY-MM-DD, checked.
bool query_date(const std::string &d)
{
    auto num = [&](size_t at, size_t n, int lo, int hi) {
        if (at + n > d.size())
            return false;
        int v = 0;
        for (size_t i = at; i < at + n; i++) {
            if (d[i] < '0' || d[i] > '9')
                return false;
            v = v * 10 + (d[i] - '0');
        }
        return v >= lo && v <= hi;
    };
    if (d.size() == 4)
        return num(0, 4, 1, 9999);
    if (d.size() == 7)
        return num(0, 4, 1, 9999) && d[4] == '-' && num(5, 2, 1, 12);
    if (d.size() == 10)
        return num(0, 4, 1, 9999) && d[4] == '-' && num(5, 2, 1, 12) && d[7] == '-' && num(8, 2, 1, 31);
    return false;
}

// date:SPEC as a range of the date value (ISO 8601 text, which sorts as the
// dates do): 2021, 2021-10, 2021-10-19, A..B, A.., ..B. A day, month or
// year as the upper end takes all of it in: "2021-10-31" + "\xff" is above
// every time of that day, since stored text is UTF-8 (never a 0xff byte).
Xapian::Query date_query(const std::string &spec)
{
    const std::string bad = "date:" + spec +
                            ": not a date or range of dates (2021, 2021-10, 2021-10-19, "
                            "2021-10-01..2021-10-31, 2021-10-19.., ..2021)";
    const size_t dots = spec.find("..");
    if (dots == std::string::npos) {
        if (!query_date(spec))
            throw Xapian::InvalidArgumentError(bad);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, xc::SLOT_DATE, spec, spec + "\xff");
    }
    const std::string from = spec.substr(0, dots), to = spec.substr(dots + 2);
    if ((from.empty() && to.empty()) || (!from.empty() && !query_date(from)) || (!to.empty() && !query_date(to)))
        throw Xapian::InvalidArgumentError(bad);
    if (from.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, xc::SLOT_DATE, to + "\xff");
    if (to.empty())
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, xc::SLOT_DATE, from);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, xc::SLOT_DATE, from, to + "\xff");
}

// The documents of the file or folder P (absolute, no trailing slash):
// its path, or one under it.
Xapian::Query under(const std::string &p)
{
    const std::string folder = p == "/" ? p : p + "/";
    return Xapian::Query(Xapian::Query::OP_OR,
                         Xapian::Query(Xapian::Query::OP_VALUE_RANGE, xc::SLOT_PATH, p, p),
                         Xapian::Query(Xapian::Query::OP_VALUE_RANGE, xc::SLOT_PATH, folder, folder + "\xff"));
}

// P without "./", "//" and a trailing "/".
std::string tidy_path(const std::string &p)
{
    std::string out;
    size_t i = 0;
    while (i < p.size()) {
        size_t j = p.find('/', i);
        if (j == std::string::npos)
            j = p.size();
        const std::string part = p.substr(i, j - i);
        if (!part.empty() && part != ".") {
            if (!out.empty() || p[0] == '/')
                out += '/';
            out += part;
        }
        i = j + 1;
    }
    return out.empty() && !p.empty() && p[0] == '/' ? "/" : out;
}

// path:P: an absolute P, or P under each folder the index was made from.
Xapian::Query path_query(const xc_searcher &s, const std::string &typed)
{
    const std::string p = tidy_path(typed);
    if (p.empty())
        throw Xapian::InvalidArgumentError("path:" + typed + ": no file or folder named");
    if (p[0] == '/')
        return under(p);
    std::vector<Xapian::Query> any;
    for (const xc::indexed_root &r : xc::indexed_roots(*s.db)) {
        // Under the folder (or beside the file) given to the indexer, and
        // from the folder's own name: indexing ~/archive, both
        // path:reports/2022 and path:archive/reports/2022.
        const std::string above = r.path.substr(0, r.path.rfind('/') + 1);
        any.push_back(under(r.folder ? r.path + "/" + p : above + p));
        const std::string name = r.path.substr(above.size());
        if (r.folder && (p == name || p.compare(0, name.size() + 1, name + "/") == 0))
            any.push_back(under(above + p));
    }
    // An index that names no folders (made before they were recorded):
    // relative to where the search runs.
    if (any.empty()) {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            return Xapian::Query(); // matches nothing
        any.push_back(under(tidy_path(std::string(cwd) + "/" + p)));
    }
    return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

Xapian::Query author_query(const std::string &typed)
{
    std::vector<Xapian::Query> words;
    for (const std::string &w : xc::author_words(typed))
        words.emplace_back(xc::PREFIX_AUTHOR + w);
    if (words.empty())
        throw Xapian::InvalidArgumentError("author:" + typed + ": no name given");
    return Xapian::Query(Xapian::Query::OP_AND, words.begin(), words.end());
}

Xapian::Query field_query(const xc_searcher &s, const std::string &field, const std::string &value)
{
    if (field == "date")
        return date_query(value);
    if (field == "type")
        return Xapian::Query(xc::PREFIX_TYPE + type_name(value));
    if (field == "path")
        return path_query(s, value);
    return author_query(value);
}

// A filter token of the query: [+-]field:value or field:"a value".
struct token {
    size_t begin, end; // in the text
    bool negated;
    std::string field, value;
};

// Reads the token at TEXT[AT..] (not a space): a field and its value, or
// just where it ends (FIELD empty).
token read_token(const std::string &text, size_t at)
{
    token t{at, at, false, {}, {}};
    size_t i = at;
    if (text[i] == '+' || text[i] == '-') {
        t.negated = text[i] == '-';
        i++;
    }
    size_t name = i;
    while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
                               (text[i] >= '0' && text[i] <= '9') || text[i] == '_'))
        i++;
    const bool field = i > name && i + 1 < text.size() && text[i] == ':' && !is_space(text[i + 1]) &&
                       !(text[name] >= '0' && text[name] <= '9');
    if (field) {
        t.field = lower_ascii(text.substr(name, i - name));
        i++;
        if (text[i] == '"') {
            size_t close = text.find('"', i + 1);
            if (close != std::string::npos) {
                t.value = text.substr(i + 1, close - i - 1);
                t.end = close + 1;
                return t;
            }
        }
    }
    // Up to the next space, outside quotes (a quote opens a phrase that
    // runs past it: the whole phrase is the token).
    bool quoted = false;
    size_t value = i;
    for (; i < text.size() && (quoted || !is_space(text[i])); i++)
        if (text[i] == '"')
            quoted = !quoted;
    t.end = i;
    if (field)
        t.value = text.substr(value, i - value);
    return t;
}

} // namespace

std::vector<std::string> xc::author_words(const std::string &text)
{
    std::vector<std::string> words;
    std::string word;
    auto flush = [&]() {
        if (!word.empty())
            words.push_back(xc::fold_letters(word, true));
        word.clear();
    };
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it))
            Xapian::Unicode::append_utf8(word, *it);
        else
            flush();
    }
    flush();
    return words;
}

std::vector<xc::indexed_root> xc::indexed_roots(const Xapian::Database &db)
{
    std::vector<indexed_root> roots;
    const std::string prefix = META_ROOT;
    for (Xapian::TermIterator k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const std::string value = db.get_metadata(*k);
        indexed_root r;
        r.path = (*k).substr(prefix.size());
        r.folder = value.compare(0, 7, "folder ") == 0;
        const size_t sp = value.find(' ');
        r.when = sp == std::string::npos ? "" : value.substr(sp + 1);
        roots.push_back(std::move(r));
    }
    return roots;
}

xc::filters xc::split_filters(const xc_searcher &s, const std::string &typed)
{
    filters out;
    std::map<std::string, std::vector<Xapian::Query>> wanted; // by field
    std::vector<Xapian::Query> unwanted;
    std::vector<std::string> unknown;
    bool quoted = false;
    size_t i = 0;
    while (i < typed.size()) {
        if (is_space(typed[i]) || quoted) {
            if (typed[i] == '"')
                quoted = false;
            out.rest += typed[i++];
            continue;
        }
        const bool at_word = i == 0 || is_space(typed[i - 1]) || typed[i - 1] == '(';
        token t = read_token(typed, i);
        if (at_word && is_filter_field(t.field)) {
            Xapian::Query q = field_query(s, t.field, t.value);
            if (t.negated)
                unwanted.push_back(q);
            else
                wanted[t.field].push_back(q);
            out.rest += ' ';
            out.kept += (out.kept.empty() ? "" : " ") + typed.substr(i, t.end - i);
            i = t.end;
            continue;
        }
        if (at_word && !t.field.empty() && !is_parser_field(t.field) &&
            std::find(unknown.begin(), unknown.end(), t.field) == unknown.end())
            unknown.push_back(t.field);
        for (size_t k = i; k < t.end; k++)
            if (typed[k] == '"')
                quoted = !quoted;
        out.rest += typed.substr(i, t.end - i);
        i = t.end;
    }
    for (const std::string &f : unknown)
        out.note += (out.note.empty() ? "" : "; ") + ("'" + f + ":' is not a field (the fields are " +
                                                      KNOWN_FIELDS + "): searched as words");
    std::vector<Xapian::Query> fields;
    for (auto &f : wanted)
        fields.push_back(f.second.size() == 1 ? f.second[0]
                                              : Xapian::Query(Xapian::Query::OP_OR, f.second.begin(), f.second.end()));
    if (!fields.empty())
        out.query = Xapian::Query(Xapian::Query::OP_AND, fields.begin(), fields.end());
    if (!unwanted.empty()) {
        Xapian::Query base = out.query.empty() ? Xapian::Query::MatchAll : out.query;
        out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, base,
                                  Xapian::Query(Xapian::Query::OP_OR, unwanted.begin(), unwanted.end()));
    }
    out.any = !fields.empty() || !unwanted.empty();
    return out;
}

Xapian::Query xc::with_filters(const Xapian::Query &query, const Xapian::Query &filter, bool any)
{
    if (!any)
        return query;
    // A filter alone lists what it matches: every weight 0, in source ID
    // order (xc::rank).
    if (query.empty())
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0);
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}
