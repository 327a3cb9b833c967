/*
 * wire.h - the messages between the indexer and its reader process, over
 * one socket: a tag byte, a 4-byte little-endian length, then that many
 * bytes of fields, each a 4-byte length, the bytes and a NUL (so a field
 * read back is a C string in place).
 *
 *   indexer -> reader   'R' path, reader name ("" to decide by content)
 *   reader -> indexer   'D' a document: type, title, text, line, then
 *                           key, value pairs of metadata
 *                       'W' a warning about the file: message
 *                       'E' the end of the file: status (read_status as a
 *                           digit), why
 */
#ifndef SANDBOX_WIRE_H
#define SANDBOX_WIRE_H

#include <stddef.h>

/* The longest message the indexer takes: a document's text is cut at
 * READER_MAX_TEXT, and the rest of a document is small. */
#define WIRE_MAX ((size_t)65 << 20)

typedef struct wire_msg {
    char tag;
    char *buf; /* the fields */
    size_t len, cap;
    size_t at; /* wire_field's place */
} wire_msg;

/* Starts a message TAG in M (keeping M's buffer). */
void wire_start(wire_msg *m, char tag);
/* Appends a field. 0, or -1 when out of memory. */
int wire_add(wire_msg *m, const char *s, size_t n);
int wire_add_str(wire_msg *m, const char *s);
/* Writes M to FD (all of it; no SIGPIPE). 0, or -1 with errno. */
int wire_send(int fd, const wire_msg *m);

/* Reads one message from FD into M, waiting at most until DEADLINE_MS
 * (CLOCK_MONOTONIC milliseconds; 0: no limit). 1 read, 0 the other side
 * closed, -1 an error (errno; ETIMEDOUT past the deadline, EPROTO a
 * message too long or cut). */
int wire_recv(int fd, wire_msg *m, long long deadline_ms);

/* The next field of M as a C string (*N its length): 1, or 0 when none
 * is left. */
int wire_field(wire_msg *m, const char **s, size_t *n);

void wire_free(wire_msg *m);

/* CLOCK_MONOTONIC now, in milliseconds. */
long long wire_now_ms(void);

#endif
