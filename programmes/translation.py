"""Fields translated per language (modeltranslation). Every Page subclass is listed."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    City,
    ProgrammeFigure,
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammePartner,
    ProgrammePhase,
    Theme,
)


@register(Theme)
@register(City)
class NameTR(TranslationOptions):
    fields = ("name",)


@register(ProgrammeIndexPage)
class ProgrammeIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ProgrammePage)
class ProgrammePageTR(TranslationOptions):
    fields = ("summary", "body", "iclei_role", "region", "hero_alt")


@register(ProgrammeFigure)
class ProgrammeFigureTR(TranslationOptions):
    fields = ("label", "unit", "source")


@register(ProgrammePhase)
class ProgrammePhaseTR(TranslationOptions):
    fields = ("name", "description")


@register(ProgrammePartner)
class ProgrammePartnerTR(TranslationOptions):
    fields = ("role",)
