#define _POSIX_C_SOURCE 200809L
#include "lockpid.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

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

long lockpid_read(const char *db)
{
    char path[4096];
    if (file_in(db, path, sizeof path) != 0)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    long pid = 0;
    if (fscanf(f, "%ld", &pid) != 1)
        pid = 0;
    fclose(f);
    /* A stale file from an indexer that has gone names nobody. */
    if (pid <= 0 || pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH))
        return 0;
    return pid;
}
