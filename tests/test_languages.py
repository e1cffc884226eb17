"""Visitors move between English and Russian and land on the same page; bad URLs are 404s."""

import pytest
from bs4 import BeautifulSoup

from tests.helpers import html_lang, visible_text

pytestmark = pytest.mark.django_db


def switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.select_one("nav.language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.select("a[hreflang]")}


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("english_url", "russian_url", "russian_heading"),
    [
        ("/en/", "/ru/", "ICLEI — Местные органы власти за устойчивое развитие"),
        ("/en/programmes/urban-leds/", "/ru/programmy/urban-leds/", "Urban-LEDS"),
        (
            "/en/programmes/clean-air-cities-of-east-asia/",
            "/ru/programmy/goroda-vostochnoj-azii-s-chistym-vozduhom/",
            "Города Восточной Азии с чистым воздухом",
        ),
        (
            "/en/partners/unfccc/",
            "/ru/partnery/rkik-oon/",
            "Рамочная конвенция ООН об изменении климата (РКИК ООН)",
        ),
        ("/en/office/", "/ru/ofis/", "Контакты"),
    ],
)
def test_switching_language_lands_on_the_same_page(
    client, seeded_site, english_url, russian_url, russian_heading
):
    english = client.get(english_url)
    assert switcher_links(english)["ru"] == russian_url

    russian = client.get(russian_url)
    assert russian.status_code == 200
    assert html_lang(russian) == "ru"
    assert heading(russian) == russian_heading
    assert switcher_links(russian)["en"] == english_url


def test_pages_announce_their_translations_to_search_engines(client, seeded_site):
    soup = BeautifulSoup(client.get("/en/tools/clearpath/").content, "html.parser")

    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
    assert alternates["en"].endswith("/en/tools/clearpath/")
    assert alternates["ru"].endswith("/ru/instrumenty/clearpath/")


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("de-DE", "/de/"),
        ("ar-EG,ar;q=0.9", "/ar/"),
        ("ja-JP", "/en/"),
    ],
)
def test_the_bare_address_sends_visitors_to_their_best_language(
    client, seeded_site, accept, target
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/xx/programmes/urban-leds/",
        "/ja/programmes/",
        "/zh/programmes/",  # only zh-hans is offered
        "/en/no-such-page/",
        "/ru/programmes/urban-leds/",  # the English slug under the Russian prefix
        "/en/programmy/urban-leds/",  # the Russian slug under the English prefix
        "/ru/программы/",
        "/en/programmes/urban-leds/no-such-child/",
        "/en/%E2%80%8B/",
    ],
)
def test_unknown_language_prefixes_and_slugs_are_404s(client, seeded_site, url):
    response = client.get(url, follow=True)

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]


def test_the_404_page_speaks_the_visitors_language(client, seeded_site):
    response = client.get("/ru/net-takoj-stranicy/")

    assert response.status_code == 404
    assert html_lang(response) == "ru"
    assert "Страница не найдена" in visible_text(response)
    assert switcher_links(response)["en"] == "/en/"
