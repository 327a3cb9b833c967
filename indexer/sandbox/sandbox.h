/*
 * sandbox.h - reading files in a reader process of their own.
 *
 * Parsers of PDF, Office, mail and web pages are large libraries reading
 * untrusted files: one that crashes, hangs or balloons must cost that one
 * file, not the run. So every reader but plain text's runs in a separate
 * process (sift-reader, worker.h), one per indexing thread, started when
 * first needed and again after a failure. It is bounded four ways: its
 * address space (setrlimit RLIMIT_AS, MEMORY, set by itself), its resident
 * memory (watched ten times a second: killed past MEMORY), a wall-clock
 * limit (SECONDS without a document or the end of the file: killed), and
 * the caps of its readers (reader.h). Whatever it sends is
 * checked here (wire.h: sizes bounded), and the text repaired to UTF-8 by
 * the indexer before it is stored.
 *
 * The indexer is C, one process with threads: spawning (posix_spawn, not
 * fork) from any thread is safe, and the socket is made close-on-exec so
 * no other reader process inherits it.
 */
#ifndef SANDBOX_SANDBOX_H
#define SANDBOX_SANDBOX_H

#include <stddef.h>

#include "reader.h"
#include "xc.h"

typedef struct sandbox sandbox;

/* How long a reader may go without handing out a document (or ending),
 * and how much address space it may use: the defaults of
 * --read-timeout and --read-memory. */
#define SANDBOX_SECONDS 60
#define SANDBOX_MEMORY_MIB 2048

/* A reader process for one thread, not started yet: converters
 * CONVERTERS[0..N) ("EXT=COMMAND", borrowed: they must outlive it). NULL
 * when out of memory. */
sandbox *sandbox_new(char *const *converters, size_t n, unsigned seconds, size_t memory_mib);

/* Stops the reader process (if any) and frees everything. Accepts NULL. */
void sandbox_free(sandbox *s);

/* What sandbox_next hands out. Strings are valid until the next call. */
typedef enum sandbox_kind { SANDBOX_DOC, SANDBOX_WARNING, SANDBOX_END } sandbox_kind;
typedef struct sandbox_event {
    sandbox_kind kind;
    /* DOC */
    const char *type, *title, *text;
    size_t len;
    unsigned long line;
    const xc_meta *meta;
    size_t nmeta;
    /* WARNING: the message; END: why it ended so (may be "") */
    const char *message;
    read_status status; /* END */
} sandbox_event;

/* Starts reading PATH with the reader named HINT ("" or NULL: by its
 * content), in the reader process (started if need be). Then call
 * sandbox_next until it hands out SANDBOX_END. */
void sandbox_begin(sandbox *s, const char *path, const char *hint);

/* The next document, warning or the end of the file. A reader process that
 * crashed, was killed or took too long ends the file (READ_FAILED, with the
 * reason) and is started again for the next one. */
void sandbox_next(sandbox *s, sandbox_event *ev);

#endif
