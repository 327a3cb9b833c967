/*
 * convert.h - user-given converters (indexer --convert EXT=COMMAND), as
 * Recoll's filters: for a file whose extension is EXT, the reader process
 * runs `/bin/sh -c 'COMMAND "$1"' sh FILE` and indexes what it prints on
 * stdout as text (UTF-8; invalid bytes repaired). The command runs in a
 * process group of its own with the reader process's limits: at most
 * SECONDS of wall-clock time (then the group is killed), MEMORY bytes of
 * address space and as much CPU time, and its output is cut at
 * READER_MAX_TEXT. Exiting non-zero fails the file, with the first line of
 * its stderr.
 */
#ifndef SANDBOX_CONVERT_H
#define SANDBOX_CONVERT_H

#include <stddef.h>

#include "reader.h"

/* The command of EXT=COMMAND pairs CONVERTERS[0..N) for NAME's extension
 * (case-insensitive), or NULL. */
const char *convert_command(char *const *converters, size_t n, const char *name);

/* Runs COMMAND on PATH as above, handing its output to OUT as one
 * document. */
read_status convert_run(const char *command, const char *path, unsigned seconds, size_t memory,
                        const reader_input *in, reader_out *out);

#endif
