#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE; nftw */
#include "dbdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Xapian marks the backend of a database folder with one of these files. */
static const char *const markers[] = {"iamglass", "iamhoney", "iamchert"};

dbdir_state dbdir_state_of(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? DBDIR_MISSING : DBDIR_OTHER;
    if (!S_ISDIR(st.st_mode))
        return DBDIR_OTHER;
    DIR *d = opendir(path);
    if (!d)
        return DBDIR_OTHER;
    int fd = dirfd(d), any = 0, marked = 0;
    for (size_t i = 0; i < sizeof markers / sizeof *markers; i++)
        if (faccessat(fd, markers[i], F_OK, AT_SYMLINK_NOFOLLOW) == 0)
            marked = 1;
    struct dirent *de;
    while (!marked && !any && (de = readdir(d)))
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            any = 1;
    closedir(d);
    return marked ? DBDIR_INDEX : any ? DBDIR_OTHER : DBDIR_EMPTY;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    return remove(path);
}

int dbdir_remove(const char *path)
{
    /* FTW_DEPTH: contents before their folder; FTW_PHYS: links not followed. */
    return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

int dbdir_exchange(const char *a, const char *b)
{
    int rc = renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
    if (rc != 0 && errno == ENOSYS)
        errno = EINVAL;
    return rc;
}
