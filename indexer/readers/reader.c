/* What every reader shares: metadata lists, failure reasons, the lookups
 * in the table of readers (readers.c). */
#define _POSIX_C_SOURCE 200809L
#include "reader.h"
#include "textbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Longest metadata value kept: a description, not a book. */
#define META_MAX_VALUE 4096

int meta_add(reader_meta *m, const char *key, const char *value)
{
    if (!value || m->n == READER_MAX_META || meta_get(m, key))
        return 0;
    while (is_space(*value))
        value++;
    size_t n = strlen(value);
    while (n > 0 && is_space(value[n - 1]))
        n--;
    if (n > META_MAX_VALUE) {
        n = META_MAX_VALUE;
        while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
            n--; /* whole characters */
    }
    if (n == 0)
        return 0;
    char *copy = strndup(value, n);
    if (!copy)
        return -1;
    for (char *c = copy; *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' '; /* one line: tabs and newlines of headers */
    m->pairs[m->n].key = key;
    m->pairs[m->n].value = copy;
    m->n++;
    return 0;
}

const char *meta_get(const reader_meta *m, const char *key)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->pairs[i].key, key) == 0)
            return m->pairs[i].value;
    return NULL;
}

void meta_free(reader_meta *m)
{
    for (size_t i = 0; i < m->n; i++)
        free((char *)m->pairs[i].value);
    m->n = 0;
}

read_status reader_fail(const reader_input *in, read_status st, const char *fmt, ...)
{
    if (in->why && in->whylen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(in->why, in->whylen, fmt, ap);
        va_end(ap);
    }
    return st;
}

static int listed(const char *const *list, const char *s)
{
    for (; list && *list; list++)
        if (strcasecmp(*list, s) == 0)
            return 1;
    return 0;
}

const reader *reader_named(const char *name)
{
    for (const reader *r = readers; r->name; r++)
        if (strcmp(r->name, name) == 0)
            return r;
    return NULL;
}

const reader *reader_of_name(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return NULL;
    for (const reader *r = readers; r->name; r++)
        if (listed(r->extensions, dot + 1))
            return r;
    return NULL;
}

const reader *reader_of_mime(const char *mime)
{
    for (const reader *r = readers; r->name; r++)
        if (listed(r->mime_types, mime))
            return r;
    return NULL;
}

read_status reader_emit(const reader_input *in, reader_out *out, const char *title,
                        const textbuf *text, const reader_meta *meta)
{
    if (text->nomem)
        return reader_fail(in, READ_FAILED, "out of memory");
    if (!tb_has_words(text) && !(title && *title))
        return reader_fail(in, READ_NO_TEXT, "no text");
    if (text->cut) {
        char said[96];
        snprintf(said, sizeof said, "text cut at %zu MiB", READER_MAX_TEXT >> 20);
        out->warn(out, said);
    }
    reader_doc doc = {title ? title : "", tb_text(text), text->len, meta, 0};
    return out->doc(out, &doc) == 0 ? READ_OK : reader_fail(in, READ_FAILED, "stopped");
}
