/* PDF, through poppler's GLib interface: the text of every page in reading
 * order (poppler's own, as pdftotext without -layout), and the info
 * dictionary's title, author, subject, keywords and creation date. An
 * encrypted file, or one whose pages hold no text (a scan), is "no text". */
#include <glib.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "reader.h"
#include "textbuf.h"

static int add_meta(reader_meta *meta, PopplerDocument *doc)
{
    char *author = poppler_document_get_author(doc);
    char *subject = poppler_document_get_subject(doc);
    char *keywords = poppler_document_get_keywords(doc);
    int rc = meta_add(meta, XC_META_AUTHOR, author) | meta_add(meta, "description", subject) |
             meta_add(meta, "tags", keywords);
    g_free(author);
    g_free(subject);
    g_free(keywords);
    time_t created = poppler_document_get_creation_date(doc);
    if (created > 0) {
        char *date = date_from_unix(created);
        rc |= date ? meta_add(meta, XC_META_DATE, date) : 0;
        free(date);
    }
    char pages[32];
    snprintf(pages, sizeof pages, "%d", poppler_document_get_n_pages(doc));
    return rc | meta_add(meta, "pages", pages);
}

read_status read_pdf(const reader_input *in, reader_out *out)
{
    GError *error = NULL;
    GBytes *bytes = g_bytes_new_static(in->data, in->len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &error);
    g_bytes_unref(bytes); /* the document holds its own reference */
    if (!doc) {
        int encrypted = error && error->domain == POPPLER_ERROR && error->code == POPPLER_ERROR_ENCRYPTED;
        read_status st = encrypted ? reader_fail(in, READ_NO_TEXT, "no text: the PDF is encrypted")
                                   : reader_fail(in, READ_MALFORMED, "not a valid PDF: %s",
                                                 error ? error->message : "unknown error");
        g_clear_error(&error);
        return st;
    }
    textbuf text = {0};
    reader_meta meta = {0};
    int pages = poppler_document_get_n_pages(doc);
    if (pages > READER_MAX_PAGES) {
        char said[96];
        snprintf(said, sizeof said, "only the first %d of %d pages read", READER_MAX_PAGES, pages);
        out->warn(out, said);
        pages = READER_MAX_PAGES;
    }
    for (int i = 0; i < pages && !text.cut && !text.nomem; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page)
            continue;
        char *t = poppler_page_get_text(page);
        if (t) {
            tb_break(&text);
            tb_add(&text, t, strlen(t));
            g_free(t);
        }
        g_object_unref(page);
    }
    char *title = poppler_document_get_title(doc);
    read_status st;
    if (add_meta(&meta, doc) != 0 || text.nomem)
        st = reader_fail(in, READ_FAILED, "out of memory");
    else if (!tb_has_words(&text))
        st = reader_fail(in, READ_NO_TEXT, "no text: the pages hold no text layer (a scan?)");
    else
        st = reader_emit(in, out, title, &text, &meta);
    g_free(title);
    tb_free(&text);
    meta_free(&meta);
    g_object_unref(doc);
    return st;
}
