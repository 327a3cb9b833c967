/* The table of readers: one row per format. A new format is a new
 * read_FORMAT.c defining its `reader` and one row here. Order matters only
 * where two readers claim one extension or MIME type: the first wins. */
#include "reader.h"

extern const reader reader_text, reader_html, reader_markdown, reader_mail, reader_mbox, reader_pdf,
    reader_docx, reader_pptx, reader_xlsx, reader_odt, reader_odp, reader_ods, reader_epub;

const reader *const readers[] = {
    &reader_text,
    &reader_html,
    &reader_markdown,
    &reader_mail,
    &reader_mbox,
    &reader_pdf,
    &reader_docx,
    &reader_pptx,
    &reader_xlsx,
    &reader_odt,
    &reader_odp,
    &reader_ods,
    &reader_epub,
    NULL,
};
