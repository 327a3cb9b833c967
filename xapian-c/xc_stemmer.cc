// libstemmer (Snowball) wrapped as a Xapian::StemImplementation, so that the
// TermGenerator, the QueryParser and MSet::snippet all stem with it.
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

    std::string operator()(const std::string &word) override
    {
        const sb_symbol *out = sb_stemmer_stem(
            stemmer, reinterpret_cast<const sb_symbol *>(word.data()), static_cast<int>(word.size()));
        if (!out) // libstemmer's only failure is running out of memory
            throw std::bad_alloc();
        return std::string(reinterpret_cast<const char *>(out),
                           static_cast<size_t>(sb_stemmer_length(stemmer)));
    }

    std::string get_description() const override { return "libstemmer(" + lang + ")"; }
};

} // namespace

Xapian::Stem xc::make_stem(const std::string &lang)
{
    if (lang == "none")
        return Xapian::Stem();
    // Xapian::Stem takes ownership of the implementation (reference counted).
    return Xapian::Stem(new SnowballStem(lang));
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
