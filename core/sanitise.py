"""Rich text is cleaned by nh3 (ammonia's HTML5 parser and allow-list) wherever it is written.

Each field's Wagtail features decide the tags and attributes it may keep (Wagtail's database
format: `<a linktype="page" id="3">`, `<embed embedtype="image" …/>`, `data-block-key` on
blocks). Link addresses may be http, https, mailto, tel or relative; comments, `meta`,
`style`, event handlers and anything else are dropped. The parser reads markup as browsers
do, so `<!-->`, `--!>` and `jav&#x09;ascript:` cannot slip past it.

`clean_rich_text` gives the clean HTML. `sanitised` keeps a value byte for byte when cleaning
would change only its escaping (`&` for `&amp;`), so existing content and its translation
marks survive. `rich_text_problems` names what cleaning would remove, for imports that refuse
rather than change a translator's text. `clean_instance` and `clean_revision_content` apply it
to every RichTextField and to the rich text inside StreamFields (see `connect`).
"""

import json
import re
from functools import cache, lru_cache
from html.parser import HTMLParser

from django.db.models.signals import pre_save
from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import features as feature_registry

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
BLOCK_KEY = "data-block-key"

# Tags (and their attributes) each Wagtail feature stores; <p> and <br> always.
FEATURE_TAGS = {
    "bold": {"b": set()},
    "italic": {"i": set()},
    **{f"h{n}": {f"h{n}": {BLOCK_KEY}} for n in range(1, 7)},
    "ol": {"ol": set(), "li": {BLOCK_KEY}},
    "ul": {"ul": set(), "li": {BLOCK_KEY}},
    "link": {"a": {"href", "linktype", "id"}},
    "document-link": {"a": {"linktype", "id"}},
    "image": {"embed": {"embedtype", "id", "format", "alt"}},
    "embed": {"embed": {"embedtype", "url"}},
    "hr": {"hr": set()},
    "code": {"code": set()},
    "superscript": {"sup": set()},
    "subscript": {"sub": set()},
    "strikethrough": {"s": set()},
    "blockquote": {"blockquote": {BLOCK_KEY}},
}
ALWAYS_ALLOWED = {"p": {BLOCK_KEY}, "br": set()}
# The values Wagtail's link and embed handlers expect, by the feature that stores them.
LINK_TYPES = {"link": "page", "document-link": "document"}
EMBED_TYPES = {"image": "image", "embed": "media"}
# Tags nh3's normalising pass keeps (to name what the strict pass drops): every element a
# rich text value could plausibly try to smuggle in, beside the ones features allow.
_KNOWN_TAGS = frozenset(
    "a abbr address area article aside audio b base bdi bdo blockquote body br button "
    "canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl "
    "dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 "
    "h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map "
    "mark marquee math menu meta meter nav noembed noframes noscript object ol optgroup "
    "option output p param picture portal pre progress q rp rt ruby s samp script search "
    "section select slot small source span strong style sub summary sup svg table tbody td "
    "template textarea tfoot th thead time title tr track u ul var video wbr xmp".split()
)
_ALL_SCHEMES = frozenset(
    "http https mailto tel ftp ftps file data javascript vbscript blob about sms webcal "
    "irc ssh git chrome ms-settings intent".split()
)
_VOID = re.compile(r"<(br|hr|embed)((?:\s[^>]*)?)(?<!/)>")
_SAFE_WORD = re.compile(r"[\w-]{1,64}")
# Escapes that change no parsed character: the sanitiser writes them, editors may not.
_LOOSE = (("&amp;", "&"), ("&gt;", ">"), ("&nbsp;", "\xa0"))


def _allowed(features):
    tags = {tag: set(attrs) for tag, attrs in ALWAYS_ALLOWED.items()}
    for feature in features:
        for tag, attrs in FEATURE_TAGS.get(feature, {}).items():
            tags.setdefault(tag, set()).update(attrs)
    return tags


