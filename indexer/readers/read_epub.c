/* EPUB e-books: a zip file whose package document (named by
 * META-INF/container.xml) lists the book's metadata (title, creator, date,
 * language, publisher, description, subjects) and, in its spine, the XHTML
 * chapters in reading order; each chapter is read as HTML (html_text.h). */
#define _POSIX_C_SOURCE 200809L
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_text.h"
#include "reader.h"
#include "strvec.h"
#include "xml_text.h"
#include "zip.h"

#define CONTAINER "META-INF/container.xml"

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcasecmp(s + n - t, tail) == 0;
}

static int want(const char *name)
{
    return strcmp(name, CONTAINER) == 0 || ends_with(name, ".opf") || ends_with(name, ".xhtml") ||
           ends_with(name, ".html") || ends_with(name, ".htm");
}

static xmlTextReaderPtr open_xml(const zip_entry *e)
{
    return xmlReaderForMemory(e->data, (int)e->len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

/* The first ATTR of an element named ELEMENT (local name): a new string. */
static char *first_attr(const zip_entry *e, const char *element, const char *attr)
{
    xmlTextReaderPtr r = open_xml(e);
    char *found = NULL;
    while (r && !found && xmlTextReaderRead(r) == 1)
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT &&
            strcmp((const char *)xmlTextReaderConstLocalName(r), element) == 0) {
            xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)attr);
            if (v) {
                found = strdup((const char *)v);
                xmlFree(v);
            }
        }
    xmlFreeTextReader(r);
    return found;
}

/* HREF ("../Text/ch%201.xhtml") from the folder of the package file BASE,
 * as a member name. */
static char *resolve(const char *base, const char *href)
{
    const char *slash = strrchr(base, '/');
    size_t dir = slash ? (size_t)(slash - base) + 1 : 0, n = strlen(href);
    char *name = malloc(dir + n + 1);
    if (!name)
        return NULL;
    memcpy(name, base, dir);
    size_t k = dir;
    for (size_t i = 0; i < n && href[i] != '#'; i++) {
        if (href[i] == '%' && i + 2 < n && strchr("0123456789abcdefABCDEF", href[i + 1]) &&
            strchr("0123456789abcdefABCDEF", href[i + 2])) {
            char hex[3] = {href[i + 1], href[i + 2], 0};
            name[k++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            name[k++] = href[i];
        }
    }
    name[k] = '\0';
    /* "a/b/../c" -> "a/c": package files in OEBPS/ point to ../Text/. */
    char *up;
    while ((up = strstr(name, "/../")) != NULL) {
        char *start = up;
        while (start > name && start[-1] != '/')
            start--;
        memmove(start, up + 4, strlen(up + 4) + 1);
    }
    return name;
}

/* An EPUB's package file, read once: the manifest's items (ID -> member)
 * and the spine (item IDs in reading order), each at most
 * READER_MAX_ENTRIES long. */
typedef struct package {
    strvec ids, hrefs, spine;
} package;

static void package_free(package *p)
{
    strvec_free(&p->ids);
    strvec_free(&p->hrefs);
    strvec_free(&p->spine);
}

static int read_package(const zip_entry *opf, package *p)
{
    xmlTextReaderPtr r = open_xml(opf);
    int rc = r ? 0 : -1;
    while (rc == 0 && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        xmlChar *id = NULL, *href = NULL;
        if (strcmp(name, "item") == 0 && p->ids.n < READER_MAX_ENTRIES) {
            id = xmlTextReaderGetAttribute(r, (const xmlChar *)"id");
            href = xmlTextReaderGetAttribute(r, (const xmlChar *)"href");
            if (id && href)
                rc = strvec_push_copy(&p->ids, (const char *)id) |
                     strvec_push_copy(&p->hrefs, (const char *)href);
        } else if (strcmp(name, "itemref") == 0 && p->spine.n < READER_MAX_ENTRIES) {
            id = xmlTextReaderGetAttribute(r, (const xmlChar *)"idref");
            if (id)
                rc = strvec_push_copy(&p->spine, (const char *)id);
        }
        xmlFree(id);
        xmlFree(href);
    }
    xmlFreeTextReader(r);
    return rc == 0 && p->ids.n == p->hrefs.n ? 0 : -1;
}

/* Appends the chapters of the spine of OPF, in order, to TEXT. */
static read_status read_spine(const reader_input *in, const zip_files *z, const zip_entry *opf,
                              textbuf *text)
{
    package p = {0};
    if (read_package(opf, &p) != 0) {
        package_free(&p);
        return reader_fail(in, READ_FAILED, "out of memory");
    }
    read_status st = READ_OK;
    for (size_t i = 0; i < p.spine.n && st == READ_OK; i++) {
        size_t k = 0;
        while (k < p.ids.n && strcmp(p.ids.v[k], p.spine.v[i]) != 0)
            k++;
        char *name = k < p.ids.n ? resolve(opf->name, p.hrefs.v[k]) : NULL;
        const zip_entry *chapter = name ? zip_find(z, name) : NULL;
        if (chapter && html_text(chapter->data, chapter->len, NULL, text, NULL, NULL) != 0 && text->nomem)
            st = reader_fail(in, READ_FAILED, "out of memory");
        free(name);
    }
    package_free(&p);
    return st;
}

read_status read_epub(const reader_input *in, reader_out *out)
{
    zip_files z = {0};
    read_status st = zip_read(in, want, &z);
    textbuf text = {0};
    reader_meta meta = {0};
    char *title = NULL, *opf_name = NULL;
    const zip_entry *container = st == READ_OK ? zip_find(&z, CONTAINER) : NULL;
    if (st == READ_OK && container)
        opf_name = first_attr(container, "rootfile", "full-path");
    const zip_entry *opf = opf_name ? zip_find(&z, opf_name) : NULL;
    if (st == READ_OK && !opf)
        st = reader_fail(in, READ_MALFORMED, "not an EPUB book: no package file");
    if (st == READ_OK && xml_properties(opf->data, opf->len, &meta, &title) != 0)
        st = reader_fail(in, READ_FAILED, "out of memory");
    if (st == READ_OK)
        st = read_spine(in, &z, opf, &text);
    if (st == READ_OK)
        st = reader_emit(in, out, title, &text, &meta);
    free(opf_name);
    free(title);
    tb_free(&text);
    meta_free(&meta);
    zip_free(&z);
    return st;
}
