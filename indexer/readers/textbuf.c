#include "textbuf.h"

#include <stdlib.h>
#include <string.h>

#include "reader.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Room for N more bytes and a NUL. 0, or -1 when out of memory. */
static int grow(textbuf *t, size_t n)
{
    if (t->len + n + 1 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap : 4096;
    while (cap < t->len + n + 1)
        cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s) {
        t->nomem = 1;
        return -1;
    }
    t->s = s;
    t->cap = cap;
    return 0;
}

void tb_add(textbuf *t, const char *s, size_t n)
{
    if (t->cut || t->nomem)
        return;
    int cutting = t->len + n > READER_MAX_TEXT;
    if (cutting) { /* never end inside a UTF-8 sequence */
        n = READER_MAX_TEXT - t->len;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (grow(t, n) != 0)
        return;
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
    t->cut = cutting;
}

static char last(const textbuf *t)
{
    return t->len ? t->s[t->len - 1] : '\n';
}

void tb_add_words(textbuf *t, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (is_space((unsigned char)s[i])) {
            while (i < n && is_space((unsigned char)s[i]))
                i++;
            if (last(t) != ' ' && last(t) != '\n')
                tb_add(t, " ", 1);
            continue;
        }
        size_t start = i;
        while (i < n && !is_space((unsigned char)s[i]))
            i++;
        tb_add(t, s + start, i - start);
    }
}

void tb_break(textbuf *t)
{
    if (t->len == 0 || last(t) == '\n')
        return;
    if (last(t) == ' ')
        t->len--; /* no trailing space before the break */
    tb_add(t, "\n", 1);
}

void tb_space(textbuf *t)
{
    if (t->len && last(t) != ' ' && last(t) != '\n')
        tb_add(t, " ", 1);
}

const char *tb_text(const textbuf *t)
{
    return t->s ? t->s : "";
}

int tb_has_words(const textbuf *t)
{
    for (size_t i = 0; i < t->len; i++)
        if (!is_space((unsigned char)t->s[i]))
            return 1;
    return 0;
}

void tb_free(textbuf *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}
