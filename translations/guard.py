"""Who may change what, enforced where writes land.

The admin forms (forms_translator.py) refuse a language translator's change early and show the
form again; this module is the rule itself, applied to every write whatever its road:

- every revision saved for a page or a snippet (edit, revert, copy, bulk actions, PO/XLIFF
  import, commands, the shell) is compared with the object's *latest* content (its latest
  revision, else its row), never with what a form started from;
- every save of a translated model without revisions (site settings, images) made on behalf of
  a known user (the admin request's user, or the user an import or command runs as) is
  compared with the row in the database.

A user limited to some languages (roles.restricted_languages) may change those languages'
columns of translatable fields and nothing else: not English, not another language, no shared
field, no child row added, removed or reordered. A write that breaks the rule raises
TranslationRuleError naming the fields, before anything is stored.
"""

import json
import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.signals import pre_save
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from modelcluster.models import get_all_child_relations
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Revision, RevisionMixin

from core.acting_user import acting_as, acting_user  # noqa: F401 (acting_as: for callers)

from .roles import restricted_languages

# What Wagtail itself writes into a revision or a row: never the translator's change.
MANAGED = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "draft_title",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "expired",
        "owner",
        "locked",
        "locked_at",
        "locked_by",
        "content_type",
        "translation_key",
        "locale",
        "alias_of",
        "created_at",
        "uploaded_by_user",
        "file_size",
        "file_hash",
    }
)
# Child relations that are not content: translators comment like everyone.
NOT_CONTENT = frozenset({"wagtail_admin_comments", "comments"})
# The rich text editor gives each paragraph a fresh key: a re-posted text is not a change.
BLOCK_KEY = re.compile(r'\sdata-block-key=\\?"[^"\\]*\\?"')


class TranslationRuleError(PermissionDenied):
    """A write that changes what the user may not change; `fields` names each one."""

    def __init__(self, languages, fields):
        self.languages = languages
        self.fields = fields
        super().__init__(refusal_message(languages, fields))


def languages_message(languages):
    names = dict(settings.LANGUAGES)
    return ngettext(
        "You may only change the %(languages)s translation.",
        "You may only change the %(languages)s translations.",
        len(languages),
    ) % {"languages": ", ".join(names[code] for code in languages)}


def refusal_message(languages, fields):
    message = languages_message(languages)
    if fields:
        message += " " + gettext("Not allowed for you: %(fields)s.") % {"fields": "; ".join(fields)}
    return message


# --- comparing content -------------------------------------------------------------------


def _translated_fields(model):
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except Exception:  # noqa: BLE001 - modeltranslation raises NotRegistered (no common base)
        return set()


def rich_text_as_stored(widget, value):
    """Rich text as the admin's editor `widget` would store it (a Draftail round trip),
    without its paragraph keys, which the editor makes anew on every post."""
    if hasattr(widget, "converter"):
        value = widget.value_from_datadict({"v": widget.format_value(value)}, {}, "v")
    return BLOCK_KEY.sub("", str(value or ""))


def stream_text(data):
    """A StreamField's raw data as comparable text, without the rich text's paragraph keys."""
    return BLOCK_KEY.sub("", json.dumps(data or [], sort_keys=True, ensure_ascii=False))


def _rich_text_canonical(field, value):
    from wagtail.admin.rich_text import get_rich_text_editor_widget

    return rich_text_as_stored(get_rich_text_editor_widget(features=field.features), value)


def _stream_canonical(value):
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return BLOCK_KEY.sub("", value)
    return stream_text(value)


def _canonical(field, value):
    if value in (None, "", "[]", []):
        return None
    if isinstance(field, StreamField):
        canonical = _stream_canonical(value)
        return None if canonical == "[]" else canonical
    if isinstance(field, RichTextField):
        return _rich_text_canonical(field, value) or None
    return value


def _label(model, name, prefix=""):
    """ "Summary — English" for summary_en, as the admin labels it; "Phases 2: …" inside a
    child row."""
    from .my_languages import language_label, translated_columns

    column = translated_columns(model).get(name)
    if column is not None:
        return f"{prefix}{language_label(model, *column)}"
    try:
        label = capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        label = name
    return f"{prefix}{label}"


