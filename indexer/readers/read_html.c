/* HTML and XHTML pages: the visible text, the head's title and metadata
 * (html_text.h). */
#include <stdlib.h>

#include "html_text.h"
#include "reader.h"

static read_status read_html(const reader_input *in, reader_out *out)
{
    textbuf text = {0};
    reader_meta meta = {0};
    char *title = NULL;
    read_status st = html_text(in->data, in->len, NULL, &text, &meta, &title) == 0
                         ? reader_emit(in, out, title, &text, &meta)
                         : reader_fail(in, text.nomem ? READ_FAILED : READ_MALFORMED,
                                       text.nomem ? "out of memory" : "not an HTML page");
    free(title);
    tb_free(&text);
    meta_free(&meta);
    return st;
}

static const char *const extensions[] = {"html", "htm", "xhtml", "xht", "shtml", NULL};
static const char *const mime_types[] = {"text/html", "application/xhtml+xml", NULL};

const reader reader_html = {"html", "html", extensions, mime_types, 0, read_html};
