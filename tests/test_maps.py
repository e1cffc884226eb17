"""Visitors see where programmes work on server-drawn maps, with the same places as
tables, and a programme's phases on a time axis; in every language, right to left too."""

import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from programmes.maps import world
from programmes.maps.layers import number
from programmes.maps.projection import project
from programmes.models import City, ProgrammeCity, ProgrammePage, ProgrammePhase
from programmes.timeline import phase_timeline

pytestmark = pytest.mark.django_db

URBAN_LEDS = "/en/programmes/urban-leds/"
CLEAN_AIR = "/en/programmes/clean-air-cities-of-east-asia/"
LISTING = "/en/programmes/"
PHASE_I = "From Phase I (2013–2015)"
PHASE_II = "From Phase II (2017–2021)"


def soup(response):
    """The page as parsed HTML (html.parser writes attribute names in lower case: viewbox)."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def the_map(page):
    return page.select_one("svg.map__svg")


def accessible_name(page, svg):
    return " ".join(page.find(id=ref).get_text() for ref in svg["aria-labelledby"].split())


def table_rows(page, caption):
    table = page.find("caption", string=caption).find_parent("table")
    return [
        [cell.get_text(" ", strip=True) for cell in row(["th", "td"])]
        for row in table.select("tbody tr")
    ]


def legend(page):
    return [item.get_text(" ", strip=True) for item in page.select(".map__legend li")]


def shade(svg, country_name):
    """The shaded shape whose tooltip names the country."""
    for title in svg.select(".map__shade > title"):
        if title.get_text().split(":")[0] == country_name:
            return title.parent
    return None


def add_city(programme, name, country, role, latitude=None, longitude=None, live=True):
    city = City.objects.create(
        name_en=name, country=country, latitude=latitude, longitude=longitude, live=live
    )
    ProgrammeCity.objects.create(page=programme, city=city, role=role)
    return city


@pytest.fixture
def urban_leds(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


def test_the_programme_map_is_an_image_with_a_name_and_a_table_beside_it(client, seeded_site):
    page = soup(client.get(URBAN_LEDS))
    svg = the_map(page)
    assert svg["role"] == "img"
    assert accessible_name(page, svg) == "Map of the countries and cities of Urban-LEDS"
    assert (
        page.find(id=svg["aria-describedby"])
        .get_text()
        .startswith("8 countries are shaded. 0 cities are marked.")
    )
    assert table_rows(page, "Countries") == [
        ["Bangladesh", "Phase II"],
        ["Brazil", "Phase I and Phase II"],
        ["Colombia", "Phase II"],
        ["India", "Phase I and Phase II"],
        ["Indonesia", "Phase I and Phase II"],
        ["Laos", "Phase II"],
        ["Rwanda", "Phase II"],
        ["South Africa", "Phase I and Phase II"],
    ]
    assert "Natural Earth" in page.select_one(".map__source").get_text()


def test_urban_leds_phase_i_and_phase_ii_countries_look_different(client, seeded_site):
    page = soup(client.get(URBAN_LEDS))
    svg = the_map(page)
    assert legend(page) == [PHASE_I, PHASE_II]
    for country in ("Brazil", "India", "Indonesia", "South Africa"):
        assert "map__shade--solid" in shade(svg, country)["class"]
        assert not shade(svg, country).get("fill")
    for country in ("Bangladesh", "Colombia", "Laos", "Rwanda"):
        # Hatched, not just another colour: the pattern is drawn in the map itself.
        assert shade(svg, country)["fill"] == "url(#programme-map-hatch)"
    assert svg.select_one("pattern#programme-map-hatch")
    assert shade(svg, "Rwanda").title.get_text() == "Rwanda: Phase II"


def test_cities_with_coordinates_are_marked_and_labelled(client, seeded_site):
    page = soup(client.get(CLEAN_AIR))
    svg = the_map(page)
    marker = svg.select_one(".map__city--lead")
    assert marker.title.get_text() == "Seoul: Lead partner"
    assert marker.select_one("text").get_text() == "Seoul"
    assert legend(page) == ["Lead partner"]
    assert table_rows(page, "Cities") == [["Seoul", "South Korea", "Lead partner"]]
    # The map frames East Asia around Seoul rather than the whole world.
    x, y, width, height = map(float, svg["viewbox"].split())
    seoul_x, seoul_y = project(126.978, 37.5665)
    assert x < seoul_x < x + width and y < seoul_y < y + height
    assert width < 400


def test_european_source_cities_are_shown_by_their_role(client, urban_leds):
    add_city(urban_leds, "Bonn", "DE", "source", Decimal("50.73438"), Decimal("7.09549"))
    add_city(urban_leds, "Recife", "BR", "participant", Decimal("-8.05"), Decimal("-34.9"))
    page = soup(client.get(URBAN_LEDS))
    svg = the_map(page)
    assert legend(page) == [PHASE_I, PHASE_II, "Source city", "Participating city"]
    source = svg.select_one(".map__city--source")
    assert source.title.get_text() == "Bonn: Source city"
    participant = svg.select_one(".map__city--participant")
    # A triangle and a circle: the roles differ in shape, not only in colour.
    assert source.path["d"].count("L") == 2
    assert "a" in participant.path["d"]
    assert table_rows(page, "Cities") == [
        ["Bonn", "Germany", "Source city"],
        ["Recife", "Brazil", "Participating city"],
    ]
    # A source city adds no country to the programme: Germany is not shaded.
    assert shade(svg, "Germany") is None


def test_a_city_without_coordinates_is_in_the_table_only(client, urban_leds):
    add_city(urban_leds, "Kigali", "RW", "participant")
    page = soup(client.get(URBAN_LEDS))
    assert table_rows(page, "Cities") == [
        ["Kigali (not on the map)", "Rwanda", "Participating city"]
    ]
    assert the_map(page).select(".map__city") == []


def test_draft_cities_stay_off_the_map(client, urban_leds):
    add_city(urban_leds, "Draftville", "BR", "participant", Decimal("-10"), Decimal("-50"), False)
    page = soup(client.get(URBAN_LEDS))
    assert "Draftville" not in page.get_text()


def test_a_country_too_small_for_the_shapes_is_a_dot(client, seeded_site):
    programme = ProgrammePage.objects.get(slug_en="ecomobility-alliance")
    programme.countries = ["SG"]
    programme.save()
    page = soup(client.get("/en/programmes/ecomobility-alliance/"))
    dot = the_map(page).select_one("circle.map__shade")
    assert dot.title.get_text() == "Singapore"
    assert (float(dot["cx"]), float(dot["cy"])) == world.point("SG")
    assert table_rows(page, "Countries") == [["Singapore"]]


def test_a_programme_without_places_has_no_map(client, seeded_site):
    page = soup(client.get("/en/programmes/ecomobility-alliance/"))
    assert the_map(page) is None


def test_the_listing_shows_one_world_map_of_all_programmes(client, seeded_site):
    page = soup(client.get(LISTING))
    svg = the_map(page)
    assert accessible_name(page, svg) == "Map of the countries and cities of all programmes"
    assert svg["viewbox"] == " ".join(number(value) for value in world.world()["world"])
    rows = dict(table_rows(page, "Countries"))
    assert rows["Brazil"] == "Urban-LEDS (Phase I and Phase II)"
    assert rows["Rwanda"] == "Urban-LEDS (Phase II)"
    assert table_rows(page, "Cities") == [
        ["Seoul", "South Korea", "Clean Air Cities of East Asia: Lead partner"]
    ]


def test_the_listing_map_follows_the_filters(client, seeded_site):
    # Urban-LEDS (low-emission development) works in Rwanda; the air-quality programmes not.
    page = soup(client.get(LISTING, {"theme": "air-quality"}))

    assert page.select_one("#map-title").get_text() == "Where the matching programmes work"
    assert accessible_name(page, the_map(page)) == (
        "Map of the countries and cities of the matching programmes"
    )
    assert page.find("caption", string="Countries") is None  # no air-quality country listed
    assert shade(the_map(page), "Rwanda") is None
    assert table_rows(page, "Cities") == [
        ["Seoul", "South Korea", "Clean Air Cities of East Asia: Lead partner"]
    ]
    # Filters that match nothing show no map at all.
    none = soup(client.get(LISTING, {"theme": "air-quality", "status": "planned"}))
    assert the_map(none) is None
    # Without filters the map shows every programme again.
    assert "Rwanda" in dict(table_rows(soup(client.get(LISTING)), "Countries"))


@pytest.mark.parametrize(
    ("url", "heading", "name"),
    [
        (LISTING, "Where the programmes work", "Map of the countries and cities of all programmes"),
        (
            LISTING + "?theme=air-quality",
            "Where the matching programmes work",
            "Map of the countries and cities of the matching programmes",
        ),
        ("/ru/programmy/", "Где работают программы", "Карта стран и городов всех программ"),
        (
            "/ru/programmy/?theme=air-quality",
            "Где работают найденные программы",
            "Карта стран и городов найденных программ",
        ),
    ],
)
def test_the_listing_maps_heading_and_name_read_in_the_visitors_language(
    client, seeded_site, url, heading, name
):
    page = soup(client.get(url))

    assert page.select_one("#map-title").get_text() == heading
    assert accessible_name(page, the_map(page)) == name


def test_countries_too_small_to_see_on_a_phone_get_a_dot(client, seeded_site):
    svg = the_map(soup(client.get(URBAN_LEDS)))
    dots = {dot.title.get_text().split(":")[0] for dot in svg.select("circle.map__dot")}

    assert {"Rwanda", "Laos", "Bangladesh"} <= dots
    assert not {"Brazil", "India", "Indonesia"} & dots  # big enough to see as shapes


def test_the_seoul_label_does_not_cover_south_korea(client, seeded_site):
    svg = the_map(soup(client.get(CLEAN_AIR)))
    label = svg.select_one(".map__city--lead text")
    x0, _y0, x1, _y1 = world.shape("KR")["box"]

    width = len("Seoul") * float(label["font-size"]) * 0.6  # as the map estimates it
    x = float(label["x"])
    left, right = (x, x + width) if label["text-anchor"] == "start" else (x - width, x)
    assert right <= x0 or left >= x1  # in the sea beside the country, not across it
    # (The browser test measures the drawn label: tests/browser/test_small_screens.py.)


@pytest.mark.parametrize("language", ["ru", "de", "ar"])
def test_map_numbers_are_not_written_in_the_visitors_locale(
    client, seeded_site, language, all_languages_released
):
    """Russian writes 12,5 for 12.5: SVG coordinates must stay plain."""
    slug = "urban-leds"
    page = soup(
        client.get(f"/{language}/{'programmy' if language == 'ru' else 'programmes'}/{slug}/")
    )
    svg = the_map(page)
    assert [float(value) for value in svg["viewbox"].split()]
    assert all("," not in path["d"] for path in svg("path"))
    assert re.fullmatch(r"[-\d. ]+", svg.select_one("pattern")["width"])


def test_the_map_in_arabic_has_names_in_arabic_and_a_right_to_left_page(
    client, seeded_site, all_languages_released
):
    response = client.get("/ar/programmes/clean-air-cities-of-east-asia/")
    page = soup(response)
    assert page.html["dir"] == "rtl"
    svg = the_map(page)
    assert svg["role"] == "img"
    city, country, _role = (
        cell.get_text(strip=True) for cell in page.select(".map__tables tr")[1](["th", "td"])
    )
    assert country and country != "South Korea"  # django-countries' Arabic name
    # The label runs away from its marker on the reading side (leftwards in Arabic).
    label = svg.select_one("text")
    marker_x = project(126.978, 37.5665)[0]
    assert float(label["x"]) < marker_x
    assert label["text-anchor"] == "start"


def test_the_phases_are_on_a_time_axis(client, seeded_site):
    page = soup(client.get(URBAN_LEDS))
    rows = page.select(".timeline__phase")
    assert [row.select_one(".timeline__label").get_text(" ", strip=True) for row in rows] == [
        "Phase I 2013–2015",
        "Phase II 2017–2021",
    ]
    axis = [tick.get_text() for tick in page.select(".timeline__tick")]
    assert len(axis) == 9  # one column per year, 2013 to 2021
    assert axis[0] == "2013" and "2017" in axis
    on = [len(row.select(".timeline__year.is-on")) for row in rows]
    assert on == [3, 5]
    # The years 2016 (between the phases) is empty in both rows.
    assert all("is-on" not in row.select(".timeline__year")[3]["class"] for row in rows)
    assert rows[1].select_one(".timeline__countries").get_text().startswith("Bangladesh, Brazil")


def test_an_open_phase_runs_on_to_this_year(urban_leds):
    phases = list(urban_leds.phases.all()) + [ProgrammePhase(name="Phase III", start_year=2024)]
    timeline = phase_timeline(urban_leds, phases, this_year=2026)
    assert timeline.years[0] == 2013 and timeline.years[-1] == 2026
    last = timeline.rows[-1].cells
    assert [cell.on for cell in last].count(True) == 3
    assert last[-1].open and not timeline.rows[0].cells[-1].open


def test_the_stylesheet_sections_use_logical_properties_only():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    ours = css[css.index("/* Programme filters */") :]
    for section in ("/* Maps */", "/* Timeline */"):
        assert section in ours
    code = re.sub(r"/\*.*?\*/", "", ours, flags=re.S)
    assert not re.search(r"(?<![-\w])(left|right|top|bottom|width|height)\s*:", code)
    assert not re.search(r"\b(margin|padding|border)-(left|right|top|bottom)\b", code)
    assert not re.search(r"text-align\s*:\s*(left|right)", code)
    assert "@media print" in code


def test_programme_maps_and_timeline_cost_no_query_per_city(client, urban_leds):
    client.get(URBAN_LEDS)
    with CaptureQueriesContext(connection) as few:
        client.get(URBAN_LEDS)
    for index in range(8):
        add_city(
            urban_leds, f"City {index}", "BR", "participant", Decimal("-10"), Decimal(-50 + index)
        )
    client.get(URBAN_LEDS)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URBAN_LEDS)
    assert len(soup(response).select(".map__city")) == 8
    assert len(many) == len(few)


def test_the_bundled_shapes_cover_the_seed_countries_and_line_up_with_markers():
    for code in ("BR", "IN", "ID", "ZA", "BD", "CO", "LA", "RW", "KR", "DE"):
        assert world.shape(code)["d"].startswith("M")
    assert world.point("SG")  # too small for the 110m shapes: drawn as a dot
    x0, y0, x1, y1 = world.shape("DE")["box"]
    x, y = project(7.09549, 50.73438)  # Bonn
    assert x0 < x < x1 and y0 < y < y1


def test_the_world_map_counts_the_programmes_of_a_busy_country(client, seeded_site):
    """Up to five programmes are named in a country's row; more are counted."""
    from programmes.models import ProgrammeIndexPage

    index = ProgrammeIndexPage.objects.get()
    for n in range(6):
        index.add_child(
            instance=ProgrammePage(
                title_en=f"French programme {n}",
                slug_en=f"french-programme-{n}",
                summary_en="Works in France.",
                countries=["FR", "BR"],
            )
        )
    index.add_child(
        instance=ProgrammePage(
            title_en="Dutch programme", slug_en="dutch", summary_en="NL.", countries=["NL"]
        )
    )
    rows = dict(table_rows(soup(client.get(LISTING)), "Countries"))
    assert rows["France"] == "6 programmes"
    assert rows["Brazil"] == "7 programmes"  # Urban-LEDS and the six
    assert rows["Netherlands"] == "Dutch programme"
    assert rows["Rwanda"] == "Urban-LEDS (Phase II)"


