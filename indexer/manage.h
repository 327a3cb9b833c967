/*
 * manage.h - changing the index without reading files: removing documents
 * by source ID or by file or folder, and pruning those whose files are gone.
 */
#ifndef INDEXER_MANAGE_H
#define INDEXER_MANAGE_H

#include <stddef.h>

/* indexer --remove: each of ARGS is a source ID in the index DB (NULL: the
 * default), else a file or folder (relative to the current one; it need
 * not exist any more) whose documents are all removed, the folders
 * recorded under it forgotten. Prints how many were removed. Returns 0, 1
 * if some argument matched nothing (the rest are removed), 2 if the index
 * could not be opened or written. */
int manage_remove(const char *db, char *const *args, size_t n);

/* indexer --prune: removes every document whose file is gone (no longer
 * exists, anywhere in the index) and says how many. 0, or 2. */
int manage_prune(const char *db);

#endif
