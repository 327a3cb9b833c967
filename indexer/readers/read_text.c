/* Plain text, as sift always read it (source.h): UTF-8, UTF-16 with a byte
 * order mark, or 8-bit text read as Windows-1252; no title of its own (the
 * indexer finds one in the text, title.h). The only reader that runs in the
 * indexer itself: it is sift's own code, fuzzed, and bounded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "source.h"

read_status read_text(const reader_input *in, reader_out *out)
{
    char *copy = malloc(in->len + 1);
    if (!copy)
        return reader_fail(in, READ_FAILED, "out of memory");
    memcpy(copy, in->data, in->len);
    source src;
    source_from_bytes(&src, copy, in->len);
    read_status st;
    switch (src.kind) {
    case SOURCE_TEXT: {
        if (src.charset && strcmp(src.charset, "UTF-16") != 0)
            out->warn(out, "not UTF-8: read as Windows-1252 (Latin-1)");
        reader_doc doc = {"", src.text, src.len, NULL, 0};
        st = out->doc(out, &doc) == 0 ? READ_OK : reader_fail(in, READ_FAILED, "stopped");
        break;
    }
    case SOURCE_EMPTY:
        st = reader_fail(in, READ_NO_TEXT, "empty file");
        break;
    case SOURCE_BINARY:
        st = reader_fail(in, READ_UNSUPPORTED, "binary file");
        break;
    default:
        st = reader_fail(in, READ_FAILED, "out of memory");
        break;
    }
    source_free(&src);
    return st;
}
