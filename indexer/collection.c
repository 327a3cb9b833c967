#define _POSIX_C_SOURCE 200809L
#include "collection.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "hash.h"
#include "utf8.h"

enum { CHUNK = 1 << 18 }; /* bytes inflated per read */

struct collection {
    gzFile gz;
    char *chunk;            /* CHUNK bytes read ahead */
    size_t at, end;         /* the unread part of chunk */
    int eof;
    char *line;             /* the current line, NUL-terminated */
    size_t len, cap;
    int too_long;           /* the current line passed COLLECTION_MAX_LINE */
    unsigned long lineno;
    json_t *json;           /* the current record's parse */
    char *repaired;         /* the line, if it had to be repaired */
    char *id, *title, *text, *author;
    char why[256];
    char error[256];
};

int collection_is(const char *name)
{
    static const char *const suffixes[] = {".jsonl", ".jsonl.gz"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t s = strlen(suffixes[i]);
        if (n > s && strcmp(name + n - s, suffixes[i]) == 0)
            return 1;
    }
    return 0;
}

collection *collection_open(const char *path)
{
    collection *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->chunk = malloc(CHUNK);
    /* O_NONBLOCK: a FIFO put in the file's place since it was listed would
     * otherwise wait for a writer, holding the index's lock; the
     * descriptor checked is the one read. */
    int fd = c->chunk ? open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) : -1;
    struct stat st;
    int e = !c->chunk ? ENOMEM : fd < 0 ? errno : fstat(fd, &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : EINVAL;
    /* gzdopen reads a file that is not gzip-compressed as it is. */
    c->gz = e == 0 ? gzdopen(fd, "rb") : NULL;
    if (!c->gz) {
        if (fd >= 0)
            close(fd);
        free(c->chunk);
        free(c);
        errno = e ? e : ENOMEM;
        return NULL;
    }
    gzbuffer(c->gz, CHUNK);
    return c;
}

static void clear_record(collection *c)
{
    json_decref(c->json);
    c->json = NULL;
    free(c->repaired);
    free(c->id);
    free(c->title);
    free(c->text);
    free(c->author);
    c->repaired = c->id = c->title = c->text = c->author = NULL;
}

const char *collection_open_error(int err)
{
    return err == EINVAL ? "not a regular file" : strerror(err);
}

void collection_close(collection *c)
{
    if (!c)
        return;
    clear_record(c);
    gzclose(c->gz);
    free(c->chunk);
    free(c->line);
    free(c);
}

const char *collection_error(const collection *c)
{
    return c->error;
}

unsigned long long collection_offset(const collection *c)
{
    long long off = (long long)gzoffset(c->gz);
    return off > 0 ? (unsigned long long)off : 0;
}

/* Appends N bytes to the line, or only notes that it is too long. */
static int append(collection *c, const char *s, size_t n)
{
    if (c->too_long || c->len + n > COLLECTION_MAX_LINE) {
        c->too_long = 1; /* the rest of it is read and dropped */
        return 0;
    }
    if (c->len + n + 1 > c->cap) {
        size_t cap = c->cap ? c->cap : 4096;
        while (cap < c->len + n + 1)
            cap *= 2;
        char *bigger = realloc(c->line, cap);
        if (!bigger)
            return -1;
        c->line = bigger;
        c->cap = cap;
    }
    memcpy(c->line + c->len, s, n);
    c->len += n;
    c->line[c->len] = '\0';
    return 0;
}

/* Reads the next line into c->line. 1: a line, 0: end of file, -1: error. */
static int read_line(collection *c)
{
    c->len = 0;
    c->too_long = 0;
    if (append(c, "", 0) != 0)
        return -1;
    for (;;) {
        if (c->at == c->end) {
            if (c->eof) {
                if (c->len == 0 && !c->too_long)
                    return 0;
                c->lineno++; /* a last line without its newline */
                return 1;
            }
            int got = gzread(c->gz, c->chunk, CHUNK);
            int zerr = Z_OK;
            const char *msg = gzerror(c->gz, &zerr);
            if (got < 0 || (zerr != Z_OK && zerr != Z_BUF_ERROR) ||
                (got == 0 && zerr == Z_BUF_ERROR)) {
                /* Z_BUF_ERROR at the end: a truncated .gz file. */
                snprintf(c->error, sizeof c->error, "%s",
                         zerr == Z_ERRNO ? strerror(errno)
                         : zerr == Z_BUF_ERROR ? "the compressed file is cut short"
                                               : msg);
                return -1;
            }
            c->at = 0;
            c->end = (size_t)got;
            c->eof = got == 0;
            continue;
        }
        const char *start = c->chunk + c->at;
        const char *nl = memchr(start, '\n', c->end - c->at);
        size_t n = nl ? (size_t)(nl - start) : c->end - c->at;
        if (append(c, start, n) != 0) {
            errno = ENOMEM;
            snprintf(c->error, sizeof c->error, "out of memory");
            return -1;
        }
        c->at += n + (nl != NULL);
        if (nl) {
            c->lineno++;
            return 1;
        }
    }
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!s[i] || !strchr(" \t\r\n\f\v", s[i])) /* strchr finds the NUL too */
            return 0;
    return 1;
}

