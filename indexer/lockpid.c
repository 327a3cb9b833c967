#define _DEFAULT_SOURCE /* realpath, readlink */
#define _POSIX_C_SOURCE 200809L
#include "lockpid.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "dbdir.h"

#define LOCKPID_FILE "sift-indexer.pid"

static int file_in(const char *db, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/%s", db, LOCKPID_FILE);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

void lockpid_write(const char *db)
{
    char path[4096], tmp[4096 + 16];
    if (file_in(db, path, sizeof path) != 0)
        return;
    /* Written aside and renamed: a reader never sees half a number. */
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    int ok = fprintf(f, "%ld\n", (long)getpid()) > 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0)
        remove(tmp);
}

/* The process, other than us, that has DB's lock file open: while an index
 * is being created its writer holds the lock before it can write the pid
 * file. Readers never open the lock file, so that process is the writer. */
static long holder_from_proc(const char *db)
{
    char *real = realpath(db, NULL);
    char lock[4096 + 16];
    int ok = real && snprintf(lock, sizeof lock, "%s/flintlock", real) < (int)sizeof lock;
    free(real);
    DIR *procs = ok ? opendir("/proc") : NULL;
    if (!procs)
        return 0;
    long found = 0;
    struct dirent *p;
    while (!found && (p = readdir(procs))) {
        long pid = strtol(p->d_name, NULL, 10);
        if (pid <= 0 || pid == (long)getpid())
            continue;
        char fds[64];
        snprintf(fds, sizeof fds, "/proc/%ld/fd", pid);
        DIR *d = opendir(fds);
        struct dirent *fd;
        while (d && !found && (fd = readdir(d))) {
            char link[64 + 256 + 2], target[4096 + 16];
            snprintf(link, sizeof link, "%s/%s", fds, fd->d_name);
            ssize_t n = readlink(link, target, sizeof target - 1);
            if (n > 0) {
                target[n] = '\0';
                if (strcmp(target, lock) == 0)
                    found = pid;
            }
        }
        if (d)
            closedir(d);
    }
    closedir(procs);
    return found;
}

long lockpid_read(const char *db)
{
    char path[4096];
    if (file_in(db, path, sizeof path) != 0)
        return 0;
    long pid = 0;
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%ld", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    /* No file, or a stale one from an indexer that has gone (the holder has
     * taken the lock but not yet written its pid): ask /proc. */
    if (pid <= 0 || pid == (long)getpid() || dbdir_pid_gone(pid))
        return holder_from_proc(db);
    return pid;
}
