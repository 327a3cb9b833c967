#define _XOPEN_SOURCE 700 /* realpath */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "progress.h"
#include "sourceid.h"
#include "xc.h"

typedef struct walker {
    walk_list *list;
    const struct stat *skip;
    size_t nskip;
    int follow;       /* -L: every link, to files and folders */
    strvec folders;   /* real paths of the folder arguments */
    /* The folders being walked, from the argument down (device and inode):
     * with -L, a link back to one of them is a loop, not entered. */
    struct stat *path;
    size_t depth, cap;
} walker;

/* The marker folder (sourceid.h) that gives the IDs below it: its real path
 * (NULL: none, IDs are absolute paths) and its prefix. */
typedef struct id_root {
    const char *dir;
    const char *prefix;
} id_root;

/* A + "/" + B as a new string (no doubled slash after "/" or "dir/"). */
static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int slash = la > 0 && a[la - 1] != '/';
    char *s = malloc(la + slash + lb + 1);
    if (!s)
        return NULL;
    memcpy(s, a, la);
    if (slash)
        s[la] = '/';
    memcpy(s + la + slash, b, lb + 1);
    return s;
}

/* Reports PATH (WHAT + WHY) and counts it as failed; the walk goes on. */
static int failed(walk_list *l, const char *path, const char *what, const char *why)
{
    msg_error(path, "%s%s", what, why);
    l->failed++;
    return 0;
}

static int skipped_folder(const walker *w, const struct stat *st)
{
    for (size_t i = 0; i < w->nskip; i++)
        if (w->skip[i].st_dev == st->st_dev && w->skip[i].st_ino == st->st_ino)
            return 1;
    return 0;
}

/* Adds a file; takes ownership of PATH and ABSPATH. */
static int add(walk_list *l, char *path, char *abspath, const id_root *root, const struct stat *st)
{
    char *id = abspath ? sourceid_make(abspath, root->dir, root->prefix) : NULL;
    if (!path || !abspath || !id)
        goto nomem;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        walk_entry *e = realloc(l->entries, cap * sizeof *e);
        if (!e)
            goto nomem;
        l->entries = e;
        l->cap = cap;
    }
    l->entries[l->count++] = (walk_entry){path, abspath, id, *st};
    progress_scan(l->count);
    return 0;
nomem:
    free(path);
    free(abspath);
    free(id);
    return -1;
}

/* The sorted names in folder REAL, hidden ones left out. 1 if it could not
 * be read (reported under SHOWN), 0 if listed, -1 when out of memory. */
static int list_folder(const char *shown, const char *real, strvec *names, int *marked)
{
    *marked = 0; /* set if it holds an ID marker (sourceid.h) */
    DIR *d = opendir(real);
    if (!d) {
        msg_error(shown, "cannot read folder: %s", strerror(errno));
        return 1;
    }
    int rc = 0;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(d);
        if (!de) {
            if (errno) {
                msg_error(shown, "cannot read folder: %s", strerror(errno));
                rc = 1;
            }
            break;
        }
        if (de->d_name[0] == '.') {
            if (strcmp(de->d_name, SOURCEID_MARKER) == 0)
                *marked = 1;
            continue;
        }
        if (strvec_push_copy(names, de->d_name) != 0) {
            rc = -1;
            break;
        }
    }
    closedir(d);
    strvec_sort(names);
    return rc;
}

static int walk_folder(walker *w, const char *shown, const char *real, const id_root *root,
                       const struct stat *st);

/* 1 if PATH is inside folder DIR. */
static int inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n > 0 && dir[n - 1] == '/'));
}

/* 1 if the link at REAL leads to a file inside one of the folders given:
 * such a link is followed, one that leads out of them is not (unless -L): a
 * link to /etc/passwd in a shared folder must not end up in the index, and
 * in snippets. */
