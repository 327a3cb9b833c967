// Folding words so that forms a reader takes for the same word are one term:
// Unicode compatibility forms, full case folding, accents, elisions and
// possessives (utf8proc does the Unicode part); and which characters Xapian
// reads as CJK, split into n-grams.
#include "xc_private.h"

#include <utf8proc.h>

#include <cstdlib>
#include <new>

namespace {

// utf8proc's result, freed with free().
struct mapped {
    utf8proc_uint8_t *text = nullptr;
    utf8proc_ssize_t len = 0;
    ~mapped() { std::free(text); }
};

// S mapped by utf8proc with OPTIONS. Invalid UTF-8 (which Xapian never hands
// a stemmer, but a caller of xc_stemmer_stem may) is returned unchanged.
bool map(const std::string &s, utf8proc_option_t options, mapped &out)
{
    out.len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t *>(s.data()),
                           static_cast<utf8proc_ssize_t>(s.size()), &out.text, options);
    if (out.len == UTF8PROC_ERROR_NOMEM)
        throw std::bad_alloc();
    return out.len >= 0;
}

// The accents that folding takes off: the combining marks of the blocks that
// Latin, Greek and Cyrillic letters are decomposed into. Marks of other
// scripts are parts of letters (Devanagari vowel signs, the Japanese voicing
// marks of が) and stay.
bool is_accent(utf8proc_int32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool is_cyrillic(utf8proc_int32_t c)
{
    return c >= 0x0400 && c <= 0x052F;
}

bool is_ascii(const std::string &s)
{
    for (unsigned char c : s)
        if (c >= 0x80)
            return false;
    return true;
}

// The elided articles and prepositions that an apostrophe joins to the next
// word: l'économie, dell'arte, d'aigua, d'fhág. The union of the French,
// Italian, Catalan and Irish lists of Lucene's ElisionFilter (its analyzers'
// DEFAULT_ARTICLES), applied in every language: documents quote names and
// phrases of other languages, and none of these is a word that an English
// word starts with before an apostrophe. No Debian library offers them.
const char *const ELIDED[] = {"l",    "m",     "t",      "qu",     "n",    "s",    "j",    "d",   "c",
                              "jusqu", "quoiqu", "lorsqu", "puisqu", "all",  "dall", "dell", "nell", "sull",
                              "coll", "pell",  "gl",     "agl",    "dagl", "degl", "negl", "sugl", "un",
                              "v",    "b"};

bool is_elided(const std::string &word, size_t len)
{
    for (const char *e : ELIDED)
        if (word.compare(0, len, e) == 0 && e[len] == '\0')
            return true;
    return false;
}

} // namespace

std::string xc::fold_letters(const std::string &word, bool compat)
{
    if (is_ascii(word)) { // most words: only the case to fold
        std::string out = word;
        for (char &c : out)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        return out;
    }
    // Decomposed (NFKD or NFD), case folded (ß is ss, ς is σ, ﬁ is fi), with
    // default ignorable characters (soft hyphens, joiners) left out...
    mapped decomposed;
    utf8proc_option_t options = static_cast<utf8proc_option_t>(
        UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
        (compat ? UTF8PROC_COMPAT : 0));
    if (!map(word, options, decomposed))
        return word;
    // ...then without accents, but for the breve of Cyrillic й (and ў),
    // which makes another letter, that Russian endings are spelt with
    // (ё, whose diaeresis goes, is е to most Russian readers).
    std::string stripped;
    stripped.reserve(static_cast<size_t>(decomposed.len));
    utf8proc_int32_t previous = 0;
    for (utf8proc_ssize_t i = 0; i < decomposed.len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(decomposed.text + i, decomposed.len - i, &c);
        if (n <= 0)
            return word;
        bool keep = !is_accent(c) || (c == 0x0306 && is_cyrillic(previous));
        if (keep)
            stripped.append(reinterpret_cast<const char *>(decomposed.text + i), static_cast<size_t>(n));
        if (!is_accent(c))
            previous = c;
        i += n;
    }
    // ...and composed again (NFC), so that Hangul and й are one character.
    mapped composed;
    if (!map(stripped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE), composed))
        return stripped;
    return std::string(reinterpret_cast<const char *>(composed.text), static_cast<size_t>(composed.len));
}

