#define _POSIX_C_SOURCE 200809L
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "transcode.h"
#include "utf8.h"

void source_signature(const struct stat *st, char *buf)
{
    snprintf(buf, SOURCE_SIGNATURE_SIZE, "%lld:%lld.%09ld", (long long)st->st_size,
             (long long)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec);
}

int source_read_all(int fd, size_t hint, size_t limit, char **out, size_t *len)
{
    size_t cap = (hint < limit ? hint : limit) + 1, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap > limit)
                break;
            size_t bigger = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *b = realloc(buf, bigger + 1);
            if (!b) {
                free(buf);
                return ENOMEM;
            }
            buf = b;
            cap = bigger;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            return e;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

static int only_whitespace(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!s[i] || !strchr(" \t\n\v\f\r", s[i])) /* strchr finds the NUL too */
            return 0;
    return 1;
}

/* Turns the raw bytes in SRC->text into clean text, or classifies them. */
/* Replaces SRC's bytes by their conversion from CHARSET to UTF-8. */
static int convert(source *src, const char *charset)
{
    size_t len, bad;
    char *utf8 = transcode_to_utf8(charset, src->text, src->len, &len, &bad);
    if (!utf8)
        return -1;
    free(src->text);
    src->text = utf8;
    src->len = len;
    src->replaced = bad;
    src->charset = charset;
    return 0;
}

static void classify(source *src)
{
    /* UTF-16 is full of NUL bytes: convert it before the binary test. */
    const char *charset = transcode_detect(src->text, src->len);
    int utf16 = charset && strcmp(charset, "UTF-16") == 0;
    if (utf16 && convert(src, charset) != 0) {
        src->kind = SOURCE_NOMEM;
        return;
    }
    char *t = src->text;
    size_t len = src->len;
    size_t probe = len < SOURCE_BINARY_PROBE ? len : SOURCE_BINARY_PROBE;
    if (!utf16 && memchr(t, '\0', probe)) {
        src->kind = SOURCE_BINARY;
        return;
    }
    size_t skip = len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (only_whitespace(t + skip, len - skip)) {
        src->kind = SOURCE_EMPTY;
        return;
    }
    if (charset && !utf16) {
        src->kind = convert(src, charset) == 0 ? SOURCE_TEXT : SOURCE_NOMEM;
        return;
    }
    /* Repair only when needed: the copy can be three times the file. */
    if (src->charset) {
        /* converted: valid UTF-8 already */
    } else if (utf8_valid_prefix(t + skip, len - skip) != len - skip || memchr(t, '\0', len)) {
        char *fixed = utf8_repair(t + skip, len - skip, &src->replaced);
        if (!fixed) {
            src->kind = SOURCE_NOMEM;
            return;
        }
        free(src->text);
        src->text = fixed;
        src->len = strlen(fixed);
    } else if (skip) {
        memmove(t, t + skip, len - skip + 1);
        src->len = len - skip;
    }
    src->kind = SOURCE_TEXT;
}

void source_read(const char *path, source *src)
{
    memset(src, 0, sizeof *src);
    /* O_NONBLOCK: if the file was replaced by a FIFO since it was listed,
     * fail instead of waiting for a writer. */
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &src->st) != 0) {
        src->kind = SOURCE_UNREADABLE;
        src->error = errno;
        if (fd >= 0)
            close(fd);
        return;
    }
    if (!S_ISREG(src->st.st_mode)) {
        src->kind = SOURCE_UNREADABLE;
        src->error = 0;
        close(fd);
        return;
    }
    src->size = (unsigned long long)src->st.st_size;
    if (src->size > SOURCE_MAX_BYTES) {
        src->kind = SOURCE_TOO_LARGE;
        close(fd);
        return;
    }
    int e = source_read_all(fd, (size_t)src->size, (size_t)SOURCE_MAX_BYTES, &src->text, &src->len);
    close(fd);
    if (e) {
        src->kind = e == ENOMEM ? SOURCE_NOMEM : SOURCE_UNREADABLE;
        src->error = e;
        return;
    }
    if (src->len > SOURCE_MAX_BYTES) {
        src->kind = SOURCE_TOO_LARGE;
        src->size = src->len;
    } else if (src->len == 0) {
        src->kind = SOURCE_EMPTY;
    } else {
        classify(src);
    }
    if (src->kind != SOURCE_TEXT) {
        free(src->text);
        src->text = NULL;
        src->len = 0;
    }
}

void source_from_bytes(source *src, char *bytes, size_t len)
{
    memset(src, 0, sizeof *src);
    src->text = bytes;
    src->len = len;
    src->size = len;
    bytes[len] = '\0';
    if (len == 0)
        src->kind = SOURCE_EMPTY;
    else
        classify(src);
    if (src->kind != SOURCE_TEXT) {
        free(src->text);
        src->text = NULL;
        src->len = 0;
    }
}

void source_free(source *src)
{
    free(src->text);
    src->text = NULL;
}
