/* Office Open XML (Word, PowerPoint, Excel): zip files of XML parts
 * (zip.h, xml_text.h). The text of word/document.xml, of every slide in
 * order, or of a workbook's shared strings (the text cells; numbers are
 * left out); title, author, date, subject and keywords from
 * docProps/core.xml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "xml_text.h"
#include "zip.h"

#define CORE "docProps/core.xml"

static int is_slide(const char *name)
{
    unsigned n;
    int used = 0;
    return sscanf(name, "ppt/slides/slide%u.xml%n", &n, &used) == 1 && name[used] == '\0';
}

static int want_docx(const char *name)
{
    return strcmp(name, "word/document.xml") == 0 || strcmp(name, CORE) == 0;
}

static int want_pptx(const char *name)
{
    return is_slide(name) || strcmp(name, CORE) == 0;
}

static int want_xlsx(const char *name)
{
    return strcmp(name, "xl/sharedStrings.xml") == 0 || strcmp(name, CORE) == 0;
}

static const char *const w_text[] = {"t", NULL};
static const char *const w_breaks[] = {"p", "br", "cr", "tr", NULL};
static const char *const w_spaces[] = {"tab", "tc", NULL};
static const xml_rules word = {w_text, w_breaks, w_spaces};
static const char *const a_breaks[] = {"p", "br", NULL};
static const xml_rules slide = {w_text, a_breaks, NULL};
static const char *const x_breaks[] = {"si", NULL};
static const xml_rules strings = {w_text, x_breaks, NULL};

static unsigned slide_number(const zip_entry *e)
{
    unsigned n = 0;
    sscanf(e->name, "ppt/slides/slide%u", &n);
    return n;
}

static int by_slide(const void *a, const void *b)
{
    unsigned x = slide_number(a), y = slide_number(b);
    return x < y ? -1 : x > y;
}

/* Reads the parts WANT picks, the text of those TEXT_PART says (by RULES),
 * in slide order, and the core properties. */
static read_status read_parts(const reader_input *in, reader_out *out, int (*want)(const char *),
                              int (*text_part)(const char *), const xml_rules *rules)
{
    zip_files z = {0};
    read_status st = zip_read(in, want, &z);
    textbuf text = {0};
    reader_meta meta = {0};
    char *title = NULL;
    if (st == READ_OK) {
        if (z.n) /* qsort is not given NULL, even for nothing */
            qsort(z.v, z.n, sizeof *z.v, by_slide); /* the other parts keep 0: first */
        int parts = 0;
        for (size_t i = 0; i < z.n && st == READ_OK; i++) {
            if (!text_part(z.v[i].name))
                continue;
            parts++;
            if (xml_text(z.v[i].data, z.v[i].len, rules, &text) != 0)
                st = reader_fail(in, READ_MALFORMED, "%s is not valid XML (or nested more than 256 deep)",
                                 z.v[i].name);
        }
        const zip_entry *core = zip_find(&z, CORE);
        if (st == READ_OK && core && xml_properties(core->data, core->len, &meta, &title) != 0)
            st = reader_fail(in, READ_FAILED, "out of memory");
        if (st == READ_OK && parts == 0)
            st = reader_fail(in, READ_MALFORMED, "no document inside the zip file");
        if (st == READ_OK)
            st = reader_emit(in, out, title, &text, &meta);
    }
    free(title);
    tb_free(&text);
    meta_free(&meta);
    zip_free(&z);
    return st;
}

static int docx_text(const char *name)
{
    return strcmp(name, "word/document.xml") == 0;
}

static int xlsx_text(const char *name)
{
    return strcmp(name, "xl/sharedStrings.xml") == 0;
}

read_status read_docx(const reader_input *in, reader_out *out)
{
    return read_parts(in, out, want_docx, docx_text, &word);
}

read_status read_pptx(const reader_input *in, reader_out *out)
{
    return read_parts(in, out, want_pptx, is_slide, &slide);
}

read_status read_xlsx(const reader_input *in, reader_out *out)
{
    return read_parts(in, out, want_xlsx, xlsx_text, &strings);
}
