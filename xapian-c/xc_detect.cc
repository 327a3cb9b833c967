// Which language a document is written in, for an index of --lang auto:
// libexttextcat (Debian's n-gram language guesser, LibreOffice's) names it,
// and the name is mapped to a libstemmer language.
#include "xc_private.h"

#include <libexttextcat/textcat.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace {

// The guesser's models, as Debian installs them (pkg-config's pkgdatadir,
// set by CMakeLists.txt).
const char *const MODELS = XC_TEXTCAT_DIR "/";
const char *const MODELS_CONF = XC_TEXTCAT_DIR "/fpdb.conf";
// A few hundred bytes are enough to tell a language (textcat.h); this many
// keep the guess cheap whatever the document's length.
const size_t SAMPLE_BYTES = 1024;

// Languages guessed that have no stemmer but are read anyway: CJK text is
// split into characters, whatever the language.
bool is_cjk_language(const std::string &code)
{
    return code == "zh" || code == "ja" || code == "ko";
}

// The language of a model's guess ("en--utf8", "zh-CN-utf8"): its code, as
// libstemmer's name, "none" for CJK, "" for a language sift cannot stem.
std::string language_of(const std::string &guess)
{
    const std::string code = guess.substr(0, guess.find('-'));
    if (is_cjk_language(code))
        return "none";
    const std::string lang = xc::canonical_language(code);
    return lang != code || xc_language_supported(code.c_str()) ? lang : "";
}

// The guesser over the models of the languages of language_of only (some 30
// of Debian's 170): a fifth of the work per document, and no guess of a
// language sift would not stem (Scots for English). libexttextcat reads its
// list of models from a file only, so the list is written to a temporary
// one, removed once read. NULL if that fails.
void *init_stemmable()
{
    std::ifstream all(MODELS_CONF);
    std::string line, kept;
    while (std::getline(all, line)) {
        std::istringstream fields(line);
        std::string model, guess;
        if (line[0] != '#' && (fields >> model >> guess) && !language_of(guess).empty())
            kept += model + " " + guess + "\n";
    }
    const char *tmpdir = std::getenv("TMPDIR");
    std::string path = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/sift-textcat.XXXXXX";
    int fd = kept.empty() ? -1 : mkstemp(&path[0]);
    if (fd < 0)
        return nullptr;
    bool written = write(fd, kept.data(), kept.size()) == static_cast<ssize_t>(kept.size());
    close(fd);
    void *handle = written ? special_textcat_Init(path.c_str(), MODELS) : nullptr;
    unlink(path.c_str());
    return handle;
}

} // namespace

xc::language_guesser::language_guesser() : handle_(init_stemmable())
{
    if (!handle_) // no temporary file: all the models then
        handle_ = special_textcat_Init(MODELS_CONF, MODELS);
    if (!handle_)
        throw Xapian::InvalidArgumentError(std::string("--lang auto: cannot read the language models of "
                                                       "libexttextcat (") +
                                           MODELS_CONF + ")");
}

xc::language_guesser::~language_guesser()
{
    textcat_Done(handle_);
}

std::string xc::language_guesser::operator()(const std::string &title, const std::string &text)
{
    std::string sample = title + "\n" + text.substr(0, SAMPLE_BYTES);
    while (!sample.empty() && (static_cast<unsigned char>(sample.back()) & 0xC0) == 0x80)
        sample.pop_back(); // a character cut in two
    if (!sample.empty() && static_cast<unsigned char>(sample.back()) >= 0xC0)
        sample.pop_back();
    // "[en--utf8][sco--utf8]", best first; "SHORT" or "UNKNOWN" when unsure.
    const char *guess = textcat_Classify(handle_, sample.data(), sample.size());
    for (const char *at = guess ? std::strchr(guess, '[') : nullptr; at; at = std::strchr(at + 1, '[')) {
        const std::string lang = language_of(std::string(at + 1, std::strcspn(at + 1, "]")));
        if (!lang.empty())
            return lang;
    }
    return DEFAULT_LANG;
}
