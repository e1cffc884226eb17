"""Fields translated per language (modeltranslation). Every Page subclass is listed.

A publication's `document` is translated too: each language has its own file (document_ru,
…), which that language's translators attach (translations.registry treats such a file as a
field they may write, but not as text to translate or exchange).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import LibraryIndexPage, ResourcePage


@register(LibraryIndexPage)
class LibraryIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ResourcePage)
class ResourcePageTR(TranslationOptions):
    fields = ("summary", "description", "document")
