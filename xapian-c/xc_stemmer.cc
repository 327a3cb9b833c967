// libstemmer (Snowball) wrapped as a Xapian::StemImplementation, so that the
// TermGenerator, the QueryParser and MSet::snippet all stem with it, each
// word folded first (xc::fold_word): one place, so that all three fold
// alike and a snippet highlights the word as written; and the writer's word
// cache in front of it.
#include "xc_private.h"

#include <libstemmer.h>

#include <new>

namespace {

class SnowballStem : public Xapian::StemImplementation {
    struct sb_stemmer *stemmer;
    std::string lang;

  public:
    explicit SnowballStem(const std::string &lang_)
        : stemmer(sb_stemmer_new(lang_.c_str(), "UTF_8")), lang(lang_)
    {
        if (!stemmer)
            throw Xapian::InvalidArgumentError("unknown stemming language '" + lang_ +
                                               "' (libstemmer does not list it)");
    }
    ~SnowballStem() override { sb_stemmer_delete(stemmer); }
    SnowballStem(const SnowballStem &) = delete;
    SnowballStem &operator=(const SnowballStem &) = delete;

    std::string operator()(const std::string &written) override
    {
        // Folded before stemming, so that cafe and café (French:
        // université and universite) meet whatever the stemmer does with
        // accents.
        const std::string word = xc::fold_word(written);
        const sb_symbol *out = sb_stemmer_stem(
            stemmer, reinterpret_cast<const sb_symbol *>(word.data()), static_cast<int>(word.size()));
        if (!out) // libstemmer's only failure is running out of memory
            throw std::bad_alloc();
        return std::string(reinterpret_cast<const char *>(out),
                           static_cast<size_t>(sb_stemmer_length(stemmer)));
    }

    std::string get_description() const override { return "libstemmer(" + lang + ")"; }
};

// "none": every folded word is its own stem. Not Xapian's empty Stem(), with
// which the TermGenerator and the QueryParser would stop writing the "Z"
// terms that every index and query is made of.
class IdentityStem : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string &word) override { return xc::fold_word(word); }
    std::string get_description() const override { return "none"; }
};

bool has_digit(const std::string &word)
{
    for (char c : word)
        if (c >= '0' && c <= '9')
            return true;
    return false;
}

// CJK n-grams are not words to suggest or to expand wildcards to.
bool is_ngram(const std::string &word)
{
    Xapian::Utf8Iterator it(word);
    return it != Xapian::Utf8Iterator() && xc::is_cjk(*it);
}

} // namespace

Xapian::Stem xc::make_stem(const std::string &lang)
{
    // Xapian::Stem takes ownership of the implementation (reference counted).
    if (lang == "none")
        return Xapian::Stem(new IdentityStem);
    return Xapian::Stem(new SnowballStem(lang));
}

xc::word_cache::word_cache(const std::string &lang) : stem_(make_stem(lang)) {}

std::string xc::word_cache::operator()(const std::string &word)
{
    auto it = words_.find(word);
    if (it == words_.end())
        it = words_.emplace(word, entry{stem_(word), 0}).first;
    it->second.seen++;
    return it->second.stem;
}

std::string xc::word_cache::get_description() const
{
    return "cached " + stem_.get_description();
}

void xc::word_cache::add_spellings(Xapian::WritableDatabase &db)
{
    for (auto &w : words_) {
        // Numbers and codes ("1987", "b747") are never a spelling to suggest,
        // and were over a third of Reuters' words. Words are kept folded, as
        // they are searched (several written forms add up to one).
        if (w.second.seen > 0 && !has_digit(w.first) && !is_ngram(w.first))
            db.add_spelling(xc::fold_word(w.first), w.second.seen);
        w.second.seen = 0;
    }
    if (words_.size() >= MAX_WORDS)
        words_.clear();
}

extern "C" xc_stemmer *xc_stemmer_new(const char *lang)
{
    if (!lang)
        return nullptr;
    try {
        std::unique_ptr<xc_stemmer> s(new xc_stemmer);
        s->stem = xc::make_stem(lang);
        return s.release();
    } catch (...) {
        return nullptr;
    }
}

extern "C" void xc_stemmer_free(xc_stemmer *stemmer)
{
    delete stemmer;
}

extern "C" const char *xc_stemmer_stem(xc_stemmer *stemmer, const char *word)
{
    if (!stemmer || !word)
        return nullptr;
    try {
        stemmer->last = stemmer->stem(word);
        return stemmer->last.c_str();
    } catch (...) {
        return nullptr;
    }
}
