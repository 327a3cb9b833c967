/*
 * walk.h - listing the files to index from the PATH arguments.
 *
 * Folders are walked recursively, each folder's entries in byte order, so a
 * run is deterministic. Like ripgrep: hidden names (starting with '.') are
 * skipped inside folders (an argument is always taken), and other kinds of
 * files (FIFOs, devices) are left alone. Symbolic links to files are
 * followed when they lead to a file inside the folders given; one that
 * leads out of them is reported and counted, not followed (a link to
 * /etc/passwd); links to folders are not followed. With FOLLOW (-L), every
 * link is, to files and folders, and a loop is not entered twice. A search
 * index (ours, or any Xapian database) is never walked into.
 *
 * The walk also records the scope of the run: which stored documents it
 * speaks for, so that those whose files are gone can be removed.
 */
#ifndef INDEXER_WALK_H
#define INDEXER_WALK_H

#include <stddef.h>
#include <sys/stat.h>

#include "strvec.h"

typedef struct walk_entry {
    char *path;     /* as the user names it: the argument + relative path */
    char *abspath;  /* real path of its folder + its own name; stored in the
                       index (a symlink stays where it was found) */
    char *id;       /* source ID (sourceid.h) */
    struct stat st; /* of the file, symlinks followed */
} walk_entry;

typedef struct walk_list {
    walk_entry *entries; /* in the order to index them */
    size_t count, cap;
    strvec roots;  /* real paths of the folder arguments that were read */
    strvec files;  /* abspaths of the file arguments */
    strvec kept;   /* real paths of folders (or collections) that could not
                      be read: what the index holds from them is kept, not
                      removed */
    size_t failed; /* arguments, folders or links that failed (reported) */
    size_t links;  /* links out of the folders given, not followed (reported) */
} walk_list;

/* Lists the files under PATHS into LIST (zeroed by the caller), never
 * entering the folders in SKIP (the index itself: device and inode).
 * Problems with single paths are reported (msg.h) and counted in
 * LIST->failed. Returns 0, or -1 when out of memory. */
int walk_paths(walk_list *list, char *const *paths, size_t npaths,
               const struct stat *skip, size_t nskip, int follow);

/* 1 if a document stored with ABSPATH is one this run speaks for: equal to a
 * file argument or inside a folder argument (and not in a kept folder). */
int walk_in_scope(const walk_list *list, const char *abspath);

void walk_free(walk_list *list);

#endif
