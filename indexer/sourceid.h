/*
 * sourceid.h - the source ID of a file: the name its document has in the
 * index, unique per file and stable, whichever folder was named on the
 * command line and whenever it is indexed (README: Source IDs).
 *
 *  - A file's ID is its absolute path: the real path of its folder, then
 *    its name (a symbolic link to a file keeps its own name and place).
 *  - Under a folder that holds a file named SOURCEID_MARKER (the nearest
 *    one above the file), the ID is instead the file's path relative to
 *    that folder, after the marker's first line (a prefix, often empty), a
 *    final ".txt" left out: IDs that stay the same wherever the folder is
 *    copied (sift's corpus/ has one: 000_e9927dfb07e16fa6, ...).
 *  - An ID longer than SOURCEID_FILE_MAX bytes keeps its start and ends in
 *    "~" and 16 hex digits of a hash of the whole (FNV-1a, 64 bits).
 *  - The messages of an mbox after the first are ID#2, ID#3, ...
 */
#ifndef INDEXER_SOURCEID_H
#define INDEXER_SOURCEID_H

#include <stddef.h>

/* Longest ID the index accepts (xc.h). */
#define SOURCEID_MAX_BYTES 240
/* Longest ID of a file: room is left for "#N" of a message. */
#define SOURCEID_FILE_MAX 216
#define SOURCEID_MARKER ".sift-ids"
/* Longest prefix read from a marker file. */
#define SOURCEID_PREFIX_MAX 100

/* The ID of the file at ABSPATH, a new string the caller frees (NULL when
 * out of memory). MARKER_DIR: the real path of the folder holding the
 * nearest marker above the file, or NULL; PREFIX: its first line. */
char *sourceid_make(const char *abspath, const char *marker_dir, const char *prefix);

/* The ID of the Nth document (N >= 2) of the file whose ID is FILE_ID,
 * into BUF (SOURCEID_MAX_BYTES + 1 bytes). */
void sourceid_nth(const char *file_id, unsigned long n, char *buf);

/* Whether folder DIR (a real path) holds a marker: 1 and its prefix in
 * PREFIX (SOURCEID_PREFIX_MAX + 1 bytes), or 0. */
int sourceid_marker(const char *dir, char *prefix);

#endif
