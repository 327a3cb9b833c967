/* The run's plan (plan.h): the files to index, and their source IDs. */
#include "plan.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collection.h"
#include "fatal.h"
#include "msg.h"
#include "sourceid.h"
#include "utf8.h"

static int out_of_memory(void)
{
    msg_error(NULL, "out of memory");
    return EXIT_FATAL;
}

unsigned long long plan_bytes(const plan *p)
{
    unsigned long long bytes = 0;
    for (size_t i = 0; i < p->files.count; i++)
        if (!p->dropped[i])
            bytes += (unsigned long long)p->files.entries[i].st.st_size;
    return bytes;
}

/* 1 if the index W holds ID for ABSPATH. */
static int indexed_at(xc_writer *w, const char *id, const char *abspath)
{
    int found = 0;
    const char *path = NULL, *sig = NULL;
    return w && xc_writer_lookup(w, id, &found, &path, &sig) == XC_OK && found && strcmp(path, abspath) == 0;
}

static void drop(plan *p, size_t i)
{
    p->dropped[i] = 1;
    p->failed++;
}

/* Drops what cannot be indexed by its name alone, and settles duplicate
 * IDs (plan.h). */
static int settle(plan *p, xc_writer *w)
{
    walk_entry *e = p->files.entries;
    for (size_t i = 0; i < p->files.count; i++) {
        size_t len = strlen(e[i].abspath);
        if (utf8_valid_prefix(e[i].abspath, len) != len) {
            msg_error(e[i].path, "not indexed: the file name is not valid UTF-8");
            drop(p, i);
            continue;
        }
        if (collection_is(e[i].path)) {
            /* Its records bring their own IDs; only the file named twice
             * is dropped. (Collections are few: a scan will do.) */
            for (size_t k = 0; k < i && !p->dropped[i]; k++)
                if (!p->dropped[k] && strcmp(e[k].abspath, e[i].abspath) == 0)
                    p->dropped[i] = 1;
            continue;
        }
        size_t prev;
        int added = idset_add(&p->ids, e[i].id, i, &prev);
        if (added < 0)
            return out_of_memory();
        if (added)
            continue;
        p->dropped[i] = 1;
        if (strcmp(e[prev].abspath, e[i].abspath) == 0)
            continue; /* the same file, named twice */
        size_t keep = prev, lose = i;
        if (!p->rebuilding && indexed_at(w, e[i].id, e[i].abspath)) {
            keep = i;
            lose = prev;
            p->dropped[prev] = 1;
            p->dropped[i] = 0;
            idset_set(&p->ids, e[i].id, i);
        }
        msg_error(e[lose].path, "not indexed: same source ID \"%s\" as %s", e[i].id, e[keep].path);
        p->failed++;
    }
    return 0;
}

int plan_files(plan *p, xc_writer *w)
{
    struct stat skip;
    size_t nskip = stat(p->db, &skip) == 0;
    if (walk_paths(&p->files, p->cfg->paths, p->cfg->npaths, &skip, nskip, p->cfg->follow) != 0)
        return out_of_memory();
    p->failed += p->files.failed;
    p->dropped = calloc(p->files.count + 1, 1);
    if (!p->dropped)
        return out_of_memory();
    return settle(p, w);
}

void plan_free(plan *p)
{
    idset_free(&p->ids);
    free(p->dropped);
    p->dropped = NULL;
    walk_free(&p->files);
    free(p->db);
    p->db = NULL;
}
