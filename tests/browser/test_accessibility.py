"""Every page type, in English, Russian and Arabic, passes axe-core's WCAG 2.2 A/AA rules
(and its best-practice rules: landmarks, heading order, one h1), and keyboard users can
see where they are."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# One page of each type, at its address in each language (Arabic has no slugs of its
# own yet, so it uses the English ones).
PAGES = {
    "home": ("/en/", "/ru/", "/ar/"),
    "priority index": ("/en/priorities/", "/ru/prioritety/", "/ar/priorities/"),
    "priority": (
        "/en/priorities/short-lived-climate-pollutants/",
        "/ru/prioritety/korotkozhivushchie-klimaticheskie-zagryazniteli/",
        "/ar/priorities/short-lived-climate-pollutants/",
    ),
    "programme index": ("/en/programmes/", "/ru/programmy/", "/ar/programmes/"),
    "programme": (
        "/en/programmes/urban-leds/",
        "/ru/programmy/urban-leds/",
        "/ar/programmes/urban-leds/",
    ),
    "programme with cities": (
        "/en/programmes/clean-air-cities-of-east-asia/",
        "/ru/programmy/goroda-vostochnoj-azii-s-chistym-vozduhom/",
        "/ar/programmes/clean-air-cities-of-east-asia/",
    ),
    "partner index": ("/en/partners/", "/ru/partnery/", "/ar/partners/"),
    "partner": ("/en/partners/unfccc/", "/ru/partnery/rkik-oon/", "/ar/partners/unfccc/"),
    "tool index": ("/en/tools/", "/ru/instrumenty/", "/ar/tools/"),
    "tool": ("/en/tools/clearpath/", "/ru/instrumenty/clearpath/", "/ar/tools/clearpath/"),
    "event index": ("/en/events/", "/ru/meropriyatiya/", "/ar/events/"),
    "event": (
        "/en/events/iclei-world-congress-2021-22/",
        "/ru/meropriyatiya/vsemirnyj-kongress-iclei-2021-22/",
        "/ar/events/iclei-world-congress-2021-22/",
    ),
    "office": ("/en/office/", "/ru/ofis/", "/ar/office/"),
    "general page (privacy notice)": (
        "/en/privacy/",
        "/ru/konfidencialnost/",
        "/ar/privacy/",
    ),
    "search results": ("/en/search/?q=Seoul", "/ru/search/?q=Сеул", "/ar/search/?q=Seoul"),
    "search, nothing found": (
        "/en/search/?q=zzzz",
        "/ru/search/?q=щщщщ",
        "/ar/search/?q=zzzz",
    ),
    "page not found": ("/en/no-such-page/", "/ru/net-takoj-stranicy/", "/ar/no-such-page/"),
}
LANGUAGES = ("en", "ru", "ar")
# Each language is checked at another screen width, from the narrowest phone up.
WIDTHS = {"en": 1280, "ru": 320, "ar": 375}


def axe_violations(page, axe_source):
    """Run axe-core in the page; its violations as readable lines."""
    # evaluate() goes through the DevTools protocol, so the page's CSP (nonce-only
    # scripts) stays in force and is not what lets axe in.
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGES)
def test_every_page_type_passes_axe_and_fits_the_screen_in_each_language(
    new_page, axe_source, page_type, language
):
    page = new_page(viewport={"width": WIDTHS[language], "height": 800})
    url = PAGES[page_type][LANGUAGES.index(language)]

    response = page.goto(url)

    assert response.status == (404 if page_type == "page not found" else 200)
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page, axe_source) == []
    text = page.locator("body").inner_text()
    assert "{#" not in text and "{%" not in text  # no template comment or tag shows
    assert page.evaluate(  # nothing wider than the screen: no sideways scrolling
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_thank_you_page_after_writing_to_the_office_passes_axe(new_page, axe_source, language):
    page = new_page()
    page.goto(PAGES["office"][LANGUAGES.index(language)])
    form = page.locator("form.contact-form")
    for field in form.locator(".contact-form__field").locator("input, textarea").all():
        kind = field.get_attribute("type")
        if kind == "email":
            field.fill("visitor@example.org")
        elif kind == "checkbox":
            field.check()
        elif kind not in ("radio", "hidden", "submit"):
            field.fill("A question about Urban-LEDS")

    # The thank-you page comes back at the form's own address: wait for the post's page to
    # load, or the checks below could still see the form.
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    expect(page.get_by_role("status")).to_be_visible()
    assert axe_violations(page, axe_source) == []


def test_a_keyboard_user_skips_to_the_content_and_sees_the_focus(new_page):
    page = new_page(viewport={"width": 1280, "height": 800})
    page.goto("/en/programmes/urban-leds/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    box = skip_link.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0  # on screen once focused, not off it

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("element => element.closest('main') !== null")
    # WCAG 2.4.7 / 2.4.13: a clear outline around whatever has the keyboard focus.
    outline = focused.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] == "solid" and outline[1] >= 2


@pytest.mark.parametrize(("preference", "animated"), [("no-preference", True), ("reduce", False)])
def test_visitors_who_ask_for_less_motion_get_no_transitions(new_page, preference, animated):
    page = new_page(reduced_motion=preference)
    page.goto("/en/programmes/")

    durations = page.locator(".card").first.evaluate(
        "element => getComputedStyle(element).transitionDuration"
    )

    assert any(float(value.rstrip("s")) > 0 for value in durations.split(",")) is animated


@pytest.mark.parametrize(
    ("url", "printed", "left_out"),
    [
        (
            "/en/office/",
            [".address", "h1"],
            [".site-nav", ".language-switcher", ".search-form", ".site-footer", ".contact-form"],
        ),
        (
            "/ru/programmy/urban-leds/",
            ["h1", ".facts", ".key-figures"],
            [".site-nav", ".language-switcher", ".search-form", ".breadcrumbs", ".site-footer"],
        ),
    ],
)
def test_printed_office_and_programme_pages_keep_the_content_and_drop_the_chrome(
    new_page, url, printed, left_out
):
    page = new_page()
    page.goto(url)

    page.emulate_media(media="print")

    for selector in printed:
        assert page.locator(selector).first.is_visible(), selector
    for selector in left_out:
        assert page.locator(selector).count() >= 1, selector  # on screen, so it exists
        assert not page.locator(selector).first.is_visible(), selector
    assert page.pdf(format="A4")[:4] == b"%PDF"


@pytest.mark.parametrize(("url", "marked"), [("/ar/", {"en"}), ("/ru/", {""})])
def test_screen_readers_are_told_which_menu_and_section_titles_are_english(new_page, url, marked):
    # WCAG 3.1.2: Arabic has no titles of its own yet, so its menu and the home page's
    # section titles show the English ones, marked lang="en"; Russian has its own.
    page = new_page()
    page.goto(url)

    menu = page.locator("nav.site-nav a").evaluate_all("links => links.map(a => a.lang)")
    sections = page.locator("main h2 a").evaluate_all("links => links.map(a => a.lang)")

    # The six sections; news and publications join once they have an item (core.sections).
    assert len(menu) == 6 and set(menu) == marked
    assert len(sections) >= 4 and set(sections) == marked
