"""Stale translations: the English changed after the translation was written or confirmed.

A `TranslationMark` holds the digest of the English a translation was written against.
Marks follow the saved rows (for pages: the live row, written on publish; a draft
revision writes no content and changes no mark):

* a translation that is new or changed in a save is marked with the current English;
* when only the English changes, the marks stay, so they no longer match: stale;
* a translation that has no mark yet (written before this feature) counts as up to date.
  On its first save it is marked with the English as it was *before* that save, so an
  English change made in that same save still shows it as stale. Nothing needs to run
  on existing content, and the seed (English and Russian) is never stale.

stale ⇔ translation non-empty AND mark exists AND mark.source_digest ≠ digest(English now).
"""

import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_save

from wagtail.fields import StreamField

from . import registry
from .models import TranslationMark

_PREVIOUS = "_translation_previous_values"


def normalise(model, column, value):
    """The text a digest is taken of: stripped text, the stored HTML of rich text, or the
    stored JSON of a StreamField; "" when empty."""
    if value is None:
        return ""
    field = model._meta.get_field(column)
    if isinstance(field, StreamField):
        prepared = field.get_prep_value(value)
        if isinstance(prepared, str):
            prepared = json.loads(prepared or "[]")
        return json.dumps(prepared, sort_keys=True, ensure_ascii=False) if prepared else ""
    return str(value).replace("\r\n", "\n").strip()


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _written_fields(entry, update_fields):
    if update_fields is None:
        return list(entry.fields)
    written = set(update_fields)
    return [
        field
        for field in entry.fields
        if field in written or written.intersection(entry.columns(field).values())
    ]


def _texts(entry, fields, read):
    """{(field, language): normalised text} for every language, default included."""
    return {
        (field, language): normalise(entry.model, column, read(column))
        for field in fields
        for language, column in entry.columns(field).items()
    }


def remember_previous_values(sender, instance, raw=False, update_fields=None, **kwargs):
    entry = registry.for_model(sender)
    if entry is None or raw or instance.pk is None:
        return
    fields = _written_fields(entry, update_fields)
    if not fields:
        return
    columns = [column for field in fields for column in entry.columns(field).values()]
    row = sender._base_manager.filter(pk=instance.pk).values(*columns).first()
    if row is not None:
        setattr(instance, _PREVIOUS, _texts(entry, fields, row.get))


def update_marks(sender, instance, raw=False, update_fields=None, **kwargs):
    entry = registry.for_model(sender)
    previous = instance.__dict__.pop(_PREVIOUS, {})
    if entry is None or raw:
        return
    fields = _written_fields(entry, update_fields)
    if not fields:
        return
    now = _texts(entry, fields, lambda column: getattr(instance, column))
    content_type = ContentType.objects.get_for_model(sender)
    marks = {
        (mark.field, mark.language): mark
        for mark in TranslationMark.objects.filter(
            content_type=content_type, object_id=str(instance.pk), field__in=fields
        )
    }
    default = registry.default_language()
    new, changed = [], []
    for field in fields:
        english = digest(now[field, default])
        for language in registry.target_languages():
            text = now[field, language]
            if not text:
                continue
            translation_changed = previous.get((field, language)) != text
            mark = marks.get((field, language))
            if mark is None:
                # Unchanged but unmarked: it was written against the English before this save.
                before = previous.get((field, default), now[field, default])
                source = english if translation_changed else digest(before)
                new.append(
                    TranslationMark(
                        content_type=content_type,
                        object_id=str(instance.pk),
                        field=field,
                        language=language,
                        source_digest=source,
                    )
                )
            elif translation_changed and mark.source_digest != english:
                mark.source_digest = english
                mark.confirmed_by = None
                changed.append(mark)
    if new:
        TranslationMark.objects.bulk_create(new, ignore_conflicts=True)
    for mark in changed:
        mark.save(update_fields=["source_digest", "confirmed_by", "updated_at"])


def connect_signals():
    """Called from `ready()`; the registry itself is built lazily on the first save, once
    every app (and its snippet registrations) is loaded."""
    for model in registry.registered_models():
        uid = f"translations-marks-{model._meta.label}"
        pre_save.connect(remember_previous_values, sender=model, dispatch_uid=uid)
        post_save.connect(update_marks, sender=model, dispatch_uid=uid)


def confirm(instance, field, language, user=None):
    """Record that the translation of `field` in `language` still matches the English."""
    entry = registry.for_model(type(instance))
    english = normalise(
        entry.model,
        entry.column(field, registry.default_language()),
        getattr(instance, entry.column(field, registry.default_language())),
    )
    TranslationMark.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(entry.model),
        object_id=str(instance.pk),
        field=field,
        language=language,
        defaults={"source_digest": digest(english), "confirmed_by": user},
    )


def stale_by_pk(model, pks):
    """{str(pk): {(field, language)}} of the stale translations of `model`'s saved rows `pks`
    (for pages: the live content). Two queries, whatever the number of rows and fields."""
    entry = registry.for_model(model)
    pks = [pk for pk in pks if pk is not None]
    if entry is None or not pks:
        return {}
    columns = sorted({c for field in entry.fields for c in entry.columns(field).values()})
    rows = {
        str(row["pk"]): row
        for row in entry.model._base_manager.filter(pk__in=pks).values("pk", *columns)
    }
    marks = TranslationMark.objects.filter(
        content_type=ContentType.objects.get_for_model(entry.model),
        object_id__in=list(rows),
        field__in=entry.fields,
    ).values_list("object_id", "field", "language", "source_digest")
    default = registry.default_language()
    found = {}
    for object_id, field, language, source in marks:
        row = rows[object_id]
        column = entry.columns(field).get(language)
        if column is None or not normalise(entry.model, column, row[column]):
            continue
        english_column = entry.column(field, default)
        if source != digest(normalise(entry.model, english_column, row[english_column])):
            found.setdefault(object_id, set()).add((field, language))
    return found


def stale_fields(instance):
    """[(field, language)] of this object's stale translations, from its saved row."""
    return sorted(stale_by_pk(type(instance), [instance.pk]).get(str(instance.pk), ()))


def is_stale(instance, field, language):
    """Whether one field's translation is stale; used by the PO export to mark it fuzzy.

    The object's stale fields are looked up once and kept on the instance, so an export
    asks the database once per object, not once per field.
    """
    cached = getattr(instance, "_stale_fields_cache", None)
    if cached is None:
        cached = set(stale_fields(instance))
        instance._stale_fields_cache = cached
    return (field, language) in cached
