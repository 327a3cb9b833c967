#define _POSIX_C_SOURCE 200809L
#include "rebuild.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "fatal.h"
#include "lockpid.h"
#include "msg.h"
#include "parallel.h"

static char *with_suffix(const char *db, const char *suffix, long pid)
{
    size_t n = strlen(db) + strlen(suffix) + 24;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%ld", db, suffix, pid);
    return s;
}

/* A folder PREFIX<pid> left by an indexer that died mid-rebuild: its process
 * is gone and no writer holds the index in it (the lock check also covers
 * indexers in other PID namespaces sharing the folder). */
static int stale(const char *path, long pid)
{
    if (!dbdir_pid_gone(pid))
        return 0;
    dbdir_state state = dbdir_state_of(path);
    if (state == DBDIR_EMPTY || (state == DBDIR_UNBORN && !dbdir_locked(path)))
        return 1;
    if (state != DBDIR_INDEX)
        return 0;
    xc_writer *w = xc_writer_new();
    int locked = !w || xc_writer_open(w, path, NULL) == XC_ERR_LOCKED;
    xc_writer_free(w);
    return !locked;
}

/* As stale, and then removes what a parallel build into PATH left beside
 * it (a rebuild killed while its parts were being written). */
static int stale_with_parts(const char *path, long pid)
{
    if (!stale(path, pid))
        return 0;
    parallel_remove_leftovers(path);
    return 1;
}

/* Removes DB.rebuild-<pid> folders of dead indexers, and our own name if a
 * dead process with our pid left an index there. */
static void remove_stale(const char *db, const char *own)
{
    dbdir_state state = dbdir_state_of(own);
    if (state == DBDIR_INDEX || state == DBDIR_EMPTY ||
        (state == DBDIR_UNBORN && !dbdir_locked(own)))
        dbdir_remove(own);
    dbdir_remove_leftovers(db, ".rebuild-", stale_with_parts);
}

int rebuild_begin(rebuild *r, const char *db, dbdir_state state)
{
    memset(r, 0, sizeof *r);
    r->had_old = state == DBDIR_INDEX || state == DBDIR_EMPTY;
    if (state == DBDIR_INDEX) {
        r->live = xc_writer_new();
        if (!r->live) {
            msg_error(db, "out of memory");
            return EXIT_FATAL;
        }
        xc_status st = xc_writer_open(r->live, db, NULL);
        if (xc_status_rebuild(st)) {
            /* Rebuilding is the cure, so go on, without the lock. */
            msg_warning(db, "the index %s (%s); building a new one", xc_status_rebuild(st),
                        xc_writer_error(r->live));
            xc_writer_free(r->live);
            r->live = NULL;
        } else if (st != XC_OK) {
            int rc = fatal_index(db, r->live, st, "cannot open the index", 0);
            rebuild_abort(r);
            return rc;
        } else {
            lockpid_write(db);
            if (xc_writer_language(r->live))
                r->lang = strdup(xc_writer_language(r->live));
        }
    }
    r->temp = with_suffix(db, ".rebuild-", (long)getpid());
    if (!r->temp || (r->live && xc_writer_language(r->live) && !r->lang)) {
        msg_error(db, "out of memory");
        rebuild_abort(r);
        return EXIT_FATAL;
    }
    remove_stale(db, r->temp);
    if (dbdir_state_of(r->temp) != DBDIR_MISSING) {
        /* Not ours to build in, nor to delete on failure. */
        msg_error(r->temp, "is in the way of the rebuild; move it away");
        free(r->temp);
        r->temp = NULL;
        rebuild_abort(r);
        return EXIT_FATAL;
    }
    return 0;
}

/* Puts the new index (at r->temp) at DB. The old one, if any, ends up at
 * r->temp. */
static int swap_in(rebuild *r, const char *db)
{
    if (!r->had_old)
        return rename(r->temp, db);
    if (dbdir_exchange(r->temp, db) == 0)
        return 0;
    if (errno != EINVAL)
        return -1;
    /* The file system cannot exchange: two renames, with a short moment
     * where DB does not exist. */
    char *old = with_suffix(db, ".old-", (long)getpid());
    int rc = -1;
    if (old && rename(db, old) == 0) {
        if (rename(r->temp, db) == 0) {
            rc = 0;
            if (rename(old, r->temp) != 0) /* to be deleted by the caller */
                dbdir_remove(old);
        } else {
            int e = errno;
            rename(old, db); /* put the old index back */
            errno = e;
        }
    }
    free(old);
    return rc;
}

int rebuild_finish(rebuild *r, const char *db)
{
    /* The live lock is held until the new index is in place, so no other
     * indexer writes into the old one in between (its work would be lost). */
    if (swap_in(r, db) != 0) {
        msg_error(db, "cannot put the new index in place (%s): %s; the old index is unchanged",
                  r->temp, strerror(errno));
        rebuild_abort(r);
        return EXIT_FATAL;
    }
    xc_writer_free(r->live);
    r->live = NULL;
    if (r->had_old && dbdir_remove(r->temp) != 0)
        msg_warning(r->temp, "cannot remove the old index: %s", strerror(errno));
    free(r->temp);
    free(r->lang);
    memset(r, 0, sizeof *r);
    return 0;
}

void rebuild_abort(rebuild *r)
{
    xc_writer_free(r->live);
    if (r->temp && dbdir_remove(r->temp) != 0 && errno != ENOENT)
        msg_warning(r->temp, "cannot remove the unfinished index: %s", strerror(errno));
    free(r->temp);
    free(r->lang);
    memset(r, 0, sizeof *r);
}
