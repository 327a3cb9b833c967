/* OpenDocument (Writer, Impress, Calc): the text of content.xml, paragraph
 * by paragraph, and title, author, date, description and keywords from
 * meta.xml (zip.h, xml_text.h). */
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "xml_text.h"
#include "zip.h"

static int want(const char *name)
{
    return strcmp(name, "content.xml") == 0 || strcmp(name, "meta.xml") == 0;
}

/* Text outside office:body (styles, fonts) is attributes only: all text
 * nodes can be taken. */
static const char *const breaks[] = {"p", "h", "list-item", "table-row", "frame", NULL};
static const char *const spaces[] = {"s", "tab", "line-break", "table-cell", NULL};
static const xml_rules rules = {NULL, breaks, spaces};

read_status read_odf(const reader_input *in, reader_out *out)
{
    zip_files z = {0};
    read_status st = zip_read(in, want, &z);
    textbuf text = {0};
    reader_meta meta = {0};
    char *title = NULL;
    const zip_entry *content = st == READ_OK ? zip_find(&z, "content.xml") : NULL;
    const zip_entry *props = st == READ_OK ? zip_find(&z, "meta.xml") : NULL;
    if (st == READ_OK && !content)
        st = reader_fail(in, READ_MALFORMED, "no content.xml inside the zip file");
    if (st == READ_OK && xml_text(content->data, content->len, &rules, &text) != 0)
        st = reader_fail(in, READ_MALFORMED, "content.xml is not valid XML (or nested more than 256 deep)");
    if (st == READ_OK && props && xml_properties(props->data, props->len, &meta, &title) != 0)
        st = reader_fail(in, READ_FAILED, "out of memory");
    if (st == READ_OK)
        st = reader_emit(in, out, title, &text, &meta);
    free(title);
    tb_free(&text);
    meta_free(&meta);
    zip_free(&z);
    return st;
}
