/*
 * print_doc.c - one stored document (search --show ID, GET /api/doc/ID):
 *
 *   {"id": "...", "title": "...", "path": "/abs/file", "line": 17,
 *    "type": "pdf", "date": "...", "author": "...", "meta": {...},
 *    "text": "..."}
 *
 * "line", "type", "date", "author" and "meta" only when known, as for hits
 * (print_json.c). As text: the fields as "Key: value" lines, a blank line,
 * then the text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "print_doc.h"
#include "safe_text.h"
#include "utf8.h"

json_t *doc_json(const xc_stored_doc *doc, size_t max_text)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    size_t len = strlen(doc->text);
    int cut = len > max_text;
    if (cut) /* on a character boundary */
        len = utf8_valid_prefix(doc->text, max_text);
    int failed = json_object_set_new(o, "id", json_string(doc->id)) != 0;
    failed |= json_object_set_new(o, "title", json_string(doc->title)) != 0;
    failed |= json_object_set_new(o, "path", json_string(doc->path)) != 0;
    if (doc->line)
        failed |= json_object_set_new(o, "line", json_integer((json_int_t)doc->line)) != 0;
    if (*doc->type)
        failed |= json_object_set_new(o, "type", json_string(doc->type)) != 0;
    if (*doc->date)
        failed |= json_object_set_new(o, "date", json_string(doc->date)) != 0;
    if (*doc->author)
        failed |= json_object_set_new(o, "author", json_string(doc->author)) != 0;
    if (doc->nmeta) {
        json_t *meta = json_object();
        for (size_t i = 0; meta && i < doc->nmeta; i++)
            if (json_object_set_new(meta, doc->meta[i].key, json_string(doc->meta[i].value)) != 0) {
                json_decref(meta);
                meta = NULL;
            }
        failed |= !meta || json_object_set_new(o, "meta", meta) != 0;
    }
    failed |= json_object_set_new(o, "text", json_stringn(doc->text, len)) != 0;
    if (cut)
        failed |= json_object_set_new(o, "text_cut", json_true()) != 0;
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Writes TEXT keeping its lines and tabs; other control characters (which
 * could drive a terminal) become U+FFFD. */
static void put_body(const char *text, FILE *out)
{
    for (const char *s = text; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            fputs("\xEF\xBF\xBD", out);
        else if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] < 0xA0) {
            fputs("\xEF\xBF\xBD", out); /* a C1 control */
            s++;
        } else
            fputc(c, out);
    }
}

static void field(FILE *out, const char *key, const char *value)
{
    if (!*value)
        return;
    fputs(key, out);
    fputs(": ", out);
    safe_fputs(value, out);
    fputc('\n', out);
}

int print_doc(const xc_stored_doc *doc, int json, FILE *out)
{
    if (json) {
        json_t *o = doc_json(doc, (size_t)-1);
        char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        if (!line) {
            errno = ENOMEM;
            return -1;
        }
        fputs(line, out);
        fputc('\n', out);
        free(line);
    } else {
        field(out, "ID", doc->id);
        field(out, "Title", doc->title);
        field(out, "Path", doc->path);
        if (doc->line)
            fprintf(out, "Line: %lu\n", doc->line);
        field(out, "Type", doc->type);
        for (size_t i = 0; i < doc->nmeta; i++) {
            safe_fputs(doc->meta[i].key, out);
            fputs(": ", out);
            safe_fputs(doc->meta[i].value, out);
            fputc('\n', out);
        }
        fputc('\n', out);
        put_body(doc->text, out);
        if (*doc->text && doc->text[strlen(doc->text) - 1] != '\n')
            fputc('\n', out);
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
