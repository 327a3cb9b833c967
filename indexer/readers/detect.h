/*
 * detect.h - which reader reads a file: by its content first (libmagic for
 * binary files, sniff.h's signatures for text), then by its extension. Runs in the reader process (libmagic parses what
 * it is given too).
 */
#ifndef READERS_DETECT_H
#define READERS_DETECT_H

#include <stddef.h>

#include "reader.h"

/* libmagic's MIME type for DATA[0..LEN) ("application/pdf"), or NULL if
 * libmagic is not available. Valid until the next call. */
const char *detect_mime(const char *data, size_t len);

/* The reader for a file called NAME whose first bytes are DATA[0..LEN):
 * the one libmagic's answer names, else HINT (the reader the indexer chose
 * by name or by a look at the text; NULL if none), else the one of NAME's
 * extension. NULL if none reads it; *MIME is then libmagic's answer (or
 * NULL), to say what it is. */
const reader *detect_reader(const char *name, const char *data, size_t len, const reader *hint,
                            const char **mime);

/* Frees libmagic's database (at exit). */
void detect_close(void);

#endif
