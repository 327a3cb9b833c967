// xc_filter.h - the filters of the query language (date:, type:, path:,
// author:) and what the index stores for them. Private to the binding.
#ifndef XC_FILTER_H
#define XC_FILTER_H

#include "xc_private.h"

#include <string>
#include <vector>

namespace xc {

// Boolean terms: a document's type ("T" + xc_doc.type) and the words of its
// author ("A" + each word, folded as fold_letters folds).
const char *const PREFIX_TYPE = "T";
const char *const PREFIX_AUTHOR = "A";
// Metadata "root:" + the absolute path of each folder or file the indexer
// was given: "folder " or "file " + when it was last indexed (ISO 8601).
const char *const META_ROOT = "root:";

// The words of an author's name as terms hold them (no prefix).
std::vector<std::string> author_words(const std::string &text);

struct indexed_root {
    std::string path;
    bool folder = true;
    std::string when;
};
// The folders and files DB was made from (META_ROOT), in path order.
std::vector<indexed_root> indexed_roots(const Xapian::Database &db);

// A query's text split into its filters and the rest.
struct filters {
    std::string rest;    // the text without them (a space where each was)
    Xapian::Query query; // the filters combined; ANY: there were some (an
                         // empty QUERY then matches nothing)
    bool any = false;
    std::string note;    // about fields that are not ones, or ""
    std::string kept;    // the filters' own text, space-separated
};

// Takes the filters out of TYPED (xc.h's query syntax). Throws
// Xapian::InvalidArgumentError for a filter that says nothing sensible
// (date:soon).
filters split_filters(const xc_searcher &s, const std::string &typed);

// What is run for QUERY (may be empty: no words) with the filters FILTER
// (ANY: there are some): QUERY itself, QUERY filtered, or with no words
// the filter alone, weighing nothing.
Xapian::Query with_filters(const Xapian::Query &query, const Xapian::Query &filter, bool any);

} // namespace xc

#endif
