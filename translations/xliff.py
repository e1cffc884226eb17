"""Content as XLIFF 2.0 for translation tools that prefer it to PO: the same entries, the same
all-or-nothing import (po_import.import_entries), another envelope.

    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
      <file id="content" original="ICLEI portal content" xml:space="preserve">
        <unit id="programmes.programmepage:22:summary">
          <notes><note category="label">…</note><note category="location">/admin/…</note></notes>
          <segment state="initial|translated"><source>…</source><target>…</target></segment>
        </unit>

The unit id is the PO msgctxt (it is a valid NMTOKEN). A stale translation is state="initial"
with subState="iclei:stale" (PO's fuzzy). Text is plain, as in PO: rich text is its stored HTML
and a StreamField its JSON, escaped; no inline XLIFF markup is read. A tool may split a unit
into several segments: sources and targets are joined back in document order.
"""

from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from wagtail.admin.admin_url_finder import AdminURLFinder

from . import po
from .po_import import Entry, ImportRejected, _line, import_entries, resolve_language

NS = "urn:oasis:names:tc:xliff:document:2.0"
STALE = "iclei:stale"
# A carriage return would be normalised away by any XML parser; as a reference it survives.
TEXT_ESCAPES = {"\r": "&#13;"}


def _text(value):
    return escape(value, TEXT_ESCAPES)


def build_xliff(language, items, progress=None):
    """The XLIFF 2.0 document (text) for `language` with a unit per non-empty English field of
    `items`. `progress(done, total)` is called after each item when given."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns={quoteattr(NS)} version="2.0" '
        f"srcLang={quoteattr(po.default_language())} trgLang={quoteattr(language)}>",
        '  <file id="content" original="ICLEI portal content" xml:space="preserve">',
    ]
    url_finder = AdminURLFinder()
    total = len(items)
    for done, item in enumerate(items, start=1):
        for entry in po.item_entries(item, language, url_finder):
            if entry.fuzzy:
                state = f' state="initial" subState="{STALE}"'
            else:
                state = ' state="translated"' if entry.translation else ' state="initial"'
            out.append(f"    <unit id={quoteattr(str(entry.context))}>")
            out.append(f'      <notes><note category="label">{_text(entry.label)}</note>')
            if entry.url:
                out.append(f'        <note category="location">{_text(entry.url)}</note>')
            out.append("      </notes>")
            out.append(f"      <segment{state}>")
            out.append(f"        <source>{_text(entry.english)}</source>")
            if entry.translation:
                out.append(f"        <target>{_text(entry.translation)}</target>")
            out.append("      </segment>")
            out.append("    </unit>")
        if progress is not None:
            progress(done, total)
    out += ["  </file>", "</xliff>", ""]
    return "\n".join(out)


class _Reader:
    """Reads units out of an XLIFF 2.0 document with expat, keeping each unit's line.

    No DTD is accepted (no entity may expand), so a hostile file cannot blow up or reach out.
    """

    def __init__(self):
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._refuse_doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.root = None  # (attributes, line)
        self.entries = []
        self.errors = []
        self.unit = None  # {"id", "line", "source": [], "target": []}
        self.capture = None  # "source" or "target" while inside one
        self.depth_in_text = 0

    def _line(self):
        return self.parser.CurrentLineNumber

    def _refuse_doctype(self, *args):
        raise ImportRejected([_line(self._line(), _("a DOCTYPE is not allowed in XLIFF"))])

    def _start(self, name, attrs):
        namespace, _sep, local = name.rpartition(" ")
        if self.root is None:
            if namespace != NS or local != "xliff" or attrs.get("version") != "2.0":
                raise ImportRejected([_line(self._line(), _("this is not an XLIFF 2.0 file"))])
            self.root = (attrs, self._line())
            return
        if self.capture:
            self.depth_in_text += 1
            self.errors.append(
                _line(
                    self._line(),
                    _("inline markup <%(tag)s> is not supported; the text must be plain")
                    % {"tag": local},
                )
            )
            return
        if namespace != NS:
            return  # other namespaces (a tool's metadata) are allowed and ignored
        if local == "unit":
            self.unit = {"id": attrs.get("id", ""), "line": self._line()}
            self.unit.update(source=[], target=[])
        elif local in ("source", "target") and self.unit is not None:
            self.capture = local

    def _end(self, name):
        namespace, _sep, local = name.rpartition(" ")
        if self.capture:
            if self.depth_in_text:
                self.depth_in_text -= 1
                return
            self.capture = None
            return
        if namespace == NS and local == "unit" and self.unit is not None:
            unit = self.unit
            self.entries.append(
                Entry(unit["line"], unit["id"], "".join(unit["source"]), "".join(unit["target"]))
            )
            self.unit = None

    def _text(self, data):
        if self.capture and self.unit is not None:
            self.unit[self.capture].append(data)

    def read(self, content):
        try:
            self.parser.Parse(content, True)
        except expat.ExpatError as error:
            problem = expat.errors.messages[error.code]
            raise ImportRejected(
                [_line(error.lineno, _("malformed XML (%(error)s)") % {"error": problem})]
            ) from error
        if self.root is None:
            raise ImportRejected([_("The file is empty.")])
        if self.errors:
            raise ImportRejected(self.errors)
        return self.root, self.entries


def parse_xliff(content):
    """(target language as declared, its line, [Entry]) from XLIFF 2.0 bytes or text."""
    if isinstance(content, str):
        content = content.encode("utf-8")
    if not content.strip():
        raise ImportRejected([_("The file is empty.")])
    (attrs, line), entries = _Reader().read(content)
    source = attrs.get("srcLang", "")
    if not po.same_language(source, po.default_language()):
        raise ImportRejected(
            [
                _line(
                    line,
                    _("the source language is “%(declared)s”, not “%(expected)s”")
                    % {"declared": source, "expected": po.default_language()},
                )
            ]
        )
    declared = attrs.get("trgLang", "")
    if not declared:
        raise ImportRejected([_line(line, _("the file has no trgLang (target language)"))])
    return declared, line, entries


def import_xliff(content, language=None, user=None, publish=False):
    """Import XLIFF 2.0 `content`. Returns ImportResult or raises ImportRejected."""
    declared, line, entries = parse_xliff(content)
    language = resolve_language(declared, line, language)
    return import_entries(entries, language, user, publish, _("unknown unit id “%(ctxt)s”"))


def looks_like_xliff(content):
    """Whether uploaded bytes are XML rather than PO (a PO file never starts with "<")."""
    head = content[:200].lstrip(b"\xef\xbb\xbf \t\r\n") if isinstance(content, bytes) else b""
    return head.startswith(b"<")
