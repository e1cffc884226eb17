"""Admin forms that keep a language translator to their own languages.

A user whose only translation rights come from "Translators (<language>)" groups (see
roles.py) may change those languages' columns and nothing else: any other changed field,
child row changed, added, removed or reordered refuses the whole form, so nothing is saved,
not even a draft. Beside each field they translate, the form shows the English source.

Used by the page forms (core.models.TranslatedPageMixin.base_form_class), the editorial
snippets (EditorialSnippetMixin.base_form_class), the organisation settings and the image
form (images.forms.ImageForm).
"""

import html
import json
from functools import cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext

from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from core.block_definitions import share_block_definitions

from .guard import refusal_message, rich_text_as_stored, stream_text
from .my_languages import keep_read_only, narrow, narrowed_child_class, shown_languages
from .roles import restricted_languages

SOURCE_LENGTH = 300  # characters of the English source shown beside a field
# Formsets of a page form that are not content: translators may comment like everyone.
NOT_CONTENT_FORMSETS = frozenset({"comments"})


def translated_fields(model):
    """The fields of `model` a translator writes, slugs included (registry.py decides)."""
    from . import registry  # not at import time: core.models imports this module

    return registry.form_fields(model)


def allowed_columns(model, languages):
    """The form field names a translator of `languages` may change on `model`'s form."""
    return {
        build_localized_fieldname(field, code)
        for field in translated_fields(model)
        for code in languages
    }


def source_text(value, limit=SOURCE_LENGTH):
    """A field's value as plain text for a hint: rich text without tags, StreamField text."""
    if value is None:
        return ""
    if hasattr(value, "stream_block"):  # a StreamValue
        value = " ".join(str(text) for text in value.stream_block.get_searchable_content(value))
    elif isinstance(value, list):
        value = " ".join(str(item) for item in value)
    text = " ".join(html.unescape(strip_tags(str(value))).split())
    return Truncator(text).chars(limit) if limit else text


def show_sources(form, languages):
    """Give each of `languages`' fields of `form` the English value as help text."""
    model = form._meta.model
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    for field in translated_fields(model):
        source = source_text(
            getattr(form.instance, build_localized_fieldname(field, default), None)
        )
        if not source:
            continue
        for code in languages:
            form_field = form.fields.get(build_localized_fieldname(field, code))
            if form_field is not None:
                form_field.help_text = gettext("English: %(text)s") % {"text": source}


def _comparable(field, value):
    if isinstance(field, BlockField):
        return stream_text(field.block.get_prep_value(value))
    return rich_text_as_stored(field.widget, value)  # plain fields: their text as it is


def really_changed(form):
    """`form.changed_data` without the rich text the editor merely re-encoded."""
    changed = []
    for name in form.changed_data:
        field, bound = form.fields[name], form[name]
        is_rich = isinstance(field, BlockField) or hasattr(field.widget, "converter")
        if is_rich and _comparable(field, bound.initial) == _comparable(field, bound.data):
            continue
        changed.append(name)
    return changed


def refused_changes(form, languages):
    """The names of what `form` (and its child rows) changes outside `languages`' columns."""
    allowed = allowed_columns(form._meta.model, languages)
    refused = [name for name in form.changed_data if name not in allowed]
    if refused:
        refused = [name for name in really_changed(form) if name not in allowed]
    for prefix, formset in getattr(form, "formsets", {}).items():
        if prefix in NOT_CONTENT_FORMSETS:
            continue
        existing = formset.initial_form_count()
        for index, child in enumerate(formset.forms):
            if index >= existing:  # an added row (unless added and removed again)
                if child.has_changed() and "DELETE" not in child.changed_data:
                    refused.append(f"{prefix}-{index}")
                continue
            refused.extend(f"{prefix}-{index}-{name}" for name in refused_changes(child, languages))
    return refused


def describe(form, name):
    """A refused form field for people: "Summary [en]", "Phases 2: Name [en]"."""
    if name in form.fields:
        return str(form.fields[name].label or name)
    for prefix, formset in getattr(form, "formsets", {}).items():
        head = f"{prefix}-"
        if not name.startswith(head):
            continue
        index, _sep, rest = name[len(head) :].partition("-")
        rows = str(formset.model._meta.verbose_name_plural).capitalize()
        if not index.isdigit() or int(index) >= len(formset.forms):
            break
        row = f"{rows} {int(index) + 1}"
        if not rest:
            return gettext("%(row)s (a row added)") % {"row": row}
        return f"{row}: {describe(formset.forms[int(index)], rest)}"
    return name


def _stale_mark(form, field, language, next_url):
    content_type = ContentType.objects.get_for_model(form._meta.model)
    url = reverse(
        "translation_status_confirm", args=[content_type.pk, str(form.instance.pk), field, language]
    )
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return format_html(
        '<span class="translation-stale-mark" data-field="{}" data-language="{}">{}</span> '
        '<a class="translation-stale-confirm" href="{}">{}</a>',
        field,
        language,
        gettext("Stale: the English changed after this translation was written."),
        url,
        gettext("Confirm translation is still correct"),
    )


