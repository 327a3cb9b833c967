/* Markdown: md4c parses it (CommonMark with GitHub's tables, strikethrough,
 * task lists and autolinks); the text is what it reads as, without the
 * markup characters; the title comes from the front matter (front_matter.h),
 * else the first heading; inline and block HTML count for their text. */
#include <libxml/HTMLparser.h>
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front_matter.h"
#include "html_text.h"
#include "reader.h"

typedef struct md_state {
    textbuf text;
    textbuf heading;    /* the first heading, while it is read */
    int heading_level;  /* of the heading kept in HEADING; 0: none yet */
    int in_heading;     /* level of the heading being read, 0 if none */
} md_state;

/* Appends S[0..N) to the text, and to the title while in the heading. */
static void put(md_state *m, const char *s, size_t n)
{
    tb_add_words(&m->text, s, n);
    if (m->in_heading)
        tb_add_words(&m->heading, s, n);
}

static void put_codepoint(md_state *m, unsigned long c)
{
    char u[4];
    size_t n;
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        c = 0xFFFD;
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    put(m, u, n);
}

/* "&amp;", "&#233;", "&#xE9;": decoded with libxml2's table of HTML
 * entities; an unknown one stays as written. */
static void put_entity(md_state *m, const char *s, size_t n)
{
    char name[40];
    if (n < 3 || n - 2 >= sizeof name) {
        put(m, s, n);
        return;
    }
    memcpy(name, s + 1, n - 2);
    name[n - 2] = '\0';
    if (name[0] == '#') {
        int hex = name[1] == 'x' || name[1] == 'X';
        put_codepoint(m, strtoul(name + 1 + hex, NULL, hex ? 16 : 10));
        return;
    }
    const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
    if (e)
        put_codepoint(m, e->value);
    else
        put(m, s, n);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    md_state *m = userdata;
    if (type == MD_BLOCK_H) {
        int level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
        /* The first heading, unless a higher one comes later: an <h1>
         * under a short <h2> banner is the title. */
        if (!m->heading_level || level < m->heading_level) {
            tb_free(&m->heading);
            m->in_heading = level;
        }
    }
    if (type != MD_BLOCK_DOC && type != MD_BLOCK_TBODY && type != MD_BLOCK_THEAD)
        tb_break(&m->text);
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
    (void)detail;
    md_state *m = userdata;
    if (type == MD_BLOCK_H && m->in_heading) {
        if (tb_has_words(&m->heading))
            m->heading_level = m->in_heading;
        else
            tb_free(&m->heading);
        m->in_heading = 0;
    }
    if (type == MD_BLOCK_TD || type == MD_BLOCK_TH)
        tb_space(&m->text);
    else
        tb_break(&m->text);
    return 0;
}

static int span(MD_SPANTYPE type, void *detail, void *userdata)
{
    (void)type;
    (void)detail;
    (void)userdata;
    return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *userdata)
{
    md_state *m = userdata;
    switch (type) {
    case MD_TEXT_ENTITY:
        put_entity(m, s, n);
        break;
    case MD_TEXT_NULLCHAR:
        put_codepoint(m, 0xFFFD);
        break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
        put(m, " ", 1);
        break;
    case MD_TEXT_HTML: { /* its text, not its tags */
        textbuf t = {0};
        if (html_text(s, n, "UTF-8", &t, NULL, NULL) >= 0)
            put(m, tb_text(&t), t.len);
        tb_free(&t);
        break;
    }
    default:
        put(m, s, n);
        break;
    }
    return 0;
}

read_status read_markdown(const reader_input *in, reader_out *out)
{
    reader_meta meta = {0};
    char *title = NULL;
    long skip = front_matter(in->data, in->len, &meta, &title);
    md_state m = {0};
    read_status st;
    if (skip < 0) {
        st = reader_fail(in, READ_FAILED, "out of memory");
    } else {
        MD_PARSER parser = {0, MD_DIALECT_GITHUB, enter_block, leave_block, span, span, text, NULL, NULL};
        size_t n = in->len - (size_t)skip;
        if (md_parse(in->data + skip, (MD_SIZE)n, &parser, &m) != 0)
            st = reader_fail(in, READ_FAILED, "out of memory");
        else
            st = reader_emit(in, out, title ? title : tb_text(&m.heading), &m.text, &meta);
    }
    free(title);
    tb_free(&m.text);
    tb_free(&m.heading);
    meta_free(&meta);
    return st;
}
