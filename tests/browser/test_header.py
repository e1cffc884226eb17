"""The header on a phone and a desktop screen, by touch, keyboard and screen reader, and
English fallback text on right-to-left pages, in a real browser."""

import pytest

from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.xdist_group("browser")

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1440, "height": 900}
HOMES = {"en": "/en/", "ru": "/ru/", "ar": "/ar/"}
MENU_NAMES = {"en": "Menu", "ru": "Меню", "ar": "القائمة"}


def header_height(page):
    return page.locator(".site-header").evaluate("header => header.getBoundingClientRect().height")


def focused(page):
    return page.evaluate_handle("document.activeElement")


def is_focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit=15):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    raise AssertionError(f"{locator} never got the keyboard focus")


@pytest.mark.parametrize("language", HOMES)
def test_on_a_phone_the_header_is_one_short_row_of_brand_menu_and_language(new_page, language):
    page = new_page(viewport=PHONE)
    page.goto(HOMES[language])

    assert header_height(page) <= 120  # was 215–320 px: every link in the header
    assert not page.locator("nav.site-nav a").first.is_visible()  # folded into the menu
    assert not page.locator(".language-switcher li").first.is_visible()
    menu_button = page.locator("summary.site-menu__toggle")  # a disclosure's button
    assert menu_button.is_visible()
    assert menu_button.text_content().strip() == MENU_NAMES[language]
    assert page.locator("h1").bounding_box()["y"] < 844 / 2  # the content starts high


@pytest.mark.parametrize("language", HOMES)
def test_a_keyboard_user_opens_and_closes_the_menu(new_page, language):
    page = new_page(viewport=PHONE)
    page.goto(HOMES[language])
    menu_button = page.locator(".site-menu__toggle")

    tab_to(page, menu_button)
    page.keyboard.press("Enter")

    first_link = page.locator("nav.site-nav a").first
    assert first_link.is_visible()
    assert page.locator(".site-menu").evaluate("details => details.open")
    page.keyboard.press("Tab")
    assert is_focused(first_link)  # the menu's links come next in the focus order
    page.keyboard.press("Escape")
    assert not first_link.is_visible()
    assert is_focused(menu_button)  # back on the button that opened it


@pytest.mark.parametrize("language", HOMES)
def test_a_keyboard_user_switches_language_from_the_selector(new_page, language):
    page = new_page(viewport=PHONE)
    page.goto(HOMES[language])
    selector = page.locator(".language-switcher__toggle")
    accessible_name = selector.evaluate("summary => summary.textContent.trim()")
    assert page.locator(".language-switcher [aria-current]").get_attribute("lang") == language
    assert accessible_name.endswith(
        page.locator(".language-switcher [aria-current]").text_content()
    )

    tab_to(page, selector)
    page.keyboard.press("Enter")
    links = page.locator(".language-switcher a[hreflang]")
    assert links.first.is_visible()
    for link in links.all():  # each language by its own name, marked for screen readers
        assert link.get_attribute("lang") == link.get_attribute("hreflang")
    page.keyboard.press("Escape")
    assert not links.first.is_visible()
    assert is_focused(selector)

    page.keyboard.press("Enter")
    target = "ar" if language != "ar" else "ru"
    tab_to(page, page.locator(f'.language-switcher a[hreflang="{target}"]'))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("lang") == target


def test_opening_the_language_selector_closes_the_menu(new_page):
    page = new_page(viewport=PHONE)
    page.goto("/en/")

    page.locator(".site-menu__toggle").click()
    page.locator(".language-switcher__toggle").click()

    assert not page.locator("nav.site-nav a").first.is_visible()
    assert page.locator(".language-switcher a").first.is_visible()


@pytest.mark.parametrize("language", HOMES)
def test_on_a_desktop_the_menu_is_a_row_of_links(new_page, language):
    page = new_page(viewport=DESKTOP)
    page.goto(HOMES[language])

    assert not page.locator(".site-menu__toggle").is_visible()
    links = page.locator("nav.site-nav a")
    tops = {round(link.bounding_box()["y"]) for link in links.all()[:4]}
    assert all(link.is_visible() for link in links.all())
    assert len(tops) == 1  # side by side
    assert page.locator(".search-form__input").is_visible()


def test_without_javascript_the_menu_still_opens(browser, server_url):
    context = browser.new_context(base_url=server_url, java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto("/en/")
        page.locator(".site-menu__toggle").click()
        assert page.locator("nav.site-nav a").first.is_visible()

        desktop = context.new_page()
        desktop.set_viewport_size(DESKTOP)
        desktop.goto("/en/")
        assert desktop.locator("nav.site-nav a").first.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
@pytest.mark.parametrize("language", HOMES)
def test_the_header_passes_axe_closed_and_open(new_page, axe_source, language, viewport):
    page = new_page(viewport=viewport)
    page.goto(HOMES[language])

    assert axe_violations(page, axe_source) == []
    if viewport is PHONE:
        page.locator(".site-menu__toggle").click()
        assert axe_violations(page, axe_source) == []
    page.locator(".language-switcher__toggle").click()
    assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
@pytest.mark.parametrize("url", ["/ar/", "/ar/programmes/urban-leds/", "/ar/partners/unfccc/"])
def test_english_text_on_an_arabic_page_keeps_to_the_right_edge(new_page, url, viewport):
    # Arabic has no text of its own for these yet: the English shows, left to right inside,
    # but lined up with the page's right-hand column, not jumping to the left edge.
    page = new_page(viewport=viewport)
    page.goto(url)

    edges = page.evaluate(
        """() => {
        const textRight = element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            return Math.max(...[...range.getClientRects()].map(rect => rect.right));
        };
        const main = document.querySelector("main");
        const style = getComputedStyle(main);
        const blocks = [...document.querySelectorAll(
            "main h1[lang=en], main h2[lang=en], main p[lang=en], main div[lang=en] > p"
        )].filter(element => element.getClientRects().length);
        return {
            blocks: blocks.map(element => ({
                text: element.textContent.trim().slice(0, 40),
                right: textRight(element),
                boxRight: element.getBoundingClientRect().right,
                boxLeft: element.getBoundingClientRect().left,
            })),
            // The right edge of the page's text column (main's content box).
            columnRight: main.getBoundingClientRect().right - parseFloat(style.paddingRight),
            headingRight: textRight(document.querySelector("main h1")),
        };
    }"""
    )

    assert edges["blocks"], "no English block on the page"
    for block in edges["blocks"]:
        # Its text ends where its column ends on the right (a line's trailing space at most).
        assert abs(block["right"] - block["boxRight"]) <= 12, block
    assert abs(edges["headingRight"] - edges["columnRight"]) <= 2  # the title, too
    notices = page.locator(".fallback-notice")
    assert notices.count() == 1
