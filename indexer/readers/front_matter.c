#define _POSIX_C_SOURCE 200809L
#include "front_matter.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "date.h"
#include "textbuf.h"

/* The front matter key KEY means (NULL: not kept). */
static const char *key_of(const char *key)
{
    static const struct {
        const char *name, *key;
    } keys[] = {
        {"title", "title"}, {"date", XC_META_DATE}, {"tags", "tags"}, {"keywords", "tags"},
        {"categories", "tags"}, {"author", XC_META_AUTHOR}, {"authors", XC_META_AUTHOR},
        {"description", "description"}, {"summary", "description"},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i].name) == 0)
            return keys[i].key;
    return NULL;
}

/* Stores VALUE under front matter key KEY. 0 or -1. */
static int keep(reader_meta *meta, char **title, const char *key, const char *value)
{
    const char *k = key_of(key);
    if (!k || !*value)
        return 0;
    if (strcmp(k, "title") == 0) {
        if (*title)
            return 0;
        *title = strdup(value);
        return *title ? 0 : -1;
    }
    if (strcmp(k, XC_META_DATE) == 0)
        return date_add(meta, value);
    return meta_add(meta, k, value);
}

/* The line that closes a block opened by MARK ("---" or "+++"), searched
 * from FROM: its offset, and in *END the offset after it; -1 if none within
 * FRONT_MATTER_MAX. */
static long closing(const char *text, size_t len, size_t from, const char *mark, size_t *end)
{
    size_t limit = len < FRONT_MATTER_MAX ? len : FRONT_MATTER_MAX;
    for (size_t at = from; at < limit;) {
        const char *nl = memchr(text + at, '\n', limit - at);
        size_t line_end = nl ? (size_t)(nl - text) : limit;
        size_t n = line_end - at;
        if (n > 0 && text[at + n - 1] == '\r')
            n--;
        if ((n == 3 && memcmp(text + at, mark, 3) == 0) ||
            (mark[0] == '-' && n == 3 && memcmp(text + at, "...", 3) == 0)) {
            *end = nl ? line_end + 1 : line_end;
            return (long)at;
        }
        if (!nl)
            break;
        at = line_end + 1;
    }
    return -1;
}

/* YAML, through libyaml's events: the top mapping's keys, each with a
 * scalar or a list of scalars (joined with ", "); anything deeper is
 * passed over. Aliases are never expanded. */
static int read_yaml(const char *s, size_t n, reader_meta *meta, char **title)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return -1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)s, n);
    int depth = 0, rc = 0, want_key = 1, in_list = 0;
    char *key = NULL;
    textbuf list = {0};
    for (int done = 0; !done && rc == 0;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev))
            break; /* not YAML after all: what was read is kept */
        switch (ev.type) {
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            depth++;
            if (depth == 2) {
                in_list = ev.type == YAML_SEQUENCE_START_EVENT;
                tb_free(&list);
            }
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            if (depth == 2 && key && in_list) {
                rc = keep(meta, title, key, tb_text(&list));
                tb_free(&list);
            }
            if (depth == 2) { /* a value that was a list or a mapping */
                free(key);
                key = NULL;
                want_key = 1;
            }
            depth--;
            done = depth == 0;
            break;
        case YAML_SCALAR_EVENT: {
            const char *v = (const char *)ev.data.scalar.value;
            if (depth == 1 && want_key) {
                free(key);
                key = strdup(v);
                rc = key ? 0 : -1;
                want_key = 0;
            } else if (depth == 1) {
                rc = keep(meta, title, key, v);
                want_key = 1;
            } else if (depth == 2 && key && in_list) {
                if (list.len)
                    tb_add(&list, ", ", 2);
                tb_add(&list, v, strlen(v));
            }
            break;
        }
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    free(key);
    tb_free(&list);
    yaml_parser_delete(&parser);
    return rc;
}

/* TOML, by hand: Debian packages no TOML library for C, and front matter
 * needs only top-level lines `key = "text"`, `key = 'text'`, `key = [ "a",
 * "b" ]` and `key = 2021-10-18`; a [table] ends what is read. */
static void toml_value(const char *v, const char *end, textbuf *out)
{
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    int list = v < end && *v == '[';
    if (list)
        v++;
    while (v < end) {
        while (v < end && (*v == ' ' || *v == '\t' || *v == ','))
            v++;
        if (v == end || *v == ']' || *v == '#')
            break;
        if (out->len)
            tb_add(out, ", ", 2);
        if (*v == '"' || *v == '\'') {
            char q = *v++;
            while (v < end && *v != q) {
                if (q == '"' && *v == '\\' && v + 1 < end)
                    v++; /* \" and \\ as the character; other escapes rare here */
                tb_add(out, v++, 1);
            }
            v++;
        } else {
            const char *start = v;
            while (v < end && *v != ',' && *v != ']' && *v != '#')
                v++;
            const char *stop = v;
            while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t'))
                stop--;
            tb_add(out, start, (size_t)(stop - start));
        }
        if (!list)
            break;
    }
}

static int read_toml(const char *s, size_t n, reader_meta *meta, char **title)
{
    int rc = 0;
    for (const char *line = s, *end = s + n; line < end && rc == 0;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *stop = nl ? nl : end;
        while (line < stop && (*line == ' ' || *line == '\t'))
            line++;
        if (line < stop && *line == '[')
            break;
        const char *eq = memchr(line, '=', (size_t)(stop - line));
        if (eq && *line != '#') {
            const char *kend = eq;
            while (kend > line && (kend[-1] == ' ' || kend[-1] == '\t'))
                kend--;
            const char *k = line;
            if (kend - k >= 2 && (*k == '"' || *k == '\'')) {
                k++;
                kend--;
            }
            char key[64];
            size_t kn = (size_t)(kend - k);
            if (kn > 0 && kn < sizeof key) {
                memcpy(key, k, kn);
                key[kn] = '\0';
                textbuf value = {0};
                toml_value(eq + 1, stop, &value);
                rc = value.nomem ? -1 : keep(meta, title, key, tb_text(&value));
                tb_free(&value);
            }
        }
        line = nl ? nl + 1 : end;
    }
    return rc;
}

long front_matter(const char *text, size_t len, reader_meta *meta, char **title)
{
    const char *mark = NULL;
    if (len >= 4 && memcmp(text, "---", 3) == 0 && (text[3] == '\n' || text[3] == '\r'))
        mark = "---";
    else if (len >= 4 && memcmp(text, "+++", 3) == 0 && (text[3] == '\n' || text[3] == '\r'))
        mark = "+++";
    if (!mark)
        return 0;
    size_t body = text[3] == '\r' && len > 4 && text[4] == '\n' ? 5 : 4, end = 0;
    long close = closing(text, len, body, mark, &end);
    if (close < 0)
        return 0;
    size_t n = (size_t)close - body;
    int rc = mark[0] == '-' ? read_yaml(text + body, n, meta, title)
                            : read_toml(text + body, n, meta, title);
    return rc ? -1 : (long)end;
}
