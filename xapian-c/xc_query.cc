// Reading query text: case and accent folding, CJK runs as phrases, Xapian's
// QueryParser with the index's stemmer and its language's stopwords (one
// reading per language in an index of several), spelling correction, and
// the runs of words that stand together, for the proximity boost.
#include "xc_filter.h"
#include "xc_rank.h"
#include "xc_stopwords.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <set>

namespace {

// No FLAG_WILDCARD: wildcards are ours (wildcard_expander). No
// FLAG_CJK_NGRAM: CJK text is split into characters as the writer splits it
// (see quote_cjk).
const unsigned SYNTAX_FLAGS = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;
// Natural language: no syntax but the phrases quote_cjk makes.
const unsigned NATURAL_FLAGS = Xapian::QueryParser::FLAG_PHRASE;
// A wildcard expands to at most this many stems (the most frequent ones), so
// "a*" cannot make a query of the whole vocabulary; and, through the
// spelling table, to the stems of at most this many words.
const Xapian::termcount MAX_WILDCARD_TERMS = 1000;
const size_t MAX_WILDCARD_WORDS = 100;
// The fields a wildcard is rewritten to (see mark_wildcards): the body's
// words, and the title's.
const char *const WILDCARD_FIELD = "xcwild";
const char *const TITLE_WILDCARD_FIELD = "xcwildtitle";
// Runs of more words than this are boosted by their pairs only.
const size_t MAX_PHRASE_RUN = 8;

// A wildcard: the index holds stems, not words, so Xapian's own wildcard
// (which expands over terms as written) would find nothing. liais* becomes
// the stems of the words of the spelling table that start with "liais" (the
// words as written: running* finds "running", whose stem is "run"), together
// with the stems that start with it (numbers and codes are in no spelling
// table); all as one synonym, as Xapian weighs a wildcard.
class wildcard_expander : public Xapian::FieldProcessor {
  public:
    wildcard_expander(const xc_searcher &s, const xc::reading &r, const std::string &prefix)
        : s_(s), r_(r), prefix_(prefix)
    {
    }
    Xapian::Query operator()(const std::string &typed) override
    {
        // Words and stems are folded (café* is cafe*, l'écon* is econ*).
        const std::string stub = xc::fold_word(typed);
        std::vector<Xapian::Query> alternatives;
        alternatives.emplace_back(Xapian::Query::OP_WILDCARD, "Z" + prefix_ + stub, MAX_WILDCARD_TERMS,
                                  Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        std::set<std::string> stems;
        for (const std::string &word : words_starting(stub))
            stems.insert("Z" + prefix_ + r_.stem(word));
        alternatives.insert(alternatives.end(), stems.begin(), stems.end());
        return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
    }

  private:
    // The MAX_WILDCARD_WORDS most frequent words of the spelling table that
    // start with STUB.
    std::vector<std::string> words_starting(const std::string &stub) const
    {
        std::vector<std::pair<Xapian::doccount, std::string>> found;
        try {
            Xapian::TermIterator t = s_.db->spellings_begin();
            for (t.skip_to(stub); t != s_.db->spellings_end(); ++t) {
                std::string word = *t;
                if (word.compare(0, stub.size(), stub) != 0)
                    break;
                found.emplace_back(t.get_termfreq(), std::move(word));
            }
        } catch (const Xapian::UnimplementedError &) {
            return {}; // a remote index has no spelling table to offer
        }
        size_t n = std::min(found.size(), MAX_WILDCARD_WORDS);
        std::partial_sort(found.begin(), found.begin() + n, found.end(),
                          [](const auto &a, const auto &b) { return a.first > b.first; });
        std::vector<std::string> words;
        for (size_t i = 0; i < n; i++)
            words.push_back(std::move(found[i].second));
        return words;
    }

    const xc_searcher &s_;
    const xc::reading &r_;
    std::string prefix_;
};

// A parser with the stemmer of reading R; STOPWORDS: leave R's out of the
// query; FIELDS: title: and id: are fields (Xapian reads prefixes whatever
// the flags).
Xapian::QueryParser make_parser(const xc_searcher &s, const xc::reading &r, bool stopwords, bool fields)
{
    Xapian::QueryParser qp;
    qp.set_database(*s.db);
    qp.set_stemmer(r.stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z); // as the writer
    if (stopwords && r.stops)
        qp.set_stopper(r.stops->stopper());
    if (fields) {
        qp.add_prefix("title", xc::PREFIX_TITLE);
        qp.add_boolean_prefix("id", xc::PREFIX_ID);
        qp.add_prefix(WILDCARD_FIELD, (new wildcard_expander(s, r, ""))->release());
        qp.add_prefix(TITLE_WILDCARD_FIELD, (new wildcard_expander(s, r, xc::PREFIX_TITLE))->release());
    }
    return qp;
}

// QUERY, read the way of R, matched against R's documents only when the
// index holds several languages (each document is stemmed as its own).
Xapian::Query for_reading(const xc_searcher &s, const xc::reading &r, const Xapian::Query &query)
{
    if (s.readings.size() < 2 && s.lang != xc::AUTO_LANG)
        return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(xc::PREFIX_LANG + r.lang));
}

// Throws for a '*' at AT in TEXT that a word follows (*phone, mil*ry): only
// a word's end can be a wildcard (the index is searched by prefix). Xapian
// would drop the '*' and search the pieces as words, which is not what was
// asked.
void refuse_inner_wildcard(const std::string &text, Xapian::Utf8Iterator at)
{
    Xapian::Utf8Iterator next = at;
    ++next;
    if (next == Xapian::Utf8Iterator() || !Xapian::Unicode::is_wordchar(*next))
        return;
    // The word the '*' is in, to name it.
    size_t from = static_cast<size_t>(at.raw() - text.data()), to = from + 1;
    while (from > 0 && text[from - 1] != ' ' && text[from - 1] != '"' && text[from - 1] != '(')
        from--;
    while (to < text.size() && text[to] != ' ' && text[to] != '"' && text[to] != ')')
        to++;
    throw Xapian::InvalidArgumentError("'" + text.substr(from, to - from) +
                                       "': a wildcard can only end a word (phon*), not start it or stand "
                                       "inside it");
}

// TEXT with every run of CJK characters spelt as the writer indexes it,
// its characters apart (xc::split_cjk), and quoted when it is outside
// quotes: a phrase of its characters, so that a word is found only where its
// characters stand together, inside a longer run as well (北京 in
// 北京会议纪要).
std::string quote_cjk(const std::string &text)
{
    std::string out;
    bool quoted = false, in_run = false;
    unsigned previous = 0;
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned c = *it;
        const bool cjk = xc::is_cjk(c) && Xapian::Unicode::is_wordchar(c);
        // A space between a quote and a Latin word next to it (mixed北京text),
        // none after a field's colon or a + or -.
        if (cjk && !in_run && !quoted)
            out += Xapian::Unicode::is_wordchar(previous) ? " \"" : "\"";
        if (!cjk && in_run && !quoted)
            out += Xapian::Unicode::is_wordchar(c) ? "\" " : "\"";
        in_run = cjk;
        if (c == '"')
            quoted = !quoted;
        Xapian::Unicode::append_utf8(out, c);
        previous = c;
    }
    if (in_run && !quoted)
        out += '"';
    return xc::split_cjk(out);
}

