"""Every Page subclass is registered with modeltranslation (STACK-NOTES trap 2)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ArchivePage, SpotlightPriorityPage


@register(SpotlightPriorityPage)
@register(ArchivePage)
class NoFieldsTR(TranslationOptions):
    fields = ()
