"""The library's filters: kind, theme, programme, year and "available in my language",
in a plain GET form whose options are what the live publications offer, filtered in SQL."""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname

from core.collation import sorted_by
from core.paging import paginate

FILTERS = ("kind", "theme", "programme", "year", "available")
PER_PAGE = 12


class ResourceFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)
    available = forms.BooleanField(label=_("Only with a file in my language"), required=False)

    def __init__(self, data=None, *, kinds=(), themes=(), programmes=(), years=(), **kwargs):
        if data is not None:
            data = {name: data.get(name, "").strip() for name in FILTERS}
            if data["available"] not in ("1", "on", "true"):
                data["available"] = ""
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
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTERS if cleaned.get(name)}


def options(resources):
    """(themes, programmes, years) of the live publications: three small queries."""
    from programmes.models import ProgrammePage, Theme

    from .models import ResourceProgramme, ResourceTheme

    # The ids and years in one query, then plain id lists: PostgreSQL ran the listing's query
    # (paths, privacy) as a subquery per theme and hit the statement timeout at 500 items.
    rows = list(resources.order_by().values_list("pk", "year"))
    ids = [pk for pk, _year in rows]
    themes = Theme.objects.filter(
        live=True, pk__in=ResourceTheme.objects.filter(page_id__in=ids).values("theme_id")
    )
    programmes = (
        ProgrammePage.objects.live()
        .filter(pk__in=ResourceProgramme.objects.filter(page_id__in=ids).values("programme_id"))
        .defer_streamfields()
    )
    years = sorted({year for _pk, year in rows if year}, reverse=True)
    return (
        sorted_by(themes, lambda theme: theme.name),
        sorted_by(programmes, lambda programme: programme.title),
        list(years),
    )


def filtered(resources, selected):
    from .models import ResourceProgramme, ResourceTheme

    if "kind" in selected:
        resources = resources.filter(kind=selected["kind"])
    if "theme" in selected:
        resources = resources.filter(
            Exists(
                ResourceTheme.objects.filter(
                    page=OuterRef("pk"), theme__slug=selected["theme"], theme__live=True
                )
            )
        )
    if "programme" in selected:
        resources = resources.filter(
            Exists(
                ResourceProgramme.objects.filter(
                    page=OuterRef("pk"), programme_id=int(selected["programme"])
                )
            )
        )
    if "year" in selected:
        resources = resources.filter(year=int(selected["year"]))
    if selected.get("available"):
        column = build_localized_fieldname("document", translation.get_language())
        resources = resources.filter(**{f"{column}__isnull": False})
    return resources


def filter_resources(resources, params):
    from .models import ORDER, ResourcePage

    themes, programmes, years = options(resources)
    choices = {
        "kinds": ResourcePage.Kind.choices,
        "themes": themes,
        "programmes": programmes,
        "years": years,
    }
    selected = ResourceFilterForm(params, **choices).selected()
    form = ResourceFilterForm(initial=selected, **choices)
    page = paginate(filtered(resources, selected), params.get("page"), ORDER, PER_PAGE)
    return form, selected, page