// Rewrites each wildcard of TEXT (liais*, title:liais*, outside quotes) as a
// field that wildcard_expander reads (xcwild:liais): the parser then puts
// our expansion wherever its own wildcard would have gone, with +, -, AND,
// NOT and brackets as usual.
std::string mark_wildcards(const std::string &text)
{
    const std::string title_field = "title:";
    std::string out, last_word;
    bool quoted = false, after_title = false; // out ends with "title:"
    const Xapian::Utf8Iterator end;
    Xapian::Utf8Iterator it(text);
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
            if (*it == '*')
                refuse_inner_wildcard(text, it);
            if (*it == '"')
                quoted = !quoted;
            after_title = *it == ':' && last_word == "title";
            last_word.clear();
            Xapian::Unicode::append_utf8(out, *it);
            ++it;
            continue;
        }
        const char *start = it.raw();
        while (it != end && Xapian::Unicode::is_wordchar(*it))
            ++it;
        std::string word(start, it == end ? text.data() + text.size() : it.raw());
        bool wildcard = !quoted && it != end && *it == '*';
        if (wildcard) {
            Xapian::Utf8Iterator next = it;
            ++next;
            wildcard = next == end || !Xapian::Unicode::is_wordchar(*next);
        }
        if (it != end && *it == '*' && !wildcard)
            refuse_inner_wildcard(text, it);
        if (!wildcard) {
            out += word;
            last_word = word;
            after_title = false;
            continue;
        }
        if (after_title) {
            out.erase(out.size() - title_field.size());
            out += std::string(TITLE_WILDCARD_FIELD) + ":" + word;
        } else {
            out += std::string(WILDCARD_FIELD) + ":" + word;
        }
        ++it; // past the '*'
        last_word.clear();
        after_title = false;
    }
    return out;
}

