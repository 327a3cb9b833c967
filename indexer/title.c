#include "title.h"

#include <stdlib.h>
#include <string.h>

typedef struct line {
    const char *s;
    size_t len;
} line;

/* Decodes the code point at S (AVAIL > 0 bytes); *N gets its length. Bytes
 * that are not valid UTF-8 decode one at a time as U+FFFD. */
static unsigned long decode(const unsigned char *s, size_t avail, size_t *n)
{
    static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xF5 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || len > avail) {
        *n = 1;
        return c < 0x80 ? c : 0xFFFD;
    }
    unsigned long cp = len == 1 ? c : c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *n = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and code points past U+10FFFF are not
     * UTF-8 either (E0 80 A0 is no space). */
    if (cp < least[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        *n = 1;
        return 0xFFFD;
    }
    *n = len;
    return cp;
}

static int is_space(unsigned long cp)
{
    /* Control characters too: a title has them as spaces, trimmed. */
    return cp <= ' ' || cp == 0x7F || cp == 0xA0 || cp == 0x3000;
}

/* Letters, roughly: ASCII letters, and every code point beyond Latin-1's
 * symbols except the blocks of punctuation, symbols and emoji. Good enough to
 * tell "NATO Halves Russia’s Mission" from "2,500 $" in any script. */
static int is_letter(unsigned long cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
        (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE10 && cp <= 0xFE6F) ||
        (cp >= 0xFF00 && cp <= 0xFF20) || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF))
        return 0;
    return 1;
}

/* Skips ASCII and Unicode spaces at both ends. */
static line trim(line l)
{
    const unsigned char *u = (const unsigned char *)l.s;
    size_t start = 0, end = l.len, n;
    while (start < end && is_space(decode(u + start, end - start, &n)))
        start += n;
    /* Backwards: step to the start of the last sequence, then test it. */
    while (end > start) {
        size_t b = end - 1;
        while (b > start && (u[b] & 0xC0) == 0x80 && end - b < 4)
            b--;
        if (!is_space(decode(u + b, end - b, &n)) || b + n != end)
            break;
        end = b;
    }
    return (line){l.s + start, end - start};
}

static int reads_like_title(line l)
{
    const unsigned char *u = (const unsigned char *)l.s;
    size_t letters = 0, visible = 0, n;
    for (size_t i = 0; i < l.len; i += n) {
        unsigned long cp = decode(u + i, l.len - i, &n);
        if (is_space(cp))
            continue;
        visible++;
        if (is_letter(cp))
            letters++;
    }
    return letters >= 3 && letters * 2 >= visible;
}

/* A copy of L followed by SUFFIX, with control characters as spaces. */
static char *copy(line l, const char *suffix)
{
    size_t extra = strlen(suffix);
    char *t = malloc(l.len + extra + 1);
    if (!t)
        return NULL;
    for (size_t i = 0; i < l.len; i++) {
        unsigned char c = (unsigned char)l.s[i];
        t[i] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
    }
    memcpy(t + l.len, suffix, extra + 1);
    return t;
}

/* The first line, shortened to a word boundary at or before TITLE_CUT_BYTES
 * (or, with no space there, to the last whole character). */
static char *cut(line l)
{
    if (l.len <= TITLE_CUT_BYTES)
        return copy(l, "");
    size_t end = TITLE_CUT_BYTES;
    while (end > 0 && l.s[end] != ' ')
        end--;
    if (end == 0) {
        end = TITLE_CUT_BYTES;
        while (end > 0 && ((unsigned char)l.s[end] & 0xC0) == 0x80)
            end--;
    }
    /* No dangling comma or dash before the ellipsis. */
    while (end > 0 && l.s[end - 1] && strchr(" \t,;:-", l.s[end - 1]))
        end--;
    return copy((line){l.s, end}, "\xE2\x80\xA6");
}

char *title_find(const char *text, size_t len)
{
    line first = {NULL, 0};
    size_t seen = 0, pos = 0;
    while (pos < len && seen < TITLE_LINES) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        line l = trim((line){text + pos, end - pos});
        pos = end + 1;
        if (l.len == 0)
            continue;
        if (seen++ == 0)
            first = l;
        if (l.len > TITLE_MAX_BYTES)
            break; /* the body has started: no title above it */
        if (reads_like_title(l))
            return copy(l, "");
    }
    return first.s ? cut(first) : copy((line){"", 0}, "");
}

char *title_clean(const char *title)
{
    return copy(trim((line){title, strlen(title)}), "");
}