def mark_stale_fields(form, languages=None):
    """Put a stale mark, with its "still correct" link, in the help text of each stale
    translation of `form` and of its child rows' forms (only `languages`' when given).

    Stale is judged on the saved rows, as in the status report: for pages the live content,
    whose English the marks follow. The lookup is remembered on the edited object, which the
    edit view's stale notes (status_hooks.py) share: one lookup per request."""
    from .stale import remembered_stale  # not at import time: core.models imports this module

    if form.instance.pk is None:
        return
    forms = [form] + [
        child
        for prefix, formset in getattr(form, "formsets", {}).items()
        if prefix not in NOT_CONTENT_FORMSETS
        for child in formset.forms
    ]
    pks = {}
    for each in forms:
        if each.instance.pk is not None:
            pks.setdefault(each._meta.model, []).append(each.instance.pk)
    stale = remembered_stale(form.instance, pks=pks)
    edit_url = cache(lambda: AdminURLFinder().get_edit_url(form.instance))  # once, if needed
    for each in forms:
        found = stale.get(each._meta.model, {}).get(str(each.instance.pk), ())
        for field, language in sorted(found):
            if languages and language not in languages:
                continue
            form_field = each.fields.get(build_localized_fieldname(field, language))
            if form_field is None:
                continue
            mark = _stale_mark(each, field, language, edit_url())
            if form_field.help_text:
                mark = format_html("{}<br>{}", mark, form_field.help_text)
            form_field.help_text = mark


def narrow_to_languages(form, user, translator_languages):
    """Leave out of `form` and its child rows the fields of languages `user` does not work in;
    for a translator, make what they may not change read-only (my_languages.py)."""
    languages = shown_languages(user, creating=form.instance.pk is None)

    def allowed(model):
        return allowed_columns(model, translator_languages) if translator_languages else ()

    editable = translator_languages or None
    narrow(form, languages, editable, allowed(form._meta.model))
    for prefix, formset in getattr(form, "formsets", {}).items():
        if prefix in NOT_CONTENT_FORMSETS:
            continue
        # A translator may not add, move or delete rows: the inline panel offers no buttons
        # for that (templates/wagtailadmin/panels/inline_panel*.html).
        formset.rows_fixed = bool(translator_languages)
        if "forms" in formset.__dict__:  # already built (a cached property)
            for child in formset.forms:
                narrow(child, languages, editable, allowed(child._meta.model))
        formset.form = narrowed_child_class(formset.form, languages, editable, allowed)


def _initial_key(field, value):
    """A field's starting value, comparable between two forms (relations by primary key)."""
    if hasattr(value, "stream_block"):  # a StreamValue
        return json.dumps(value.get_prep_value(), sort_keys=True, ensure_ascii=False)
    if isinstance(value, list | tuple | set):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    return _comparable(field, getattr(value, "pk", value))


class TranslatorFormMixin:
    """For everyone: only the fields of the languages one works in (my_languages.py), labelled
    with the language's name, and each stale translation marked beside its field.
    For a language translator: the English source beside each field, everything else read-only,
    and any other change (a child row added or removed) refused naming the field.

    Changes are judged against what the form started from and, for objects with revisions,
    against their latest revision too: a revert's form starts from an old revision, so its
    English would otherwise go back unnoticed. guard.py enforces the same rule on the write.

    The user comes from `for_user` (Wagtail's model forms) or `user` (collection member forms
    such as the image form)."""

    def __init__(self, *args, **kwargs):
        shadow = kwargs.pop("_against_latest", False)
        user = kwargs.get("for_user") or kwargs.get("user")
        super().__init__(*args, **kwargs)
        self._arguments = (args, kwargs)
        limited = restricted_languages(user)
        self.translator_languages = None if shadow else limited
        if user is not None:  # an admin form, not one built in code
            narrow_to_languages(self, user, limited)
            share_block_definitions(self)
        if self.translator_languages:
            show_sources(self, self.translator_languages)
            for formset in getattr(self, "formsets", {}).values():
                for child in formset.forms:
                    show_sources(child, self.translator_languages)
        if user is not None and not shadow:  # an admin form, not one built in code
            mark_stale_fields(self, self.translator_languages)

    def _update_errors(self, errors):
        """A model's rule may name a field this form leaves out (another language's slug, with
        "my languages"): its message then stands above the form, where Django would fail."""
        if hasattr(errors, "error_dict"):
            placed = {}
            for name, messages in errors.error_dict.items():
                shown = name == NON_FIELD_ERRORS or name in self.fields
                placed.setdefault(name if shown else NON_FIELD_ERRORS, []).extend(messages)
            errors = ValidationError(placed)
        super()._update_errors(errors)

    def _against_latest(self):
        """The same post in a form started from the object's latest revision (or None)."""
        instance = self.instance
        if not self.is_bound or instance.pk is None or not hasattr(instance, "latest_revision"):
            return None
        latest = instance.get_latest_revision_as_object()
        args, kwargs = self._arguments
        return type(self)(*args, **{**kwargs, "instance": latest, "_against_latest": True})

    def clean(self):
        cleaned_data = super().clean()
        keep_read_only(self)
        languages = self.translator_languages
        if not languages:
            return cleaned_data
        refused = refused_changes(self, languages)
        latest = self._against_latest()
        if latest is not None:
            refused += [name for name in refused_changes(latest, languages) if name not in refused]
            # A read-only field keeps what the form started from: a revert's old English.
            refused += [
                name
                for name, field in self.fields.items()
                if field.disabled
                and name in latest.fields
                and name not in refused
                and _initial_key(field, self[name].initial)
                != _initial_key(latest.fields[name], latest[name].initial)
            ]
        if refused:
            for name in refused:
                if name in self.fields and name in (cleaned_data or {}):
                    self.add_error(name, gettext("Not in your languages: leave it as it is."))
            raise ValidationError(
                refusal_message(languages, [describe(self, name) for name in refused]),
                code="other_language",
            )
        return cleaned_data


class TranslatorPageForm(TranslatorFormMixin, WagtailAdminPageForm):
    """The base form of every page type (wagtail-modeltranslation subclasses it)."""


class TranslatorModelForm(TranslatorFormMixin, WagtailAdminModelForm):
    """The base form of snippets and settings."""
