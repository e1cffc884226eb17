"""Rich text and StreamField values as translation segments, as wagtail-localize cuts them.

A translator gets one segment per paragraph-level element of rich text (`<p>`, `<h3>`, `<li>`,
…) and one per text block (heading, caption); block ids, link targets and other attributes
stay out of the text. Inline markup inside a segment becomes numbered placeholders in the
file: `<1>…</1>` around text, `<2/>` for a line break (XLIFF writes them as `<pc>`/`<ph>`).
On import a placeholder is replaced by the English tag it stands for, so a translator can
move, keep or drop markup but never add a tag or an attribute.

A segment's address is the field's address plus a path: the block ids down the StreamField
(a StructBlock's child by name, a ListBlock item by id), and `p<n>` for the n-th paragraph
of rich text. `programmes.programmepage:22:body:6f1c…:p2` is the second paragraph of a
paragraph block.

Import rebuilds the field from the latest English with each segment's text substituted: a
translated segment from the file, else the current translation at the same address, else
the English (what fallback shows anyway). The current translation is found by block id, or
by position and block type when the translation's blocks have ids of their own. Non-text
values (images, links' targets) and block ids come from the English.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

from core.sanitise import plain_text_problems

# Tags that stay inside a segment (as placeholders); any other element is a container
# whose text runs are segments of their own.
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo br cite code del dfn em i ins kbd mark q s samp small span strong "
    "sub sup u var wbr".split()
)
VOID_TAGS = frozenset({"br", "hr", "embed", "img", "wbr", "input", "meta", "link", "source"})
PLACEHOLDER = re.compile(r"<(/?)(\d{1,4})(/?)>")
PLAIN_BLOCKS = (blocks.CharBlock, blocks.TextBlock)  # BlockQuoteBlock is a TextBlock


class SegmentError(ValueError):
    """A translated segment that cannot be put back (placeholders, structure)."""


# --- rich text: tokens with their place in the source -----------------------------------


@dataclass
class _Node:
    tag: str | None  # None: text, or a tag without content (void, comment)
    start: int
    end: int = -1  # end of the element, its closing tag included
    kind: str = "element"  # element, text, void, other
    open_end: int = -1  # end of the opening tag
    close_start: int = -1  # start of the closing tag (-1: not closed)
    children: list = field(default_factory=list)


class _Tree(HTMLParser):
    """The source HTML as a tree of nodes holding offsets, so that segments are cut out of
    (and put back into) the exact source text."""

    def __init__(self, source):
        super().__init__(convert_charrefs=True)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.root = _Node(None, 0, len(source))
        self.stack = [self.root]
        self.feed(source)
        self.close()
        for node in self.stack[1:]:  # left open: they end where the text ends
            node.end = len(source)

    def _at(self):
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _leaf(self, kind, tag=None):
        self.stack[-1].children.append(_Node(tag, self._at(), kind=kind))

    def handle_starttag(self, tag, attrs):
        start = self._at()
        length = len(self.get_starttag_text() or "")
        if tag in VOID_TAGS:
            self.stack[-1].children.append(_Node(tag, start, start + length, kind="void"))
            return
        node = _Node(tag, start, open_end=start + length)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        start = self._at()
        end = start + len(self.get_starttag_text() or "")
        self.stack[-1].children.append(_Node(tag, start, end, kind="void"))

    def handle_endtag(self, tag):
        start = self._at()
        end = self.source.index(">", start) + 1
        if not any(node.tag == tag for node in self.stack[1:]):
            self.stack[-1].children.append(_Node(tag, start, end, kind="other"))
            return
        while True:
            node = self.stack.pop()
            if node.tag == tag:
                node.close_start, node.end = start, end
                return
            node.end = start

    def handle_data(self, data):
        self._leaf("text")

    def handle_comment(self, data):
        self._leaf("other")

    handle_decl = handle_pi = unknown_decl = handle_comment


def _finish(node, end):
    """Fill in the end of leaves (each ends where the next token starts)."""
    for index, child in enumerate(node.children):
        following = node.children[index + 1].start if index + 1 < len(node.children) else None
        if child.end < 0:
            child.end = following if following is not None else end
        if child.kind == "element":
            inner_end = child.close_start if child.close_start >= 0 else child.end
            _finish(child, inner_end)


def _has_text(node, source):
    if node.kind == "text":
        return bool(source[node.start : node.end].strip())
    return any(_has_text(child, source) for child in node.children)


def _runs(node, source, out):
    """The (start, end) ranges of the segments under `node`, in document order."""
    run = []

    def flush():
        if run and any(_has_text(child, source) for child in run):
            start, end = run[0].start, run[-1].end
            while start < end and source[start].isspace():
                start += 1
            while end > start and source[end - 1].isspace():
                end -= 1
            out.append((start, end))
        run.clear()

    for child in node.children:
        if child.kind == "element" and child.tag not in INLINE_TAGS:
            flush()
            _runs(child, source, out)
        else:
            run.append(child)
    flush()


def _ranges(source):
    tree = _Tree(source)
    _finish(tree.root, len(source))
    out = []
    _runs(tree.root, source, out)
    return tree, out


@dataclass(frozen=True)
class _Code:
    start: str  # the source tag the placeholder stands for
    end: str = ""  # its closing tag; "" for a lone code (<n/>)


def _codes_in(node, source, lo, hi, out):
    """Placeholder text of the part of `node`'s children inside [lo, hi), numbering tags."""
    text, codes = [], out
    for child in node.children:
        if child.end <= lo or child.start >= hi:
            continue
        if child.kind == "element" and (child.start < lo or child.end > hi):
            text.append(_codes_in(child, source, lo, hi, codes))  # an ancestor of the run
        elif child.kind == "text":
            text.append(html.unescape(source[max(child.start, lo) : min(child.end, hi)]))
        elif child.kind == "element" and child.close_start >= 0:
            codes.append(_Code(source[child.start : child.open_end], ""))
            number = len(codes)
            inner = _codes_in(child, source, lo, hi, codes)
            codes[number - 1] = _Code(
                source[child.start : child.open_end], source[child.close_start : child.end]
            )
            text.append(f"<{number}>{inner}</{number}>")
        elif child.kind == "element":  # never closed: its content follows a lone code
            codes.append(_Code(source[child.start : child.open_end]))
            text.append(f"<{len(codes)}/>")
            text.append(_codes_in(child, source, lo, hi, codes))
        else:
            codes.append(_Code(source[child.start : child.end]))
            text.append(f"<{len(codes)}/>")
    return "".join(text)


