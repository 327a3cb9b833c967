#include "detect.h"

#include <archive.h>
#include <archive_entry.h>
#include <magic.h>
#include <string.h>

#include "sniff.h"

/* One libmagic handle for the process: the reader process is one thread. */
static magic_t cookie;
static int failed;

const char *detect_mime(const char *data, size_t len)
{
    if (!cookie && !failed) {
        /* MIME types only; compressed files are not looked into (a .gz is
         * not a format we read), nor are tar or ELF files. */
        cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR |
                            MAGIC_NO_CHECK_ELF | MAGIC_ERROR);
        if (!cookie || magic_load(cookie, NULL) != 0) {
            if (cookie)
                magic_close(cookie);
            cookie = NULL;
            failed = 1;
        }
    }
    return cookie ? magic_buffer(cookie, data, len) : NULL;
}

/* The Office format of a zip file libmagic calls "application/zip" (it
 * knows Word files only when their members come in Word's own order): by
 * the names of its first members, read from DATA (the head of the file:
 * zip members are read in order from the start). */
static const char *zip_kind(const char *data, size_t len)
{
    static const struct {
        const char *prefix, *mime;
    } kinds[] = {
        {"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    };
    struct archive *a = archive_read_new();
    if (!a)
        return NULL;
    archive_read_support_format_zip_streamable(a);
    const char *found = NULL;
    struct archive_entry *e;
    if (archive_read_open_memory(a, data, len) == ARCHIVE_OK)
        for (int n = 0; !found && n < 64 && archive_read_next_header(a, &e) == ARCHIVE_OK; n++)
            for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !found; k++)
                if (archive_entry_pathname(e) &&
                    strncmp(archive_entry_pathname(e), kinds[k].prefix, strlen(kinds[k].prefix)) == 0)
                    found = kinds[k].mime;
    archive_read_free(a);
    return found;
}

const reader *detect_reader(const char *name, const char *data, size_t len, const reader *hint,
                            const char **mime)
{
    /* Text (no NUL in its first 8 KiB, as the indexer decides): libmagic's
     * text tests cost milliseconds a file, sniff.h's the same signatures
     * microseconds. */
    if (!memchr(data, '\0', len < 8192 ? len : 8192)) {
        const char *kind = sniff_text(data, len);
        *mime = NULL;
        if (kind)
            return reader_named(kind);
        return hint ? hint : reader_of_name(name);
    }
    *mime = detect_mime(data, len);
    const char *office = *mime && strcmp(*mime, "application/zip") == 0 ? zip_kind(data, len) : NULL;
    if (office)
        *mime = office;
    const reader *by_content = *mime ? reader_of_mime(*mime) : NULL;
    if (by_content)
        return by_content;
    /* libmagic calls Office files "application/zip" when the members come
     * in an unusual order, and Markdown "text/plain": the name says more. */
    return hint ? hint : reader_of_name(name);
}

void detect_close(void)
{
    if (cookie)
        magic_close(cookie);
    cookie = NULL;
}
