/*
 * reader.h - one reader per format: a file in, documents out.
 *
 * A reader turns the bytes of one file (or of a mail attachment) into one or
 * more documents, each with its text, title and metadata (xc_meta). Readers
 * are listed in one table (readers.c): a new format is one new file and one
 * row there. Which reader reads a file is decided by detect.h (its content,
 * then its extension).
 *
 * Every reader but plain text's runs in the reader process (worker.c), never
 * in the indexer: a parser that crashes, hangs or balloons costs that one
 * file (sandbox.h). Readers still bound what they do (READER_MAX_*): those
 * caps are what the user is told, the process limits the last line.
 */
#ifndef READERS_READER_H
#define READERS_READER_H

#include <stddef.h>

#include "xc.h"

/* The caps every reader keeps (README: Formats). */
#define READER_MAX_FILE ((size_t)256 << 20)      /* a file read whole */
#define READER_MAX_TEXT ((size_t)64 << 20)       /* text of one document: cut */
#define READER_MAX_UNPACKED ((size_t)256 << 20)  /* bytes unpacked from a zip */
#define READER_MAX_ENTRIES 10000                 /* entries of a zip */
#define READER_MAX_PAGES 10000                   /* PDF pages read */
#define READER_MAX_DEPTH 256                     /* element nesting (HTML, XML) */
#define READER_MAX_MIME_DEPTH 16                 /* MIME parts in parts */
#define READER_MAX_ATTACHMENTS 64                /* attachments read per message */
#define READER_MAX_ATTACHMENT ((size_t)64 << 20) /* an attachment read (encoded) */
#define READER_MAX_META 16                       /* metadata pairs per document */

/* How reading a file ended. */
typedef enum read_status {
    READ_OK,          /* every document was handed out */
    READ_NO_TEXT,     /* nothing to index: encrypted, no text layer, empty */
    READ_TOO_LARGE,   /* over a cap (why says which) */
    READ_MALFORMED,   /* not a valid file of its format (why says what) */
    READ_UNSUPPORTED, /* no reader for what it is (why: the type found) */
    READ_FAILED       /* out of memory, an I/O error, a converter failed */
} read_status;

/* The metadata of one document: up to READER_MAX_META pairs, owned. */
typedef struct reader_meta {
    xc_meta pairs[READER_MAX_META];
    size_t n;
} reader_meta;

/* Adds KEY (a constant) = VALUE (copied, trimmed; nothing if empty or NULL).
 * A key given twice keeps its first value. 0, or -1 when out of memory. */
int meta_add(reader_meta *m, const char *key, const char *value);
/* The value of KEY, or NULL. */
const char *meta_get(const reader_meta *m, const char *key);
void meta_free(reader_meta *m);

/* One document out of a reader. Valid during the call that hands it out. */
typedef struct reader_doc {
    const char *title;  /* "" if the format gives none (found in the text) */
    const char *text;   /* UTF-8 (repaired by the receiver if need be) */
    size_t len;
    const reader_meta *meta;
    unsigned long line; /* its line in the file, 0 for the whole file */
} reader_doc;

/* Where documents go: DOC is called once per document (0, or -1 to stop
 * the reader, which then returns READ_FAILED); WARN says something about
 * the file that does not stop it ("text cut at 64 MiB"). */
typedef struct reader_out reader_out;
struct reader_out {
    int (*doc)(reader_out *self, const reader_doc *doc);
    void (*warn)(reader_out *self, const char *message);
};

/* What a reader is given. */
typedef struct reader_input {
    const char *name;   /* the file's name, or an attachment's ("" if none) */
    const char *data;   /* the whole file, DATA[LEN] == '\0'; NULL for a
                           reader that streams (it reads FD) */
    size_t len;
    int fd;             /* the file, at offset 0; -1 for an attachment */
    int depth;          /* 0 for a file, +1 for each attachment level */
    char *why;          /* a reader that fails says why here (WHYLEN bytes) */
    size_t whylen;
} reader_input;

typedef struct reader {
    const char *name;               /* unique: "mbox" */
    const char *type;               /* stored as the document's type: "mail" */
    const char *const *extensions;  /* lower case, no dot; NULL-terminated */
    const char *const *mime_types;  /* libmagic's answers that mean it */
    int streams;                    /* reads FD itself (mbox: any size) */
    read_status (*read)(const reader_input *in, reader_out *out);
} reader;

/* The readers, one row per format (readers.c); the last row's name is
 * NULL. (In the indexer, READ is NULL: it reads only plain text itself.) */
extern const reader readers[];

/* The reader named NAME ("pdf"), of the extension of NAME, of a libmagic MIME
 * type; NULL if none. */
const reader *reader_named(const char *name);
const reader *reader_of_name(const char *name);
const reader *reader_of_mime(const char *mime);

/* Hands out the one document of a file: TEXT (textbuf.h) with TITLE (NULL:
 * none) and META; says so if the text was cut. READ_NO_TEXT (why: "no
 * text") when it holds no word and there is no title, READ_FAILED when TEXT
 * ran out of memory. */
struct textbuf;
read_status reader_emit(const reader_input *in, reader_out *out, const char *title,
                        const struct textbuf *text, const reader_meta *meta);

/* Sets IN->why from a format (at most IN->whylen bytes) and returns ST. */
read_status reader_fail(const reader_input *in, read_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