def test_the_world_map_names_programmes_in_the_visitors_language(client, seeded_site):
    from programmes.models import ProgrammeIndexPage

    index = ProgrammeIndexPage.objects.get()
    programme = index.add_child(
        instance=ProgrammePage(
            title_en="French programme",
            title_ru="Французская программа",
            slug_en="french-programme",
            summary_en="Works in France.",
            countries=["FR"],
        )
    )
    ProgrammePhase.objects.create(
        page=programme, name_en="Pilot", name_ru="Пилот", start_year=2024, countries=["FR"]
    )
    index.add_child(
        instance=ProgrammePage(
            title_en="Dutch programme", slug_en="dutch", summary_en="NL.", countries=["NL"]
        )
    )
    table = soup(client.get("/ru/programmy/")).select(".map__tables table")[0]
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in table("tr")[1:]}
    assert rows["Франция"] == "Французская программа (Пилот)"
    assert rows["Нидерланды"] == "Dutch programme"  # no Russian title: the English one


def test_map_tables_tell_screen_readers_which_names_are_in_english(client, seeded_site):
    # WCAG 3.1.2: where a programme or phase has no Russian name, the English one shows,
    # marked lang="en" so that a screen reader reads it in English.
    from programmes.models import ProgrammeIndexPage

    index = ProgrammeIndexPage.objects.get()
    programme = index.add_child(
        instance=ProgrammePage(
            title_en="Dutch programme", slug_en="dutch", summary_en="NL.", countries=["NL"]
        )
    )
    programme.phases.add(ProgrammePhase(name_en="Pilot", start_year=2024, countries=["NL"]))
    programme.save_revision().publish()

    page = soup(client.get("/ru/programmy/"))
    rows = {row.th.get_text(strip=True): row.td for row in page.select(".map__tables tr")[1:]}
    marked = [(span["lang"], span.get_text()) for span in rows["Нидерланды"]("span")]
    assert marked == [("en", "Dutch programme"), ("en", "Pilot")]
    assert rows["Нидерланды"].get_text() == "Dutch programme (Pilot)"
    assert rows["Бразилия"]("span") == []  # Urban-LEDS has its Russian title
    tooltips = [title.get_text() for title in the_map(page)("title")]
    assert "Нидерланды: Dutch programme (Pilot)" in tooltips  # plain text in the picture


def test_a_programme_map_marks_phase_names_shown_in_english(
    client, seeded_site, all_languages_released
):
    # Arabic has no phase names of its own yet: the English ones show, marked as such.
    page = soup(client.get("/ar/programmes/urban-leds/"))

    phases = page.select(".map__tables table")[0].select("td")
    assert phases and all(cell.span["lang"] == "en" for cell in phases)
    assert all(cell.span["dir"] == "ltr" for cell in phases)
    assert "Phase I" in {cell.span.get_text() for cell in phases}
    legend = [item.span for item in page.select(".map__legend li") if item.span]
    assert {(span["lang"], span.get_text()) for span in legend} >= {("en", "Phase I")}
    russian = soup(client.get("/ru/programmy/urban-leds/")).select(".map__tables table")[0]
    assert russian("span") == []
