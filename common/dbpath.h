/*
 * dbpath.h - where the index lives when --db is not given.
 *
 * Shared by indexer and search so that both agree: $SIFT_DB if set and not
 * empty, else $XDG_DATA_HOME/sift/index, else $HOME/.local/share/sift/index.
 */
#ifndef COMMON_DBPATH_H
#define COMMON_DBPATH_H

/* The default index path as a new string (free() it), or NULL when neither
 * SIFT_DB, XDG_DATA_HOME nor HOME is set or memory runs out. */
char *dbpath_default(void);

/* Creates the folders above PATH that do not exist yet (like mkdir -p on its
 * parent). Returns 0 on success, -1 with errno set. */
int dbpath_make_parents(const char *path);

#endif
