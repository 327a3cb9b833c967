#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE; nftw */
#include "dbdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Xapian marks the backend of a database folder with one of these files. */
static const char *const markers[] = {"iamglass", "iamhoney", "iamchert",
                                      "XAPIANDB" /* a stub: sharded */};

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Files found in a glass database folder, and our lock pid file. */
static int written_by_xapian(const char *name)
{
    return strcmp(name, "flintlock") == 0 || strcmp(name, "sift-indexer.pid") == 0 ||
           ends_with(name, ".glass") || ends_with(name, ".tmp") || ends_with(name, ".baseA") ||
           ends_with(name, ".baseB");
}

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
    /* Without a marker, a folder of nothing but the files Xapian and we
     * write is an index whose creation was killed before its first commit:
     * it holds nothing, and Xapian will neither open nor create it. */
    int foreign = 0;
    struct dirent *de;
    while (!marked && !foreign && (de = readdir(d)))
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
            any = 1;
            foreign = !written_by_xapian(de->d_name);
        }
    closedir(d);
    if (marked)
        return DBDIR_INDEX;
    if (any && !foreign)
        return DBDIR_UNBORN;
    return any ? DBDIR_OTHER : DBDIR_EMPTY;
}

int dbdir_locked(const char *path)
{
    char lock[4096];
    if (snprintf(lock, sizeof lock, "%s/flintlock", path) >= (int)sizeof lock)
        return 0;
    int fd = open(lock, O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return 0;
    /* F_GETLK reports a conflicting lock of any kind, Xapian's open file
     * description lock included, without taking one. */
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    int locked = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
    close(fd);
    return locked;
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

int dbdir_pid_gone(long pid)
{
    return pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void dbdir_remove_leftovers(const char *db, const char *suffix,
                            int (*stale)(const char *path, long pid))
{
    const char *slash = strrchr(db, '/');
    char *dir = slash ? strndup(db, (size_t)(slash - db) + 1) : strdup("./");
    const char *base = slash ? slash + 1 : db;
    size_t b = strlen(base), s = strlen(suffix);
    DIR *d = dir ? opendir(dir) : NULL;
    struct dirent *de;
    while (d && (de = readdir(d))) {
        const char *digits = de->d_name + b + s;
        if (strncmp(de->d_name, base, b) != 0 || strncmp(de->d_name + b, suffix, s) != 0 ||
            !*digits || strspn(digits, "0123456789") != strlen(digits))
            continue;
        char *path = malloc(strlen(dir) + strlen(de->d_name) + 1);
        if (!path)
            break;
        strcpy(path, dir);
        strcat(path, de->d_name);
        if (stale(path, atol(digits)))
            dbdir_remove(path);
        free(path);
    }
    if (d)
        closedir(d);
    free(dir);
}
