"""On a 390 px wide phone, maps show every country and city they name and the pollutants
table can be read whole (issue 15), measured in the drawn page."""

import pytest

from programmes.maps import world

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(new_page):
    return new_page(viewport=PHONE)


@pytest.mark.parametrize("url", ["/en/programmes/urban-leds/", "/ru/programmy/urban-leds/"])
def test_rwanda_and_laos_have_a_dot_one_can_see(phone, url):
    phone.goto(url)

    for country in ("Rwanda", "Laos") if url.startswith("/en/") else ("Руанда", "Лаос"):
        box = phone.evaluate(
            """(name) => {
                const title = [...document.querySelectorAll('svg.map__svg circle.map__dot > title')]
                    .find((t) => t.textContent.startsWith(name + ':'));
                if (!title) return null;
                const rect = title.parentElement.getBoundingClientRect();
                return {width: rect.width, height: rect.height};
            }""",
            country,
        )
        assert box, f"{country} has no dot"
        assert box["width"] >= 6 and box["height"] >= 6, (country, box)


@pytest.mark.parametrize(
    ("url", "country"),
    [
        ("/en/programmes/clean-air-cities-of-east-asia/", "KR"),
        ("/ru/programmy/goroda-vostochnoj-azii-s-chistym-vozduhom/", "KR"),
    ],
)
def test_the_seoul_label_does_not_cover_south_korea(phone, url, country):
    phone.goto(url)

    # The label's drawn box, in map units (the SVG's own), against the country's box.
    label = phone.evaluate(
        """() => {
            const box = document.querySelector('svg.map__svg .map__label').getBBox();
            return [box.x, box.y, box.x + box.width, box.y + box.height];
        }"""
    )
    x0, y0, x1, y1 = world.shape(country)["box"]
    tx0, ty0, tx1, ty1 = label
    assert not (tx0 < x1 and x0 < tx1 and ty0 < y1 and y0 < ty1), (label, (x0, y0, x1, y1))


@pytest.mark.parametrize(
    "url",
    [
        "/ru/prioritety/korotkozhivushchie-klimaticheskie-zagryazniteli/",
        "/en/priorities/short-lived-climate-pollutants/",
    ],
)
def test_the_pollutants_table_fits_or_scrolls_in_a_named_region_that_shows_it(phone, url):
    phone.goto(url)

    state = phone.evaluate(
        """() => {
            const table = document.querySelector('.table-scroll table');
            const region = table.closest('.table-scroll');
            const label = document.getElementById(region.getAttribute('aria-labelledby'));
            const cells = [...table.querySelectorAll('thead th')].map((th) => {
                const r = th.getBoundingClientRect();
                return r.right <= document.documentElement.clientWidth + 0.5;
            });
            return {
                fits: region.scrollWidth <= region.clientWidth,
                allColumnsOnScreen: cells.every(Boolean),
                role: region.getAttribute('role'),
                name: label ? label.textContent.trim() : '',
                tabindex: region.tabIndex,
                cue: getComputedStyle(region).backgroundImage,
                pageScrolls: document.documentElement.scrollWidth
                    > document.documentElement.clientWidth,
            };
        }"""
    )

    assert not state["pageScrolls"], "the page itself must not scroll sideways"
    if state["fits"]:
        assert state["allColumnsOnScreen"]
    else:
        # Scrolls: a region with a name that keyboard users can reach, with a visible cue.
        assert state["role"] == "region" and state["name"]
        assert state["tabindex"] == 0
        assert "gradient" in state["cue"]
    phone.locator(".table-scroll").focus()
    assert phone.evaluate("document.activeElement.classList.contains('table-scroll')")
