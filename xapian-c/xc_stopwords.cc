// The stopword lists, read from the data compiled in (xc_stopwords_data.cc).
#include "xc_stopwords.h"

#include "xc_private.h"

#include <map>
#include <memory>
#include <mutex>
#include <sstream>

xc::stop_list::stop_list(const std::string &lang, const char *words)
{
    Xapian::Stem stem = make_stem(lang);
    std::istringstream lines(words);
    std::string word;
    while (std::getline(lines, word)) {
        if (!word.empty() && word.back() == '\r')
            word.pop_back();
        if (word.empty())
            continue;
        stopper_.add(word);
        stopper_.add(fold_word(word));
        stems_.insert("Z" + stem(word));
    }
}

const xc::stop_list *xc::stop_list_for(const std::string &lang)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<stop_list>> lists;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = lists.find(lang);
    if (it != lists.end())
        return it->second.get();
    std::unique_ptr<stop_list> &list = lists[lang];
    for (const stopword_file *f = STOPWORD_FILES; f->lang; f++)
        if (lang == f->lang)
            list.reset(new stop_list(lang, f->words));
    return list.get();
}
