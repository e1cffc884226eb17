"""A visitor reads about a programme, switches to Russian (or Arabic) and lands on the same
programme, searches in that language and filters the programmes by country.

Russian is walked with JavaScript off (every page works without it), Arabic with it on.
Each step is photographed at 375 px and 1280 px into var/test-artifacts/screenshots/.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

JOURNEYS = {
    "ru": {
        "switcher": "Русский",
        "programme_url": "/ru/programmy/urban-leds/",
        "direction": "ltr",
        "query": "Сеул",
        "found": "Города Восточной Азии с чистым воздухом",
        "programmes_menu": "Программы и проекты",
        "country": ("IN", "Индия"),
        "javascript": False,
    },
    "ar": {
        "switcher": "العربية",
        "programme_url": "/ar/programmes/urban-leds/",
        "direction": "rtl",
        "query": "Seoul",  # no Arabic content yet: English text is what there is to find
        "found": "Clean Air Cities of East Asia",
        "programmes_menu": "Programmes and projects",
        "country": ("IN", "الهند"),
        "javascript": True,
    },
}
WIDTHS = (375, 1280)


@pytest.fixture
def photograph(screenshots_dir):
    """Screenshot the whole page at each width: journey-<lang>-<step>-<name>-<width>.png."""

    def take(page, language, step, name):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            # No sideways scrolling at any width: the layout fits from 320 px up.
            assert page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            ), f"{name} at {width} px is wider than the screen"
            page.screenshot(
                path=screenshots_dir / f"journey-{language}-{step:02d}-{name}-{width}.png",
                full_page=True,
            )

    return take


def heading(page):
    return page.get_by_role("heading", level=1).inner_text().strip()


@pytest.mark.parametrize("language", JOURNEYS)
def test_visitor_follows_a_programme_into_another_language_searches_and_filters(
    new_page, server_url, photograph, language
):
    journey = JOURNEYS[language]
    page = new_page(java_script_enabled=journey["javascript"])
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    # Home: the organisation profile, with the programmes among its sections.
    page.goto("/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    photograph(page, language, 1, "home")

    page.get_by_role("link", name="Urban-LEDS", exact=True).first.click()
    assert urlsplit(page.url).path == "/en/programmes/urban-leds/"
    assert heading(page) == "Urban-LEDS"
    photograph(page, language, 2, "programme-en")

    # The language selector (a disclosure: opened first) leads to the same programme, at its
    # address in that language.
    languages = page.get_by_role("navigation", name="Language")
    languages.locator("summary").click()
    languages.get_by_role("link", name=journey["switcher"]).click()
    assert urlsplit(page.url).path == journey["programme_url"]
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == journey["direction"]
    assert heading(page) == "Urban-LEDS"
    photograph(page, language, 3, "programme")
    if journey["direction"] == "rtl":
        # The page mirrors: the site's name starts at the right-hand edge.
        page.set_viewport_size({"width": 1280, "height": 900})
        brand = page.locator(".site-header__brand").bounding_box()
        assert brand["x"] > 1280 / 2

    # Search from the header, in the visitor's language.
    search = page.get_by_role("search").first.get_by_role("searchbox")
    search.fill(journey["query"])
    search.press("Enter")
    assert urlsplit(page.url).path == f"/{language}/search/"
    assert parse_qs(urlsplit(page.url).query)["q"] == [journey["query"]]
    assert page.locator("html").get_attribute("dir") == journey["direction"]
    results = page.locator("main").get_by_role("link", name=journey["found"])
    assert results.count() >= 1
    photograph(page, language, 4, "search")

    # Programmes by country: the filter form is a plain GET form.
    page.locator("nav.site-nav").get_by_role("link", name=journey["programmes_menu"]).click()
    code, country_name = journey["country"]
    country = page.locator("select[name=country]")
    country.select_option(code)
    assert country.locator("option:checked").inner_text().strip() == country_name
    page.locator("form:has(select[name=country])").get_by_role("button").click()

    query = parse_qs(urlsplit(page.url).query)
    assert query["country"] == [code]
    assert page.locator("html").get_attribute("dir") == journey["direction"]
    cards = page.locator("main .card")
    titles = [title.strip() for title in cards.get_by_role("heading").all_inner_texts()]
    assert "Urban-LEDS" in titles  # works in India
    assert not any(re.search("EcoMobility", title) for title in titles)  # does not
    photograph(page, language, 5, "programmes-by-country")

    # Nothing came from another host: no fonts, scripts or trackers from third parties.
    assert requested and all(url.startswith(server_url + "/") for url in requested), [
        url for url in requested if not url.startswith(server_url + "/")
    ]
