#define _POSIX_C_SOURCE 200809L /* strdup */
#include "dbpath.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", a, b);
    return s;
}

char *dbpath_default(void)
{
    const char *env = getenv("SIFT_DB");
    if (env && *env)
        return strdup(env);
    env = getenv("XDG_DATA_HOME");
    if (env && *env)
        return join(env, "/sift/index");
    env = getenv("HOME");
    if (env && *env)
        return join(env, "/.local/share/sift/index");
    return NULL;
}

int dbpath_make_parents(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    char *slash = strrchr(copy, '/');
    if (!slash || slash == copy) {
        free(copy);
        return 0;
    }
    *slash = '\0';
    for (char *p = copy + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
                int e = errno;
                free(copy);
                errno = e;
                return -1;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    free(copy);
    return 0;
}
