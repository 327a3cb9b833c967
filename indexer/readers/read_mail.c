/* Mail, through GMime 3 (as notmuch reads it): a message file (.eml, a
 * Maildir's files) or an mbox, streamed message by message, each message
 * its own document, so an mbox of any size is never held in memory. MIME
 * is decoded (quoted-printable, base64, charsets, RFC 2047 headers): the
 * Subject is the title, From the author, To and Cc "to", Date the date. The
 * text is the message's text parts (of an alternative, the plain one),
 * HTML parts read as HTML, forwarded messages, and the attachments that a
 * reader reads (PDF, Office, ...: at most READER_MAX_ATTACHMENTS, each at
 * most READER_MAX_ATTACHMENT bytes), indexed with their message. */
#define _POSIX_C_SOURCE 200809L
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "detect.h"
#include "html_text.h"
#include "reader.h"
#include "textbuf.h"

typedef struct message {
    const reader_input *in;
    reader_out *out;
    textbuf text;
    int attachments;  /* read so far */
    int passed_over;  /* attachments not read: over the cap */
    int nomem;
} message;

static void walk(message *m, GMimeObject *obj, int depth);

/* The encoded size of PART's content, or -1 if not known. */
static gint64 encoded_size(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    GMimeStream *s = content ? g_mime_data_wrapper_get_stream(content) : NULL;
    return s ? g_mime_stream_length(s) : -1;
}

static int too_big(GMimePart *part)
{
    gint64 n = encoded_size(part);
    return n < 0 || (guint64)n > READER_MAX_ATTACHMENT;
}

static void add_text(message *m, const char *s, size_t n)
{
    tb_break(&m->text);
    tb_add(&m->text, s, n);
    tb_break(&m->text);
}

static void read_text_part(message *m, GMimeTextPart *part)
{
    if (too_big(GMIME_PART(part))) {
        m->passed_over++;
        return;
    }
    char *text = g_mime_text_part_get_text(part); /* UTF-8, from its charset */
    if (!text)
        return;
    GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
    if (g_mime_content_type_is_type(ct, "text", "html")) {
        tb_break(&m->text);
        html_text(text, strlen(text), "UTF-8", &m->text, NULL, NULL);
    } else {
        add_text(m, text, strlen(text));
    }
    g_free(text);
}

/* Collects an attachment reader's document into the message's text. */
typedef struct collect {
    reader_out base;
    message *m;
} collect;

static int collect_doc(reader_out *self, const reader_doc *doc)
{
    message *m = ((collect *)self)->m;
    if (doc->title && *doc->title)
        add_text(m, doc->title, strlen(doc->title));
    add_text(m, doc->text, doc->len);
    return 0;
}

static void collect_warn(reader_out *self, const char *message)
{
    (void)self;
    (void)message; /* a cut attachment is still its message's text */
}

/* An attachment: read if a reader reads it (by its name, its declared
 * type, or its content) and the caps allow. */
static void read_attachment(message *m, GMimePart *part, int depth)
{
    const char *name = g_mime_part_get_filename(part);
    char *type = g_mime_content_type_get_mime_type(g_mime_object_get_content_type(GMIME_OBJECT(part)));
    const reader *hint = name ? reader_of_name(name) : NULL;
    if (!hint && type)
        hint = reader_of_mime(type);
    g_free(type);
    if (m->attachments >= READER_MAX_ATTACHMENTS || depth >= READER_MAX_MIME_DEPTH || too_big(part) ||
        m->in->depth >= 2) {
        m->passed_over++;
        return;
    }
    GMimeStream *mem = g_mime_stream_mem_new();
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!mem || !content || g_mime_data_wrapper_write_to_stream(content, mem) < 0) {
        if (mem)
            g_object_unref(mem);
        return;
    }
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
    g_byte_array_append(bytes, (const guint8 *)"", 1); /* readers are given a NUL after the data */
    const char *data = (const char *)bytes->data;
    size_t len = bytes->len - 1;
    const char *mime = NULL;
    const reader *r = detect_reader(name ? name : "", data, len, hint, &mime);
    if (r && !r->streams) {
        m->attachments++;
        char why[256];
        reader_input in = {name ? name : "", data, len, -1, m->in->depth + 1, why, sizeof why};
        collect c = {{collect_doc, collect_warn}, m};
        r->read(&in, &c.base); /* an attachment it cannot read is passed over */
    }
    g_object_unref(mem);
}

static void walk_alternative(message *m, GMimeMultipart *mp, int depth)
{
    /* The plain text if there is one, else the last part (the richest). */
    int n = g_mime_multipart_get_count(mp), pick = n - 1;
    for (int i = 0; i < n; i++) {
        GMimeContentType *ct = g_mime_object_get_content_type(g_mime_multipart_get_part(mp, i));
        if (g_mime_content_type_is_type(ct, "text", "plain")) {
            pick = i;
            break;
        }
    }
    if (pick >= 0)
        walk(m, g_mime_multipart_get_part(mp, pick), depth + 1);
}

