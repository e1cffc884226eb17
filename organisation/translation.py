"""Fields translated per language (modeltranslation). Every Page subclass is listed."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    GeneralPage,
    HomeKeyFigure,
    HomePage,
    ImpressumPage,
    LandingPage,
    NavigationSettings,
    OfficeFormField,
    OfficePage,
    OrganisationSettings,
    Pollutant,
    PriorityFigure,
    PriorityIndexPage,
    PriorityPage,
    SiteNotice,
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


@register(GeneralPage)
@register(LandingPage)
class GeneralPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ImpressumPage)
class ImpressumPageTR(TranslationOptions):
    # Names, addresses and numbers are the same in every language; these read differently.
    fields = ("legal_form", "representatives", "content_responsible", "further_information")


@register(NavigationSettings)
class NavigationSettingsTR(TranslationOptions):
    fields = ("footer_links", "legal_links")


@register(SiteNotice)
class SiteNoticeTR(TranslationOptions):
    fields = ("message",)
