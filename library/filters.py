"""The library's filters: kind, theme, programme and year (core.filters), and "available in
my language"."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname

from core.filters import ListingFilterForm, ListingFilters


class ResourceFilterForm(ListingFilterForm):
    available = forms.BooleanField(label=_("Only with a file in my language"), required=False)

    def normalised(self, data):
        data = super().normalised(data)
        if data["available"] not in ("1", "on", "true"):
            data["available"] = ""
        return data


FILTERS = tuple(ResourceFilterForm.base_fields)


class ResourceFilters(ListingFilters):
    def filtered(self, resources, selected):
        resources = super().filtered(resources, selected)
        if selected.get("available"):
            column = build_localized_fieldname("document", translation.get_language())
            resources = resources.filter(**{f"{column}__isnull": False})
        return resources


def filter_resources(resources, params, index):
    """(form, selected filters, page of matching publications) for the request's GET
    parameters. A page number that is not a page of the results is a 404."""
    from .models import ORDER, ResourceProgramme, ResourceTheme

    filters = ResourceFilters(
        year="year",
        theme_links=ResourceTheme,
        programme_links=ResourceProgramme,
        programme="programme",
        programme_pages="programmes.ProgrammePage",
        order=ORDER,
        form=ResourceFilterForm,
    )
    return filters.apply(resources, params, index)
