"""What a programme map shows: shaded countries and city markers, each in a legend layer,
and the same rows for the table beside the map. Built from rows the page has already
fetched (or, for the map of all programmes, aggregated: programmes.listing), so a map
costs no query of its own."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from django_countries.fields import Country

from core.collation import sorted_by
from core.countries import country_name
from core.lists import list_parts
from core.translation_fallback import field_in_language

from . import world

# Shaded countries differ by pattern as well as colour (legend, print, colour blindness).
PATTERNS = ("solid", "hatch", "dots", "cross")
# The width in CSS pixels a map gets on a 390 px wide phone, the smallest screen it is drawn
# for: a country smaller than SMALL_PX there gets a dot of DOT_PX radius on top of its shape.
PHONE_MAP_PX = 350
SMALL_PX = 16
DOT_PX = 4
# City markers differ by shape; the order is the legend's and decides a city's marker when
# it has several roles on the all-programmes map.
SHAPES = {"lead": "square", "source": "triangle", "participant": "circle"}


def number(value):
    """Coordinates as plain strings: templates would format floats in the visitor's locale
    (“12,5” in Russian), which SVG cannot read."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Piece:
    """Part of a note in a map's table: text, and its language when that is not the page's
    (a title with no translation of its own shows in English), for screen readers."""

    text: str
    lang: str = ""

    @property
    def dir(self):
        return "rtl" if translation.get_language_info(self.lang)["bidi"] else "ltr"

    def __str__(self):
        """HTML, as templates show it (Django's {{ }} takes str() of what is not a string)."""
        if not self.lang:
            return conditional_escape(self.text)
        return format_html('<span lang="{}" dir="{}">{}</span>', self.lang, self.dir, self.text)


class Note(tuple):
    """A note as Pieces: {{ note }} marks each piece's language; .text is the plain text
    (the map's tooltips)."""

    @property
    def text(self):
        return "".join(piece.text for piece in self)

    def __str__(self):
        return mark_safe("".join(str(piece) for piece in self))  # noqa: S308 (escaped)


NO_NOTE = Note()


def as_note(*parts):
    """A Note of its parts: strings (in the page's language), Pieces and Notes."""
    pieces = []
    for part in parts:
        if isinstance(part, Note):
            pieces.extend(part)
        elif isinstance(part, Piece):
            pieces.append(part)
        elif part:
            pieces.append(Piece(str(part)))
    return Note(pieces)


def joined(notes, separator):
    """The notes (or pieces) one after the other, with the separator between them."""
    parts = []
    for index, each in enumerate(notes):
        parts += [separator, each] if index else [each]
    return as_note(*parts)


def listed(notes):
    """The notes (or pieces) as a list in the page's language: “Phase I и Phase II”."""
    return as_note(*list_parts(notes))


def in_language(text, fell_back):
    """A Piece of a translated value: marked English when the page's language had none."""
    return Piece(str(text), settings.LANGUAGE_CODE if fell_back else "")


def field_piece(obj, field_name):
    """A Piece of a translated field of obj, as the visitor sees it."""
    shown = field_in_language(obj, field_name)
    return in_language(shown, shown.fallback)


@dataclass
class Layer:
    key: str
    label: str
    swatch: str = ""  # a city marker for the legend, in a 20×20 box


@dataclass
class MapCountry:
    country: Country
    layer: Layer
    note: Note = NO_NOTE
    path: str = ""  # the shape, when the 110m data has one
    point: tuple = ()  # (x, y) of a small country drawn as a dot instead
    small: bool = False  # the shape is too small to see on a phone: a dot marks it too

    @property
    def dot(self):
        return tuple(number(value) for value in self.point)

    @property
    def box(self):
        """(x0, y0, x1, y1) of the shape, or of the dot's point."""
        return tuple(world.shape(self.country.code)["box"]) if self.path else (*self.point,) * 2

    @property
    def title(self):
        name = country_name(self.country)
        return f"{name}: {self.note.text}" if self.note else name


@dataclass
class MapCity:
    name: Piece
    country: Country
    layer: Layer
    note: Note
    xy: tuple = ()  # (x, y) in map units, when the city has coordinates
    marker: str = ""
    label_x: str = ""
    label_y: str = ""
    anchor: str = "start"
    leader: tuple = ()  # (x1, y1, x2, y2) of a line to a label placed beyond the country

    @property
    def title(self):
        return f"{self.name.text}: {self.note.text}"