def _attribute_filter(features):
    link_types = {LINK_TYPES[f] for f in features if f in LINK_TYPES}
    embed_types = {EMBED_TYPES[f] for f in features if f in EMBED_TYPES}

    def check(tag, attribute, value):
        if attribute == "linktype":
            return value if value in link_types else None
        if attribute == "embedtype":
            return value if value in embed_types else None
        if attribute == "id":  # page, document and image ids: never a DOM id to clobber
            return value if value.isdigit() else None
        if attribute in ("format", BLOCK_KEY):
            return value if _SAFE_WORD.fullmatch(value) else None
        if attribute == "url":  # a media embed's address, fetched through oEmbed
            return value if value.lower().startswith(("https://", "http://")) else None
        return value

    return check


@lru_cache(maxsize=64)
def _cleaner(features):
    return nh3.Cleaner(
        tags=set(_allowed(features)),
        attributes={"*": set(), **_allowed(features)},
        attribute_filter=_attribute_filter(features),
        strip_comments=True,
        link_rel=None,  # internal links keep their markup; Wagtail expands them
        url_schemes=set(URL_SCHEMES),
    )


@cache
def _normaliser():
    """nh3 with (nearly) nothing removed: the value as a browser parses it, serialised."""
    return nh3.Cleaner(
        tags=set(_KNOWN_TAGS),
        clean_content_tags=set(),
        attributes={},
        generic_attribute_prefixes={""},
        strip_comments=False,
        link_rel=None,
        url_schemes=set(_ALL_SCHEMES),
    )


def _features(features):
    if features is None:
        features = feature_registry.get_default_features()
    return tuple(sorted(set(features)))


def _wagtail_format(html):
    # Wagtail's rewriters find embeds by "<embed …/>"; a bare "<embed …>" would reach
    # visitors unexpanded.
    return _VOID.sub(r"<\1\2/>", html)


def clean_rich_text(html, features=None):
    """`html` cleaned to what rich text with `features` (None: Wagtail's defaults) may hold."""
    if not html:
        return html
    return _wagtail_format(_cleaner(_features(features)).clean(html))


def _loose(html):
    for escaped, plain in _LOOSE:
        html = html.replace(escaped, plain)
    return html


def sanitised(html, features=None):
    """`html` itself when cleaning would only re-escape it, else the cleaned HTML."""
    if not html or not isinstance(html, str):
        return html
    cleaned = clean_rich_text(html, features)
    return html if _loose(cleaned) == _loose(html) else cleaned


# --- naming what cleaning removes (imports refuse instead of changing) -----------------------


