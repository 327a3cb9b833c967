/*
 * zip.h - the members of a zip file (Office documents, EPUB) that a reader
 * wants, unpacked into memory by libarchive, within the caps: at most
 * READER_MAX_ENTRIES members, at most READER_MAX_UNPACKED bytes unpacked in
 * all (a zip bomb stops there).
 */
#ifndef READERS_ZIP_H
#define READERS_ZIP_H

#include <stddef.h>

#include "reader.h"

typedef struct zip_entry {
    char *name;
    char *data; /* NUL-terminated */
    size_t len;
} zip_entry;

typedef struct zip_files {
    zip_entry *v;
    size_t n, cap;
} zip_files;

/* Unpacks the members of the zip IN->data whose names WANT says yes to
 * (1) into *OUT (zeroed by the caller). READ_OK; READ_TOO_LARGE or
 * READ_MALFORMED or READ_NO_TEXT (encrypted) with IN->why set. */
read_status zip_read(const reader_input *in, int (*want)(const char *name), zip_files *out);

/* The member NAME, or NULL. */
const zip_entry *zip_find(const zip_files *z, const char *name);

void zip_free(zip_files *z);

#endif
