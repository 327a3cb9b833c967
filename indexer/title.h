/*
 * title.h - the title of a text: its first line that reads like a title.
 *
 * Among the first few non-blank lines, before the body starts (the first
 * line longer than TITLE_MAX_BYTES is a paragraph, not a title), it is the
 * first line of mostly letters: at least 3 letters, and letters at least half
 * of its non-space characters. So "0 $" and "2,500 $" (donation buttons,
 * dates, numbers) are passed over. If no line qualifies, the title is the
 * first non-blank line, cut at a word boundary to about TITLE_CUT_BYTES
 * bytes and ended with "…". Titles are trimmed and never cut inside a UTF-8
 * sequence; control characters (tabs) become spaces.
 */
#ifndef INDEXER_TITLE_H
#define INDEXER_TITLE_H

#include <stddef.h>

#define TITLE_LINES 8        /* non-blank lines looked at */
#define TITLE_MAX_BYTES 200  /* longer lines are body text */
#define TITLE_CUT_BYTES 80   /* length of a fallback title, before "…" */

/* The title of TEXT[0..LEN) (UTF-8) as a new string the caller frees; ""
 * for a blank text; NULL when out of memory. */
char *title_find(const char *text, size_t len);

/* A title given with the document (a collection's "title" field): trimmed,
 * control characters as spaces, never cut. NULL when out of memory. */
char *title_clean(const char *title);

#endif
