""" "My languages": the admin's edit forms hold only the fields of the languages one works in.

Every staff member has a setting (LanguagePreference, on the account page): the languages they
work in. By default a language translator works in their own languages with English as the
source, everyone else in every language. The edit forms of pages, snippets, settings and images
(forms_translator.TranslatorFormMixin) leave out the other languages' fields altogether, so the
page is short and small; a field left out of a form keeps its saved value. `?languages=all` on
an edit view shows every language for that request.

The filtering is done on the server, and not by hiding panels in the browser as
wagtail-modeltranslation's language toggles do (switched off in settings): a hidden panel's
fields were still sent, and the toggles hid whole groups of fields by their first label.

For a language translator, every field they may not change (English, other languages, shared
fields) is read-only in the form: it shows the saved value, without an input. A change posted
anyway is refused naming the field (forms_translator.py), and guard.py still enforces the
rule on every write.

Each translated field is labelled with its language's own name ("Summary — Deutsch") and
written in that language's direction (dir="rtl" for Arabic).
"""

from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from modeltranslation.translator import NotRegistered, translator
from wagtail.blocks.base import BlockWidget

from .roles import restricted_languages

ALL = "all"  # ?languages=all: every language for this request
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def all_languages():
    return [code for code, _name in settings.LANGUAGES]


def default_languages(user):
    """What a user works in when they have not chosen: a translator's languages and English."""
    limited = restricted_languages(user)
    if not limited:
        return all_languages()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [code for code in all_languages() if code == default or code in limited]


