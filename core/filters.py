"""A listing's filters: a plain GET form whose options are what the live entries offer, and
the filtering itself, done in SQL.

FilterForm is every listing's form (programmes, newsroom, library); ListingFilters adds the
kind, theme, programme and year filters of the listings whose pages link to themes and
programmes through orderables (the newsroom and the library). Apps pass their models in
(core imports none of them).
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.db.models import DateField, Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname, resolution_order

from . import listing_options
from .collation import sorted_by
from .joined_options import JoinedOptions
from .paging import paginate


class JoinedSelect(JoinedOptions, forms.Select):
    """A listing filter's select (its programmes: 500 at 10,000 articles)."""

    template_name = "core/widgets/joined_select.html"

    def option_html(self, name, key, label, chosen, disabled):
        return f'<option value="{key}"{" selected" if chosen else ""}>{label}</option>'


class FilterForm(forms.Form):
    """Choices are what the live entries offer; a value outside them is ignored."""

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = self.normalised({name: data.get(name, "") for name in self.base_fields})
        super().__init__(data, **kwargs)

    @classmethod
    def read(cls, params, **choices):
        """(form to show, selected filters) for the request's GET parameters. The form is
        shown unbound with the filters in force selected: an ignored value shows as “All”."""
        selected = cls(params, **choices).selected()
        return cls(initial=selected, **choices), selected

    def normalised(self, data):
        """The GET values as the fields compare them."""
        return data

    def offer(self, name, everything, choices):
        """Field `name` offers `choices` after the empty one, `everything` (no filter)."""
        self.fields[name].choices = [("", everything), *choices]

    def selected(self):
        """The valid filters given, {name: value}; invalid ones are left out."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in self.base_fields if cleaned.get(name)}


class ListingFilterForm(FilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=JoinedSelect)
    theme = forms.ChoiceField(label=_("Theme"), required=False, widget=JoinedSelect)
    programme = forms.ChoiceField(label=_("Programme"), required=False, widget=JoinedSelect)
    year = forms.ChoiceField(label=_("Year"), required=False, widget=JoinedSelect)

    def __init__(self, data=None, *, kinds=(), themes=(), programmes=(), years=(), **kwargs):
        super().__init__(data, **kwargs)
        self.offer("kind", _("All kinds"), kinds)
        self.offer("theme", _("All themes"), ((theme.slug, theme.name) for theme in themes))
        self.offer("programme", _("All programmes"), ((str(pk), title) for pk, title in programmes))
        self.offer("year", _("All years"), ((str(year), str(year)) for year in years))

    def normalised(self, data):
        return {name: value.strip() for name, value in data.items()}


def translated_values(queryset, name):
    """[(pk, translated field `name` as the visitor reads it)], read as plain values:
    building the 500 programme pages an option list needs at 10,000 articles, only to read
    their titles, took 130 ms of the news index. Falls back as modeltranslation does."""
    descriptor = getattr(queryset.model, name)
    order = resolution_order(translation.get_language(), descriptor.fallback_languages)
    columns = [build_localized_fieldname(name, code) for code in order]
    return [
        (pk, next((value for value in values if value), ""))
        for pk, *values in queryset.values_list("pk", *columns)
    ]


@dataclass(frozen=True)
class ListingFilters:
    """The kind, theme, programme and year filters of one listing: its entries have a `kind`
    with choices and a year (a number) or date column, and link to themes and programmes
    through orderables whose `page` is the entry."""

    year: str  # the entries' year or date column
    theme_links: type  # orderable: page → theme
    programme_links: type  # orderable: page → programme (in column `programme`)
    programme: str
    programme_pages: str  # "app_label.Model" of the programmes offered
    order: tuple
    form: type = ListingFilterForm
    per_page: int = 12

    def apply(self, entries, params, index):
        """(form, selected filters, page of matching entries) for the request's GET
        parameters; `entries` are `index`'s. A page number that is not a page of the results
        is a 404."""
        themes, programmes, years = self.options(entries, index)
        kinds = entries.model._meta.get_field("kind").choices
        form, selected = self.form.read(
            params, kinds=kinds, themes=themes, programmes=programmes, years=years
        )
        page = paginate(
            self.filtered(entries, selected), params.get("page"), self.order, self.per_page
        )
        return form, selected, page

    def _dated(self, entries):
        return isinstance(entries.model._meta.get_field(self.year), DateField)

    def options(self, entries, index):
        """(themes, programmes as (pk, title), years) that the entries have, in the visitor's
        language and alphabetical order. Which ones is kept per listing
        (core/listing_options.py); their names are read on each render (they may be
        renamed, unpublished or deleted without the entries changing)."""
        kept = listing_options.stored(index, lambda: self.work_out(entries))
        theme_model = self.theme_links._meta.get_field("theme").related_model
        themes = theme_model.objects.filter(live=True, pk__in=kept["themes"])
        programmes = apps.get_model(self.programme_pages).objects.live()
        programmes = programmes.filter(pk__in=kept["programmes"])
        return (
            sorted_by(themes, lambda theme: theme.name),
            sorted_by(translated_values(programmes, "title"), lambda row: row[1]),
            kept["years"],
        )

    def work_out(self, entries):
        """{"themes", "programmes": ids, "years"} of the entries: three queries whose work,
        however many the entries, stays in the database (DISTINCT over a join; nothing per
        entry comes to Python, which at 10,000 articles cost half a second)."""
        listing = entries.order_by()
        if self._dated(entries):
            years = [day.year for day in listing.dates(self.year, "year", order="DESC")]
        else:
            column = listing.exclude(**{f"{self.year}__isnull": True}).values_list(self.year)
            years = sorted({year for (year,) in column.distinct()}, reverse=True)
        return {
            "themes": self._linked(listing, self.theme_links, "theme"),
            "programmes": self._linked(listing, self.programme_links, self.programme),
            "years": years,
        }

    @staticmethod
    def _linked(listing, links, column):
        """The ids the entries' `links` rows point to in `column`: the listing joined to the
        links, DISTINCT (not an IN of the listing's ids inside the links' query, which
        PostgreSQL ran once per theme and which hit the statement timeout at 500 items)."""
        relation = links._meta.get_field("page").related_query_name()
        ids = listing.exclude(**{f"{relation}__{column}": None})
        return list(ids.values_list(f"{relation}__{column}_id", flat=True).distinct())

    def filtered(self, entries, selected):
        """The entries matching the selected filters {name: valid value}."""
        if "kind" in selected:
            entries = entries.filter(kind=selected["kind"])
        if "theme" in selected:
            links = self.theme_links.objects.filter(
                page=OuterRef("pk"), theme__slug=selected["theme"], theme__live=True
            )
            entries = entries.filter(Exists(links))
        if "programme" in selected:
            links = self.programme_links.objects.filter(
                page=OuterRef("pk"), **{f"{self.programme}_id": int(selected["programme"])}
            )
            entries = entries.filter(Exists(links))
        if "year" in selected:
            year = int(selected["year"])
            if self._dated(entries):
                # A range, not __year: the date index serves it.
                entries = entries.filter(
                    **{
                        f"{self.year}__gte": datetime.date(year, 1, 1),
                        f"{self.year}__lt": datetime.date(year + 1, 1, 1),
                    }
                )
            else:
                entries = entries.filter(**{self.year: year})
        return entries
