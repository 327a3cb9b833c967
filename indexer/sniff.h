/*
 * sniff.h - what a file the indexer read as text really is, from its first
 * bytes: a web page, a mail message, an mbox or a PDF in disguise (a .txt
 * that is HTML, a Maildir message without extension). libmagic knows these
 * too, but its text tests took 0.3-2.7 ms a file here (measured on corpus/
 * and /usr/share/doc): more than indexing a small text file. These few
 * signatures are the ones libmagic itself uses for them, read in
 * microseconds; the reader process still asks libmagic (detect.h).
 */
#ifndef INDEXER_SNIFF_H
#define INDEXER_SNIFF_H

#include <stddef.h>

/* The name of the reader for TEXT[0..LEN) ("html", "mail", "mbox", "pdf"),
 * or NULL: plain text. */
const char *sniff_text(const char *text, size_t len);

#endif
