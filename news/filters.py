"""The news index's filters: a plain GET form (kind, theme, programme, year) whose options
are what the live articles offer, and the filtering itself, done in SQL."""

import datetime

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.collation import sorted_by
from core.paging import paginate

FILTERS = ("kind", "theme", "programme", "year")
PER_PAGE = 12


class ArticleFilterForm(forms.Form):
    """Choices are what the live articles offer; a value outside them is ignored."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)

    def __init__(self, data=None, *, kinds=(), themes=(), programmes=(), years=(), **kwargs):
        if data is not None:
            data = {name: data.get(name, "").strip() for name in FILTERS}
        super().__init__(data, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (theme.slug, theme.name) for theme in themes
        ]
        self.fields["programme"].choices = [("", _("All programmes"))] + [
            (str(programme.pk), programme.title) for programme in programmes
        ]
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(year), str(year)) for year in years
        ]

    def selected(self):
        """The valid filters given, {name: value}; invalid ones are left out."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTERS if cleaned.get(name)}


def options(articles):
    """(themes, programmes, years) that the live articles have: three small queries."""
    from programmes.models import ProgrammePage, Theme

    from .models import ArticleRelatedPage, ArticleTheme

    # The ids and years in one query, then plain id lists: PostgreSQL ran the listing's query
    # (paths, privacy) as a subquery per theme and hit the statement timeout at 500 items.
    rows = list(articles.order_by().values_list("pk", "date"))
    ids = [pk for pk, _date in rows]
    themes = Theme.objects.filter(
        live=True, pk__in=ArticleTheme.objects.filter(page_id__in=ids).values("theme_id")
    )
    programmes = (
        ProgrammePage.objects.live()
        .filter(pk__in=ArticleRelatedPage.objects.filter(page_id__in=ids).values("page_link_id"))
        .defer_streamfields()
        .only("pk", *(f.name for f in ProgrammePage._meta.fields if f.name.startswith("title")))
    )
    years = sorted({day.year for _pk, day in rows}, reverse=True)
    return (
        sorted_by(themes, lambda theme: theme.name),
        sorted_by(programmes, lambda programme: programme.title),
        years,
    )


def filtered(articles, selected):
    from .models import ArticleRelatedPage, ArticleTheme

    if "kind" in selected:
        articles = articles.filter(kind=selected["kind"])
    if "theme" in selected:
        articles = articles.filter(
            Exists(
                ArticleTheme.objects.filter(
                    page=OuterRef("pk"), theme__slug=selected["theme"], theme__live=True
                )
            )
        )
    if "programme" in selected:
        articles = articles.filter(
            Exists(
                ArticleRelatedPage.objects.filter(
                    page=OuterRef("pk"), page_link_id=int(selected["programme"])
                )
            )
        )
    if "year" in selected:
        year = int(selected["year"])
        # A range, not __year: the date index serves it.
        articles = articles.filter(
            date__gte=datetime.date(year, 1, 1), date__lt=datetime.date(year + 1, 1, 1)
        )
    return articles


def filter_articles(articles, params):
    """(form, selected filters, page of matching articles) for the request's GET parameters.
    A page number that is not a page of the results is a 404."""
    from .models import ORDER, ArticlePage

    themes, programmes, years = options(articles)
    choices = {
        "kinds": ArticlePage.Kind.choices,
        "themes": themes,
        "programmes": programmes,
        "years": years,
    }
    selected = ArticleFilterForm(params, **choices).selected()
    # Shown unbound, with the filters in force selected: an ignored value shows as “All”.
    form = ArticleFilterForm(initial=selected, **choices)
    page = paginate(filtered(articles, selected), params.get("page"), ORDER, PER_PAGE)
    return form, selected, page