std::string xc::fold_word(const std::string &word)
{
    std::string w = fold_letters(word, true);
    // Xapian's tokenizer keeps an apostrophe between two letters as ' (it
    // reads ’ and ‛ as ' too).
    size_t apostrophe = w.find('\'');
    if (apostrophe == std::string::npos)
        return w;
    if (apostrophe > 0 && apostrophe + 1 < w.size() && is_elided(w, apostrophe))
        w.erase(0, apostrophe + 1);
    // A possessive: Russia's is Russia in every language (English's stemmer
    // would take it off, the others not); Dutch plurals auto's alike.
    if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0)
        w.resize(w.size() - 2);
    return w;
}

bool xc::is_cjk(unsigned c)
{
    // Xapian 1.4's own test (CJK::codepoint_is_cjk in its cjk-tokenizer.cc,
    // which it does not export): the characters that SNIPPET_CJK_NGRAM
    // splits into n-grams. Checked against Xapian 1.4.22 by indexing each
    // letter and digit of U+0080-U+2FFFF with FLAG_CJK_NGRAM between two
    // Latin letters: those split off are in these ranges.
    return (c >= 0x2E80 && c <= 0x2EFF) || (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xA700 && c <= 0xA71F) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::string xc::fold_width(const std::string &text)
{
    // The Halfwidth and Fullwidth Forms are U+FF00-U+FFEF: UTF-8 EF BC 80 to
    // EF BF AF. Most texts have none, and are returned after one scan.
    size_t at = 0;
    for (;; at++) {
        at = text.find('\xEF', at);
        if (at == std::string::npos)
            return text;
        if (at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) >= 0xBC &&
            static_cast<unsigned char>(text[at + 1]) <= 0xBF)
            break;
    }
    std::string out(text, 0, at);
    while (at < text.size()) {
        size_t next = at + 1;
        while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80)
            next++;
        std::string c(text, at, next - at);
        bool wide = c.size() == 3 && static_cast<unsigned char>(c[0]) == 0xEF &&
                    static_cast<unsigned char>(c[1]) >= 0xBC && static_cast<unsigned char>(c[1]) <= 0xBF;
        mapped normal;
        if (wide && map(c, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT),
                        normal))
            out.append(reinterpret_cast<const char *>(normal.text), static_cast<size_t>(normal.len));
        else
            out += c;
        at = next;
    }
    return out;
}

std::string xc::split_cjk(const std::string &text)
{
    // CJK code points are 3 or 4 bytes long, led by E2-EF or F0: most texts
    // have none (or only punctuation such as ’ or —), and are returned after
    // one scan that decodes nothing else.
    size_t first = 0;
    for (;; first++) {
        while (first < text.size() && static_cast<unsigned char>(text[first]) < 0xE2)
            first++;
        if (first == text.size())
            return text;
        Xapian::Utf8Iterator c(text.data() + first, text.size() - first);
        if (is_cjk(*c))
            break;
    }
    // From the character before, which may be a letter to set apart.
    if (first > 0) {
        first--;
        while (first > 0 && (static_cast<unsigned char>(text[first]) & 0xC0) == 0x80)
            first--;
    }
    std::string out(text, 0, first);
    unsigned previous = 0;
    const Xapian::Utf8Iterator end;
    for (Xapian::Utf8Iterator it(text.data() + first, text.size() - first); it != end; ++it) {
        const unsigned c = *it;
        const bool word = Xapian::Unicode::is_wordchar(c), was_word = Xapian::Unicode::is_wordchar(previous);
        if (word && was_word && (is_cjk(c) || is_cjk(previous)))
            out += ' ';
        Xapian::Unicode::append_utf8(out, c);
        previous = c;
    }
    return out;
}

std::string xc::index_form(const std::string &text)
{
    return split_cjk(fold_width(text));
}
