"""Which language a translated field's value is actually in, so templates can say so.

modeltranslation falls back to English field by field; a visitor reading a Russian page
should still be told (and a screen reader should switch voice) where English shows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from modeltranslation.translator import NotRegistered, translator
from wagtail.blocks import StreamValue


@dataclass(frozen=True)
class FieldInLanguage:
    value: object
    language: str  # the language the value is written in
    fallback: bool  # True when the visitor's language had nothing and English shows

    def __str__(self):
        return str(self.value or "")


def is_empty(value):
    if isinstance(value, StreamValue):
        return len(value) == 0
    return value in (None, "")


def field_in_language(obj, field_name, language=None):
    """The value of obj.field_name for the visitor, and whether it fell back."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    value = getattr(obj, field_name)
    try:
        translated = field_name in translator.get_options_for_model(type(obj)).all_fields
    except NotRegistered:
        translated = False
    if not translated or language == settings.LANGUAGE_CODE:
        return FieldInLanguage(value, language, fallback=False)
    own = getattr(obj, f"{field_name}_{language.replace('-', '_')}", None)
    if is_empty(own) and not is_empty(value):
        return FieldInLanguage(value, settings.LANGUAGE_CODE, fallback=True)
    return FieldInLanguage(value, language, fallback=False)
