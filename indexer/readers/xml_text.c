#define _POSIX_C_SOURCE 200809L
#include "xml_text.h"

#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

static int listed(const char *const *names, const xmlChar *name)
{
    for (; names && *names; names++)
        if (strcmp(*names, (const char *)name) == 0)
            return 1;
    return 0;
}

static xmlTextReaderPtr open_xml(const char *data, size_t len)
{
    if (len > (size_t)INT32_MAX)
        return NULL;
    return xmlReaderForMemory(data, (int)len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

int xml_text(const char *data, size_t len, const xml_rules *rules, textbuf *out)
{
    xmlTextReaderPtr r = open_xml(data, len);
    if (!r)
        return -1;
    int inside = 0, got;
    while ((got = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        const xmlChar *name = xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (listed(rules->breaks, name))
                tb_break(out);
            else if (listed(rules->spaces, name))
                tb_space(out);
            if (rules->text_in && listed(rules->text_in, name) && !xmlTextReaderIsEmptyElement(r))
                inside++;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (rules->text_in && listed(rules->text_in, name) && inside > 0)
                inside--;
            if (listed(rules->breaks, name))
                tb_break(out);
            else if (listed(rules->spaces, name))
                tb_space(out);
        } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
                   (!rules->text_in || inside > 0)) {
            const xmlChar *value = xmlTextReaderConstValue(r);
            if (value)
                tb_add_words(out, (const char *)value, strlen((const char *)value));
        }
    }
    xmlFreeTextReader(r);
    tb_break(out);
    return got == 0 ? 0 : -1;
}

/* What a property element means: "title", a metadata key, or NULL. */
static const char *property(const xmlChar *name)
{
    static const struct {
        const char *name, *key;
    } props[] = {
        {"title", "title"}, {"creator", XC_META_AUTHOR}, {"initial-creator", XC_META_AUTHOR},
        {"created", XC_META_DATE}, {"creation-date", XC_META_DATE}, {"date", XC_META_DATE},
        {"description", "description"}, {"subject", "description"}, {"keywords", "tags"},
        {"keyword", "tags"}, {"language", "language"}, {"publisher", "publisher"},
    };
    for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
        if (strcmp((const char *)name, props[i].name) == 0)
            return props[i].key;
    return NULL;
}

int xml_properties(const char *data, size_t len, reader_meta *meta, char **title)
{
    xmlTextReaderPtr r = open_xml(data, len);
    if (!r)
        return 0;
    int rc = 0;
    while (rc == 0 && xmlTextReaderRead(r) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *key = property(xmlTextReaderConstLocalName(r));
        if (!key || (strcmp(key, "title") == 0 && *title))
            continue;
        xmlChar *value = xmlTextReaderReadString(r);
        if (!value)
            continue;
        if (strcmp(key, "title") == 0) {
            textbuf t = {0};
            tb_add_words(&t, (const char *)value, strlen((const char *)value));
            *title = t.s; /* may be NULL: no title */
            rc = t.nomem ? -1 : 0;
        } else if (strcmp(key, XC_META_DATE) == 0) {
            rc = date_add(meta, (const char *)value);
        } else {
            rc = meta_add(meta, key, (const char *)value);
        }
        xmlFree(value);
    }
    xmlFreeTextReader(r);
    return rc;
}
