"""The programme index in SQL: filtering and paging the live programmes, and the filter
options and the map of all programmes from small aggregate queries, so a listing costs the
same few queries, and about the same time, for 50 programmes or 5,000.

Countries are stored as comma-separated codes (django-countries' multiple CountryField),
on the programme and on its phases; a programme works in a country when either names it.
"""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Concat, NullIf
from django.http import Http404
from django.utils import translation

from modeltranslation.utils import build_localized_fieldname

PER_PAGE = 12
# The map's table names the programmes working in a country while there are at most this
# many; beyond, it gives their number (a table cell of 300 titles helps nobody).
NAMED = 5
ORDER = ("-is_flagship", "path")
# No listing has this many pages; a bigger number is not a page (and no SQL OFFSET).
MAX_PAGE = 10**9


class CommaJoin(Aggregate):
    """The values joined with commas, in no particular order (codes to split again)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def translated(name, prefix=""):
    """The active language's value of a translated column, falling back to the default
    language's when it is empty, as modeltranslation does on instances."""
    default = build_localized_fieldname(name, settings.LANGUAGE_CODE)
    own = build_localized_fieldname(name, translation.get_language() or settings.LANGUAGE_CODE)
    if own == default:
        return F(prefix + default)
    return Coalesce(
        NullIf(F(prefix + own), Value("")), F(prefix + default), output_field=CharField()
    )


def split(value):
    """ "BR,IN" -> ["BR", "IN"]."""
    return [code for code in (value or "").split(",") if code]


def naming(queryset, codes):
    """The rows of `queryset` whose comma-separated `countries` name one of the codes."""
    condition = Q()
    for code in codes:
        condition |= Q(padded_countries__contains=f",{code},")
    padded = Concat(Value(","), F("countries"), Value(","), output_field=CharField())
    return queryset.alias(padded_countries=padded).filter(condition)


def working_in(programmes, codes):
    """The programmes working in one of the countries (their own or a phase's)."""
    from .models import ProgrammePhase

    padded = Concat(Value(","), F("countries"), Value(","), output_field=CharField())
    phases = naming(ProgrammePhase.objects.filter(page=OuterRef("pk")), codes)
    condition = Exists(phases)
    for code in codes:
        condition |= Q(padded_countries__contains=f",{code},")
    return programmes.alias(padded_countries=padded).filter(condition)


def filtered(programmes, selected):
    """The live programmes matching the selected filters {name: valid value}, in order."""
    from .models import ProgrammeTheme

    if "country" in selected:
        programmes = working_in(programmes, [selected["country"]])
    if "status" in selected:
        programmes = programmes.filter(status=selected["status"])
    if "theme" in selected:
        links = ProgrammeTheme.objects.filter(
            page=OuterRef("pk"), theme__slug=selected["theme"], theme__live=True
        )
        programmes = programmes.filter(Exists(links))
    return programmes.order_by(*ORDER)


class _Counted:
    """One page of rows and the total they came with, for Django's Paginator."""

    def __init__(self, rows, total, offset):
        self.rows, self.total, self.offset = rows, total, offset

    def count(self):
        return self.total

    def __getitem__(self, window):
        return self.rows[window.start - self.offset : window.stop - self.offset]


def paginate(programmes, number):
    """Django's Page of the matching programmes: the page's rows and their total in one
    query. A number that is not a page of the results is a 404."""
    try:
        number = int(number or 1)
    except (TypeError, ValueError) as error:
        raise Http404("That page number is not an integer") from error
    if not 1 <= number <= MAX_PAGE:
        raise Http404("That page contains no results")
    offset = (number - 1) * PER_PAGE
    total = Subquery(
        programmes.order_by()
        .annotate(total=Func(F("pk"), function="COUNT", output_field=IntegerField()))
        .values("total")[:1],
        output_field=IntegerField(),
    )
    # The page's keys are picked in a narrow subquery (sorting thousands of wide page rows
    # costs PostgreSQL tens of milliseconds); only its dozen rows are read in full.
    shown = programmes.order_by(*ORDER).values("pk")[offset : offset + PER_PAGE]
    rows = list(programmes.filter(pk__in=shown).annotate(total=total).order_by(*ORDER))
    count = rows[0].total if rows else 0
    if not rows and number > 1:
        raise Http404("That page contains no results")
    try:
        return Paginator(_Counted(rows, count, offset), PER_PAGE).page(number)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def country_counts(programmes):
    """{code: number of live programmes working there}, from the distinct combinations of
    a programme's countries and its phases' countries (one query, a row per combination)."""
    from .models import ProgrammePhase

    phase_codes = Subquery(
        ProgrammePhase.objects.filter(page=OuterRef("pk"))
        .exclude(countries="")
        .order_by()
        .values("page")
        .annotate(codes=CommaJoin("countries"))
        .values("codes"),
        output_field=CharField(),
    )
    combinations = (
        programmes.order_by()
        .annotate(phase_codes=phase_codes)
        .values("countries", "phase_codes")
        .annotate(programmes=Count("pk"))
    )
    counts = {}
    for row in combinations.values_list("countries", "phase_codes", "programmes"):
        own, in_phases, number = row
        for code in {*split(own), *split(in_phases)}:
            counts[code] = counts.get(code, 0) + number
    return counts


def used_themes(programmes):
    """The published themes that live programmes have."""
    from .models import ProgrammeTheme, Theme

    links = ProgrammeTheme.objects.filter(theme=OuterRef("pk"), page__in=programmes.values("pk"))
    return list(Theme.objects.filter(live=True).filter(Exists(links)))


def named_programmes(programmes, counts):
    """{code: ["Title (phases)", …]} for the countries with few programmes (NAMED at most):
    one query for their programmes with their phases."""
    wanted = [code for code, number in counts.items() if number <= NAMED]
    if not wanted:
        return {}
    rows = (
        working_in(programmes, wanted)
        .annotate(programme=translated("title"), phase=translated("name", "phases__"))
        .order_by(*ORDER, "phases__sort_order", "phases__pk")
        .values_list("pk", "countries", "phases__countries", "programme", "phase")
    )
    found = {}  # pk -> (title, own codes, [(phase name, phase codes)])
    for pk, own, phase_codes, title, phase in rows:
        entry = found.setdefault(pk, (title, split(own), []))
        if phase is not None and phase_codes:
            entry[2].append((phase, split(phase_codes)))
    notes = {}
    for title, own, phases in found.values():
        working = dict.fromkeys(own)
        for _name, phase_codes in phases:
            working.update(dict.fromkeys(phase_codes))
        for code in working:
            if code not in wanted:
                continue
            in_phases = ", ".join(name for name, phase_codes in phases if code in phase_codes)
            notes.setdefault(code, []).append(f"{title} ({in_phases})" if in_phases else title)
    return notes


def city_links(programmes):
    """Links of published cities to live programmes, with the city and the programme's
    title, in listing order: one query."""
    from .models import ProgrammeCity

    return list(
        ProgrammeCity.objects.filter(city__live=True, page__in=programmes.values("pk"))
        .select_related("city")
        .annotate(programme_title=translated("title", "page__"))
        .order_by("-page__is_flagship", "page__path", "sort_order", "pk")
    )
