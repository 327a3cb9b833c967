/*
 * fuzz_collection.c - libFuzzer harness for JSON Lines collections: the
 * input is written to a file named x.jsonl and read record by record with
 * collection_open/next/close (indexer/collection.c), as the indexer reads a
 * collection; each record's title is cleaned (title_clean) or, when it has
 * none, found in its text (title_find), and title_find also runs on the raw
 * input. A gzip-compressed input is read through zlib like a .jsonl.gz.
 *
 * Checked beyond the sanitizers (collection.h): line numbers go up and stay
 * within the file, IDs are non-empty valid UTF-8 without control characters,
 * titles and texts valid UTF-8, every malformed line says why, a failed read
 * says why; and what title.h promises (fuzz_title.h).
 */
#include "fuzz.h" /* first: it sets the feature macros */

#include "collection.h"
#include "fuzz_title.h"

static void check_record(const record *rec, unsigned long last_line, unsigned long max_line)
{
    FUZZ_CHECK(rec->line > last_line, "line %lu after line %lu", rec->line, last_line);
    FUZZ_CHECK(rec->line <= max_line, "line %lu in a file of %lu lines", rec->line, max_line);
    switch (rec->kind) {
    case RECORD_OK:
    case RECORD_EMPTY: {
        size_t n = strlen(rec->id);
        FUZZ_CHECK(n > 0, "empty ID on line %lu", rec->line);
        FUZZ_CHECK(fuzz_valid_utf8(rec->id, n), "ID not valid UTF-8 on line %lu", rec->line);
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK((unsigned char)rec->id[i] >= 0x20 && rec->id[i] != 0x7F,
                       "control character in ID on line %lu", rec->line);
        if (rec->kind == RECORD_EMPTY)
            break;
        FUZZ_CHECK(rec->title && rec->text, "record without title or text");
        FUZZ_CHECK(fuzz_valid_utf8(rec->text, strlen(rec->text)), "text not valid UTF-8");
        FUZZ_CHECK(fuzz_valid_utf8(rec->title, strlen(rec->title)), "title not valid UTF-8");
        FUZZ_CHECK(strncmp(rec->signature, "j:", 2) == 0 &&
                       memchr(rec->signature, '\0', RECORD_SIGNATURE_SIZE),
                   "bad signature");
        /* What collection_index.c does: the record's title, or one found. */
        if (*rec->title)
            fuzz_title_clean(rec->title);
        fuzz_title_find(rec->text, strlen(rec->text));
        break;
    }
    case RECORD_MALFORMED:
        FUZZ_CHECK(rec->why && *rec->why, "malformed line %lu without a reason", rec->line);
        break;
    case RECORD_TOO_LARGE:
        break;
    default:
        FUZZ_CHECK(0, "unknown record kind %d", (int)rec->kind);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_path("x.jsonl");
    fuzz_write(path, data, size);

    /* A plain file has at most one line more than it has newlines; a
     * compressed one (gzip magic) anything its contents say. */
    int gz = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    unsigned long max_line = 1;
    for (size_t i = 0; i < size; i++)
        max_line += data[i] == '\n';
    if (gz)
        max_line = (unsigned long)-1;

    collection *c = collection_open(path);
    FUZZ_CHECK(c != NULL, "cannot open %s: %s", path, strerror(errno));
    record rec;
    unsigned long last_line = 0;
    int got;
    while ((got = collection_next(c, &rec)) == 1) {
        check_record(&rec, last_line, max_line);
        last_line = rec.line;
    }
    if (got < 0) {
        const char *why = collection_error(c);
        FUZZ_CHECK(why && *why, "a failed read without a reason");
        FUZZ_CHECK(gz, "a plain file failed to read: %s", why);
    }
    (void)collection_offset(c);
    collection_close(c);

    fuzz_title_find((const char *)data, size);
    return 0;
}
