"""Event pages (an upcoming event with its place, registration and materials, the events
directory, a year of the archive) pass axe-core in English, Russian and Arabic, on a phone
and on a wide screen."""

from pathlib import Path

import pytest

from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

_ADD_EVENTS = """
import datetime
from zoneinfo import ZoneInfo
from partners.models import EventIndexPage, EventPage
from programmes.models import City

if not EventPage.objects.filter(slug_en="axe-air-forum").exists():
    city = City(name="Seoul", country="KR", latitude="37.5665", longitude="126.978")
    city.save()
    city.save_revision().publish()
    seoul = ZoneInfo("Asia/Seoul")
    for slug, year, title_ru in (
        ("axe-air-forum", 2099, "Форум о воздухе"),
        ("axe-past-forum", 2024, "Прошедший форум"),
    ):
        page = EventPage(
            title_en=slug.replace("-", " ").title(),
            title_ru=title_ru,
            slug_en=slug,
            summary_en="Cities meet to share clean air plans.",
            summary_ru="Города обмениваются планами по чистому воздуху.",
            start=datetime.datetime(year, 4, 13, 9, tzinfo=seoul),
            end=datetime.datetime(year, 4, 14, 17, 30, tzinfo=seoul),
            time_zone="Asia/Seoul",
            city=city,
            address_en="COEX Convention Centre\\n513 Yeongdong-daero",
            attendance="mixed",
            online_url="https://stream.example.org/forum",
            registration_status="open",
            registration_url="https://register.example.org/forum",
            registration_info_en="Free of charge.",
            materials=[("recording", {"title": "Opening session", "url": "https://v.example.org/1"})],
        )
        EventIndexPage.objects.get().add_child(instance=page)
        page.save_revision().publish()
"""

PAGES = {
    "event with dates": (
        "/en/events/axe-air-forum/",
        "/ru/meropriyatiya/axe-air-forum/",
        "/ar/events/axe-air-forum/",
    ),
    "event index": ("/en/events/", "/ru/meropriyatiya/", "/ar/events/"),
    "events archive": (
        "/en/events/archive/2024/",
        "/ru/meropriyatiya/archive/2024/",
        "/ar/events/archive/2024/",
    ),
}
LANGUAGES = ("en", "ru", "ar")


@pytest.fixture(scope="module")
def events(server_shell):
    server_shell(_ADD_EVENTS)


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGES)
def test_event_pages_pass_axe_on_a_phone_and_a_wide_screen(
    events, new_page, axe_source, page_type, language, width
):
    page = new_page(viewport={"width": width, "height": 900})

    response = page.goto(PAGES[page_type][LANGUAGES.index(language)])

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page, axe_source) == []
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_visitor_finds_the_calendar_file_of_an_upcoming_event(events, new_page):
    page = new_page()
    page.goto("/en/events/")
    page.get_by_role("link", name="Axe Air Forum").click()

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()

    assert download.value.suggested_filename == "axe-air-forum.ics"
    assert b"TZID=Asia/Seoul" in Path(download.value.path()).read_bytes()
