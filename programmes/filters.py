"""The programme listing's filters: a plain GET form (country, status, theme) whose options
are what the live programmes offer, and the filtering itself, done in SQL (listing.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from django_countries.fields import Country

from core.collation import sorted_by
from core.countries import country_name
from core.filters import FilterForm
from core.paging import paginate

from . import listing

PER_PAGE = listing.PER_PAGE


class ProgrammeFilterForm(FilterForm):
    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data=None, *, countries=(), statuses=(), themes=(), **kwargs):
        super().__init__(data, **kwargs)
        self.offer(
            "country",
            _("All countries"),
            ((country.code, country_name(country)) for country in countries),
        )
        self.offer("status", _("Any status"), statuses)
        self.offer("theme", _("All themes"), ((theme.slug, theme.name) for theme in themes))

    def normalised(self, data):
        # django-countries stores codes in capitals; “kr” means the same country.
        return {**data, "country": data["country"].strip().upper()}


FILTERS = tuple(ProgrammeFilterForm.base_fields)


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
    form, selected = ProgrammeFilterForm.read(
        params, countries=countries, statuses=statuses, themes=themes
    )
    matching = listing.filtered(programmes, selected)
    page = paginate(matching, params.get("page"), listing.ORDER, PER_PAGE)
    return form, selected, page, counts, matching
