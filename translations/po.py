"""Content as PO files for translation agencies: the entries of an export, and the file format.
Which fields are translatable is registry.py's to say; xliff.py writes the same entries.

One PO entry per translatable field whose English is not empty, and for rich text and
StreamFields one per segment (paragraph or text block, see segments.py). The entry's msgctxt
says where the text lives, in a form `parse_context` reads back:

    <app.model>:<pk>:<field>                                a page, snippet, setting or image
    <app.model>:<pk>:<row app.model>:<row pk>:<field>       a child row (InlinePanel) of it
    …:<field>:<block id>[:<child>…]:p<n>                    a segment of rich text or blocks

Pages use the page id and their specific model. msgid is the English, msgstr the translation in
the file's language ("" when there is none); inline markup is numbered placeholders (`<1>…</1>`,
`<2/>`). Pages and snippets with revisions are read from their latest revision, since that is
what an import writes to. Files written before segments (a field's whole HTML or JSON under the
field's address) still import.
"""

import json
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation
from django.utils.text import capfirst

from modelcluster.models import get_all_child_relations
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, RevisionMixin

import polib

from . import registry
from .segments import Rebuild

GENERATOR = "ICLEI portal translations.po"


def default_language():
    return settings.LANGUAGE_CODE


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def same_language(a, b):
    """True when two spellings name one language ("zh_Hans", "zh-hans")."""
    return (a or "").strip().lower().replace("_", "-") == (b or "").strip().lower().replace(
        "_", "-"
    )


# --- what is translatable: registry.py decides ----------------------------------------


def translatable_fields(model):
    """The fields a file may carry for `model`, slugs included (see registry.py)."""
    return list(registry.exchange_fields(model))


def is_registered(model):
    return registry.for_model(model) is not None


def child_relations(model):
    """Child relations (ParentalKey rows edited inside the item) with translated fields."""
    children = set(registry.child_models())
    return [rel for rel in get_all_child_relations(model) if rel.related_model in children]


def standalone_models():
    """Registered non-page models that are items of their own: snippets, settings, images."""
    return sorted(registry.standalone_models(), key=lambda m: m._meta.label_lower)


def model_key(model):
    return model._meta.label_lower


def item_key(obj):
    return f"{model_key(type(obj))}:{obj.pk}"


# --- values as text -------------------------------------------------------------------


def field_text(obj, name, language):
    """The stored value of `name` in `language` as PO text ("" when empty)."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, build_localized_fieldname(name, language), None)
    if isinstance(model_field, StreamField):
        if value is None or value == "":
            return ""
        stream_value = model_field.to_python(value)
        if not len(stream_value):
            return ""
        data = model_field.stream_block.get_prep_value(stream_value)
        return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    if value is None:
        return ""
    return str(value)


def is_segmented(model, name):
    """Whether a field is exchanged as segments: rich text and StreamFields."""
    return isinstance(model._meta.get_field(name), RichTextField | StreamField)


def raw_value(obj, name, language):
    """What segments are cut from: the stored HTML of rich text, a StreamField's JSON list."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, build_localized_fieldname(name, language), None)
    if isinstance(model_field, StreamField):
        if value is None or value == "":
            return []
        data = model_field.stream_block.get_prep_value(model_field.to_python(value))
        return json.loads(data) if isinstance(data, str) else list(data)
    return value or ""


def field_segments(obj, name, language, translations=None, label="", address=""):
    """(Rebuild, value) for field `name` of `obj`: its English walked beside the translation
    in `language`, with `translations` ({path: segments.Translated}) put in. The value is the
    HTML or the StreamField's JSON list; it has meaning when `Rebuild.changed`. `address`
    (the field's msgctxt) names segments in messages."""
    rebuild = Rebuild(translations, address)
    english = raw_value(obj, name, default_language())
    current = raw_value(obj, name, language)
    model_field = obj._meta.get_field(name)
    if isinstance(model_field, StreamField):
        value = rebuild.stream(model_field.stream_block, english, current, (), label)
    else:
        value = rebuild.rich(english, current, (), label)
    return rebuild, value


def working_object(obj):
    """What a translator works on: the latest revision for pages and snippets with revisions."""
    if isinstance(obj, RevisionMixin):
        obj = obj.get_latest_revision_as_object()
    for rel in child_relations(type(obj)):
        # Rows missing from the revision come from the database on every access; hold them in
        # memory so that edits to them stay on this object and go into its next revision.
        name = rel.get_accessor_name()
        setattr(obj, name, list(getattr(obj, name).all()))
    return obj


def find_row(obj, row_model, row_pk):
    """The child row `row_model`/`row_pk` of `obj` (as in its latest revision), or None."""
    for rel in child_relations(type(obj)):
        if rel.related_model is not row_model:
            continue
        for row in getattr(obj, rel.get_accessor_name()).all():
            if str(row.pk) == str(row_pk):
                return row
    return None


# --- msgctxt --------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    model: str
    pk: str
    field: str
    row_model: str = ""
    row_pk: str = ""
    path: tuple = ()  # a segment's place in the field (segments.py); () for the whole field

    def __str__(self):
        if self.row_model:
            text = f"{self.model}:{self.pk}:{self.row_model}:{self.row_pk}:{self.field}"
        else:
            text = f"{self.model}:{self.pk}:{self.field}"
        return ":".join((text, *self.path))