@dataclass
class RichSegment:
    start: int
    end: int
    text: str  # with placeholders
    codes: list  # _Code per placeholder number (1-based)


def rich_segments(source):
    """The segments of rich text `source` (stored HTML), in document order."""
    if not source:
        return []
    tree, ranges = _ranges(source)
    found = []
    for start, end in ranges:
        codes = []
        text = _codes_in(tree.root, source, start, end, codes)
        found.append(RichSegment(start, end, text, codes))
    return found


def _renumbered(segment, codes):
    """`segment`'s text with its placeholders renumbered to the matching `codes` (the
    English ones), or None when one of its tags has no English counterpart."""
    unused = list(enumerate(codes, start=1))
    mapping = {}
    for number, code in enumerate(segment.codes, start=1):
        match = next((n for n, c in unused if c == code), None)
        if match is None:
            return None
        unused = [(n, c) for n, c in unused if n != match]
        mapping[str(number)] = str(match)
    return PLACEHOLDER.sub(
        lambda m: (
            f"<{m.group(1)}{mapping[m.group(2)]}{m.group(3)}>"
            if m.group(2) in mapping
            else m.group(0)
        ),
        segment.text,
    )


def plain(text):
    """A translated plain-text segment, or SegmentError when it holds markup or control
    characters (templates would show a tag as written)."""
    problems = plain_text_problems(text)
    if problems:
        raise SegmentError("; ".join(problems))
    return text


def render(text, codes):
    """Source HTML for a translated segment: text escaped, placeholders replaced by the
    tags they stand for. Raises SegmentError naming what is wrong with the placeholders
    or the text (a tag typed in is refused: markup comes only from the English)."""
    plain(PLACEHOLDER.sub("", text))
    out, open_codes, used = [], [], set()
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(html.escape(text[position : match.start()], quote=False))
        position = match.end()
        closing, number, lone = match.group(1), int(match.group(2)), match.group(3)
        if not 1 <= number <= len(codes):
            raise SegmentError(
                _("the placeholder %(tag)s is not in the English text") % {"tag": match.group(0)}
            )
        code = codes[number - 1]
        if closing:
            if not open_codes or open_codes[-1] != number:
                raise SegmentError(
                    _("the placeholder %(tag)s closes a placeholder that is not open")
                    % {"tag": match.group(0)}
                )
            open_codes.pop()
            out.append(code.end)
            continue
        if number in used:
            raise SegmentError(
                _("the placeholder <%(n)s> is used twice; each may appear once") % {"n": number}
            )
        used.add(number)
        if lone and code.end:
            raise SegmentError(
                _("<%(n)s/> must be written <%(n)s>…</%(n)s>, around text") % {"n": number}
            )
        if not lone and not code.end:
            raise SegmentError(_("<%(n)s> must be written <%(n)s/>") % {"n": number})
        out.append(code.start)
        if not lone:
            open_codes.append(number)
    if open_codes:
        raise SegmentError(
            _("the placeholder <%(n)s> is not closed with </%(n)s>") % {"n": open_codes[-1]}
        )
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


