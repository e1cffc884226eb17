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

Cost: a lookup (`stale_by_model`) is one `values()` query per model and one for all the
marks; an admin edit view looks up once per request (`remembered_stale`), and a page's
publish reads its child rows' previous values and marks with the page's own.
"""

import hashlib
import json
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.signals import post_save, pre_save

from wagtail.fields import StreamField

from . import registry
from .models import TranslationMark

_PREVIOUS = "_translation_previous_values"
_MEMO = "_translation_stale_memo"  # remembered_stale()
_PREFETCHED = "_translation_prefetched"  # a child row's state, read with its page's save


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


def is_empty(model, column, value):
    """Whether `normalise` would give "", without serialising a non-empty StreamField."""
    if value is None:
        return True
    if not isinstance(value, str) and isinstance(model._meta.get_field(column), StreamField):
        if len(value):
            return False
    return not normalise(model, column, value)


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


def _rows_committed_with(instance, update_fields):
    """{entry: [row]}: the saved child rows (registered ones) that a page's full save is
    about to write again: modelcluster saves the child rows it holds right after the page's
    own row, so their previous values and marks can be read with the page's, in one query
    per child model and one for all the marks instead of two queries per row."""
    pending = getattr(instance, "_cluster_related_objects", None)
    if update_fields is not None or not pending:
        return {}
    found = {}
    for child in registry.children_of(type(instance)):
        relation = child.model._meta.get_field(child.parent_field).remote_field
        rows = [row for row in pending.get(relation.get_accessor_name(), ()) if row.pk is not None]
        if rows:
            found[child] = rows
    return found


def _read_previous(entry, fields, pks):
    """{str(pk): previous texts} of the saved rows `pks` of `entry`'s model."""
    columns = [column for field in fields for column in entry.columns(field).values()]
    return {
        str(row["pk"]): _texts(entry, fields, row.get)
        for row in entry.model._base_manager.filter(pk__in=pks).values("pk", *columns)
    }


def remember_previous_values(sender, instance, raw=False, update_fields=None, **kwargs):
    instance.__dict__.pop(_MEMO, None)
    entry = registry.for_model(sender)
    if entry is None or raw or instance.pk is None:
        return
    prefetched = instance.__dict__.get(_PREFETCHED)
    if prefetched is not None and "previous" in prefetched and update_fields is None:
        previous = prefetched.pop("previous")  # read with its page, just before
        if previous is not None:
            setattr(instance, _PREVIOUS, previous)
        return
    fields = _written_fields(entry, update_fields)
    if not fields:
        return
    previous = _read_previous(entry, fields, [instance.pk]).get(str(instance.pk))
    if previous is not None:
        setattr(instance, _PREVIOUS, previous)
    for child, rows in _rows_committed_with(instance, update_fields).items():
        found = _read_previous(child, child.fields, [row.pk for row in rows])
        for row in rows:
            row.__dict__[_PREFETCHED] = {"previous": found.get(str(row.pk))}


def update_marks(sender, instance, raw=False, update_fields=None, **kwargs):
    instance.__dict__.pop(_MEMO, None)
    entry = registry.for_model(sender)
    previous = instance.__dict__.pop(_PREVIOUS, {})
    prefetched = instance.__dict__.pop(_PREFETCHED, None) or {}
    if entry is None or raw:
        return
    fields = _written_fields(entry, update_fields)
    if not fields:
        return
    marks = prefetched.get("marks") if update_fields is None else None
    if marks is None:
        children = _rows_committed_with(instance, update_fields)
        wanted = {entry.model: [str(instance.pk)]}
        for child, rows in children.items():
            wanted.setdefault(child.model, []).extend(str(row.pk) for row in rows)
        found = _fetch_marks(wanted)
        marks = found[entry.model, str(instance.pk)]
        for child, rows in children.items():
            for row in rows:
                row.__dict__.setdefault(_PREFETCHED, {})["marks"] = found[child.model, str(row.pk)]
    _update_marks(entry, instance, fields, previous, marks)


def _update_marks(entry, instance, fields, previous, marks):
    """Mark the translations of `fields` that this save wrote (see the module docstring);
    `marks` are the row's current marks, {(field, language): mark}."""
    now = _texts(entry, fields, partial(getattr, instance))
    content_type = ContentType.objects.get_for_model(entry.model)
    default = registry.default_language()
    new, changed = [], []
    for field in fields:
        english = before = None  # digests, taken when needed
        for language in registry.target_languages():
            text = now[field, language]
            if not text:
                continue
            english = english or digest(now[field, default])
            translation_changed = previous.get((field, language)) != text
            mark = marks.get((field, language))
            if mark is None:
                # Unchanged but unmarked: it was written against the English before this save.
                if translation_changed:
                    source = english
                else:
                    before = before or digest(previous.get((field, default), now[field, default]))
                    source = before
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
    instance.__dict__.pop(_MEMO, None)
    TranslationMark.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(entry.model),
        object_id=str(instance.pk),
        field=field,
        language=language,
        defaults={"source_digest": digest(english), "confirmed_by": user},
    )


