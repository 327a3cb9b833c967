// xc_facets.h - counting every match (exact counts, facets) and the order by
// date. Private to the binding.
#ifndef XC_FACETS_H
#define XC_FACETS_H

#include "xc_private.h"

namespace xc {

// Throws Xapian::InvalidArgumentError if LIST (comma separated, may be
// NULL) names a facet that is not one of XC_FACETS.
void check_facets(const char *list);

// Sets R's match counts to the exact number of documents QUERY matches, and
// R's facets to those of FACETS (NULL: none) over all of them.
void count_all(const xc_searcher &s, const Xapian::Query &query, const char *facets, xc_results &r);

// ENQUIRE's hits by date, oldest or NEWEST_FIRST.
void sort_by_date(Xapian::Enquire &enquire, bool newest_first);

} // namespace xc

#endif