def my_languages(user):
    """The language codes `user` works in, in settings order (remembered on the user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return all_languages()
    cached = getattr(user, "_my_languages", None)
    if cached is not None:
        return cached
    from .models import LanguagePreference  # not at import time: core.models imports us

    chosen = (
        LanguagePreference.objects.filter(user=user).values_list("languages", flat=True).first()
    )
    known = set(all_languages())
    if chosen and set(chosen) & known:
        languages = [code for code in all_languages() if code in chosen]
    else:
        languages = default_languages(user)
    user._my_languages = languages
    return languages


def shows_all(user):
    """Whether this request asked for every language (set by the edit views' hooks)."""
    return getattr(user, "_all_languages", False)


def shown_languages(user, creating=False):
    """The languages whose fields `user`'s edit form renders. A new object always gets the
    default language too: its English fields are required and other languages fall back."""
    if shows_all(user):
        return all_languages()
    languages = my_languages(user)
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if creating and default not in languages:
        languages = [default, *languages]
    return languages


@cache
def translated_columns(model):
    """Form field name to (translated field, language code) for `model`'s translation columns."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        column.name: (name, column.language)
        for name, columns in options.all_fields.items()
        for column in columns
    }


def language_label(model, name, code):
    """ "Summary — Deutsch": the field's own label and the language's own name."""
    try:
        label = capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        label = capfirst(name.replace("_", " "))
    return f"{label} — {LANGUAGE_NAMES.get(code, code)}"


def direction(code):
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


class ReadOnlyValue(forms.Widget):
    """A field's saved value as text, in place of an input: for fields one may not change."""

    # No comment button: it halves the buttons of a translator's form, and what they may not
    # change is the editors' to discuss.
    show_add_comment_button = False

    def __init__(self, text, language=None, attrs=None):
        super().__init__(attrs)
        self.text = text
        self.language = language

    def render(self, name, value, attrs=None, renderer=None):
        # The id keeps the field's label pointing at its value.
        element_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        if self.language:
            return format_html(
                '<div class="translation-read-only" id="{}" data-field="{}" lang="{}" dir="{}">'
                "{}</div>",
                element_id,
                name,
                self.language,
                direction(self.language),
                self.text or "—",
            )
        return format_html(
            '<div class="translation-read-only" id="{}" data-field="{}">{}</div>',
            element_id,
            name,
            self.text or "—",
        )

    def value_from_datadict(self, data, files, name):
        return None  # never read: the field is disabled

    def value_omitted_from_data(self, data, files, name):
        return False


class _Directed:
    """Mixed into a widget whose visible editor is built by script (Draftail, StreamField),
    which ignores the input's dir: its wrapper carries the language and direction."""

    def render(self, name, value, attrs=None, renderer=None):
        return self._wrap(super().render(name, value, attrs=attrs, renderer=renderer))

    def render_with_errors(self, name, value, attrs=None, errors=None, renderer=None):
        return self._wrap(
            super().render_with_errors(name, value, attrs=attrs, errors=errors, renderer=renderer)
        )

    def _wrap(self, html):
        return format_html(
            '<div class="translation-direction" lang="{}" dir="{}">{}</div>',
            self.language_code,
            direction(self.language_code),
            html,
        )


@cache
def _directed_class(widget_class):
    return type(f"Directed{widget_class.__name__}", (_Directed, widget_class), {})


def is_scripted(widget):
    return isinstance(widget, BlockWidget) or hasattr(widget, "converter")


def set_language(field, code):
    """Give a translated field's input its language and direction."""
    widget = field.widget
    widget.attrs.update(lang=code, dir=direction(code))
    if is_scripted(widget) and not isinstance(widget, _Directed):
        widget.__class__ = _directed_class(type(widget))  # widgets are per form (deep-copied)
        widget.language_code = code


def display_text(instance, name):
    """A model field's saved value as plain text (choices by label, relations by name)."""
    from .forms_translator import source_text

    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    value = field.value_from_object(instance)
    choices = {str(key): label for key, label in field.flatchoices or ()} if field.choices else {}
    if isinstance(value, list | tuple):  # relations, several countries
        value = ", ".join(
            str(choices.get(str(item), getattr(item, "name", item))) for item in value
        )
    elif choices:
        value = choices.get(str(value), value)
    elif field.is_relation and value is not None:
        value = getattr(instance, name, value)
    return source_text(value, limit=None)


def _posted_names(data):
    """Every key of posted data and each of its leading parts ("body_de-0-value" gives
    "body_de", "body_de-0" and itself): a StreamField posts only keys below its name."""
    names = set()
    for key in data:
        parts = key.split("-")
        names.update("-".join(parts[: end + 1]) for end in range(len(parts)))
    return names


def _posted(form, name):
    """Whether a bound form's data carries `name` (a field shown when the form was sent).
    Not the widgets' value_omitted_from_data: check boxes and multiple choices never count
    as omitted, and an unticked box or no country chosen sends nothing."""
    cached = getattr(form, "_posted_names", None)
    if cached is None:
        cached = form._posted_names = _posted_names(form.data) | _posted_names(form.files)
    return form.add_prefix(name) in cached


def narrow(form, languages, editable=None, allowed=frozenset()):
    """Keep in `form` the translation fields of `languages` (and, in a posted form, those
    posted), label and direct them; with `editable` (a translator's languages), make every
    model field outside `allowed` read-only.

    A read-only field has no input, so a browser never posts it: one that was posted anyway (a
    tampered post, a form from before) stays an ordinary field, which the translator form then
    refuses, naming it, if it changed."""
    model = form._meta.model
    columns = translated_columns(model)
    for name in list(form.fields):
        translated = columns.get(name)
        posted = form.is_bound and _posted(form, name)
        if translated is not None:
            base, code = translated
            if code not in languages and not posted:
                del form.fields[name]
                continue
            form.fields[name].label = language_label(model, base, code)
            set_language(form.fields[name], code)
        if editable is not None and name not in allowed and not posted:
            make_read_only(form, name, translated[1] if translated else None)


class ReadOnlyField(forms.Field):
    """A field shown but never read: disabled, so Django ignores a posted value, and left out
    of the cleaned data (keep_read_only), so the object keeps what it has."""

    def __init__(self, **kwargs):
        super().__init__(required=False, disabled=True, **kwargs)

    def clean(self, value):
        return value


def make_read_only(form, name, code=None):
    """Show `name`'s saved value instead of an input; a posted value is ignored."""
    try:
        model_field = form._meta.model._meta.get_field(name)
    except FieldDoesNotExist:
        return  # not content (e.g. the comment notification switch)
    if model_field.primary_key or not getattr(model_field, "concrete", False):
        return
    field = form.fields[name]
    form.fields[name] = ReadOnlyField(
        label=field.label,
        help_text=field.help_text,
        widget=ReadOnlyValue(display_text(form.instance, name), code),
    )


def keep_read_only(form):
    """Drop the read-only fields from `form.cleaned_data`: the object keeps its values."""
    for name, field in form.fields.items():
        if isinstance(field, ReadOnlyField):
            form.cleaned_data.pop(name, None)


def narrowed_child_class(form_class, languages, editable, allowed_for):
    """A formset's form class whose forms (the empty one for new rows too) are narrowed."""

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        if editable is not None and self.prefix and self.prefix.endswith("__prefix__"):
            # The template of a new row: a translator may not add rows (refused on save).
            self.fields = {name: field for name, field in self.fields.items() if name == "id"}
            return
        narrow(self, languages, editable, allowed_for(self._meta.model))

    def clean(self):
        cleaned_data = form_class.clean(self)
        keep_read_only(self)
        return cleaned_data

    # type.__new__ rather than the form's metaclass: the subclass inherits its parent's fields
    # as they are, where the metaclass would build them from the model again (fields_for_model
    # for each formset on every request).
    return type.__new__(
        type(form_class),
        form_class.__name__,
        (form_class,),
        {"__init__": __init__, "clean": clean, "__module__": form_class.__module__},
    )