static int malformed(collection *c, record *rec, const char *fmt, const char *arg)
{
    snprintf(c->why, sizeof c->why, fmt, arg);
    rec->kind = RECORD_MALFORMED;
    rec->why = c->why;
    return 1;
}

/* The first of FIELDS that OBJ has (NULL if none, or if it is JSON null). */
static json_t *field(json_t *obj, const char *const *fields, const char **name)
{
    for (; *fields; fields++) {
        json_t *v = json_object_get(obj, *fields);
        if (v && !json_is_null(v)) {
            *name = *fields;
            return v;
        }
    }
    return NULL;
}

/* A copy of a JSON string with NUL characters (\u0000) made spaces. */
static char *string_copy(json_t *s)
{
    size_t n = json_string_length(s);
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    memcpy(copy, json_string_value(s), n + 1);
    for (size_t i = 0; i < n; i++)
        if (copy[i] == '\0')
            copy[i] = ' ';
    return copy;
}

static int has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

/* The record's date field (collection.h) into DATE, "" if it has none
 * that reads as a date. */
static void record_date(json_t *obj, char date[DOCDATE_SIZE])
{
    static const char *const date_fields[] = {"date", "published", "timestamp", NULL};
    const char *name;
    json_t *v = field(obj, date_fields, &name);
    date[0] = '\0';
    double t;
    if (json_is_number(v)) {
        t = json_number_value(v);
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end;
        if (docdate_parse(s, date) == 0)
            return;
        t = strtod(s, &end);
        if (end == s || *end || strspn(s, "0123456789.") != strlen(s))
            return;
    } else {
        return;
    }
    if (t > 1e11) /* milliseconds: 1e11 seconds is past the year 5000 */
        t /= 1000;
    docdate_from_epoch(t, date);
}

/* Turns c->line into *REC. 1, or -1 when out of memory. */
static int parse_record(collection *c, record *rec)
{
    static const char *const id_fields[] = {"_id", "id", NULL};
    static const char *const text_fields[] = {"text", "contents", NULL};
    static const char *const title_fields[] = {"title", NULL};
    const char *line = c->line;
    size_t len = c->len;
    snprintf(rec->signature, sizeof rec->signature, "j:%016llx", hash_fnv1a(line, len)); /* 64 bits: enough for a change marker */
    /* jansson refuses invalid UTF-8; a text file would be repaired, so a
     * record is too. */
    if (utf8_valid_prefix(line, len) != len) {
        c->repaired = utf8_repair(line, len, &rec->replaced);
        if (!c->repaired)
            return -1;
        line = c->repaired;
        len = strlen(line);
    }
    json_error_t jerr;
    c->json = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!c->json)
        return malformed(c, rec, "not valid JSON: %s", jerr.text);
    if (!json_is_object(c->json))
        return malformed(c, rec, "not a JSON object%s", "");

    const char *name = NULL;
    json_t *id = field(c->json, id_fields, &name);
    char number[32];
    if (!id)
        return malformed(c, rec, "no \"_id\" or \"id\" field%s", "");
    if (json_is_integer(id)) {
        snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        c->id = strdup(number);
    } else if (json_is_string(id)) {
        if (json_string_length(id) != strlen(json_string_value(id)) ||
            has_control(json_string_value(id)) || !*json_string_value(id))
            return malformed(c, rec, "\"%s\" is empty or holds control characters", name);
        c->id = strdup(json_string_value(id));
    } else {
        return malformed(c, rec, "\"%s\" is neither a string nor a whole number", name);
    }
    if (!c->id)
        return -1;

    json_t *text = field(c->json, text_fields, &name);
    json_t *title = field(c->json, title_fields, &name);
    if (text && !json_is_string(text))
        return malformed(c, rec, "\"%s\" is not a string", name);
    if (title && !json_is_string(title))
        return malformed(c, rec, "\"title\" is not a string%s", "");
    c->text = text ? string_copy(text) : strdup("");
    c->title = title ? string_copy(title) : strdup("");
    json_t *author = json_object_get(c->json, "author");
    c->author = json_is_string(author) ? string_copy(author) : strdup("");
    if (!c->text || !c->title || !c->author)
        return -1;
    record_date(c->json, rec->date);
    rec->author = c->author;
    rec->id = c->id;
    rec->text = c->text;
    rec->title = c->title;
    rec->kind = blank(c->text, strlen(c->text)) && blank(c->title, strlen(c->title))
                    ? RECORD_EMPTY
                    : RECORD_OK;
    return 1;
}

int collection_next(collection *c, record *rec)
{
    clear_record(c);
    memset(rec, 0, sizeof *rec);
    int got;
    do {
        got = read_line(c);
        if (got <= 0)
            return got;
    } while (!c->too_long && blank(c->line, c->len));
    rec->line = c->lineno;
    if (c->too_long) {
        rec->kind = RECORD_TOO_LARGE;
        return 1;
    }
    if (parse_record(c, rec) < 0) {
        errno = ENOMEM;
        snprintf(c->error, sizeof c->error, "out of memory");
        return -1;
    }
    return 1;
}
