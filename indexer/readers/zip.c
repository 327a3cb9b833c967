#define _POSIX_C_SOURCE 200809L
#include "zip.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

static int keep(zip_files *z, const char *name, char *data, size_t len)
{
    if (z->n == z->cap) {
        size_t cap = z->cap ? z->cap * 2 : 16;
        zip_entry *v = realloc(z->v, cap * sizeof *v);
        if (!v)
            return -1;
        z->v = v;
        z->cap = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return -1;
    z->v[z->n++] = (zip_entry){copy, data, len};
    return 0;
}

/* Reads the current member's data; *UNPACKED counts every byte so far. */
static read_status member(const reader_input *in, struct archive *a, size_t *unpacked, char **data,
                          size_t *len)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        char chunk[65536];
        la_ssize_t got = archive_read_data(a, chunk, sizeof chunk);
        if (got < 0) {
            free(buf);
            return reader_fail(in, READ_MALFORMED, "not a valid zip file: %s", archive_error_string(a));
        }
        if (got == 0)
            break;
        *unpacked += (size_t)got;
        if (*unpacked > READER_MAX_UNPACKED) {
            free(buf);
            return reader_fail(in, READ_TOO_LARGE, "unpacks to more than %zu MiB",
                               READER_MAX_UNPACKED >> 20);
        }
        if (n + (size_t)got + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            while (cap < n + (size_t)got + 1)
                cap *= 2;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                return reader_fail(in, READ_FAILED, "out of memory");
            }
            buf = b;
        }
        memcpy(buf + n, chunk, (size_t)got);
        n += (size_t)got;
    }
    if (!buf && !(buf = malloc(1)))
        return reader_fail(in, READ_FAILED, "out of memory");
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return READ_OK;
}

read_status zip_read(const reader_input *in, int (*want)(const char *name), zip_files *out)
{
    struct archive *a = archive_read_new();
    if (!a)
        return reader_fail(in, READ_FAILED, "out of memory");
    archive_read_support_format_zip(a);
    read_status st = READ_OK;
    if (archive_read_open_memory(a, in->data, in->len) != ARCHIVE_OK) {
        st = reader_fail(in, READ_MALFORMED, "not a valid zip file: %s", archive_error_string(a));
        archive_read_free(a);
        return st;
    }
    size_t entries = 0, unpacked = 0;
    struct archive_entry *e;
    int r = ARCHIVE_EOF;
    while (st == READ_OK && (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        if (++entries > READER_MAX_ENTRIES) {
            st = reader_fail(in, READ_TOO_LARGE, "more than %d members", READER_MAX_ENTRIES);
            break;
        }
        const char *name = archive_entry_pathname(e);
        if (!name || !want(name))
            continue;
        if (archive_entry_is_encrypted(e)) {
            st = reader_fail(in, READ_NO_TEXT, "no text: the file is encrypted");
            break;
        }
        char *data = NULL;
        size_t len = 0;
        st = member(in, a, &unpacked, &data, &len);
        if (st == READ_OK && keep(out, name, data, len) != 0) {
            free(data);
            st = reader_fail(in, READ_FAILED, "out of memory");
        }
    }
    if (st == READ_OK && r != ARCHIVE_EOF)
        st = reader_fail(in, READ_MALFORMED, "not a valid zip file: %s", archive_error_string(a));
    archive_read_free(a);
    return st;
}

const zip_entry *zip_find(const zip_files *z, const char *name)
{
    for (size_t i = 0; i < z->n; i++)
        if (strcmp(z->v[i].name, name) == 0)
            return &z->v[i];
    return NULL;
}

void zip_free(zip_files *z)
{
    for (size_t i = 0; i < z->n; i++) {
        free(z->v[i].name);
        free(z->v[i].data);
    }
    free(z->v);
    memset(z, 0, sizeof *z);
}
