"""Visitors in a language without a translation read English, and are told so, field by field."""

import pytest
from bs4 import BeautifulSoup

from programmes.models import ProgrammePage

# Stories about German, Korean and Arabic visitors: those languages are released here.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("all_languages_released")]


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_arabic_pages_read_right_to_left(client, seeded_site):
    html = soup_of(client, "/ar/programmes/urban-leds/").html

    assert (html["lang"], html["dir"]) == ("ar", "rtl")


@pytest.mark.parametrize("language", ["en", "ru", "de", "zh-hans"])
def test_other_languages_read_left_to_right(client, seeded_site, language):
    assert soup_of(client, f"/{language}/").html["dir"] == "ltr"


def test_english_text_on_a_german_page_is_marked_as_english_with_a_notice(client, seeded_site):
    soup = soup_of(client, "/de/programmes/ecomobility-alliance/")

    lead = soup.select_one("p.lead")
    assert "private cars running on fossil fuels" in lead.get_text()
    assert (lead["lang"], lead["dir"]) == ("en", "ltr")
    notice = soup.select_one("main .fallback-notice")
    assert "Deutsch" in notice.get_text()
    assert notice.get("lang") is None  # the notice itself speaks German
    assert notice.find_next("h1") is not None  # said once, before the page's text


@pytest.mark.parametrize("url", ["/ar/", "/ar/programmes/urban-leds/", "/de/partners/unfccc/"])
def test_a_page_says_once_that_parts_of_it_are_in_english(client, seeded_site, url):
    soup = soup_of(client, url)

    assert len(soup.select(".fallback-notice")) == 1  # was once per section (7 on /ar/)
    assert len(soup.select("main [lang=en]")) > 1  # every English part keeps its mark


def test_an_arabic_page_keeps_english_text_left_to_right(client, seeded_site):
    heading = soup_of(client, "/ar/priorities/multilevel-governance/").h1

    assert (heading["lang"], heading["dir"]) == ("en", "ltr")


def test_fallback_is_per_field_not_per_page(client, seeded_site):
    programme = ProgrammePage.objects.get(slug_en="urban-leds")
    programme.summary_de = "Das Vorzeigeprojekt von ICLEI."
    programme.save_revision().publish()

    soup = soup_of(client, "/de/programmes/urban-leds/")

    lead = soup.select_one("p.lead")
    assert lead.get_text() == "Das Vorzeigeprojekt von ICLEI."
    assert lead.get("lang") is None  # German text in a German page
    body = soup.select_one("div.body")
    assert body["lang"] == "en"  # the body has no German yet
    assert "60 cities" in body.get_text()


def test_russian_pages_show_no_fallback_marks(client, seeded_site):
    soup = soup_of(client, "/ru/programmy/urban-leds/")

    assert not soup.select("main [lang=en]")
    assert not soup.select(".fallback-notice")


def test_english_pages_never_show_the_notice(client, seeded_site):
    assert not soup_of(client, "/en/programmes/urban-leds/").select(".fallback-notice")


def test_the_language_switcher_offers_every_released_language(client, seeded_site):
    soup = soup_of(client, "/ko/tools/clearpath/")

    links = soup.select("nav.language-switcher li [lang]")
    assert [link["lang"] for link in links] == [
        "en",
        "ru",
        "de",
        "fr",
        "es",
        "pt",
        "zh-hans",
        "ko",
        "ar",
    ]
    current = soup.select_one('nav.language-switcher [aria-current="true"]')
    assert current.get_text() == "한국어"
    assert soup.select_one("nav.language-switcher summary").get_text(" ", strip=True) == (
        "언어: 한국어"
    )