# --- walking a value: segments out, translations in ------------------------------------


@dataclass
class Segment:
    path: tuple  # below the field: block ids, child names, "p<n>"
    source: str  # the English, placeholders for markup
    translation: str  # the current translation ("" when none, or not expressible)
    label: str  # where it is, for the translator ("Paragraph 2 › ¶1")


@dataclass
class Translated:
    """A translation read from a file for one segment."""

    source: str  # the English it was made from
    text: str
    line: int


class Rebuild:
    """Walks the English value of one field beside its current translation: lists the
    segments, and builds the translation with `translations` (path → Translated) put in.

    `errors` collects (line, message); `changed` says whether any segment's text differs
    from the current translation."""

    def __init__(self, translations=None, address=""):
        self.translations = dict(translations or {})
        self.address = address  # the field's, to name a segment in messages
        self.segments = []
        self.errors = []
        self.changed = False
        self.seen = set()

    def where(self, path):
        return ":".join((self.address, *path) if self.address else path)

    # - leaves -

    def _choose(self, path, source, current, label, render_text, keep_current, keep_source):
        """The stored value for one segment."""
        self.segments.append(Segment(path, source, current or "", label))
        translated = self.translations.get(path)
        if translated is None:
            return keep_current() if keep_current is not None else keep_source()
        self.seen.add(path)
        if translated.source != source:
            self.errors.append(
                (
                    translated.line,
                    _(
                        "the English changed since export (“%(ctxt)s”); "
                        "export again and translate the new text"
                    )
                    % {"ctxt": self.where(path)},
                )
            )
            return keep_source()
        if current is not None and translated.text == current:
            return keep_current()
        self.changed = True
        if translated.text == source:
            return keep_source()
        try:
            return render_text(translated.text)
        except SegmentError as error:
            self.errors.append((translated.line, f"{self.where(path)}: {error}"))
            return keep_source()

    def plain(self, english, current, path, label):
        if not isinstance(english, str) or not english.strip():
            return current or english  # nothing to translate: a translation's own text stays
        has_current = isinstance(current, str) and bool(current)
        return self._choose(
            path,
            english,
            current if has_current else None,
            label,
            plain,
            (lambda: current) if has_current else None,
            lambda: english,
        )

    def rich(self, english, current, path, label):
        """`english` (stored HTML) with each paragraph translated."""
        if not isinstance(english, str) or not english:
            return current or english
        theirs = rich_segments(current) if isinstance(current, str) else []
        out, position = [], 0
        for index, segment in enumerate(rich_segments(english), start=1):
            out.append(english[position : segment.start])
            position = segment.end
            own = theirs[index - 1] if index <= len(theirs) else None
            shown = _renumbered(own, segment.codes) if own is not None else None
            raw_current = current[own.start : own.end] if own is not None else None
            out.append(
                self._choose(
                    (*path, f"p{index}"),
                    segment.text,
                    shown,
                    f"{label} ¶{index}" if label else f"¶{index}",
                    lambda text, codes=segment.codes: render(text, codes),
                    (lambda raw=raw_current: raw) if raw_current is not None else None,
                    lambda s=segment: english[s.start : s.end],
                )
            )
        out.append(english[position:])
        return "".join(out)

    # - blocks -

    def block(self, block, english, current, path, label):
        """The translated raw (JSON) value of `block`."""
        if isinstance(block, blocks.RichTextBlock):
            return self.rich(english, current, path, label)
        if isinstance(block, PLAIN_BLOCKS):
            return self.plain(english, current, path, label)
        if isinstance(block, blocks.StructBlock) and isinstance(english, dict):
            current = current if isinstance(current, dict) else {}
            out = dict(english)
            for name, child in block.child_blocks.items():
                if name in english:
                    out[name] = self.block(
                        child,
                        english[name],
                        current.get(name),
                        (*path, name),
                        f"{label} › {child.label}",
                    )
            return out
        if isinstance(block, blocks.StreamBlock) and isinstance(english, list):
            return self.stream(block, english, current, path, label)
        if isinstance(block, blocks.ListBlock) and isinstance(english, list):
            return self.list(block, english, current, path, label)
        if isinstance(block, TypedTableBlock) and isinstance(english, dict):
            return self.table(block, english, current, path, label)
        return english  # choosers, URLs, numbers…: the English value

    def stream(self, block, english, current, path=(), label=""):
        """A StreamBlock's raw list of {type, value, id} translated."""
        current = current if isinstance(current, list) else []
        aligned = _align(english, current, same=lambda a, b: a.get("type") == b.get("type"))
        out = []
        for index, (item, theirs) in enumerate(zip(english, aligned, strict=True), start=1):
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is None or "value" not in item:
                out.append(item)
                continue
            key = str(item.get("id") or f"n{index}")
            value = self.block(
                child,
                item["value"],
                theirs.get("value") if theirs else None,
                (*path, key),
                f"{label} › {child.label} {index}" if label else f"{child.label} {index}",
            )
            out.append({**item, "value": value})
        return out

    def list(self, block, english, current, path, label):
        current = current if isinstance(current, list) else []
        aligned = _align(english, current, same=lambda a, b: True)
        out = []
        for index, (item, theirs) in enumerate(zip(english, aligned, strict=True), start=1):
            in_blocks = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            value = item["value"] if in_blocks else item
            their_value = theirs
            if isinstance(theirs, dict) and theirs.get("type") == "item":
                their_value = theirs.get("value")
            key = str(item.get("id") or f"n{index}") if in_blocks else f"n{index}"
            new = self.block(
                block.child_block, value, their_value, (*path, key), f"{label} › {index}"
            )
            out.append({**item, "value": new} if in_blocks else new)
        return out

    def table(self, block, english, current, path, label):
        """A typed table: its caption, each column heading (`h<n>`) and each cell (`r<n>`,
        `c<n>`), matched to the current translation by position (cells have no ids)."""
        current = current if isinstance(current, dict) else {}
        out = dict(english)
        out["caption"] = self.plain(
            english.get("caption"), current.get("caption"), (*path, "caption"), f"{label} › caption"
        )
        their_columns = current.get("columns") or []
        columns = []
        for index, column in enumerate(english.get("columns") or [], start=1):
            theirs = their_columns[index - 1] if index <= len(their_columns) else {}
            heading = self.plain(
                column.get("heading"),
                theirs.get("heading") if isinstance(theirs, dict) else None,
                (*path, f"h{index}"),
                f"{label} › {index}",
            )
            columns.append({**column, "heading": heading})
        out["columns"] = columns
        their_rows = current.get("rows") or []
        rows = []
        for row_number, row in enumerate(english.get("rows") or [], start=1):
            theirs = their_rows[row_number - 1] if row_number <= len(their_rows) else {}
            their_values = theirs.get("values") or [] if isinstance(theirs, dict) else []
            values = []
            cells = zip(columns, row.get("values") or [], strict=False)  # as stored
            for index, (column, value) in enumerate(cells, start=1):
                child = block.child_blocks.get(column.get("type"))
                their_value = their_values[index - 1] if index <= len(their_values) else None
                values.append(
                    value
                    if child is None
                    else self.block(
                        child,
                        value,
                        their_value,
                        (*path, f"r{row_number}", f"c{index}"),
                        f"{label} › {row_number}:{index}",
                    )
                )
            rows.append({**row, "values": values})
        out["rows"] = rows
        return out

    def unknown(self):
        """(line, path) of translations whose address the English no longer has."""
        return [
            (translated.line, path)
            for path, translated in self.translations.items()
            if path not in self.seen
        ]


def _align(english, current, same):
    """For each English item, the current translation's item: the one with the same id, or
    the one at the same position when it has an id of its own and `same` (block type)."""
    by_id = {item.get("id"): item for item in current if isinstance(item, dict) and item.get("id")}
    english_ids = {item.get("id") for item in english if isinstance(item, dict)}
    aligned = []
    for index, item in enumerate(english):
        found = by_id.get(item.get("id")) if isinstance(item, dict) and item.get("id") else None
        if found is None and index < len(current):
            candidate = current[index]
            their_id = candidate.get("id") if isinstance(candidate, dict) else None
            if not isinstance(item, dict) or not isinstance(candidate, dict):
                found = candidate if not isinstance(item, dict) else None
            elif their_id not in english_ids and same(item, candidate):
                found = candidate
        aligned.append(found)
    return aligned
