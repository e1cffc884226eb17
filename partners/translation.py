"""Fields translated per language (modeltranslation). Every Page subclass is listed."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    EventIndexPage,
    EventPage,
    PartnerIndexPage,
    PartnerPage,
    ToolIndexPage,
    ToolPage,
)

ENTRY_FIELDS = ("summary", "body", "acronym")


@register(PartnerIndexPage)
@register(ToolIndexPage)
@register(EventIndexPage)
class DirectoryIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(PartnerPage)
class PartnerPageTR(TranslationOptions):
    fields = ENTRY_FIELDS + ("relationship_note",)


@register(ToolPage)
class ToolPageTR(TranslationOptions):
    fields = ENTRY_FIELDS + ("purpose",)


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ENTRY_FIELDS + ("address", "registration_info", "materials", "hero_alt")