// TEXT with mark_wildcards undone, for showing it (a spelling correction).
std::string unmark_wildcards(const std::string &text)
{
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        bool title = text.compare(i, std::strlen(TITLE_WILDCARD_FIELD) + 1, std::string(TITLE_WILDCARD_FIELD) + ":") == 0;
        bool body = !title && text.compare(i, std::strlen(WILDCARD_FIELD) + 1, std::string(WILDCARD_FIELD) + ":") == 0;
        if ((title || body) && (i == 0 || std::strchr(" (+-\"", text[i - 1]))) {
            i += std::strlen(title ? TITLE_WILDCARD_FIELD : WILDCARD_FIELD) + 1;
            if (title)
                out += "title:";
            size_t stop = text.find_first_of(" )", i);
            if (stop == std::string::npos)
                stop = text.size();
            out += text.substr(i, stop - i) + "*";
            i = stop;
            continue;
        }
        out += text[i++];
    }
    return out;
}

bool is_operator(const std::string &word)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (const char *op : ops)
        if (word == op)
            return true;
    return false;
}

// The query with its words in lower case, so that case never changes what a
// word means: Xapian would read AND, OR, NOT, NEAR as operators, so "DESIGN
// OR ANALYSIS" would not be a query about design. (Lower-casing the other
// words changes nothing since every word is stemmed, STEM_ALL_Z; under
// Xapian's usual STEM_SOME, "WING FLUTTER" would have missed "wings".)
// Accents are folded too (the stemmer would fold them anyway), so that the
// words the parser looks up in the spelling table are in the form it holds
// them: "länder" is not "corrected" to "lander". (Compatibility forms are
// left to the stemmer: NFKC may split a word, ½ becoming 1⁄2.)
// Operators keep their capitals only where they were plausibly meant: in a
// query that has lower-case letters too ("nato OR russia"), and not with
// NATURAL. A query all in capitals was typed that way and is all words.
std::string fold_case(const std::string &text, bool natural)
{
    bool has_lower = false;
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it)
        if (Xapian::Unicode::get_category(*it) == Xapian::Unicode::LOWERCASE_LETTER) {
            has_lower = true;
            break;
        }
    const bool keep_operators = has_lower && !natural;
    std::string out, word;
    auto flush = [&]() {
        if (keep_operators && is_operator(word)) {
            out += word;
        } else {
            out += xc::fold_letters(word, false);
        }
        word.clear();
    };
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it)) {
            Xapian::Unicode::append_utf8(word, *it);
            continue;
        }
        flush();
        // In natural language, syntax characters are punctuation: "title:x"
        // is two words, as Xapian would otherwise still read the field.
        bool syntax = natural && *it > 0 && *it < 0x80 && std::strchr(":()\"*+", static_cast<int>(*it));
        Xapian::Unicode::append_utf8(out, syntax ? ' ' : *it);
    }
    flush();
    return out;
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
// query, the exact run as a phrase, and each adjacent pair of it that is not
// half a stopword ("in moscow" says no more than "moscow"). Documents holding
// the whole run rank first, then those holding parts of it, then scattered
// ones. Stopwords are kept, so that "liaison in moscow" is one phrase.
Xapian::Query proximity_boost(const xc_searcher &s, const xc::reading &r, const std::string &text, unsigned flags,
                              bool fields)
{
    Xapian::QueryParser qp = make_parser(s, r, false, fields);
    std::vector<std::vector<std::string>> runs;
    add_runs(qp.parse_query(text, flags), runs);
    std::vector<Xapian::Query> boosts;
    for (const auto &run : runs) {
        // A long run (a pasted sentence) is never found whole; its pairs are.
        if (run.size() <= MAX_PHRASE_RUN)
            boosts.push_back(exact_phrase(run.begin(), run.end()));
        if (run.size() > 2)
            for (size_t i = 0; i + 1 < run.size(); i++)
                if (!(r.stops && (r.stops->is_stop_term(run[i]) || r.stops->is_stop_term(run[i + 1]))))
                    boosts.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                               exact_phrase(run.begin() + i, run.begin() + i + 2), 0.5));
    }
    return for_reading(s, r, Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

// The words of Q that make its length: its terms, not those it excludes or
// filters by, a wildcard's expansion counting as one.
unsigned count_words(const Xapian::Query &q)
{
    switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
        return q.get_terms_begin() != q.get_terms_end() ? 1 : 0;
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_WILDCARD:
        return 1;
    default:
        break;
    }
    size_t n = q.get_num_subqueries();
    if (q.get_type() == Xapian::Query::OP_AND_NOT || q.get_type() == Xapian::Query::OP_FILTER)
        n = n > 0 ? 1 : 0;
    unsigned words = 0;
    for (size_t i = 0; i < n; i++)
        words += count_words(q.get_subquery(i));
    return words;
}

