#define _POSIX_C_SOURCE 200809L
#include "transcode.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* 1 if S[0..LEN) holds a valid UTF-8 sequence of two or more bytes. */
static int has_multibyte_utf8(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x80)
            continue;
        size_t rest = len - i < 4 ? len - i : 4;
        size_t n = utf8_valid_prefix(s + i, rest);
        if (n >= 2 || (n == 0 && rest >= 2 && utf8_valid_prefix(s + i, 2) == 2))
            return 1;
    }
    return 0;
}

const char *transcode_detect(const char *s, size_t len)
{
    if (len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF')))
        return "UTF-16"; /* iconv reads the mark and drops it */
    if (utf8_valid_prefix(s, len) != len && !has_multibyte_utf8(s, len))
        return "WINDOWS-1252";
    return NULL;
}

char *transcode_to_utf8(const char *charset, const char *s, size_t len, size_t *out_len, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return NULL;
    /* UTF-16 to UTF-8 at most 1.5 times; an 8-bit charset at most 3 times. */
    size_t cap = len * 3 + 4, unit = strcmp(charset, "UTF-16") == 0 ? 2 : 1;
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        errno = ENOMEM;
        return NULL;
    }
    char *in = (char *)s, *o = out;
    size_t in_left = len, out_left = cap - 1;
    *bad = 0;
    while (in_left > 0) {
        if (iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1)
            break;
        if (errno == E2BIG)
            break; /* cannot happen with the room above; stop rather than loop */
        /* EILSEQ or EINVAL (cut short at the end): one unit becomes U+FFFD. */
        size_t skip = in_left < unit ? in_left : unit;
        in += skip;
        in_left -= skip;
        if (out_left >= 3) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            out_left -= 3;
        }
        (*bad)++;
    }
    iconv_close(cd);
    *out_len = (size_t)(o - out);
    out[*out_len] = '\0';
    for (size_t i = 0; i < *out_len; i++)
        if (out[i] == '\0')
            out[i] = ' ';
    return out;
}
