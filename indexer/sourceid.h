/*
 * sourceid.h - the source ID of a file: the name a document has in the index,
 * stable across runs so that a changed file replaces its old version.
 *
 * It is the file's path relative to the folder argument it was found in (or
 * just its name, for a file argument), without the last extension:
 * "corpus/000_e99.txt" -> "000_e99", "notes/sub/x.md" under "notes" -> "sub/x".
 */
#ifndef INDEXER_SOURCEID_H
#define INDEXER_SOURCEID_H

/* Longest ID the index accepts (xc.h). */
#define SOURCEID_MAX_BYTES 240

/* The ID for RELPATH ("sub/x.md"), a new string the caller frees; NULL when
 * out of memory. A leading dot is part of the name, not an extension
 * (".profile" stays ".profile"). */
char *sourceid_make(const char *relpath);

#endif
