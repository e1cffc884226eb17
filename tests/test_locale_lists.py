"""Lists and country names read as each language writes them (CLDR, through Babel)."""

from django.utils import translation

import pytest
from babel.lists import format_list as babel_format_list
from bs4 import BeautifulSoup

from core.countries import country_name
from core.lists import format_list

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def map_note(soup, country):
    """The phases noted for a country in the programme map's table."""
    for row in soup.select(".map__tables tr"):
        if row.th and row.th.get_text(strip=True) == country:
            return row.td
    raise AssertionError(f"{country} is not in the map's table")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Phase I and Phase II"),
        ("ru", "Phase I и Phase II"),
        ("ar", "Phase I وPhase II"),
        ("zh-hans", "Phase I和Phase II"),
    ],
)
def test_two_items_are_joined_with_the_languages_conjunction(language, expected):
    assert format_list(["Phase I", "Phase II"], language) == expected


@pytest.mark.parametrize("language", ["en", "ru", "de", "ar", "zh-hans", "ko"])
def test_longer_lists_follow_cldr_as_babel_does(language):
    items = ["Brasil", "India", "Indonesia", "South Africa"]

    assert format_list(items, language) == babel_format_list(
        items, locale=translation.to_locale(language)
    )


def test_list_items_are_escaped():
    assert format_list(["<b>", "R&D"], "en") == "&lt;b&gt; and R&amp;D"


def test_south_africa_has_its_short_name_in_every_language():
    assert country_name("ZA", "ar") == "جنوب أفريقيا"  # not «جنوب افريقيا (الجمهورية)»
    assert country_name("ZA", "en") == "South Africa"
    assert country_name("KR", "ko") == "대한민국"
    assert country_name("", "ar") == ""


def test_a_russian_visitor_reads_the_countries_as_a_russian_list(client, seeded_site):
    soup = soup_of(client, "/ru/programmy/urban-leds/")

    countries = next(
        div.dd.get_text() for div in soup.select("dl div") if div.dt.get_text() == "Страны"
    )
    assert " и " in countries  # “…, Руанда и Южно-Африканская Республика”, not commas only
    # The phases South Africa joined are one Russian list in the map's table.
    note = map_note(soup, "Южно-Африканская Республика").get_text()
    assert " и " in note and "," not in note


def test_an_arabic_visitor_reads_arabic_country_names_and_lists(
    client, seeded_site, all_languages_released
):
    soup = soup_of(client, "/ar/programmes/urban-leds/")

    assert "جنوب أفريقيا" in soup.main.get_text()
    assert "جنوب افريقيا (الجمهورية)" not in soup.main.get_text()
    note = map_note(soup, "جنوب أفريقيا")
    # The English phase names keep their marks; the conjunction between them is Arabic, so
    # they no longer read “Phase II ,Phase I”.
    assert [span["lang"] for span in note.select("span[lang]")] == ["en", "en"]
    assert " و" in note.get_text() and "," not in note.get_text()
