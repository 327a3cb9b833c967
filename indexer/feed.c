/* One reader thread for the collections of a parallel build (feed.h). */
#define _POSIX_C_SOURCE 200809L
#include "feed.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"
#include "stop.h"

/* Bytes of records waiting for one part before the reader waits for it:
 * plenty to keep a part busy, bounded whatever the corpus. A record larger
 * than this still goes, alone. */
#define QUEUE_BYTES ((size_t)8 << 20)

typedef struct item {
    struct item *next;
    size_t file;
    int end;     /* 1: the end of FILE, with got (0, -1, FEED_UNREADABLE) */
    int got;
    record rec;  /* its strings point into buf */
    size_t bytes;
    char *buf;   /* the record's strings, or the end's message */
} item;

typedef struct queue {
    item *head, *tail;
    size_t bytes;
    int left;    /* the part takes no more */
    item *taken; /* the item feed_next last handed out, freed at the next */
} queue;

struct feed {
    const walk_list *files;
    const unsigned char *dropped;
    size_t parts;
    queue *q;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* any queue or flag changed: few threads wait */
    pthread_t thread;
    int stop;               /* feed_free: the reader stops at once */
    int finished;           /* the reader is done: no more items come */
};

static void item_free(item *it)
{
    if (it) {
        free(it->buf);
        free(it);
    }
}

/* STR copied to *AT (advanced), or NULL for NULL. */
static const char *put_string(char **at, const char *str)
{
    if (!str)
        return NULL;
    size_t n = strlen(str) + 1;
    memcpy(*at, str, n);
    const char *copy = *at;
    *at += n;
    return copy;
}

/* A copy of REC of FILE that owns its strings; NULL when out of memory. */
static item *record_copy(const record *rec, size_t file)
{
    const char *parts[] = {rec->id, rec->title, rec->text, rec->why, rec->author};
    size_t bytes = 0;
    for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
        bytes += parts[k] ? strlen(parts[k]) + 1 : 0;
    item *it = calloc(1, sizeof *it);
    char *buf = malloc(bytes ? bytes : 1);
    if (!it || !buf) {
        free(it);
        free(buf);
        return NULL;
    }
    it->file = file;
    it->rec = *rec;
    it->buf = buf;
    it->bytes = bytes + sizeof *it;
    char *at = buf;
    it->rec.id = put_string(&at, rec->id);
    it->rec.title = put_string(&at, rec->title);
    it->rec.text = put_string(&at, rec->text);
    it->rec.why = put_string(&at, rec->why);
    it->rec.author = put_string(&at, rec->author);
    return it;
}

/* An end of FILE: GOT, the last LINE read, WHY (may be NULL). */
static item *end_item(size_t file, int got, unsigned long line, const char *why)
{
    item *it = calloc(1, sizeof *it);
    if (!it)
        return NULL;
    it->file = file;
    it->end = 1;
    it->got = got;
    it->rec.line = line;
    if (why && !(it->buf = strdup(why))) {
        free(it);
        return NULL;
    }
    it->bytes = sizeof *it;
    return it;
}

static int all_left(const feed *f)
{
    for (size_t k = 0; k < f->parts; k++)
        if (!f->q[k].left)
            return 0;
    return 1;
}

/* Queues IT for part K, once there is room; frees it if the part has left
 * or the feed stops. Returns 0, or -1 when the reader should stop. */
static int push(feed *f, size_t k, item *it)
{
    queue *q = &f->q[k];
    pthread_mutex_lock(&f->lock);
    while (!f->stop && !q->left && q->head && q->bytes + it->bytes > QUEUE_BYTES)
        pthread_cond_wait(&f->changed, &f->lock);
    int stop = f->stop || all_left(f);
    if (stop || q->left) {
        pthread_mutex_unlock(&f->lock);
        item_free(it);
        return stop ? -1 : 0;
    }
    if (q->tail)
        q->tail->next = it;
    else
        q->head = it;
    q->tail = it;
    q->bytes += it->bytes;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
    return 0;
}

