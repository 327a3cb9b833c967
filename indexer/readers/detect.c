#include "detect.h"

#include <magic.h>
#include <string.h>

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

const reader *detect_reader(const char *name, const char *data, size_t len, const reader *hint,
                            const char **mime)
{
    *mime = detect_mime(data, len);
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
