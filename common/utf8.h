/*
 * utf8.h - checking and repairing UTF-8.
 *
 * Written by hand because nothing we already link does it from C: jansson
 * refuses invalid UTF-8 instead of repairing it, and Xapian's Utf8Iterator is
 * C++ and reads invalid bytes as Latin-1, which would silently change text.
 */
#ifndef COMMON_UTF8_H
#define COMMON_UTF8_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" { /* the binding layer repairs what it hands out, too */
#endif

/* Length of the longest valid UTF-8 prefix of S[0..LEN): LEN if all valid. */
size_t utf8_valid_prefix(const char *s, size_t len);

/* A new NUL-terminated copy of S[0..LEN) in which every invalid byte sequence
 * is replaced by U+FFFD and every NUL byte by a space. *BAD (if not NULL) is
 * set to the number of replacements. The caller frees the result with free();
 * NULL when out of memory. */
char *utf8_repair(const char *s, size_t len, size_t *bad);

/* Number of code points in the valid UTF-8 S[0..LEN). */
size_t utf8_count(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