/* The end of FILE to every part. Out of memory, the parts are told the
 * feed finished early, which they take as a stop. */
static int push_end(feed *f, size_t file, int got, unsigned long line, const char *why)
{
    for (size_t k = 0; k < f->parts; k++) {
        item *it = end_item(file, got, line, why);
        if (!it || push(f, k, it) != 0)
            return -1;
    }
    return 0;
}

/* Reads collection FILE to the parts. Returns 0, or -1 to stop reading. */
static int read_collection(feed *f, size_t file)
{
    const walk_entry *e = &f->files->entries[file];
    collection *c = collection_open(e->path);
    if (!c)
        return push_end(f, file, FEED_UNREADABLE, 0, collection_open_error(errno));
    record rec;
    unsigned long line = 0;
    int got;
    while ((got = collection_next(c, &rec)) > 0) {
        line = rec.line;
        if (stop_signal())
            break;
        item *it = record_copy(&rec, file);
        if (!it) {
            collection_close(c);
            return push_end(f, file, -1, line, "out of memory");
        }
        /* Records without a usable ID are part 0's to report. */
        size_t k = rec.kind == RECORD_OK ? sink_part_of(rec.id, f->parts) : 0;
        if (push(f, k, it) != 0) {
            collection_close(c);
            return -1;
        }
    }
    int rc = push_end(f, file, got < 0 ? -1 : 0, line, got < 0 ? collection_error(c) : NULL);
    collection_close(c);
    return rc;
}

static void *reader(void *arg)
{
    feed *f = arg;
    for (size_t i = 0; i < f->files->count && !stop_signal(); i++)
        if (!f->dropped[i] && collection_is(f->files->entries[i].path) && read_collection(f, i) != 0)
            break;
    pthread_mutex_lock(&f->lock);
    f->finished = 1;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
    return NULL;
}

feed *feed_start(const walk_list *files, const unsigned char *dropped, size_t parts)
{
    feed *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->files = files;
    f->dropped = dropped;
    f->parts = parts;
    f->q = calloc(parts, sizeof *f->q);
    if (!f->q) {
        free(f);
        return NULL;
    }
    pthread_mutex_init(&f->lock, NULL);
    pthread_cond_init(&f->changed, NULL);
    if (pthread_create(&f->thread, NULL, reader, f) != 0) {
        pthread_cond_destroy(&f->changed);
        pthread_mutex_destroy(&f->lock);
        free(f->q);
        free(f);
        return NULL;
    }
    return f;
}

int feed_next(feed *f, size_t part, size_t file, record *rec, const char **why)
{
    queue *q = &f->q[part];
    pthread_mutex_lock(&f->lock);
    item_free(q->taken);
    q->taken = NULL;
    while (!q->head && !f->finished)
        pthread_cond_wait(&f->changed, &f->lock);
    item *it = q->head;
    int got = 0;
    *why = NULL;
    /* Nothing more comes (the reader stopped early): an end, as if read to
     * it; the run is stopping. An item of another file cannot come before
     * this one's end: the reader and the parts go through the same list. */
    if (it && it->file == file) {
        q->head = it->next;
        if (!q->head)
            q->tail = NULL;
        q->bytes -= it->bytes;
        q->taken = it;
        *rec = it->rec;
        got = it->end ? it->got : 1;
        if (it->end)
            *why = it->buf ? it->buf : "";
        pthread_cond_broadcast(&f->changed);
    }
    pthread_mutex_unlock(&f->lock);
    return got;
}

void feed_leave(feed *f, size_t part)
{
    pthread_mutex_lock(&f->lock);
    f->q[part].left = 1;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
}

void feed_free(feed *f)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->lock);
    f->stop = 1;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->lock);
    pthread_join(f->thread, NULL);
    for (size_t k = 0; k < f->parts; k++) {
        item_free(f->q[k].taken);
        for (item *it = f->q[k].head, *next; it; it = next) {
            next = it->next;
            item_free(it);
        }
    }
    pthread_cond_destroy(&f->changed);
    pthread_mutex_destroy(&f->lock);
    free(f->q);
    free(f);
}
