"""Country fields (django-countries) in the Wagtail admin: a panel that editors can search
with the keyboard, and revision comparisons that name the countries added and removed.

Wagtail picks a field's comparison by `field.choices` before it consults
`register_comparison_class`, and a CountryField has choices: its ChoiceFieldComparison reads
`flatchoices`, which django-countries sets to None for `multiple=True`, so comparing two
revisions that differ in such a field was an HTTP 500. The comparison therefore belongs to
the panel (`CountryPanel.get_comparison_class`), which every CountryField in a panel uses.
"""

import functools

from django import forms
from django.conf import settings
from django.utils import translation

from wagtail.admin.compare import M2MFieldComparison
from wagtail.admin.panels import FieldPanel

from babel import Locale, UnknownLocaleError
from django_countries import countries

from .joined_options import JoinedOptions


def country_codes(value):
    """ISO codes of a CountryField's value: one Country, several, a code or "" (none)."""
    if value is None:
        return []
    if isinstance(value, str) or hasattr(value, "code"):
        value = [value]
    return [code for code in (getattr(item, "code", item) for item in value) if code]


class CountriesComparison(M2MFieldComparison):
    """The countries of two revisions by name (in the admin's language), each added one
    marked as an addition and each removed one as a deletion."""

    def get_items(self):
        return country_codes(self.val_a), country_codes(self.val_b)

    def get_item_display(self, code):
        return countries.name(code) or code


class CountryPicker(JoinedOptions, forms.CheckboxSelectMultiple):
    """Every country as a checkbox under a filter box: typing narrows the list, Tab and the
    arrow keys move through what is left, Space ticks. Without JavaScript it is a plain
    scrolling list of checkboxes. The script is a Stimulus controller served from static
    files (the admin's CSP allows 'self'); it needs no request to anyone else."""

    template_name = "core/widgets/country_picker.html"

    class Media:
        js = ["js/country-picker.js"]
        css = {"all": ["css/country-picker.css"]}

    def option_html(self, name, key, label, chosen, disabled):
        return (
            f'<label><input type="checkbox" name="{name}" value="{key}"'
            f"{' checked' if chosen else ''}{' disabled' if disabled else ''}>{label}</label>"
        )


class CountryPanel(FieldPanel):
    """FieldPanel for a CountryField: the searchable picker for several countries (a single
    country keeps the native select, which finds a country by typing its name), and a
    revision comparison that names the countries."""

    def get_form_options(self):
        options = super().get_form_options()
        if options and self.widget is None and self.db_field.multiple:
            options["widgets"] = {self.field_name: CountryPicker}
        return options

    def get_comparison_class(self):
        return CountriesComparison


def country_name(country, language=None):
    """A country's name as visitors read it in the language: CLDR's (Babel's territory
    names, e.g. «جنوب أفريقيا» rather than the catalogue's «جنوب افريقيا (الجمهورية)»),
    django-countries' name where CLDR has none. The database keeps ISO codes."""
    code = str(getattr(country, "code", country) or "").upper()
    if not code:
        return ""
    return _territories(language or translation.get_language() or settings.LANGUAGE_CODE).get(
        code
    ) or str(countries.name(code) or code)


@functools.cache
def _territories(language):
    try:
        return dict(Locale.parse(translation.to_locale(language)).territories)
    except (ValueError, UnknownLocaleError):
        return {}