static int link_stays_in(const walker *w, const char *real)
{
    char *target = realpath(real, NULL);
    int in = 0;
    for (size_t i = 0; target && !in && i < w->folders.n; i++)
        in = inside(target, w->folders.v[i]);
    free(target);
    return in;
}

/* 1 if ST is a folder being walked already (a link loop). */
static int on_path(const walker *w, const struct stat *st)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->path[i].st_dev == st->st_dev && w->path[i].st_ino == st->st_ino)
            return 1;
    return 0;
}

/* One name inside a folder: a file to add, a folder to enter, or nothing. */
static int walk_child(walker *w, const char *shown, const char *real, const id_root *root)
{
    struct stat st;
    if (lstat(real, &st) != 0) {
        if (errno == ENOENT)
            return 0; /* deleted while we walk: nothing to index */
        return failed(w->list, shown, "", strerror(errno));
    }
    if (S_ISLNK(st.st_mode)) {
        if (stat(real, &st) != 0) {
            return failed(w->list, shown, "broken symbolic link: ", strerror(errno));
        }
        if (S_ISDIR(st.st_mode) && !w->follow)
            return 0; /* links to folders are not followed (no loops, no twice) */
        if (S_ISREG(st.st_mode) && !w->follow && !link_stays_in(w, real)) {
            msg_error(shown, "skipped: a symbolic link out of the folders given (-L follows it)");
            w->list->links++;
            return 0;
        }
        if (S_ISDIR(st.st_mode) && on_path(w, &st))
            return 0; /* a loop: that folder is being walked already */
    }
    if (S_ISDIR(st.st_mode)) {
        /* Never the index itself, nor any other index: its files are not
         * documents. */
        if (skipped_folder(w, &st) || xc_is_index(real))
            return 0;
        return walk_folder(w, shown, real, root, &st);
    }
    if (S_ISREG(st.st_mode))
        return add(w->list, strdup(shown), strdup(real), root, &st);
    return 0;
}

static int walk_folder(walker *w, const char *shown, const char *real, const id_root *root,
                       const struct stat *st)
{
    if (w->depth == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        struct stat *bigger = realloc(w->path, cap * sizeof *bigger);
        if (!bigger)
            return -1;
        w->path = bigger;
        w->cap = cap;
    }
    w->path[w->depth++] = *st;
    strvec names = {0};
    int marked;
    int rc = list_folder(shown, real, &names, &marked);
    if (rc == 1) {
        w->list->failed++;
        rc = strvec_push_copy(&w->list->kept, real);
    }
    char prefix[SOURCEID_PREFIX_MAX + 1];
    id_root here = *root;
    if (rc == 0 && marked && sourceid_marker(real, prefix))
        here = (id_root){real, prefix};
    for (size_t i = 0; rc == 0 && i < names.n; i++) {
        char *cshown = join(shown, names.v[i]);
        char *creal = join(real, names.v[i]);
        rc = cshown && creal ? walk_child(w, cshown, creal, &here) : -1;
        free(cshown);
        free(creal);
    }
    strvec_free(&names);
    w->depth--;
    return rc;
}

/* The marker folder nearest above folder REAL (itself included), found by
 * looking up to /: its path into DIR, its prefix into PREFIX. 1, or 0 if
 * there is none. */
static int find_root(const char *real, char *dir, size_t dirlen, char *prefix)
{
    if (strlen(real) >= dirlen)
        return 0;
    strcpy(dir, real);
    for (;;) {
        if (sourceid_marker(*dir ? dir : "/", prefix)) {
            if (!*dir)
                strcpy(dir, "/");
            return 1;
        }
        char *slash = strrchr(dir, '/');
        if (!slash || !*dir)
            return 0;
        *slash = '\0';
    }
}

