"""Content as XLIFF 2.0 for translation tools that prefer it to PO: the same entries, the same
all-or-nothing import (po_import.import_entries), another envelope.

    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
      <file id="content" original="ICLEI portal content" xml:space="preserve">
        <unit id="programmes.programmepage:22:summary">
          <notes><note category="label">…</note><note category="location">/admin/…</note></notes>
          <segment state="initial|translated"><source>…</source><target>…</target></segment>
        </unit>

The unit id is the PO msgctxt (it is a valid NMTOKEN). A stale translation is state="initial"
with subState="iclei:stale" (PO's fuzzy). Rich text and StreamFields come as one unit per
segment (segments.py); their inline markup is XLIFF inline codes: `<pc id="1">…</pc>` around
text and `<ph id="2"/>` for a line break (PO's `<1>…</1>` and `<2/>`). On import `<pc>`, `<ph>`
and `<sc>`/`<ec>` are read back as those placeholders, `<mrk>` annotations are read through and
`<cp>` is its character; any other inline element is refused. A tool may split a unit into
several segments: sources and targets are joined back in document order.
"""

from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from wagtail.admin.admin_url_finder import AdminURLFinder

from . import po
from .po_import import Entry, ImportRejected, _line, import_entries, resolve_language
from .segments import PLACEHOLDER

NS = "urn:oasis:names:tc:xliff:document:2.0"
STALE = "iclei:stale"
# A carriage return would be normalised away by any XML parser; as a reference it survives.
TEXT_ESCAPES = {"\r": "&#13;"}


def _text(value):
    return escape(value, TEXT_ESCAPES)


def _balanced(text):
    """Whether the placeholders of `text` nest; a text that only looks like one (an English
    "<1>") is written as text."""
    stack = []
    for match in PLACEHOLDER.finditer(text):
        closing, number, lone = match.groups()
        if closing:
            if not stack or stack.pop() != number:
                return False
        elif not lone:
            stack.append(number)
    return not stack


def _inline(text):
    """Escaped `text` with its placeholders as XLIFF 2.0 inline codes."""
    if not _balanced(text):
        return _text(text)
    out, position = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(_text(text[position : match.start()]))
        position = match.end()
        closing, number, lone = match.groups()
        if lone:
            out.append(f'<ph id="{number}"/>')
        elif closing:
            out.append("</pc>")
        else:
            out.append(f'<pc id="{number}">')
    out.append(_text(text[position:]))
    return "".join(out)


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
            out.append(f"        <source>{_inline(entry.english)}</source>")
            if entry.translation:
                out.append(f"        <target>{_inline(entry.translation)}</target>")
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
        self.inline = []  # the closing text of each inline element open in it

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
            self.inline.append(self._open_inline(namespace, local, attrs))
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
            if self.inline:
                self._add(self.inline.pop())
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
        self._add(data)

    def _add(self, text):
        if self.capture and self.unit is not None and text:
            self.unit[self.capture].append(text)

    def _open_inline(self, namespace, local, attrs):
        """Adds the placeholder an inline element opens; returns the text that closes it."""
        code = attrs.get("id", "")
        if namespace == NS and local == "pc" and code.isdigit():
            self._add(f"<{code}>")
            return f"</{code}>"
        if namespace == NS and local in ("ph", "sc") and code.isdigit():
            self._add(f"<{code}/>" if local == "ph" else f"<{code}>")
            return ""
        if namespace == NS and local == "ec" and attrs.get("startRef", "").isdigit():
            self._add(f"</{attrs['startRef']}>")
            return ""
        if namespace == NS and local in ("mrk", "sm", "em"):
            return ""  # annotations (terms, comments): their text is the translation
        if namespace == NS and local == "cp":
            try:
                self._add(chr(int(attrs.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                self.errors.append(_line(self._line(), _("<cp> without a valid hex")))
            return ""
        self.errors.append(
            _line(
                self._line(),
                _("inline markup <%(tag)s> is not supported here") % {"tag": local},
            )
        )
        return ""

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
