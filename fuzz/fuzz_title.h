/*
 * fuzz_title.h - title_find and title_clean (indexer/title.h) on fuzzed
 * text, with what title.h promises checked: a title is trimmed, has no
 * control characters (they become spaces), is never cut inside a UTF-8
 * sequence (valid text gives a valid title), is at most TITLE_MAX_BYTES long,
 * and is "" only for a blank text.
 */
#ifndef FUZZ_FUZZ_TITLE_H
#define FUZZ_FUZZ_TITLE_H

#include "fuzz.h"
#include "title.h"

/* 1 if S[0..LEN) holds only space: ASCII white space, U+00A0, U+3000, and
 * control characters (which a title has as spaces, trimmed away). */
static inline int fuzz_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7F)
            i++;
        else if (len - i >= 2 && memcmp(s + i, "\xC2\xA0", 2) == 0)
            i += 2;
        else if (len - i >= 3 && memcmp(s + i, "\xE3\x80\x80", 3) == 0)
            i += 3;
        else
            return 0;
    }
    return 1;
}

/* What every title, found or cleaned, must be. */
static inline void fuzz_check_title_text(const char *what, const char *t, int valid_in)
{
    size_t n = strlen(t);
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK((unsigned char)t[i] >= 0x20 && t[i] != 0x7F,
                   "%s: control character 0x%02x at byte %zu of \"%s\"", what,
                   (unsigned char)t[i], i, t);
    FUZZ_CHECK(n == 0 || (t[0] != ' ' && t[n - 1] != ' '),
               "%s: not trimmed: \"%s\"", what, t);
    if (valid_in)
        FUZZ_CHECK(fuzz_valid_utf8(t, n), "%s: invalid UTF-8 from valid text: \"%s\"", what, t);
}

/* title_find on TEXT[0..LEN), checked, then freed. */
static inline void fuzz_title_find(const char *text, size_t len)
{
    char *t = title_find(text, len);
    FUZZ_CHECK(t != NULL, "title_find returned NULL (out of memory?)");
    int valid = fuzz_valid_utf8(text, len);
    fuzz_check_title_text("title_find", t, valid);
    FUZZ_CHECK(strlen(t) <= TITLE_MAX_BYTES, "title_find: %zu bytes: \"%s\"", strlen(t), t);
    /* "" only for a blank text (NUL bytes end a C string, not a text). */
    FUZZ_CHECK(*t || fuzz_blank(text, len), "title_find: \"\" for a text that is not blank");
    free(t);
}

/* title_clean on the NUL-terminated TITLE, checked, then freed. */
static inline void fuzz_title_clean(const char *title)
{
    char *t = title_clean(title);
    FUZZ_CHECK(t != NULL, "title_clean returned NULL (out of memory?)");
    fuzz_check_title_text("title_clean", t, fuzz_valid_utf8(title, strlen(title)));
    free(t);
}

#endif
