/*
 * xml_text.h - text and metadata out of the XML inside Office and EPUB
 * files, with libxml2's streaming reader: no network, no DTD loaded, no
 * entity expanded (so no "billion laughs"), at most 256 levels of nesting
 * (libxml2's own limit without XML_PARSE_HUGE, which is never asked for).
 * Elements are matched by local name, whatever their namespace prefix.
 */
#ifndef READERS_XML_TEXT_H
#define READERS_XML_TEXT_H

#include <stddef.h>

#include "reader.h"
#include "textbuf.h"

/* Which elements carry the text of a format (NULL-terminated lists of
 * local names). */
typedef struct xml_rules {
    const char *const *text_in; /* text only inside these (NULL: all text) */
    const char *const *breaks;  /* they end a paragraph */
    const char *const *spaces;  /* they stand for a space (tabs, cells) */
} xml_rules;

/* Adds the text of the XML DATA[0..LEN) to OUT by RULES. 0, or -1 if the
 * XML is broken (what was read before stays in OUT). */
int xml_text(const char *data, size_t len, const xml_rules *rules, textbuf *out);

/* Reads document properties (Office docProps/core.xml, ODF meta.xml, an
 * EPUB's package file): title into *TITLE (a new string, if NULL still),
 * creator, date, description, subject, keywords, language and publisher
 * into META. 0, or -1 when out of memory. Broken XML gives what it gave. */
int xml_properties(const char *data, size_t len, reader_meta *meta, char **title);

#endif
