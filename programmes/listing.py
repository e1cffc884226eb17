"""The programme index in SQL: filtering the live programmes (core.paging pages them), and
the filter options and the map of all programmes from small aggregate queries, so a listing
costs the same few queries, and about the same time, for 50 programmes or 5,000.

Countries are stored as comma-separated codes (django-countries' multiple CountryField),
on the programme and on its phases; a programme works in a country when either names it.
Splitting those strings on every request costs a scan of every programme and its phases,
so each programme's working countries are also kept as rows of ProgrammeCountry, indexed
by code, rebuilt whenever the programme is saved with its countries or phases
(index_countries).
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation

from modeltranslation.utils import build_localized_fieldname

PER_PAGE = 12
# The map's table names the programmes working in a country while there are at most this
# many; beyond, it gives their number (a table cell of 300 titles helps nobody).
NAMED = 5
ORDER = ("-is_flagship", "path")


def _columns(name):
    """The default language's column of a translated field and the active language's."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return (
        build_localized_fieldname(name, settings.LANGUAGE_CODE),
        build_localized_fieldname(name, language),
    )


def translated(name, prefix=""):
    """The active language's value of a translated column, falling back to the default
    language's when it is empty, as modeltranslation does on instances."""
    default, own = _columns(name)
    if own == default:
        return F(prefix + default)
    return Coalesce(
        NullIf(F(prefix + own), Value("")), F(prefix + default), output_field=CharField()
    )


def falls_back(name, prefix=""):
    """True where `translated(name)` shows the default language's value for want of the
    active language's own (screen readers are told: lang="en")."""
    default, own = _columns(name)
    if own == default:
        return Value(False)
    return ExpressionWrapper(
        Q(**{f"{prefix}{own}__isnull": True}) | Q(**{f"{prefix}{own}": ""}),
        output_field=BooleanField(),
    )


def split(value):
    """ "BR,IN" -> ["BR", "IN"]."""
    return [code for code in (value or "").split(",") if code]


def working_in(programmes, codes):
    """The programmes working in one of the countries (their own or a phase's)."""
    from .models import ProgrammeCountry

    return programmes.filter(pk__in=ProgrammeCountry.objects.filter(code__in=codes).values("page"))


def index_countries(programmes):
    """Bring the ProgrammeCountry rows of the given programmes in line with their saved
    countries and their phases' countries: three reads, and writes only for what changed
    (a publish that keeps the countries writes nothing)."""
    from .models import ProgrammeCountry, ProgrammePage, ProgrammePhase

    pks = [programme.pk for programme in programmes]
    # values_list gives the stored "BR,IN" strings, not django-countries' Country objects.
    working = {
        pk: set(split(own))
        for pk, own in ProgrammePage.objects.filter(pk__in=pks).values_list("pk", "countries")
    }
    phases = ProgrammePhase.objects.filter(page__in=pks).exclude(countries="")
    for pk, codes in phases.values_list("page", "countries"):
        working[pk].update(split(codes))
    wanted = {(pk, code) for pk, codes in working.items() for code in codes}
    rows = ProgrammeCountry.objects.filter(page__in=pks)
    indexed = set(rows.values_list("page", "code"))
    if stale := indexed - wanted:
        rows.filter(reduce(or_, (Q(page=pk, code=code) for pk, code in stale))).delete()
    ProgrammeCountry.objects.bulk_create(
        [ProgrammeCountry(page_id=pk, code=code) for pk, code in sorted(wanted - indexed)],
        batch_size=1000,
    )


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


def country_counts(programmes):
    """{code: number of live programmes working there}: one GROUP BY over the index."""
    from .models import ProgrammeCountry

    rows = (
        ProgrammeCountry.objects.filter(page__in=programmes.values("pk"))
        .order_by()
        .values("code")
        .annotate(programmes=Count("pk"))
    )
    return dict(rows.values_list("code", "programmes"))


def used_themes(programmes):
    """The published themes that live programmes have."""
    from .models import ProgrammeTheme, Theme

    links = ProgrammeTheme.objects.filter(theme=OuterRef("pk"), page__in=programmes.values("pk"))
    return list(Theme.objects.filter(live=True).filter(Exists(links)))


def named_programmes(programmes, counts):
    """{code: [Note of "Title (phases)", …]} for the countries with few programmes (NAMED
    at most): one query for their programmes with their phases."""
    from .maps.layers import as_note, in_language, listed

    wanted = [code for code, number in counts.items() if number <= NAMED]
    if not wanted:
        return {}
    rows = (
        working_in(programmes, wanted)
        .annotate(
            programme=translated("title"),
            programme_fell_back=falls_back("title"),
            phase=translated("name", "phases__"),
            phase_fell_back=falls_back("name", "phases__"),
        )
        .order_by(*ORDER, "phases__sort_order", "phases__pk")
        .values_list(
            "pk",
            "countries",
            "phases__countries",
            "programme",
            "programme_fell_back",
            "phase",
            "phase_fell_back",
        )
    )
    found = {}  # pk -> (title, own codes, [(phase name, phase codes)])
    for pk, own, phase_codes, title, title_fell_back, phase, phase_fell_back in rows:
        entry = found.setdefault(pk, (in_language(title, title_fell_back), split(own), []))
        if phase is not None and phase_codes:
            entry[2].append((in_language(phase, phase_fell_back), split(phase_codes)))
    notes = {}
    for title, own, phases in found.values():
        working = dict.fromkeys(own)
        for _name, phase_codes in phases:
            working.update(dict.fromkeys(phase_codes))
        for code in working:
            if code not in wanted:
                continue
            in_phases = [name for name, phase_codes in phases if code in phase_codes]
            named = as_note(title, " (", listed(in_phases), ")") if in_phases else None
            notes.setdefault(code, []).append(named or as_note(title))
    return notes


def city_links(programmes):
    """Links of published cities to live programmes, with the city and the programme's
    title, in listing order: one query."""
    from .models import ProgrammeCity

    return list(
        ProgrammeCity.objects.filter(city__live=True, page__in=programmes.values("pk"))
        .select_related("city")
        .annotate(
            programme_title=translated("title", "page__"),
            programme_title_fell_back=falls_back("title", "page__"),
        )
        .order_by("-page__is_flagship", "page__path", "sort_order", "pk")
    )
