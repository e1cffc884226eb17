"""Fields translated per language (modeltranslation). Every Page subclass is listed."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    HomeKeyFigure,
    HomePage,
    OfficePage,
    OrganisationSettings,
    Pollutant,
    PriorityFigure,
    PriorityIndexPage,
    PriorityPage,
)


@register(OrganisationSettings)
class OrganisationSettingsTR(TranslationOptions):
    fields = ("street_address", "locality")


@register(Pollutant)
class PollutantTR(TranslationOptions):
    fields = ("name", "symbol", "description", "guideline_unit", "guideline_source")


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = (
        "short_name",
        "mission",
        "approach",
        "commitment",
    )


@register(HomeKeyFigure)
@register(PriorityFigure)
class KeyFigureTR(TranslationOptions):
    fields = ("label", "unit", "source")


@register(PriorityIndexPage)
@register(OfficePage)
class IntroTR(TranslationOptions):
    fields = ("intro",)


@register(PriorityPage)
class PriorityPageTR(TranslationOptions):
    fields = ("summary", "body")