class _Reader(HTMLParser):
    """Names the tags, attributes, addresses and comments of HTML that `features` exclude,
    and notes tags left open or closed twice."""

    VOID = {"br", "hr", "embed", "img", "meta", "link", "input", "source", "wbr", "area"}

    def __init__(self, features):
        super().__init__(convert_charrefs=True)
        self.features = features
        self.allowed = _allowed(features)
        self.check_value = _attribute_filter(features)
        self.stack = []
        self.problems = []

    def _check_tag(self, tag, attrs):
        if tag not in self.allowed:
            self.problems.append(_("the tag <%(tag)s> is not allowed here") % {"tag": tag})
            return
        for name, value in attrs:
            value = value or ""
            if name not in self.allowed[tag]:
                self.problems.append(
                    _("the attribute %(attr)s of <%(tag)s> is not allowed")
                    % {"attr": name, "tag": tag}
                )
            elif name == "href" and not _address_allowed(value):
                self.problems.append(
                    _(
                        "the link address “%(url)s” is not allowed "
                        "(only http, https, mailto, tel and addresses on this site)"
                    )
                    % {"url": value}
                )
            elif self.check_value(tag, name, value) is None:
                self.problems.append(
                    _("the value “%(value)s” of the attribute %(attr)s of <%(tag)s> is not allowed")
                    % {"value": value, "attr": name, "tag": tag}
                )

    def handle_starttag(self, tag, attrs):
        self._check_tag(tag, attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(_("malformed HTML: unexpected </%(tag)s>") % {"tag": tag})
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_comment(self, data):
        self.problems.append(_("comments (<!-- … -->) are not allowed"))

    def handle_decl(self, decl):
        self.problems.append(_("declarations (<!…>) are not allowed"))

    def unknown_decl(self, data):
        self.problems.append(_("declarations (<!…>) are not allowed"))

    def handle_pi(self, data):
        self.problems.append(_("processing instructions (<?…>) are not allowed"))


def _address_allowed(url):
    link = f'<a href="{url.replace("&", "&amp;").replace(chr(34), "&quot;")}">x</a>'
    return "href=" in _cleaner(("link",)).clean(link)


def _read(html, features, structure):
    reader = _Reader(features)
    reader.feed(html)
    reader.close()
    problems = reader.problems
    if structure:
        if reader.rawdata.strip() or re.search(r"<[a-zA-Z/!?][^>]*$", html):
            problems.append(_("malformed HTML: an unfinished tag"))
        problems.extend(
            _("malformed HTML: <%(tag)s> is not closed") % {"tag": tag} for tag in reader.stack
        )
    return problems


def rich_text_problems(html, features=None):
    """What cleaning would remove from `html` as rich text with `features`, and where its
    markup is malformed; empty when the value can be stored as it is."""
    features = _features(features)
    # The text as written (tags left open, names as typed), then as a browser reads it
    # (nh3's parse, serialised): a comment trick or an obfuscated address shows up there.
    normalised = _wagtail_format(_normaliser().clean(html))
    problems = _read(html, features, structure=True) + _read(normalised, features, False)
    if not problems and _loose(clean_rich_text(html, features)) != _loose(normalised):
        problems.append(_("it holds markup that rich text cannot keep"))
    return list(dict.fromkeys(problems))


# --- plain text -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_MARKUP = re.compile(r"<\s*[/!?]?\s*[a-zA-Z]|<!--")


def plain_text_problems(text):
    """Why `text` is not plain text: control characters, or markup that visitors would see
    as written (templates escape plain text; a tag there is a mistake or an attack)."""
    problems = []
    if _CONTROL.search(text):
        problems.append(_("control characters are not allowed"))
    if _MARKUP.search(text):
        problems.append(_("HTML tags are not allowed in plain text"))
    return problems


# --- StreamField: the rich text blocks inside ------------------------------------------------


def _walk(block, value, visit):
    """`value` (the block's JSON) with `visit(rich_text_block, html)` applied to every rich
    text inside; the same object when nothing changed."""
    if isinstance(block, blocks.RichTextBlock):
        return visit(block, value) if isinstance(value, str) else value
    if isinstance(block, blocks.StreamBlock):
        if not isinstance(value, list):
            return value
        out, changed = [], False
        for item in value:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is None or "value" not in item:
                out.append(item)
                continue
            new = _walk(child, item["value"], visit)
            changed |= new is not item["value"]
            out.append({**item, "value": new} if new is not item["value"] else item)
        return out if changed else value
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict):
            return value
        out, changed = dict(value), False
        for name, child in block.child_blocks.items():
            if name in value:
                out[name] = _walk(child, value[name], visit)
                changed |= out[name] is not value[name]
        return out if changed else value
    if isinstance(block, blocks.ListBlock):
        if not isinstance(value, list):
            return value
        out, changed = [], False
        for item in value:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                new = _walk(block.child_block, item["value"], visit)
                out.append({**item, "value": new} if new is not item["value"] else item)
            else:
                new = _walk(block.child_block, item, visit)
                out.append(new)
            changed |= out[-1] is not item
        return out if changed else value
    return value


def _holds_rich_text(block):
    if isinstance(block, blocks.RichTextBlock):
        return True
    if isinstance(block, blocks.ListBlock):
        return _holds_rich_text(block.child_block)
    if isinstance(block, (blocks.StreamBlock, blocks.StructBlock)):
        return any(_holds_rich_text(child) for child in block.child_blocks.values())
    return False


def _sanitise_block(block, html):
    clean = sanitised(html, block.features)
    return html if clean == html else clean


