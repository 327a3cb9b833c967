#define _POSIX_C_SOURCE 200809L
#include "sourceid.h"

#include <string.h>

char *sourceid_make(const char *relpath)
{
    const char *slash = strrchr(relpath, '/');
    const char *name = slash ? slash + 1 : relpath;
    const char *dot = strrchr(name, '.');
    char *id = strdup(relpath);
    if (id && dot && dot > name)
        id[dot - relpath] = '\0';
    return id;
}
