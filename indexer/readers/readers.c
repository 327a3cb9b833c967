/*
 * readers.c - the table of formats: one row per format. A new format is a
 * new read_FORMAT.c with its read function, and one row (and its
 * prototype) here. Order matters only where two rows claim one extension or
 * MIME type: the first wins.
 *
 * The indexer links this table with READER_NAMES_ONLY defined: it needs
 * the names and extensions (to choose a reader), never the parsers, which
 * run in the reader process (sift-reader, worker.h) alone.
 */
#include "reader.h"

#ifdef READER_NAMES_ONLY
#define FN(f) NULL
#else
#define FN(f) f
read_status read_text(const reader_input *, reader_out *);
read_status read_html(const reader_input *, reader_out *);
read_status read_markdown(const reader_input *, reader_out *);
read_status read_eml(const reader_input *, reader_out *);
read_status read_mbox(const reader_input *, reader_out *);
read_status read_pdf(const reader_input *, reader_out *);
read_status read_docx(const reader_input *, reader_out *);
read_status read_pptx(const reader_input *, reader_out *);
read_status read_xlsx(const reader_input *, reader_out *);
read_status read_odf(const reader_input *, reader_out *);
read_status read_epub(const reader_input *, reader_out *);
#endif

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define OOXML "application/vnd.openxmlformats-officedocument."
#define ODF "application/vnd.oasis.opendocument."

/* name, type stored, extensions, libmagic's MIME types, streams, read */
const reader readers[] = {
    {"text", "text", LIST("txt", "text"), LIST(NULL), 0, FN(read_text)},
    {"html", "html", LIST("html", "htm", "xhtml", "xht", "shtml"), LIST("text/html", "application/xhtml+xml"), 0,
     FN(read_html)},
    {"markdown", "markdown", LIST("md", "markdown", "mdown", "mkd", "mkdn"), LIST("text/markdown"), 0,
     FN(read_markdown)},
    {"mail", "mail", LIST("eml"), LIST("message/rfc822", "message/news"), 1, FN(read_eml)},
    {"mbox", "mail", LIST("mbox", "mbx"), LIST("application/mbox"), 1, FN(read_mbox)},
    {"pdf", "pdf", LIST("pdf"), LIST("application/pdf"), 0, FN(read_pdf)},
    {"docx", "docx", LIST("docx", "docm"), LIST(OOXML "wordprocessingml.document"), 0, FN(read_docx)},
    {"pptx", "pptx", LIST("pptx"), LIST(OOXML "presentationml.presentation"), 0, FN(read_pptx)},
    {"xlsx", "xlsx", LIST("xlsx"), LIST(OOXML "spreadsheetml.sheet"), 0, FN(read_xlsx)},
    {"odt", "odt", LIST("odt", "ott"), LIST(ODF "text"), 0, FN(read_odf)},
    {"odp", "odp", LIST("odp"), LIST(ODF "presentation"), 0, FN(read_odf)},
    {"ods", "ods", LIST("ods"), LIST(ODF "spreadsheet"), 0, FN(read_odf)},
    {"epub", "epub", LIST("epub"), LIST("application/epub+zip"), 0, FN(read_epub)},
    {NULL, NULL, NULL, NULL, 0, NULL},
};
