"""Fields translated per language (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Person


@register(Person)
class PersonTR(TranslationOptions):
    fields = ("name", "role", "bio")