// MSET, a match of QUERY, knows the frequencies of its terms: no lookups.
bool all_terms_known(const Xapian::Query &query, const Xapian::MSet &mset)
{
    for (Xapian::TermIterator t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
        if (mset.get_termfreq(*t) == 0)
            return false;
    return true;
}

} // namespace

static void add_positive_terms(const Xapian::Query &q, std::vector<Xapian::Query> &terms)
{
    if (q.get_type() == Xapian::Query::LEAF_TERM) {
        if (q.get_terms_begin() == q.get_terms_end())
            return;
        std::string term = *q.get_terms_begin();
        // A title word (title:x is "ZS" + stem) is highlighted where the
        // snippet shows it, as the word it is.
        if (term.compare(0, 1 + std::strlen(xc::PREFIX_TITLE), std::string("Z") + xc::PREFIX_TITLE) == 0)
            term.erase(1, std::strlen(xc::PREFIX_TITLE));
        terms.emplace_back(term);
        return;
    }
    size_t n = q.get_num_subqueries();
    if (q.get_type() == Xapian::Query::OP_AND_NOT)
        n = n > 0 ? 1 : 0; // words the hits do not have
    for (size_t i = 0; i < n; i++)
        add_positive_terms(q.get_subquery(i), terms);
}

Xapian::Query xc::highlight_query(const Xapian::Query &query)
{
    std::vector<Xapian::Query> terms;
    add_positive_terms(query, terms);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

bool xc::is_stop_term(const xc_searcher &s, const std::string &term)
{
    for (const reading &r : s.readings)
        if (r.stops && r.stops->is_stop_term(term))
            return true;
    return false;
}

namespace {

// TEXT, read the way of R (FLAGS may be cut down to plain words, for all the
// readings after it too).
Xapian::Query parse_reading(const xc_searcher &s, const xc::reading &r, const std::string &text, unsigned &flags,
                            bool fields)
{
    Xapian::QueryParser qp = make_parser(s, r, true, fields);
    // Broken syntax (an unbalanced quote, a dangling AND) is read as plain
    // words: what someone typing into a box expects (with CJK runs still
    // read as phrases, the quotes typed taken out).
    try {
        return for_reading(s, r, qp.parse_query(text, flags));
    } catch (const Xapian::QueryParserError &) {
    }
    std::string words = text;
    std::replace(words.begin(), words.end(), '"', ' ');
    flags = NATURAL_FLAGS;
    try {
        return for_reading(s, r, qp.parse_query(quote_cjk(words), flags));
    } catch (const Xapian::QueryParserError &) {
        flags = 0;
        return for_reading(s, r, qp.parse_query(words, flags));
    }
}

// TEXT read the way of every reading of S, as one query.
Xapian::Query parse_readings(const xc_searcher &s, const std::string &text, unsigned &flags, bool fields)
{
    std::vector<Xapian::Query> readings;
    for (const xc::reading &r : s.readings)
        readings.push_back(parse_reading(s, r, text, flags, fields));
    return readings.size() == 1 ? readings[0] : Xapian::Query(Xapian::Query::OP_OR, readings.begin(), readings.end());
}

} // namespace

xc::parsed_query xc::parse_query(const xc_searcher &s, const std::string &typed_all, bool natural, unsigned boost_words)
{
    parsed_query parsed;
    std::string typed = typed_all;
    if (!natural) {
        filters f = split_filters(s, typed_all);
        typed = f.rest;
        parsed.filter = f.query;
        parsed.filtered = f.any;
        parsed.filter_text = f.kept;
        parsed.note = f.note;
    }
    const std::string folded = fold_case(fold_width(typed), natural);
    std::string marked = natural ? folded : mark_wildcards(folded);
    std::string text = quote_cjk(marked);
    unsigned flags = natural ? NATURAL_FLAGS : SYNTAX_FLAGS;
    try {
        parsed.query = parse_readings(s, text, flags, !natural);
    } catch (const Xapian::UnimplementedError &) {
        // Xapian builds NEAR and ADJ of single terms only: a wildcard there
        // (liais* NEAR office) is read as its word.
        if (natural)
            throw;
        marked = folded;
        text = quote_cjk(folded);
        flags = SYNTAX_FLAGS;
        parsed.query = parse_readings(s, text, flags, true);
    }
    size_t terms = 0;
    for (Xapian::TermIterator t = parsed.query.get_unique_terms_begin(); t != parsed.query.get_unique_terms_end(); ++t)
        terms++;
    if (terms > XC_MAX_QUERY_TERMS)
        throw Xapian::InvalidArgumentError("the query has " + std::to_string(terms) + " distinct words, at most " +
                                           std::to_string(XC_MAX_QUERY_TERMS));
    // Corrections are of the text as typed (folded): the spelling table has
    // no CJK, and "北 京" would read badly.
    parsed.text = marked;
    parsed.flags = flags;
    parsed.natural = natural;
    // Every reading of a query has its words: count those of one.
    bool readings = s.readings.size() > 1 && parsed.query.get_type() == Xapian::Query::OP_OR;
    parsed.words = count_words(readings ? parsed.query.get_subquery(0) : parsed.query);
    if (boost_words > 0 && parsed.words <= boost_words) {
        std::vector<Xapian::Query> boosts;
        for (const reading &r : s.readings)
            boosts.push_back(proximity_boost(s, r, text, flags, !natural));
        parsed.boost = Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
    }
    return parsed;
}

void xc::correct(const xc_searcher &s, parsed_query &parsed, const Xapian::MSet &mset)
{
    // Xapian's spelling table holds words as written, so it would "correct"
    // suspend to suspends: a word that matches by its stem is not misspelt.
    // Asking it costs more than the search itself (it scores every word of
    // the index sharing a trigram with each query word), so it is asked only
    // when a word is unknown; the query is the same with or without asking.
    parsed.corrected.clear();
    // A field that is not one is said so: not "corrected" into another.
    if (!parsed.note.empty() || all_terms_known(parsed.query, mset))
        return;
    // In an index of several languages, a word is known if one language
    // knows it: the query is one OR of the readings (parse_readings).
    if (s.readings.size() > 1 && parsed.query.get_type() == Xapian::Query::OP_OR)
        for (size_t i = 0; i < parsed.query.get_num_subqueries(); i++)
            if (all_terms_known(parsed.query.get_subquery(i), mset))
                return;
    // The spelling table is the same whatever the language: one reading.
    Xapian::QueryParser qp = make_parser(s, s.readings[0], true, !parsed.natural);
    qp.parse_query(parsed.text, parsed.flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    parsed.corrected = unmark_wildcards(qp.get_corrected_query_string());
    if (!parsed.corrected.empty() && !parsed.filter_text.empty())
        parsed.corrected += " " + parsed.filter_text;
}
