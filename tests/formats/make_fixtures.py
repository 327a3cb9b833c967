#!/usr/bin/env python3
"""Writes small documents of every format sift reads, good and hostile, into
the folder given (tests/cli/indexer_formats*.sh run it): made here, with
Python's standard library only, so that no binary file is kept in the
repository and every byte of a fixture can be read in this script.

  make_fixtures.py DIR [good|hostile]   (default: both)

good/      one document per format, each with a word of its own (the
           "probe" words below) and the metadata the format can carry
hostile/   per format: truncated, encrypted, a bomb, deeply nested, and a
           wrong extension
"""
import base64
import hashlib
import os
import sys
import zipfile

# ---------------------------------------------------------------- PDF

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def pdf_string(s):
    return b"(" + s.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(pages, info=None, user_password=None, extra_objects=()):
    """A PDF of PAGES (each a list of text lines, or None for a page with a
    drawing and no text), INFO a dict of the info dictionary. With
    USER_PASSWORD: encrypted (standard handler, revision 2, RC4 40 bits)."""
    file_id = hashlib.md5(b"sift fixture").digest()
    key = None
    objs = {}  # number -> bytes (without "n 0 obj")
    enc = None
    if user_password is not None:
        owner = hashlib.md5((b"owner" + PAD)[:32]).digest()[:5]
        o = rc4(owner, (user_password + PAD)[:32])
        p = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5((user_password + PAD)[:32] + o + p + file_id).digest()[:5]
        u = rc4(key, PAD)
        enc = b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <" + u.hex().encode() + b"> /P -4 >>"

    def crypt(num, data):
        if key is None:
            return data
        k = hashlib.md5(key + num.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
        return rc4(k, data)

    n_pages = len(pages)
    font = 3
    first_page = 4
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n_pages))
    objs[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages
    objs[font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for i, lines in enumerate(pages):
        page, content = first_page + 2 * i, first_page + 2 * i + 1
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >>"
                      b" /Contents %d 0 R >>" % (font, content))
        if lines is None:
            stream = b"0 0 m 300 300 l S"
        else:
            ops = [b"BT /F1 12 Tf 72 720 Td 14 TL"]
            for line in lines:
                ops.append(pdf_string(line.encode("latin-1")) + b" Tj T*")
            ops.append(b"ET")
            stream = b"\n".join(ops)
        stream = crypt(content, stream)
        objs[content] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    next_num = first_page + 2 * n_pages
    info_num = None
    if info:
        info_num = next_num
        next_num += 1
        items = b"".join(b"/" + k.encode() + b" " + pdf_string(crypt(info_num, v.encode("latin-1")))
                         for k, v in info.items())
        objs[info_num] = b"<< " + items + b" >>"
    enc_num = None
    if enc:
        enc_num = next_num
        next_num += 1
        objs[enc_num] = enc
    for extra in extra_objects:
        objs[next_num] = extra
        next_num += 1
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % next_num
    for num in range(1, next_num):
        out += b"%010d 00000 n \n" % offsets[num]
    trailer = b"<< /Size %d /Root 1 0 R" % next_num
    if info_num:
        trailer += b" /Info %d 0 R" % info_num
    if enc_num:
        trailer += b" /Encrypt %d 0 R" % enc_num
    trailer += b" /ID [<" + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">] >>"
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ---------------------------------------------------------- zip formats

def zip_file(path, members, stored_first=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if stored_first:
            z.writestr(zipfile.ZipInfo(stored_first[0]), stored_first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in members:
            z.writestr(name, data)


CORE = """<?xml version="1.0" encoding="UTF-8"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:keywords>{tags}</cp:keywords>
<dcterms:created>2021-10-18T09:30:00Z</dcterms:created></cp:coreProperties>"""

TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="{part}" ContentType="{ctype}"/></Types>"""


def docx(path, paragraphs, title="", author="", body_xml=None):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = body_xml or "".join(
        '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r><w:r><w:t>%s</w:t></w:r></w:p>' % (p[:3], p[3:])
        for p in paragraphs)
    doc = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (w, body)
    zip_file(path, [
        ("[Content_Types].xml", TYPES.format(
            part="/word/document.xml",
            ctype="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
        ("word/document.xml", doc),
        ("docProps/core.xml", CORE.format(title=title, author=author, tags="alpha, beta")),
    ])


def pptx(path, slides):
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    members = [("[Content_Types].xml", TYPES.format(
        part="/ppt/presentation.xml",
        ctype="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"))]
    for n, text in slides:
        members.append(("ppt/slides/slide%d.xml" % n,
                        '<?xml version="1.0"?><p:sld xmlns:p="p" xmlns:a="%s"><a:p><a:r><a:t>%s</a:t></a:r></a:p></p:sld>'
                        % (a, text)))
    members.append(("docProps/core.xml", CORE.format(title="Slides Title", author="Carol", tags="")))
    zip_file(path, members)


def xlsx(path, strings):
    members = [("[Content_Types].xml", TYPES.format(
        part="/xl/workbook.xml", ctype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
        ("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="s">%s</sst>'
         % "".join("<si><t>%s</t></si>" % s for s in strings)),
        ("docProps/core.xml", CORE.format(title="Sheet Title", author="Dave", tags=""))]
    zip_file(path, members)


ODF_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">
<office:meta><dc:title>{title}</dc:title><meta:initial-creator>{author}</meta:initial-creator>
<meta:creation-date>2020-02-29T12:00:00</meta:creation-date></office:meta></office:document-meta>"""


def odf(path, mime, body, title, author, content=None):
    text = content or ("""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>%s</office:text>
</office:body></office:document-content>""" % body)
    zip_file(path, [("content.xml", text), ("meta.xml", ODF_META.format(title=title, author=author))],
             stored_first=("mimetype", mime))


def epub(path, chapters, title="Book Title", author="Erin"):
    container = """<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""
    items = "".join('<item id="c%d" href="Text/ch%%20%d.xhtml" media-type="application/xhtml+xml"/>' % (i, i)
                    for i in range(len(chapters)))
    # The spine reads the chapters in reverse order of the manifest: the
    # reading order is the spine's.
    spine = "".join('<itemref idref="c%d"/>' % i for i in reversed(range(len(chapters))))
    opf = """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>%s</dc:title><dc:creator>%s</dc:creator>
<dc:date>2019-05-01</dc:date><dc:language>en</dc:language></metadata>
<manifest>%s</manifest><spine>%s</spine></package>""" % (title, author, items, spine)
    members = [("META-INF/container.xml", container), ("OEBPS/content.opf", opf)]
    for i, text in enumerate(chapters):
        members.append(("OEBPS/Text/ch %d.xhtml" % i,
                        '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>ch</title></head>'
                        "<body><p>%s</p></body></html>" % text))
    zip_file(path, members, stored_first=("mimetype", "application/epub+zip"))


# ---------------------------------------------------------------- mail

def message(subject, body, sender="Alice Example <alice@example.com>", to="Bob <bob@example.com>",
            date="Mon, 18 Oct 2021 09:30:00 +0200", extra_headers="", content_type="text/plain; charset=utf-8",
            encoding="quoted-printable"):
    return ("From: %s\nTo: %s\nSubject: %s\nDate: %s\nMessage-ID: <%s@example.com>\nMIME-Version: 1.0\n%s"
            "Content-Type: %s\nContent-Transfer-Encoding: %s\n\n%s\n"
            % (sender, to, subject, date, abs(hash(subject)), extra_headers, content_type, encoding, body))


def multipart_mail(attachment_name, attachment_bytes):
    b64 = base64.encodebytes(attachment_bytes).decode()
    return """From: =?ISO-8859-1?Q?Andr=E9_Martin?= <andre@example.com>
To: team@example.com
Cc: boss@example.com
Subject: =?UTF-8?Q?Caf=C3=A9_budget_review?=
Date: Tue, 14 Sep 2021 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Let us meet at the caf=C3=A9 about the zanzibarplain figures.
--alt
Content-Type: text/html; charset=utf-8

<html><body><p>Let us meet at the caf&eacute; about the zanzibarhtmlonly figures.</p></body></html>
--alt--

--outer
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="%s"
Content-Disposition: attachment; filename="%s"
Content-Transfer-Encoding: base64

%s
--outer--
""" % (attachment_name, attachment_name, b64)


# --------------------------------------------------------------- write

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def good(d):
    write(d + "/page.html", (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="iso-8859-1"><title>Caf\xe9 Society &amp; Co</title>'
        '<meta name="author" content="Jeanne Dupont"><meta name="description" content="A page about caf\xe9s">'
        '<meta name="keywords" content="coffee, paris"><meta property="article:published_time" '
        'content="2021-10-18T09:30:00+02:00"><style>.zzstyleword { color: red }</style>'
        '<script>var zzscriptword = 1;</script></head><body><!-- zzcommentword --><h1>Heading</h1>'
        '<p>The caf&eacute; serves <b>hazelnutprobe</b> latt\xe9s&nbsp;daily.</p><div>div<span>span</span></div>'
        '</body></html>').encode("latin-1"))
    write(d + "/notes.md", (
        "---\ntitle: Meeting with the ministry\ndate: 2022-03-04\ntags:\n  - budget\n  - ministry\n"
        "author: Maria Rossi\n---\n\n# Not the title\n\nWe discussed the **walnutprobe** plan, `code`,\n"
        "and [a link](http://linkurlword.example/) &amp; more.\n\n> quoted\n"))
    write(d + "/toml.md", ('+++\ntitle = "Toml Front Matter"\ntags = ["one", "two"]\ndate = 2020-01-02\n'
                           'author = "Tom L"\n+++\n\n## Second\n\n# First Level\n\nalmondprobe text\n'))
    write(d + "/heading.markdown", "Intro line\n\n## A Subheading\n\n# The Heading\n\npecanprobe body\n")
    write(d + "/message.eml", message("=?UTF-8?Q?Caf=C3=A9_meeting?=", "Meet at the caf=C3=A9, cashewprobe."))
    inbox = ""
    for n, (subject, body) in enumerate([("First message", "macadamiaprobe one"),
                                         ("Second message", "pistachioprobe two"),
                                         ("Third message", "chestnutprobe three")]):
        inbox += "From sender%d@example.com Mon Oct 18 09:3%d:00 2021\n" % (n, n) + message(subject, body) + "\n"
    write(d + "/inbox.mbox", inbox)
    write(d + "/Maildir/cur/1634550000.M1P1.host:2,S", message("Maildir message", "brazilnutprobe here"))
    write(d + "/Maildir/new/.keep", "")
    attached = d + "/../attachment.docx"
    docx(attached, ["Attached quarterly forecast peanutprobe"], title="Attached")
    with open(attached, "rb") as f:
        write(d + "/with-attachment.eml", multipart_mail("forecast.docx", f.read()))
    os.remove(attached)
    write(d + "/report.pdf", pdf([["First page hickoryprobe text"], ["Second page butternutprobe"]],
                                 info={"Title": "Annual Report", "Author": "Paul Pdf",
                                       "CreationDate": "D:20211018093000Z", "Keywords": "finance"}))
    docx(d + "/memo.docx", ["Memo about the beechnutprobe project", "Second paragraph"], title="Memo Title",
         author="Dora Docx")
    pptx(d + "/slides.pptx", [(10, "tenth slide kolaprobe"), (2, "second slide"), (1, "first slide")])
    xlsx(d + "/sheet.xlsx", ["cell acornprobe", "another cell"])
    odf(d + "/letter.odt", "application/vnd.oasis.opendocument.text",
        "<text:h>Letter heading</text:h><text:p>Dear<text:s/>reader, the pinenutprobe<text:tab/>arrived.</text:p>",
        "Letter Title", "Olga Odt")
    odf(d + "/deck.odp", "application/vnd.oasis.opendocument.presentation", "<text:p>gingkoprobe slide</text:p>",
        "Deck Title", "Pat")
    odf(d + "/table.ods", "application/vnd.oasis.opendocument.spreadsheet", "<text:p>candleprobe cell</text:p>",
        "Table Title", "Sam")
    epub(d + "/book.epub", ["chapter zero coconutprobe", "chapter one"])
    write(d + "/plain.txt", "Plain Title\n\nplain text with a peachprobe.\n")


def hostile(d):
    # Wrong extensions: HTML named .txt, a PDF without extension, a DOCX named .pdf.
    write(d + "/page-as.txt", "<!DOCTYPE html><html><head><title>Disguised Page</title></head>"
          "<body><p>wrongextprobe</p><script>zzscriptword()</script></body></html>")
    write(d + "/pdf-without-extension", pdf([["noextensionprobe"]], info={"Title": "No Extension"}))
    docx(d + "/docx-named.pdf", ["misnamedprobe"], title="Misnamed")
    # Truncated: each format cut in half.
    full = pdf([["truncatedprobe"] * 3] * 3)
    write(d + "/truncated.pdf", full[: len(full) // 2])
    docx(d + "/whole.docx", ["truncatedzipprobe " * 200])
    with open(d + "/whole.docx", "rb") as f:
        data = f.read()
    os.remove(d + "/whole.docx")
    write(d + "/truncated.docx", data[: len(data) // 2])
    write(d + "/truncated.html", "<html><head><title>Cut Page</title></head><body><p>cutpageprobe and then <di")
    write(d + "/truncated.eml", message("Cut mail", base64.encodebytes(b"cutmailprobe " * 50).decode()[:90],
                                        encoding="base64"))
    write(d + "/truncated.md", "---\ntitle: never closed\n\nunclosedprobe\n")
    # Encrypted.
    write(d + "/encrypted.pdf", pdf([["secretprobe"]], info={"Title": "Secret"}, user_password=b"secret"))
    write(d + "/scanned.pdf", pdf([None, None], info={"Title": "Scan"}))
    # Bombs: a zip member that unpacks past the cap (257 MiB of zeros), a
    # YAML alias bomb, a message with more attachments than the cap.
    with zipfile.ZipFile(d + "/bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", TYPES.format(part="/word/document.xml", ctype="x"))
        with z.open("word/document.xml", "w", force_zip64=True) as m:
            chunk = b"\0" * (1 << 20)
            for _ in range(257):
                m.write(chunk)
    write(d + "/yaml-bomb.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
          "e: &e [*d, *d, *d, *d, *d, *d, *d, *d]\ntitle: Alias Bomb\n---\n\nyamlbombprobe\n")
    parts = "".join("--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"a%d.pdf\"\n"
                    "Content-Transfer-Encoding: base64\n\n%s\n" % (i, base64.encodebytes(pdf([["attachprobe%d" % i]])).decode())
                    for i in range(70))
    write(d + "/many-attachments.eml", "From: a@example.com\nSubject: Many attachments\nDate: Mon, 18 Oct 2021 09:30:00 +0000\n"
          "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n" + parts + "--b--\n")
    # Deeply nested.
    write(d + "/nested.html", "<html><body>" + "<div>" * 100000 + "deephtmlprobe" + "</div>" * 100000
          + "<p>shallowhtmlprobe</p></body></html>")
    write(d + "/nested.md", "> " * 5000 + "deepmarkdownprobe\n\nshallowmarkdownprobe\n")
    mime = "From: a@example.com\nSubject: Nested parts\nMIME-Version: 1.0\n"
    for i in range(40):
        mime += "Content-Type: multipart/mixed; boundary=\"b%d\"\n\n--b%d\n" % (i, i)
    mime += "Content-Type: text/plain\n\ndeepmimeprobe\n" + "".join("--b%d--\n" % i for i in reversed(range(40)))
    write(d + "/nested.eml", mime)
    docx(d + "/nested.docx", [], body_xml="<w:p>" * 300 + "<w:r><w:t>deepdocxprobe</w:t></w:r>" + "</w:p>" * 300)
    nested_array = b"<< /Nested " + b"[" * 100000 + b"]" * 100000 + b" >>"
    write(d + "/nested.pdf", pdf([["nestedpdfprobe"]], extra_objects=[nested_array]))
    epub(d + "/nested.epub", ["<div>" * 100000 + "deepepubprobe"])


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[2:] not in ([], ["good"], ["hostile"]):
        sys.exit("usage: make_fixtures.py DIR [good|hostile]")
    root = sys.argv[1]
    if sys.argv[2:] != ["hostile"]:
        good(root + "/good")
    if sys.argv[2:] != ["good"]:
        hostile(root + "/hostile")


if __name__ == "__main__":
    main()
