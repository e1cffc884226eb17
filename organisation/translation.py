"""Fields translated per language (modeltranslation). Every Page subclass is listed."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    HomeKeyFigure,
    HomePage,
    OfficeFormField,
    OfficePage,
    OrganisationSettings,
    Pollutant,
    PriorityFigure,
    PriorityIndexPage,
    PriorityPage,
)


@register(OrganisationSettings)
class OrganisationSettingsTR(TranslationOptions):
    fields = ("street_address", "locality")  # social links and image are the same everywhere


@register(Pollutant)
class PollutantTR(TranslationOptions):
    fields = ("name", "symbol", "description", "guideline_unit", "guideline_source")


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = (
        "short_name",
        "hero_alt",
        "mission",
        "approach",
        "commitment",
    )


@register(HomeKeyFigure)
@register(PriorityFigure)
class KeyFigureTR(TranslationOptions):
    fields = ("label", "unit", "source")


@register(PriorityIndexPage)
class IntroTR(TranslationOptions):
    fields = ("intro",)


@register(OfficePage)
class OfficePageTR(TranslationOptions):
    fields = ("intro", "thank_you_text", "subject")


@register(OfficeFormField)
class OfficeFormFieldTR(TranslationOptions):
    fields = ("label", "help_text", "choices", "default_value")


@register(PriorityPage)
class PriorityPageTR(TranslationOptions):
    fields = ("summary", "body", "hero_alt")