/* A file argument: its ID as if its folder had been walked. */
static int walk_file_arg(walk_list *l, const char *arg, const struct stat *st)
{
    const char *slash = strrchr(arg, '/');
    const char *name = slash ? slash + 1 : arg;
    char *dir = slash ? strndup(arg, (size_t)(slash - arg) + 1) : strdup(".");
    if (!dir)
        return -1;
    char *realdir = realpath(dir, NULL);
    int e = errno;
    free(dir);
    if (!realdir) {
        if (e == ENOMEM)
            return -1;
        return failed(l, arg, "", strerror(e));
    }
    char *abspath = join(realdir, name);
    char marker[4096], prefix[SOURCEID_PREFIX_MAX + 1];
    id_root root = {NULL, ""};
    if (find_root(realdir, marker, sizeof marker, prefix))
        root = (id_root){marker, prefix};
    free(realdir);
    if (!abspath || strvec_push_copy(&l->files, abspath) != 0) {
        free(abspath);
        return -1;
    }
    return add(l, strdup(arg), abspath, &root, st);
}

static int walk_arg(walker *w, const char *arg)
{
    walk_list *l = w->list;
    struct stat st;
    if (stat(arg, &st) != 0) {
        return failed(l, arg, "", strerror(errno));
    }
    if (S_ISREG(st.st_mode))
        return walk_file_arg(l, arg, &st);
    if (!S_ISDIR(st.st_mode)) {
        return failed(l, arg, "not a regular file or folder", "");
    }
    if (skipped_folder(w, &st)) {
        return failed(l, arg, "this is the index itself; not indexed", "");
    }
    if (xc_is_index(arg)) {
        return failed(l, arg, "this is a search index; not indexed", "");
    }
    char *real = realpath(arg, NULL);
    if (!real) {
        if (errno == ENOMEM)
            return -1;
        return failed(l, arg, "", strerror(errno));
    }
    if (strvec_push(&l->roots, real) != 0)
        return -1;
    /* A marker above the folder named counts (the folder's own is seen
     * when it is listed). */
    char marker[4096], prefix[SOURCEID_PREFIX_MAX + 1];
    id_root root = {NULL, ""};
    char *slash = strrchr(real, '/');
    if (slash && slash != real) {
        *slash = '\0';
        if (find_root(real, marker, sizeof marker, prefix))
            root = (id_root){marker, prefix};
        *slash = '/';
    } else if (slash && strcmp(real, "/") != 0 && find_root("", marker, sizeof marker, prefix)) {
        root = (id_root){marker, prefix};
    }
    return walk_folder(w, arg, real, &root, &st);
}

int walk_paths(walk_list *list, char *const *paths, size_t npaths,
               const struct stat *skip, size_t nskip, int follow)
{
    walker w = {list, skip, nskip, follow, {0}, NULL, 0, 0};
    int rc = 0;
    /* Links may lead anywhere inside any of the folders given. */
    for (size_t i = 0; rc == 0 && i < npaths; i++) {
        struct stat st;
        char *real = stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode) ? realpath(paths[i], NULL) : NULL;
        if (real && strvec_push(&w.folders, real) != 0)
            rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < npaths; i++)
        rc = walk_arg(&w, paths[i]);
    strvec_free(&w.folders);
    free(w.path);
    return rc;
}

int walk_in_scope(const walk_list *list, const char *abspath)
{
    for (size_t i = 0; i < list->kept.n; i++)
        if (inside(abspath, list->kept.v[i]) || strcmp(abspath, list->kept.v[i]) == 0)
            return 0;
    for (size_t i = 0; i < list->files.n; i++)
        if (strcmp(abspath, list->files.v[i]) == 0)
            return 1;
    for (size_t i = 0; i < list->roots.n; i++)
        if (inside(abspath, list->roots.v[i]))
            return 1;
    return 0;
}

void walk_free(walk_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->entries[i].path);
        free(list->entries[i].abspath);
        free(list->entries[i].id);
    }
    free(list->entries);
    strvec_free(&list->roots);
    strvec_free(&list->files);
    strvec_free(&list->kept);
    list->entries = NULL;
    list->count = list->cap = 0;
}
