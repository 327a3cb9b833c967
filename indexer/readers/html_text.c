#define _POSIX_C_SOURCE 200809L
#include "html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

typedef struct page {
    textbuf *text;
    reader_meta *meta;
    char *title;    /* <title> */
    char *og_title; /* <meta property="og:title"> */
    char *h1;       /* the first <h1> */
    int nomem;
} page;

static int named(const xmlNode *n, const char *name)
{
    return n->name && strcasecmp((const char *)n->name, name) == 0;
}

static int any_of(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (named(n, *names))
            return 1;
    return 0;
}

/* Not shown to a reader: their text is never indexed. */
static const char *const hidden[] = {"script", "style", "template", "noscript", "head", NULL};

/* Elements that start and end a line of their own. */
static const char *const blocks[] = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
    "th", "thead", "tr", "ul", NULL};

/* The text of N and what is inside it, whitespace collapsed: a new string
 * or NULL. */
static char *words_of(const xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    if (!raw)
        return NULL;
    textbuf t = {0};
    tb_add_words(&t, (const char *)raw, strlen((const char *)raw));
    xmlFree(raw);
    if (t.nomem || !tb_has_words(&t)) {
        tb_free(&t);
        return NULL;
    }
    return t.s;
}

static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* Which metadata a <meta name|property=...> gives (NULL: none we keep). */
static const char *meta_key(const char *name)
{
    static const struct {
        const char *name, *key;
    } keys[] = {
        {"author", XC_META_AUTHOR}, {"dc.creator", XC_META_AUTHOR}, {"article:author", XC_META_AUTHOR},
        {"description", "description"}, {"og:description", "description"},
        {"dc.description", "description"}, {"keywords", "tags"}, {"article:tag", "tags"},
        {"date", XC_META_DATE}, {"dc.date", XC_META_DATE}, {"dc.date.issued", XC_META_DATE},
        {"dcterms.created", XC_META_DATE}, {"dcterms.date", XC_META_DATE},
        {"article:published_time", XC_META_DATE}, {"pubdate", XC_META_DATE},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcasecmp(name, keys[i].name) == 0)
            return keys[i].key;
    return NULL;
}

static void read_meta(page *p, const xmlNode *n)
{
    const char *name = attr(n, "name");
    if (!name)
        name = attr(n, "property");
    const char *content = attr(n, "content");
    if (!name || !content)
        return;
    if (strcasecmp(name, "og:title") == 0) {
        if (!p->og_title && !(p->og_title = strdup(content)))
            p->nomem = 1;
        return;
    }
    const char *key = meta_key(name);
    int rc = 0;
    if (key && strcmp(key, XC_META_DATE) == 0)
        rc = date_add(p->meta, content);
    else if (key)
        rc = meta_add(p->meta, key, content);
    if (rc)
        p->nomem = 1;
}

/* An element met on the way down: 1 if its children are to be read. */
static int enter(page *p, const xmlNode *n)
{
    if (p->meta) {
        if (named(n, "meta")) {
            read_meta(p, n);
        } else if (named(n, "title") && !p->title) {
            p->title = words_of(n);
        } else if (named(n, "h1") && !p->h1) {
            p->h1 = words_of(n);
        } else if (named(n, "html") && attr(n, "lang")) {
            if (meta_add(p->meta, "language", attr(n, "lang")))
                p->nomem = 1;
        }
    }
    if (named(n, "head")) /* its title and meta only */
        return n->children != NULL;
    if (any_of(n, hidden))
        return 0;
    if (any_of(n, blocks))
        tb_break(p->text);
    else if (named(n, "img") && attr(n, "alt")) /* what the picture says */
        tb_add_words(p->text, attr(n, "alt"), strlen(attr(n, "alt")));
    return n->children != NULL;
}

static void leave(page *p, const xmlNode *n)
{
    if (any_of(n, blocks))
        tb_break(p->text);
    else if (named(n, "td") || named(n, "th") || named(n, "span"))
        tb_space(p->text);
}

static int in_head(const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n->type == XML_ELEMENT_NODE && named(n, "head"))
            return 1;
    return 0;
}

/* Walks the tree without recursion (a page nested a million deep must not
 * overflow the stack); below READER_MAX_DEPTH levels nothing is read. */
static void walk(page *p, xmlNode *root)
{
    xmlNode *n = root;
    int depth = 0;
    for (;;) {
        int down = 0;
        if (n->type == XML_ELEMENT_NODE)
            down = enter(p, n) && depth < READER_MAX_DEPTH;
        else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
                 !in_head(n->parent))
            tb_add_words(p->text, (const char *)n->content, strlen((const char *)n->content));
        if (down) {
            n = n->children;
            depth++;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE)
            leave(p, n);
        while (depth > 0 && !n->next) {
            n = n->parent;
            depth--;
            leave(p, n);
        }
        if (depth == 0)
            return; /* back at ROOT */
        n = n->next;
    }
}

int html_text(const char *data, size_t len, const char *encoding, textbuf *text,
              reader_meta *meta, char **title)
{
    if (len > (size_t)INT32_MAX)
        return -1;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_COMPACT;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return -1;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, encoding, options);
    /* libxml2 stops a page nested deeper than 256 elements (its own cap,
     * lifted only by XML_PARSE_HUGE, never asked for). */
    const xmlError *err = xmlCtxtGetLastError(ctxt);
    int too_deep = err && err->message && strstr(err->message, "Excessive depth");
    htmlFreeParserCtxt(ctxt);
    if (!doc)
        return -1;
    page p = {.text = text, .meta = meta};
    for (xmlNode *top = doc->children; top; top = top->next)
        walk(&p, top);
    xmlFreeDoc(doc);
    tb_break(text);
    if (title && !*title) {
        char **pick = p.title ? &p.title : p.og_title ? &p.og_title : &p.h1;
        *title = *pick;
        *pick = NULL;
    }
    free(p.title);
    free(p.og_title);
    free(p.h1);
    return p.nomem || text->nomem ? -1 : too_deep ? 1 : 0;
}
