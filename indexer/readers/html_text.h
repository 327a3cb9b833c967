/*
 * html_text.h - the text a reader of a web page sees, and what its head
 * says about it: libxml2's HTML parser (entities, the declared charset and
 * broken markup are its business), then a walk over the tree that keeps the
 * visible text and leaves out scripts, styles, templates and comments. The
 * HTML reader uses it, and so do the mail reader (HTML parts) and the EPUB
 * reader (its chapters are XHTML).
 */
#ifndef READERS_HTML_TEXT_H
#define READERS_HTML_TEXT_H

#include <stddef.h>

#include "reader.h"
#include "textbuf.h"

/* Adds the visible text of the page DATA[0..LEN) to TEXT, paragraph by
 * paragraph. ENCODING: the charset it is known to be in (a mail part's,
 * after decoding: "UTF-8"), or NULL to let the page say (meta charset, a
 * byte order mark; else UTF-8, Latin-1 where that fails). When META is not
 * NULL, the head's metadata goes there (author, description, tags, date,
 * language) and *TITLE (if TITLE is not NULL and *TITLE is NULL) becomes a
 * new string: <title>, else og:title, else the first <h1>; left NULL if
 * none. Returns 0; 1 if the page nests elements more than READER_MAX_DEPTH
 * deep (libxml2 stops there: what came before is in TEXT); -1 if the page
 * could not be parsed at all or memory ran out. */
int html_text(const char *data, size_t len, const char *encoding, textbuf *text,
              reader_meta *meta, char **title);

#endif
