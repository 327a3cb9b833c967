/* HTML and XHTML pages: the visible text, the head's title and metadata
 * (html_text.h). */
#include <stdlib.h>

#include "html_text.h"
#include "reader.h"

read_status read_html(const reader_input *in, reader_out *out)
{
    textbuf text = {0};
    reader_meta meta = {0};
    char *title = NULL;
    int rc = html_text(in->data, in->len, NULL, &text, &meta, &title);
    read_status st;
    if (rc < 0)
        st = reader_fail(in, text.nomem ? READ_FAILED : READ_MALFORMED,
                         text.nomem ? "out of memory" : "not an HTML page");
    else if (rc > 0 && !tb_has_words(&text))
        st = reader_fail(in, READ_MALFORMED, "elements nested more than %d deep", READER_MAX_DEPTH);
    else {
        if (rc > 0)
            out->warn(out, "elements nested more than 256 deep: the rest of the page is not read");
        st = reader_emit(in, out, title, &text, &meta);
    }
    free(title);
    tb_free(&text);
    meta_free(&meta);
    return st;
}
