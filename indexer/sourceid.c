#define _POSIX_C_SOURCE 200809L
#include "sourceid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hash.h"

static char *shortened(char *id)
{
    size_t len = strlen(id);
    if (len <= SOURCEID_FILE_MAX)
        return id;
    size_t keep = SOURCEID_FILE_MAX - 17;
    while (keep > 0 && ((unsigned char)id[keep] & 0xC0) == 0x80)
        keep--; /* whole characters */
    char tail[20];
    snprintf(tail, sizeof tail, "~%016llx", hash_fnv1a(id, len));
    memcpy(id + keep, tail, strlen(tail) + 1);
    return id;
}

char *sourceid_make(const char *abspath, const char *marker_dir, const char *prefix)
{
    if (!marker_dir) {
        char *id = strdup(abspath);
        return id ? shortened(id) : NULL;
    }
    size_t dl = strlen(marker_dir);
    const char *rel = abspath + dl + (abspath[dl] == '/');
    if (dl == 1) /* the marker is at / */
        rel = abspath + 1;
    size_t pl = strlen(prefix), rl = strlen(rel);
    char *id = malloc(pl + rl + 1);
    if (!id)
        return NULL;
    memcpy(id, prefix, pl);
    memcpy(id + pl, rel, rl + 1);
    size_t n = pl + rl;
    if (rl > 4 && strcmp(id + n - 4, ".txt") == 0)
        id[n - 4] = '\0';
    return shortened(id);
}

void sourceid_nth(const char *file_id, unsigned long n, char *buf)
{
    snprintf(buf, SOURCEID_MAX_BYTES + 1, "%s#%lu", file_id, n);
}

int sourceid_marker(const char *dir, char *prefix)
{
    char path[4096 + sizeof SOURCEID_MARKER + 1];
    snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, SOURCEID_MARKER);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    prefix[0] = '\0';
    FILE *f = fopen(path, "r");
    if (f) {
        if (!fgets(prefix, SOURCEID_PREFIX_MAX + 1, f))
            prefix[0] = '\0';
        fclose(f);
    }
    prefix[strcspn(prefix, "\r\n")] = '\0';
    return 1;
}
