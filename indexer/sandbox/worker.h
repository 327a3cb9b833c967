/*
 * worker.h - the reader process: `sift-reader SECONDS MEMORY_MIB
 * [EXT=COMMAND...]`, started by the indexer (sandbox.c), talking over its
 * standard input (a socket, wire.h). A program of its own, so that the
 * parsers' libraries (poppler, GMime, libxml2, ...) are loaded there only:
 * the indexer starts in a tenth of the time without them. It
 * limits itself (address space MEMORY_MIB, no core files), ignores the
 * terminal's signals (the indexer decides when to stop), and dies with
 * the indexer. For each request it opens the file, picks the reader
 * (detect.h, or a converter of convert.h), reads the file whole (at most
 * READER_MAX_FILE; a reader that streams reads it itself) and sends every
 * document, warning and the end back.
 */
#ifndef SANDBOX_WORKER_H
#define SANDBOX_WORKER_H

/* The program's name, looked for beside the indexer's own file, then in
 * ../libexec/sift/ from there (where `cmake --install` puts it). */
#define WORKER_PROGRAM "sift-reader"

/* Runs the reader process on ARGV; returns its exit status. */
int worker_main(int argc, char **argv);

#endif