@dataclass
class Map:
    """A map ready for templates/programmes/includes/map.html: numbers already strings."""

    uid: str
    title: str
    countries: list
    cities: list
    country_layers: list = field(default_factory=list)
    city_layers: list = field(default_factory=list)
    country_note_heading: str = ""  # the table's column beside each country, if any
    city_note_heading: str = ""
    whole_world: bool = False  # else the map zooms to its places

    def __post_init__(self):
        boxes = [
            world.shape(row.country.code)["box"] if row.path else [*row.point, *row.point]
            for row in self.countries
            if row.path or row.point
        ]
        boxes += [[*city.xy, *city.xy] for city in self.cities if city.xy]
        self.view = world.frame([] if self.whole_world else boxes)
        self.view_box = " ".join(number(value) for value in self.view)
        self.land = world.land(self.view)
        self.sphere = world.sphere()
        width = self.view[2]
        # Sizes in map units, relative to the view, so a regional map keeps readable marks.
        self.marker_size = width * 0.009
        self.pattern_size = number(width * 0.012)
        self.pattern_half = number(width * 0.006)
        self.pattern_dot = number(width * 0.0035)
        self.swatch_box = f"0 0 {number(width * 0.036)} {number(width * 0.024)}"
        self.font_size = number(width * 0.022)
        # Dots (countries too small for a shape at this scale) keep DOT_PX on a phone.
        self.dot_radius = number(width * DOT_PX / PHONE_MAP_PX)
        smallest = width * SMALL_PX / PHONE_MAP_PX
        for row in self.countries:
            if row.path:
                x0, y0, x1, y1 = row.box
                if max(x1 - x0, y1 - y0) < smallest:
                    row.small = True
                    row.point = ((x0 + x1) / 2, (y0 + y1) / 2)
        self._place_cities()
        for layer in self.city_layers:
            layer.swatch = marker_path(layer.key, 10, 10, 7)

    @property
    def description(self):
        shaded = len(self.countries)
        marked = len(self.mapped_cities)
        return " ".join(
            [
                ngettext("%(count)s country is shaded.", "%(count)s countries are shaded.", shaded)
                % {"count": shaded},
                ngettext("%(count)s city is marked.", "%(count)s cities are marked.", marked)
                % {"count": marked},
                _("The tables next to the map list the same places."),
            ]
        )

    @property
    def mapped_cities(self):
        return [city for city in self.cities if city.xy]

    @property
    def show_labels(self):
        """Names beside the markers while they fit; with many cities, titles and the table."""
        return 0 < len(self.mapped_cities) <= 6

    @property
    def patterns(self):
        return [layer.key for layer in self.country_layers if layer.key != "solid"]

    def _place_cities(self):
        """Each city's label beside its marker, on the reading side if it fits, else the
        other; where either would cover the city's own country, beyond the country with a
        line to the marker ("Seoul" must not hide South Korea)."""
        x0, y0, width, height = self.view
        view = (x0, y0, x0 + width, y0 + height)
        rtl = translation.get_language_bidi()
        size = self.marker_size
        font = float(self.font_size)
        boxes = {row.country.code: row.box for row in self.countries if row.path or row.point}
        for city in self.mapped_cities:
            x, y = city.xy
            city.marker = marker_path(city.layer.key, x, y, size)
            text_width = len(city.name.text) * font * 0.6
            # The city's country, shaded or not: a label must not hide it either way.
            code = city.country.code if city.country else None
            shape = world.shape(code) if code else None
            country = boxes.get(code) or (tuple(shape["box"]) if shape else None)
            gap = 1.8 * size
            # Where the label's near end may go: beside the marker, then beyond the country.
            ends = [(x + gap, "right"), (x - gap, "left")]
            if country:
                ends += [(country[2] + gap, "right"), (country[0] - gap, "left")]
            if rtl:
                ends = [ends[1], ends[0], *ends[3:], *ends[2:3]]
            choice = None
            for end, side in ends:
                left = end if side == "right" else end - text_width
                label = (left, y - font * 0.8, left + text_width, y + font * 0.4)
                fits = label[0] >= view[0] and label[2] <= view[2]
                if fits and not (country and overlaps(label, country)):
                    choice = (end, side)
                    break
            end, side = choice or ends[0]
            city.label_x = number(end)
            city.label_y = number(y + font * 0.35)
            if abs(end - x) > gap * 1.01:  # placed beyond the country: a line shows whose
                start = x + size if side == "right" else x - size
                city.leader = tuple(
                    number(v)
                    for v in (start, y, end - (gap / 3 if side == "right" else -gap / 3), y)
                )
            # SVG text inherits the page's direction: in right-to-left pages "start" is the
            # label's right end. Either way the label runs away from its marker.
            city.anchor = "start" if (side == "right") != rtl else "end"