def sanitise_stream_data(stream_block, data):
    """Raw StreamField JSON (a list) with its rich text blocks cleaned; `data` itself when
    nothing changed."""
    return _walk(stream_block, data, _sanitise_block)


def stream_problems(stream_block, data):
    """Problems of the rich text blocks in raw StreamField JSON, each naming its block."""
    problems = []
    if not isinstance(data, list):
        return problems
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            continue
        name = item.get("type")
        child = stream_block.child_blocks.get(name)
        if child is None:
            continue

        def visit(block, html, index=index, name=name):
            problems.extend(
                _("block %(n)s (%(type)s): %(problem)s")
                % {"n": index, "type": name, "problem": problem}
                for problem in rich_text_problems(html, block.features)
            )
            return html

        _walk(child, item.get("value"), visit)
    return problems


# --- every write: model saves and revisions --------------------------------------------------


@cache
def rich_fields(model):
    """The model's RichTextFields and rich-text-holding StreamFields (each translated
    column is one), as (name, field)."""
    return tuple(
        (field.name, field)
        for field in model._meta.concrete_fields
        if isinstance(field, RichTextField)
        or (isinstance(field, StreamField) and _holds_rich_text(field.stream_block))
    )


@cache
def stored_fields(model):
    """rich_fields without the ones modeltranslation reads through its descriptor (the base
    `mission` is the active language's `mission_xx`, with fallback: writing it would put a
    fallback value into that language's column)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    return tuple(item for item in rich_fields(model) if item[0] not in translated)


def _sanitise_stream_value(field, value):
    """A StreamField's value (StreamValue, list or JSON string) cleaned, or None if clean."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            data = json.loads(value) if value else []
        except ValueError:
            return None
    else:
        data = field.get_prep_value(value)
        if isinstance(data, str):
            return None  # raw text kept by Wagtail for reverse migrations
    cleaned = sanitise_stream_data(field.stream_block, data)
    return None if cleaned is data else cleaned


def clean_instance(instance):
    """Clean the rich text of `instance` in place (its fields, not its child rows)."""
    for _name, field in stored_fields(type(instance)):
        value = getattr(instance, field.attname, None)
        if isinstance(field, RichTextField):
            clean = sanitised(value, field.features)
            if clean is not value and clean != value:
                setattr(instance, field.attname, clean)
        else:
            cleaned = _sanitise_stream_value(field, value)
            if cleaned is not None:
                setattr(instance, field.attname, cleaned)


def clean_revision_content(model, content):
    """Clean the rich text in revision `content` (a model's serialised fields, child rows
    under their relation names) in place; True when something changed."""
    from modelcluster.models import get_all_child_relations

    changed = False
    for name, field in rich_fields(model):
        value = content.get(name)
        if isinstance(field, RichTextField):
            clean = sanitised(value, field.features)
            if isinstance(value, str) and clean != value:
                content[name] = clean
                changed = True
        else:
            cleaned = _sanitise_stream_value(field, value)
            if cleaned is not None:
                # Revisions hold StreamFields as JSON text (Wagtail's value_to_string).
                content[name] = json.dumps(cleaned) if isinstance(value, str) else cleaned
                changed = True
    for relation in get_all_child_relations(model):
        rows = content.get(relation.get_accessor_name())
        if isinstance(rows, list):
            for row in rows:
                if isinstance(row, dict):
                    changed |= clean_revision_content(relation.related_model, row)
    return changed


def _clean_on_save(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load as they were dumped
        clean_instance(instance)


def _clean_revision(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance.content, dict):
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is not None:
        clean_revision_content(model, instance.content)


def connect():
    """Clean rich text on every save of a model that holds some, and in every revision:
    drafts are previewed by moderators and become the live page on publish."""
    from django.apps import apps

    from wagtail.models import Revision

    for model in apps.get_models():
        if rich_fields(model):
            pre_save.connect(_clean_on_save, sender=model, dispatch_uid="core-sanitise")
    pre_save.connect(_clean_revision, sender=Revision, dispatch_uid="core-sanitise-revision")
