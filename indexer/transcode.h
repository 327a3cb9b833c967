/*
 * transcode.h - text files that are not UTF-8 but say or show what they are:
 * UTF-16 with a byte order mark (Windows editors write it), and 8-bit text
 * with no UTF-8 in it at all (Latin-1 / Windows-1252). Converted with
 * glibc's iconv.
 */
#ifndef INDEXER_TRANSCODE_H
#define INDEXER_TRANSCODE_H

#include <stddef.h>

/* The charset of S[0..LEN) if it is one of those, else NULL: "UTF-16" when
 * it starts with a UTF-16 byte order mark; "WINDOWS-1252" when it is not
 * valid UTF-8 and holds not one valid multi-byte UTF-8 sequence. */
const char *transcode_detect(const char *s, size_t len);

/* S[0..LEN) in CHARSET as a new NUL-terminated UTF-8 string (the caller
 * frees it), *OUT_LEN bytes long. Bytes that do not convert become U+FFFD,
 * counted in *BAD; NUL characters become spaces. NULL when out of memory
 * (or iconv does not know CHARSET), with errno set. */
char *transcode_to_utf8(const char *charset, const char *s, size_t len, size_t *out_len, size_t *bad);

#endif