static void walk(message *m, GMimeObject *obj, int depth)
{
    if (!obj || depth > READER_MAX_MIME_DEPTH)
        return;
    if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        GMimeContentType *ct = g_mime_object_get_content_type(obj);
        if (g_mime_content_type_is_type(ct, "multipart", "alternative")) {
            walk_alternative(m, mp, depth);
            return;
        }
        int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n; i++)
            walk(m, g_mime_multipart_get_part(mp, i), depth + 1);
    } else if (GMIME_IS_MESSAGE_PART(obj)) { /* a forwarded message */
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        if (inner) {
            const char *subject = g_mime_message_get_subject(inner);
            if (subject)
                add_text(m, subject, strlen(subject));
            walk(m, g_mime_message_get_mime_part(inner), depth + 1);
        }
    } else if (GMIME_IS_TEXT_PART(obj)) {
        GMimeContentType *ct = g_mime_object_get_content_type(obj);
        if (g_mime_content_type_is_type(ct, "text", "plain") || g_mime_content_type_is_type(ct, "text", "html"))
            read_text_part(m, GMIME_TEXT_PART(obj));
        else
            read_attachment(m, GMIME_PART(obj), depth);
    } else if (GMIME_IS_PART(obj)) {
        read_attachment(m, GMIME_PART(obj), depth);
    }
}

static char *addresses(InternetAddressList *list)
{
    return list && internet_address_list_length(list) > 0 ? internet_address_list_to_string(list, NULL, FALSE)
                                                            : NULL;
}

/* Hands out MSG as a document. 0, or -1 to stop. */
static int put_message(const reader_input *in, reader_out *out, GMimeMessage *msg, unsigned long nth)
{
    message m = {.in = in, .out = out};
    walk(&m, g_mime_message_get_mime_part(msg), 0);
    reader_meta meta = {0};
    char *from = addresses(g_mime_message_get_from(msg));
    char *to = addresses(g_mime_message_get_to(msg));
    char *cc = addresses(g_mime_message_get_cc(msg));
    int rc = meta_add(&meta, XC_META_AUTHOR, from);
    if (to && cc) {
        char *both = g_strconcat(to, ", ", cc, NULL);
        rc |= meta_add(&meta, "to", both);
        g_free(both);
    } else {
        rc |= meta_add(&meta, "to", to ? to : cc);
    }
    GDateTime *date = g_mime_message_get_date(msg);
    if (date) {
        char *iso = date_from_unix((time_t)g_date_time_to_unix(date));
        rc |= iso ? meta_add(&meta, XC_META_DATE, iso) : 0;
        free(iso);
    }
    if (m.passed_over) {
        char said[96];
        snprintf(said, sizeof said, "message %lu: %d attachment%s not read (over a cap)", nth, m.passed_over,
                 m.passed_over == 1 ? "" : "s");
        out->warn(out, said);
    }
    const char *subject = g_mime_message_get_subject(msg);
    if (m.text.cut)
        out->warn(out, "a message's text was cut at the cap");
    reader_doc doc = {subject ? subject : "", tb_text(&m.text), m.text.len, &meta, 0};
    if (rc == 0 && !m.text.nomem && (tb_has_words(&m.text) || (subject && *subject) || meta.n))
        rc = out->doc(out, &doc);
    else if (rc || m.text.nomem)
        rc = -1;
    g_free(from);
    g_free(to);
    g_free(cc);
    meta_free(&meta);
    tb_free(&m.text);
    return rc;
}

/* Messages of IN->fd, as one message (MBOX 0) or an mbox. */
static read_status read_messages(const reader_input *in, reader_out *out, int mbox)
{
    static int ready;
    if (!ready++)
        g_mime_init(); /* once for the process (the reader process is one thread) */
    int fd = dup(in->fd);
    if (fd < 0)
        return reader_fail(in, READ_FAILED, "cannot read: out of file descriptors");
    GMimeStream *stream = g_mime_stream_fs_new(fd); /* owns fd */
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
    unsigned long n = 0;
    read_status st = READ_OK;
    while (st == READ_OK && !g_mime_parser_eos(parser)) {
        GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
        if (!msg)
            break;
        n++;
        if (put_message(in, out, msg, n) != 0)
            st = reader_fail(in, READ_FAILED, "stopped");
        g_object_unref(msg);
        if (!mbox)
            break;
    }
    g_object_unref(parser);
    if (st == READ_OK && n == 0)
        st = reader_fail(in, mbox ? READ_MALFORMED : READ_NO_TEXT, mbox ? "not an mbox: no message in it"
                                                                      : "no text");
    return st;
}

read_status read_eml(const reader_input *in, reader_out *out)
{
    return read_messages(in, out, 0);
}

read_status read_mbox(const reader_input *in, reader_out *out)
{
    return read_messages(in, out, 1);
}