def _fetch_marks(wanted, digests_only=False):
    """{(model, str(pk)): {(field, language): mark}} of the rows `wanted` ({model: [str(pk)]}),
    every registered field, in one query for all the models; with `digests_only`, each mark
    is just its source digest (for reading, not updating)."""
    content_types = ContentType.objects.get_for_models(*wanted)
    by_content_type = {content_types[model].pk: model for model in wanted}
    condition = Q()
    for model, pks in wanted.items():
        if pks:
            condition |= Q(
                content_type=content_types[model],
                object_id__in=pks,
                field__in=registry.for_model(model).fields,
            )
    found = {(model, pk): {} for model, pks in wanted.items() for pk in pks}
    if not condition:
        return found
    marks = TranslationMark.objects.filter(condition)
    if digests_only:
        columns = ("content_type_id", "object_id", "field", "language", "source_digest")
        for content_type_id, object_id, field, language, source in marks.values_list(*columns):
            found[by_content_type[content_type_id], object_id][field, language] = source
    else:
        for mark in marks:
            found[by_content_type[mark.content_type_id], mark.object_id][
                mark.field, mark.language
            ] = mark
    return found


def _stale_in(entry, read, marks):
    """The stale {(field, language)} of one saved row: `read(column)` gives its stored values,
    `marks` are its {(field, language): source digest}. The English digest is taken once per
    field, and a translation is only tested for being empty."""
    default = registry.default_language()
    english, stale = {}, set()
    for (field, language), source in marks.items():
        column = entry.columns(field).get(language)
        if column is None or is_empty(entry.model, column, read(column)):
            continue
        if field not in english:
            english_column = entry.column(field, default)
            english[field] = digest(normalise(entry.model, english_column, read(english_column)))
        if source != english[field]:
            stale.add((field, language))
    return stale


def stale_by_model(pks=None, saved=None):
    """{model: {str(pk): {(field, language)}}} of the stale translations of saved rows, for
    pages their live content: the rows `pks` ({model: [pk]}), read with one `values()` query
    per model, and the instances `saved` ({model: [instance]}), which must have been read
    from the database (their values are used as they are). One query for all the marks."""
    rows = {}
    for model, instances in (saved or {}).items():
        if registry.for_model(model) is not None:
            rows.setdefault(model, {}).update(
                (str(instance.pk), partial(getattr, instance)) for instance in instances
            )
    for model, model_pks in (pks or {}).items():
        entry = registry.for_model(model)
        model_pks = [pk for pk in model_pks if pk is not None]
        if entry is None or not model_pks:
            continue
        columns = sorted({c for field in entry.fields for c in entry.columns(field).values()})
        rows.setdefault(model, {}).update(
            (str(row["pk"]), row.get)
            for row in entry.model._base_manager.filter(pk__in=model_pks).values("pk", *columns)
        )
    marks = _fetch_marks(
        {model: list(model_rows) for model, model_rows in rows.items()}, digests_only=True
    )
    result = {}
    for model, model_rows in rows.items():
        entry = registry.for_model(model)
        found = result.setdefault(model, {})
        for pk, read in model_rows.items():
            stale = _stale_in(entry, read, marks[model, pk]) if marks[model, pk] else None
            if stale:
                found[pk] = stale
    return result


def stale_by_pk(model, pks):
    """{str(pk): {(field, language)}} of the stale translations of `model`'s saved rows `pks`
    (for pages: the live content). Two queries, whatever the number of rows and fields."""
    return stale_by_model(pks={model: pks}).get(model, {})


def _asked(pks, saved):
    """(model, pk) of each row named in `stale_by_model`'s arguments."""
    for model, model_pks in (pks or {}).items():
        yield from ((model, pk) for pk in model_pks if pk is not None)
    for model, instances in (saved or {}).items():
        yield from ((model, instance.pk) for instance in instances if instance.pk is not None)


def remembered_stale(owner, pks=None, saved=None):
    """`stale_by_model`, remembered on `owner` for the rows it was asked about: an admin edit
    view and its form share the object they edit, so the stale notes at the top of the page
    and the marks beside the fields (page and child rows) cost one lookup per request.

    The memory goes when `owner` is saved (see the signal handlers) or confirmed."""
    memo = owner.__dict__.setdefault(_MEMO, {})
    new_pks = {
        model: [pk for pk in model_pks if pk is not None and (model, str(pk)) not in memo]
        for model, model_pks in (pks or {}).items()
    }
    new_saved = {
        model: [row for row in rows if row.pk is not None and (model, str(row.pk)) not in memo]
        for model, rows in (saved or {}).items()
    }
    if any(new_pks.values()) or any(new_saved.values()):
        found = stale_by_model(pks=new_pks, saved=new_saved)
        for model, pk in _asked(new_pks, new_saved):
            memo[model, str(pk)] = found.get(model, {}).get(str(pk), set())
    result = {}
    for model, pk in _asked(pks, saved):
        if memo[model, str(pk)]:
            result.setdefault(model, {})[str(pk)] = memo[model, str(pk)]
    return result


def stale_fields(instance):
    """[(field, language)] of this object's stale translations, from its saved row."""
    model = type(instance)
    stale = remembered_stale(instance, pks={model: [instance.pk]})
    return sorted(stale.get(model, {}).get(str(instance.pk), ()))


def is_stale(instance, field, language):
    """Whether one field's translation is stale; used by the PO export to mark it fuzzy.

    The object's stale fields are looked up once and kept on the instance, so an export
    asks the database once per object, not once per field.
    """
    return (field, language) in stale_fields(instance)
