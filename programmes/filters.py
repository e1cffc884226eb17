"""The programme listing's filters: a plain GET form (country, status, theme) whose options
are what the live programmes offer, and the filtering itself, done in SQL (listing.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from django_countries.fields import Country

from core.collation import sorted_by
from core.countries import country_name

from . import listing

FILTERS = ("country", "status", "theme")
PER_PAGE = listing.PER_PAGE


class ProgrammeFilterForm(forms.Form):
    """Choices are what the live programmes offer; a value outside them is ignored."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data=None, *, countries=(), statuses=(), themes=(), **kwargs):
        if data is not None:
            data = {name: data.get(name, "") for name in FILTERS}
            # django-countries stores codes in capitals; “kr” means the same country.
            data["country"] = data["country"].strip().upper()
        super().__init__(data, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (country.code, country_name(country)) for country in countries
        ]
        self.fields["status"].choices = [("", _("Any status")), *statuses]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in themes
        ]

    def selected(self):
        """The valid filters given, {name: value}; invalid ones are left out."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTERS if cleaned.get(name)}


def options(counts, themes):
    """The countries where live programmes work (sorted by name in the active language) and
    the published themes they have (by name), from listing.country_counts and
    listing.used_themes."""
    return (
        sorted_by((Country(code) for code in counts), country_name),
        sorted_by(themes, lambda theme: theme.name),
    )


def filter_programmes(programmes, params, statuses):
    """(form, selected filters, page of matching programmes, {country code: number of
    programmes}, the matching programmes) for the request's GET parameters, filtered and
    paged in SQL. A page number that is not a page of the results is a 404. The counts are
    of all programmes (the country filter offers every country); the map follows the
    matching programmes."""
    counts = listing.country_counts(programmes)
    countries, themes = options(counts, listing.used_themes(programmes))
    bound = ProgrammeFilterForm(params, countries=countries, statuses=statuses, themes=themes)
    selected = bound.selected()
    # Shown unbound, with the filters in force selected: an ignored value shows as “All”.
    form = ProgrammeFilterForm(
        initial=selected, countries=countries, statuses=statuses, themes=themes
    )
    matching = listing.filtered(programmes, selected)
    page = listing.paginate(matching, params.get("page"))
    return form, selected, page, counts, matching
