/*
 * fuzz_source.c - libFuzzer harness for reading a text file: the input is
 * written to a file, read with source_read (indexer/source.c, converting
 * UTF-16 and Windows-1252 with indexer/transcode.c) and, when it is text,
 * its title found with title_find (indexer/title.c), as the indexer does for
 * every file it indexes; title_find and sniff_text (indexer/sniff.c) also
 * run on the raw bytes.
 *
 * Checked beyond the sanitizers (source.h, transcode.h): the kind is what
 * the bytes say (binary iff a NUL in the first 8 KiB and no UTF-16 byte order
 * mark; empty iff only white space); text is valid UTF-8 without NUL bytes,
 * LEN bytes long, converted from the charset transcode_detect names, and,
 * when nothing was replaced or converted, the file less its byte order mark;
 * and what title.h promises (fuzz_title.h).
 */
#include "fuzz.h" /* first: it sets the feature macros */

#include "fuzz_title.h"
#include "sniff.h"
#include "source.h"
#include "transcode.h"

/* 1 if S[0..LEN) is only ASCII white space, what source.c calls empty. It
 * counts NUL bytes (possible past the first 8 KiB) as white space too, its
 * strchr(" \t\n\v\f\r", c) being true for c == 0: a file of spaces and
 * NULs is empty, not text. That is taken as meant. */
static int only_space(const uint8_t *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!memchr(" \t\n\v\f\r", s[i], 7))
            return 0;
    return 1;
}

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("x.txt");
    fuzz_write(path, data, size);

    source src;
    source_read(path, &src);
    const char *raw = (const char *)data;
    const char *charset = transcode_detect(raw, size);
    int utf16 = same(charset, "UTF-16");
    size_t probe = size < SOURCE_BINARY_PROBE ? size : SOURCE_BINARY_PROBE;
    size_t bom = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    FUZZ_CHECK(src.size == size, "size %llu for a file of %zu bytes", src.size, size);
    if (size == 0)
        FUZZ_CHECK(src.kind == SOURCE_EMPTY, "kind %d for an empty file", (int)src.kind);
    else if (!utf16 && memchr(data, '\0', probe))
        FUZZ_CHECK(src.kind == SOURCE_BINARY, "kind %d for a binary file", (int)src.kind);
    else if (!utf16 && only_space(data + bom, size - bom))
        FUZZ_CHECK(src.kind == SOURCE_EMPTY, "kind %d for a blank file", (int)src.kind);
    else if (utf16) /* blank or not once converted */
        FUZZ_CHECK(src.kind == SOURCE_TEXT || src.kind == SOURCE_EMPTY, "kind %d for UTF-16",
                   (int)src.kind);
    else
        FUZZ_CHECK(src.kind == SOURCE_TEXT, "kind %d for a text file", (int)src.kind);

    if (src.kind == SOURCE_TEXT) {
        FUZZ_CHECK(src.text != NULL, "text is NULL");
        FUZZ_CHECK(strlen(src.text) == src.len, "len %zu, but %zu bytes before a NUL", src.len,
                   strlen(src.text));
        FUZZ_CHECK(fuzz_valid_utf8(src.text, src.len), "text is not valid UTF-8");
        FUZZ_CHECK(same(src.charset, charset), "converted from %s, but transcode_detect says %s",
                   src.charset ? src.charset : "nothing", charset ? charset : "UTF-8");
        if (!charset) {
            /* Invalid sequences and NUL bytes (past the first 8 KiB) are replaced. */
            int clean = fuzz_valid_utf8(raw, size) && !memchr(data, '\0', size);
            FUZZ_CHECK((src.replaced == 0) == clean, "%zu bytes replaced", src.replaced);
            if (clean) /* the text is the file, less its byte order mark */
                FUZZ_CHECK(src.len == size - bom && memcmp(src.text, data + bom, src.len) == 0,
                           "valid text changed while reading");
        }
        fuzz_title_find(src.text, src.len);
    } else {
        FUZZ_CHECK(src.text == NULL && src.len == 0, "no text, yet text is set");
    }
    source_free(&src);

    /* The title finder on the raw bytes too: it must cope with anything;
     * and what decides whether a text file is something else (sniff.h). */
    fuzz_title_find(raw, size);
    const char *kind = sniff_text(raw, size);
    FUZZ_CHECK(!kind || strcmp(kind, "pdf") == 0 || strcmp(kind, "mail") == 0 || strcmp(kind, "mbox") == 0 ||
                   strcmp(kind, "html") == 0,
               "sniffed as %s", kind);
    return 0;
}
