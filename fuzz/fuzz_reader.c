/*
 * fuzz_reader.c - libFuzzer harness for one reader of indexer/readers/,
 * built once per reader (fuzz/CMakeLists.txt: FUZZ_READER is its name,
 * "html", "pdf", ...): the input is the file, handed to the reader as the
 * reader process does (whole in memory, NUL after it; a reader that streams
 * gets a file descriptor on it), by way of detect_reader so that libMagic's
 * look at it runs too.
 *
 * Checked beyond the sanitizers (reader.h): every document has a title and
 * text LEN bytes long; metadata pairs are neither empty nor hold control
 * characters; the text is never longer than READER_MAX_TEXT; a failure
 * says why; and the reader's status is one of read_status.
 */
#include "fuzz.h" /* first: it sets the feature macros */

#include <fcntl.h>
#include <sys/mman.h>

#include "detect.h"
#include "reader.h"

#ifndef FUZZ_READER
#error "FUZZ_READER names the reader (fuzz/CMakeLists.txt)"
#endif

static int check_doc(reader_out *self, const reader_doc *doc)
{
    (void)self;
    FUZZ_CHECK(doc->title != NULL && doc->text != NULL, "a document without title or text");
    FUZZ_CHECK(strlen(doc->text) >= doc->len || memchr(doc->text, '\0', doc->len),
               "text shorter than its length");
    FUZZ_CHECK(doc->len <= READER_MAX_TEXT, "text of %zu bytes, over the cap", doc->len);
    for (size_t i = 0; doc->meta && i < doc->meta->n; i++) {
        const xc_meta *m = &doc->meta->pairs[i];
        FUZZ_CHECK(*m->key && *m->value, "an empty metadata pair");
        for (const char *c = m->value; *c; c++)
            FUZZ_CHECK((unsigned char)*c >= 0x20, "a control character in metadata %s", m->key);
    }
    return 0;
}

static void check_warning(reader_out *self, const char *message)
{
    (void)self;
    FUZZ_CHECK(message && *message, "an empty warning");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const reader *r = reader_named(FUZZ_READER);
    FUZZ_CHECK(r != NULL, "no reader named %s", FUZZ_READER);
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    int fd = -1;
    if (r->streams) {
        fd = memfd_create("fuzz", 0);
        if (fd < 0 || write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0)
            fuzz_die("memfd");
    }
    const char *mime = NULL;
    (void)detect_reader("x." FUZZ_READER, copy, size, r, &mime);
    char why[256] = "";
    reader_input in = {"x." FUZZ_READER, r->streams ? NULL : copy, r->streams ? 0 : size, fd, 0,
                       why, sizeof why};
    reader_out out = {check_doc, check_warning};
    read_status st = r->read(&in, &out);
    FUZZ_CHECK(st >= READ_OK && st <= READ_FAILED, "status %d", (int)st);
    FUZZ_CHECK(st == READ_OK || *why, "failed (%d) without saying why", (int)st);
    if (fd >= 0)
        close(fd);
    free(copy);
    return 0;
}
