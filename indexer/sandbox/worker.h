/*
 * worker.h - the reader process: the indexer run again as
 * `indexer --reader-process SECONDS MEMORY_MIB [EXT=COMMAND...]` by
 * sandbox.c, talking over its standard input (a socket, wire.h). It
 * limits itself (address space MEMORY_MIB, no core files), ignores the
 * terminal's signals (the indexer decides when to stop), and dies with
 * the indexer. For each request it opens the file, picks the reader
 * (detect.h, or a converter of convert.h), reads the file whole (at most
 * READER_MAX_FILE; a reader that streams reads it itself) and sends every
 * document, warning and the end back.
 */
#ifndef SANDBOX_WORKER_H
#define SANDBOX_WORKER_H

#define WORKER_FLAG "--reader-process"

/* Runs the reader process on ARGV (ARGV[1] is WORKER_FLAG); returns its
 * exit status. */
int worker_main(int argc, char **argv);

#endif