def parse_context(text):
    """A Context from a msgctxt, or None when it is not one. A row's model is told from a
    field name by its dot ("app.model")."""
    parts = (text or "").split(":")
    if len(parts) < 3 or not all(parts):
        return None
    if "." not in parts[2]:
        return Context(model=parts[0], pk=parts[1], field=parts[2], path=tuple(parts[3:]))
    if len(parts) < 5:
        return None
    return Context(
        model=parts[0],
        pk=parts[1],
        row_model=parts[2],
        row_pk=parts[3],
        field=parts[4],
        path=tuple(parts[5:]),
    )


def resolve_model(label):
    """The registered model for "app.model", or None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if is_registered(model) else None


# --- export ---------------------------------------------------------------------------


@dataclass
class ExportEntry:
    context: Context
    english: str
    translation: str
    label: str
    url: str
    fuzzy: bool = False
    flags: list = field(default_factory=list)


def _stale_checker():
    """translations.stale.is_stale(obj, field, language) when that feature exists."""
    try:
        from translations import stale  # optional: the stale marks are another feature

        return stale.is_stale
    except (ImportError, AttributeError):
        return None


def item_label(obj):
    if isinstance(obj, Page):
        return getattr(obj, build_localized_fieldname("title", default_language())) or obj.title
    return str(obj)


def _field_label(model, name):
    return capfirst(str(model._meta.get_field(name).verbose_name))


def item_entries(item, language, url_finder=None):
    """Export entries of one item (a live page, snippet, setting or image) and its child rows."""
    url_finder = url_finder or AdminURLFinder()
    is_stale = _stale_checker()
    english = default_language()
    url = url_finder.get_edit_url(item) or ""
    obj = working_object(item)
    with translation.override(english):
        label = item_label(obj)
        model_name = capfirst(str(type(obj)._meta.verbose_name))

        def entries_for(target, context_for, prefix):
            for name in translatable_fields(type(target)):
                if is_segmented(type(target), name):
                    yield from segment_entries(target, name, context_for(name), prefix)
                    continue
                source = field_text(target, name, english)
                if not source:
                    continue
                fuzzy = False
                current = field_text(target, name, language)
                if current and is_stale is not None:
                    fuzzy = bool(is_stale(target, name, language))
                yield ExportEntry(
                    context=context_for(name),
                    english=source,
                    translation=current,
                    label=f"{prefix} — {_field_label(type(target), name)}",
                    url=url,
                    fuzzy=fuzzy,
                )

        def segment_entries(target, name, context, prefix):
            rebuild, _value = field_segments(target, name, language)
            stale = None
            for segment in rebuild.segments:
                if segment.translation and stale is None:
                    stale = bool(is_stale and is_stale(target, name, language))
                yield ExportEntry(
                    context=replace(context, path=segment.path),
                    english=segment.source,
                    translation=segment.translation,
                    label=f"{prefix} — {_field_label(type(target), name)} › {segment.label}",
                    url=url,
                    fuzzy=bool(segment.translation and stale),
                )

        key_model, key_pk = model_key(type(item)), str(item.pk)
        yield from entries_for(
            obj, lambda name: Context(key_model, key_pk, name), f"{model_name} “{label}”"
        )
        for rel in child_relations(type(obj)):
            row_model = rel.related_model
            row_name = capfirst(str(row_model._meta.verbose_name))
            for row in getattr(obj, rel.get_accessor_name()).all():
                if row.pk is None:  # added in a draft, not saved as a row yet: no address
                    continue
                yield from entries_for(
                    row,
                    lambda name, row=row, row_model=row_model: Context(
                        key_model, key_pk, name, model_key(row_model), str(row.pk)
                    ),
                    f"{model_name} “{label}” › {row_name} {row.pk}",
                )


def export_items(page=None, snippet=None):
    """The items of an export: one page, one snippet, or every page and standalone object."""
    if page is not None:
        return [page.specific]
    if snippet is not None:
        return [snippet]
    items = list(Page.objects.filter(depth__gt=1).order_by("path").specific())
    for model in standalone_models():
        items.extend(model._default_manager.order_by("pk"))
    return items


def build_po(language, items, progress=None):
    """A polib.POFile for `language` with an entry per non-empty English field of `items`.

    `progress(done, total)` is called after each item when given.
    """
    po = polib.POFile(wrapwidth=0)
    now = timezone.now().strftime("%Y-%m-%d %H:%M%z")
    po.header = (
        "Content of the ICLEI portal for translation.\n"
        "msgctxt: <app.model>:<id>:<field> or <app.model>:<id>:<row app.model>:<row id>:<field>,\n"
        "then for rich text and blocks the segment: <block id>…:p<paragraph>.\n"
        "<1>…</1> and <2/> stand for markup (bold, links, line breaks): keep them around the\n"
        "words they belong to; they cannot be added.\n"
        "Leave msgstr empty to keep the current translation; fuzzy = the English changed."
    )
    po.metadata = {
        "Project-Id-Version": "ICLEI portal content",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Language": translation.to_locale(language),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
        "X-Generator": GENERATOR,
    }
    url_finder = AdminURLFinder()
    total = len(items)
    for done, item in enumerate(items, start=1):
        for entry in item_entries(item, language, url_finder):
            po.append(
                polib.POEntry(
                    msgctxt=str(entry.context),
                    msgid=entry.english,
                    msgstr=entry.translation,
                    comment=entry.label,
                    occurrences=[(entry.url, "")] if entry.url else [],
                    flags=["fuzzy"] if entry.fuzzy else [],
                )
            )
        if progress is not None:
            progress(done, total)
    return po


def po_text(po):
    return str(po) + "\n"


def lookup_models():
    """Models by label, for the command's --snippet option."""
    return {model_key(m): m for m in standalone_models()}