def overlaps(a, b):
    """Whether two boxes (x0, y0, x1, y1) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def marker_path(shape_key, x, y, size):
    """A city marker as path data: circle, square or triangle, centred on (x, y)."""
    shape = SHAPES.get(shape_key, "circle")
    if shape == "square":
        s = size * 0.9
        return f"M{number(x - s)} {number(y - s)}h{number(2 * s)}v{number(2 * s)}h{number(-2 * s)}z"
    if shape == "triangle":
        s = size * 1.2
        return (
            f"M{number(x)} {number(y - s)}L{number(x + s)} {number(y + 0.8 * s)}"
            f"L{number(x - s)} {number(y + 0.8 * s)}z"
        )
    return (
        f"M{number(x - size)} {number(y)}a{number(size)} {number(size)} 0 1 0 {number(2 * size)} 0"
        f"a{number(size)} {number(size)} 0 1 0 {number(-2 * size)} 0z"
    )


def shaded(country, layer, note=NO_NOTE):
    shape = world.shape(country.code)
    return MapCountry(
        country=country,
        layer=layer,
        note=note,
        path=shape["d"] if shape else "",
        point=() if shape else world.point(country.code) or (),
    )


def city_row(city, layer, note):
    xy = ()
    if city.latitude is not None and city.longitude is not None:
        xy = world.place(city.latitude, city.longitude)
    return MapCity(
        name=field_piece(city, "name"), country=city.country, layer=layer, note=note, xy=xy
    )


def by_name(rows):
    return sorted_by(rows, lambda row: country_name(row.country))


def role_layers(roles):
    """One legend entry per city role present, in the order of SHAPES."""
    from programmes.models import ProgrammeCity

    labels = dict(ProgrammeCity.Role.choices)
    return {role: Layer(role, str(labels[role])) for role in SHAPES if role in roles}


def phase_label(phase):
    """“From Phase I (2013–2015)”, the phase's name marked when it shows in English."""
    sentence = conditional_escape(_("From %(phase)s (%(years)s)"))
    return mark_safe(  # noqa: S308 (the sentence and both values are escaped)
        sentence % {"phase": field_piece(phase, "name"), "years": escape(phase.years)}
    )


def programme_map(programme, phases, city_links):
    """The map of one programme: its countries by the phase they joined in, its cities by
    role. None when it has neither countries nor cities."""
    phases = [phase for phase in phases if phase.countries]
    codes = programme.working_country_codes(phases)
    if not codes and not city_links:
        return None
    # Legend layers in phase order: a country belongs to the phase it joined in.
    layers = {index: phase_label(phase) for index, phase in enumerate(phases)}
    layers[len(phases)] = _("Other countries of the programme") if phases else _("Countries")
    countries = []
    for code in codes:
        in_phases = [index for index, phase in enumerate(phases) if code in phase.country_codes]
        key = in_phases[0] if in_phases else len(phases)
        names = [field_piece(phases[index], "name") for index in in_phases]
        countries.append((Country(code), key, listed(names)))
    used = sorted({key for _country, key, _note in countries})
    layers = {key: layers[key] for key in used}
    country_layers = [
        Layer(PATTERNS[index % len(PATTERNS)], label) for index, label in enumerate(layers.values())
    ]
    by_key = dict(zip(layers, country_layers, strict=True))
    roles = role_layers({link.role for link in city_links})
    return Map(
        uid="programme-map",
        title=_("Map of the countries and cities of %(programme)s")
        % {"programme": programme.title},
        countries=by_name(shaded(country, by_key[key], note) for country, key, note in countries),
        cities=[
            city_row(link.city, roles[link.role], as_note(link.get_role_display()))
            for link in city_links
        ],
        country_layers=country_layers,
        city_layers=list(roles.values()),
        country_note_heading=_("Phases") if phases else "",
        city_note_heading=_("Role"),
    )


def programmes_map(counts, named, city_links, max_named, filtered=False):
    """One map of every programme: the countries where any works, each with its programmes
    (and phases) named, or their number when there are more than `max_named`, and every
    city with the programmes it takes part in.

    counts: {code: number of programmes}; named: {code: [Note of "Title (phases)", …]} for
    the countries with few programmes; city_links: ProgrammeCity rows with their city,
    `programme_title` and `programme_title_fell_back` (programmes.listing computes all three
    in aggregate queries). filtered: the programmes are those the listing's filters
    matched (the map's title says so)."""
    notes = {}
    for code, count in counts.items():
        if count <= max_named and named.get(code):
            notes[code] = joined(named[code], "; ")
        else:
            notes[code] = as_note(
                ngettext("%(count)s programme", "%(count)s programmes", count) % {"count": count}
            )
    cities = {}
    for link in city_links:
        city = cities.setdefault(link.city.pk, {"city": link.city, "roles": [], "notes": []})
        city["roles"].append(link.role)
        title = in_language(link.programme_title, link.programme_title_fell_back)
        city["notes"].append(as_note(title, f": {link.get_role_display()}"))
    if not notes and not cities:
        return None
    layer = Layer("solid", _("Countries where programmes work"))
    roles = role_layers({role for city in cities.values() for role in city["roles"]})
    city_rows = []
    for city in cities.values():
        # The marker shows the most prominent role the city has in any programme.
        role = next(role for role in SHAPES if role in city["roles"])
        city_rows.append(city_row(city["city"], roles[role], joined(city["notes"], "; ")))
    return Map(
        uid="programmes-map",
        title=_("Map of the countries and cities of the matching programmes")
        if filtered
        else _("Map of the countries and cities of all programmes"),
        countries=by_name(shaded(Country(code), layer, note) for code, note in notes.items()),
        cities=sorted_by(city_rows, lambda row: row.name.text),
        country_layers=[layer] if notes else [],
        city_layers=list(roles.values()),
        country_note_heading=_("Programmes"),
        city_note_heading=_("Programmes"),
        whole_world=True,
    )
