/*
 * source.h - reading one file and deciding whether it is text to index.
 *
 * The whole file is read into memory. It is text unless it cannot be read,
 * is empty (no bytes, or only whitespace), is binary (a NUL byte in its first
 * 8 KiB, as grep decides) or is larger than SOURCE_MAX_BYTES. Text that is
 * not valid UTF-8 is converted when it says or shows what it is instead
 * (UTF-16 with a byte order mark; 8-bit text without any UTF-8 in it, read
 * as Windows-1252: see transcode.h), else repaired (each bad byte becomes
 * U+FFFD, see utf8.h); a UTF-8 byte order mark at the start is dropped.
 */
#ifndef INDEXER_SOURCE_H
#define INDEXER_SOURCE_H

#include <stddef.h>
#include <sys/stat.h>

#define SOURCE_MAX_BYTES ((unsigned long long)256 << 20)
#define SOURCE_BINARY_PROBE 8192

typedef enum source_kind {
    SOURCE_TEXT,
    SOURCE_UNREADABLE, /* error holds errno, or 0: not a regular file */
    SOURCE_EMPTY,
    SOURCE_BINARY,
    SOURCE_TOO_LARGE,  /* size holds the size */
    SOURCE_NOMEM
} source_kind;

typedef struct source {
    source_kind kind;
    char *text;        /* TEXT: valid UTF-8, NUL-terminated; owned */
    size_t len;        /* TEXT: bytes in text */
    size_t replaced;   /* TEXT: bytes replaced while repairing */
    const char *charset; /* TEXT: what it was converted from ("UTF-16",
                            "WINDOWS-1252"; transcode.h), NULL if UTF-8 */
    int error;         /* UNREADABLE: errno, or 0: not a regular file */
    unsigned long long size; /* bytes in the file */
    struct stat st;    /* of the file as opened (for its signature) */
} source;

/* Reads PATH into *SRC. Always fills SRC->kind; free with source_free(). */
void source_read(const char *path, source *src);

/* Reads FD from where it is into a new buffer with a NUL after the bytes,
 * at most LIMIT + 1 of them (so a file that grew past LIMIT since fstat is
 * still caught); HINT: the size expected. 0, or an errno value. */
int source_read_all(int fd, size_t hint, size_t limit, char **out, size_t *len);

/* Classifies BYTES[0..LEN) (malloc'd, with room for a NUL after them;
 * SRC takes them) as source_read does a file's. SRC->st is left zero. */
void source_from_bytes(source *src, char *bytes, size_t len);

void source_free(source *src);

/* Writes the change marker of a file, "<size>:<mtime s>.<mtime ns>", into
 * BUF (at least SOURCE_SIGNATURE_SIZE bytes). */
#define SOURCE_SIGNATURE_SIZE 64
void source_signature(const struct stat *st, char *buf);

#endif