def refused_fields(model, before, after, languages, prefix=""):
    """The fields of `after` (serialised content of `model`) that differ from `before` outside
    `languages`' columns, as labels for people."""
    translated = _translated_fields(model)
    allowed = {build_localized_fieldname(field, code) for field in translated for code in languages}
    relations = {
        relation.get_accessor_name(): relation.related_model
        for relation in get_all_child_relations(model)
    }
    refused = []
    for key in sorted(set(before) | set(after)):
        if key in MANAGED or key.startswith("url_path") or key in NOT_CONTENT:
            continue
        if key in translated:  # the base column mirrors the active language's column
            continue
        if key in relations:
            refused += _refused_rows(
                relations[key], key, before.get(key) or [], after.get(key) or [], languages, prefix
            )
            continue
        if key in allowed:
            continue
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            continue  # not a field of the model (any longer): nothing a person changed
        if _canonical(field, before.get(key)) != _canonical(field, after.get(key)):
            refused.append(_label(model, key, prefix))
    return refused


def _refused_rows(model, relation, before, after, languages, prefix):
    """Child rows are matched by id: none may be added or removed, and each keeps its place
    (a place never set before, as in rows made by code, is Wagtail's to fill in)."""
    label = f"{prefix}{capfirst(model._meta.verbose_name_plural)}"
    old_rows = {row.get("pk"): row for row in before}
    new_rows = {row.get("pk"): row for row in after}
    if None in new_rows or set(old_rows) != set(new_rows) or len(after) != len(before):
        return [gettext("%(rows)s: rows added or removed") % {"rows": label}]
    refused = []
    for number, row in enumerate(before, start=1):
        old, new = row, new_rows[row.get("pk")]
        if old.get("sort_order") is None:
            new = {**new, "sort_order": None}
        refused += refused_fields(model, old, new, languages, prefix=f"{label} {number}: ")
    return refused


# --- where writes land -------------------------------------------------------------------


def latest_content(revision):
    """What `revision` (not yet saved) replaces: the object's latest revision's content, else
    its row serialised; None for an object that does not exist yet."""
    previous = (
        Revision.objects.filter(
            base_content_type_id=revision.base_content_type_id, object_id=revision.object_id
        )
        .order_by("-created_at", "-id")
        .only("content")
        .first()
    )
    if previous is not None:
        return previous.content
    model = revision.content_type.model_class()
    obj = model._default_manager.filter(pk=revision.object_id).first()
    return obj.serializable_data() if obj is not None else None


def check_revision(revision):
    """Raise TranslationRuleError if the user saving `revision` may not make its changes."""
    user = revision.user or acting_user()
    languages = restricted_languages(user)
    if not languages:
        return
    before = latest_content(revision)
    if before is None:
        raise TranslationRuleError(languages, [gettext("a new item")])
    model = revision.content_type.model_class()
    refused = refused_fields(model, _as_stored(before), _as_stored(revision.content), languages)
    if refused:
        raise TranslationRuleError(languages, refused)


def check_row(instance):
    """Raise TranslationRuleError if the acting user may not make the changes of `instance`
    (a translated model without revisions) to its row."""
    languages = restricted_languages(acting_user())
    if not languages:
        return
    model = type(instance)
    stored = model._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    if stored is None:
        raise TranslationRuleError(languages, [gettext("a new item")])
    before, after = _row_data(stored), _row_data(instance)
    refused = refused_fields(model, before, after, languages)
    if refused:
        raise TranslationRuleError(languages, refused)


def _as_stored(content):
    """Content as the revision's JSON column keeps it (Decimal and dates as strings)."""
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


def _row_data(obj):
    return {field.attname: field.value_from_object(obj) for field in obj._meta.concrete_fields}


def _revision_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance._state.adding:
        check_revision(instance)


def _row_saved(sender, instance, raw=False, **kwargs):
    if raw or acting_user() is None or isinstance(instance, RevisionMixin):
        return
    if _translated_fields(sender):
        check_row(instance)


def connect():
    pre_save.connect(_revision_saved, sender=Revision, dispatch_uid="translation_guard_revision")
    pre_save.connect(_row_saved, dispatch_uid="translation_guard_row")
