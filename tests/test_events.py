"""Events with real dates: where visitors find them, how their dates read in each language,
their calendar files and feeds, and how they move to the archive when they end."""

import datetime
import json
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import translation

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from images.models import CustomImage
from partners.models import EventIndexPage, EventPage
from programmes.models import City
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
SEOUL = ZoneInfo("Asia/Seoul")
UTC = datetime.UTC
NOW = datetime.datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def add_event(slug, start=None, end=None, **fields):
    page = EventPage(
        title_en=fields.pop("title_en", slug.replace("-", " ").title()),
        slug_en=slug,
        summary_en=fields.pop("summary_en", "An event of the test."),
        start=start,
        end=end,
        **fields,
    )
    EventIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture
def seoul():
    city = City(name="Seoul", country="KR", latitude="37.56650", longitude="126.97800")
    city.save()
    city.save_revision().publish()
    return city


@pytest.fixture
def forum(seeded_site, seoul):
    """A two-day forum in Seoul, 09:00 to 17:30 Korean time, registration open."""
    with time_machine.travel(NOW, tick=False):
        return add_event(
            "urban-air-forum",
            start=datetime.datetime(2027, 4, 13, 9, 0, tzinfo=SEOUL),
            end=datetime.datetime(2027, 4, 14, 17, 30, tzinfo=SEOUL),
            time_zone="Asia/Seoul",
            title_ru="Форум о городском воздухе",
            city=seoul,
            address="COEX Convention Centre\n513 Yeongdong-daero",
            address_ru="Конгресс-центр COEX\n513 Yeongdong-daero",
            attendance="mixed",
            online_url="https://stream.example.org/forum",
            registration_status="open",
            registration_url="https://register.example.org/forum",
        )


@pytest.fixture
def webinar(seeded_site):
    """A one-hour webinar that ends on 2 March 2027 at 15:00 Berlin time."""
    with time_machine.travel(NOW, tick=False):
        return add_event(
            "clean-air-webinar",
            start=datetime.datetime(2027, 3, 2, 14, 0, tzinfo=BERLIN),
            end=datetime.datetime(2027, 3, 2, 15, 0, tzinfo=BERLIN),
            time_zone="Europe/Berlin",
            attendance="online",
            online_url="https://meet.example.org/webinar",
        )


def section_titles(response, section_id):
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find(attrs={"aria-labelledby": section_id})
    return [a.get_text(strip=True) for a in section.select(".card__title a")] if section else []


def archive_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select(".event-archive__years a")}


def test_an_event_page_shows_its_dates_place_and_registration(client, forum):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/en/events/urban-air-forum/")

    text = visible_text(response)
    assert "Apr 13, 2027, 9:00 AM – Apr 14, 2027, 5:30 PM" in text
    assert "Korean Standard Time" in text
    assert "COEX Convention Centre" in text and "Seoul, South Korea" in text
    assert "Registration open" in text
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('a[href="https://register.example.org/forum"]').get_text() == "Register"
    assert soup.select_one("a[download]")["href"] == "/en/events/urban-air-forum/ics/"


def test_seed_events_keep_their_years_and_no_invented_dates(client, seeded_site):
    congress = EventPage.objects.get(slug_en="iclei-world-congress-2021-22")
    assert congress.start is None and (congress.start_year, congress.end_year) == (2021, 2022)

    text = visible_text(client.get(congress.url))
    assert "2021–2022" in text
    assert "Add to my calendar" not in text  # no dates, no calendar file
    assert client.get(congress.url + "ics/").status_code == 404


def test_upcoming_events_come_first_and_series_after_them(client, forum, webinar):
    with time_machine.travel(NOW, tick=False):
        response = client.get("/en/events/")

    assert section_titles(response, "upcoming-events") == ["Clean Air Webinar", "Urban Air Forum"]
    series = section_titles(response, "series-events")
    assert "Daring Cities forums" in series and "UN climate conferences (COP)" in series
    # The World Congress 2021–22 is over: it is in the archive, under the year it began.
    assert "ICLEI World Congress 2021–22" not in series
    assert archive_links(response) == {"2021": "/en/events/archive/2021/"}
    archive = client.get("/en/events/archive/2021/")
    assert "ICLEI World Congress 2021–22" in visible_text(archive)


def test_each_event_card_shows_the_events_logo(client, forum, webinar):
    buffer = BytesIO()
    PILImage.new("RGB", (400, 200), "teal").save(buffer, "PNG")
    logo = CustomImage.objects.create(
        title="Forum logo",
        description_en="Urban Air Forum logo",
        file=ContentFile(buffer.getvalue(), "forum-logo.png"),
    )
    forum.logo = logo
    forum.save_revision().publish()

    with time_machine.travel(NOW, tick=False):
        response = client.get("/en/events/")

    cards = BeautifulSoup(response.content, "html.parser").select("#upcoming-events ~ * .card")
    logos = {
        card.select_one(".card__title").get_text(strip=True): [
            img["alt"] for img in card.select(".card__logo img")
        ]
        for card in cards
    }
    assert logos == {"Clean Air Webinar": [], "Urban Air Forum": ["Urban Air Forum logo"]}


def test_an_event_moves_to_the_archive_when_it_ends_with_no_one_saving_it(client, webinar):
    with time_machine.travel(datetime.datetime(2027, 3, 2, 14, 59, tzinfo=BERLIN), tick=False):
        before = client.get("/en/events/")
        assert client.get("/en/events/archive/2027/").status_code == 404
    with time_machine.travel(datetime.datetime(2027, 3, 2, 15, 1, tzinfo=BERLIN), tick=False):
        after = client.get("/en/events/")
        archive = client.get("/en/events/archive/2027/")
        page = client.get("/en/events/clean-air-webinar/")

    assert section_titles(before, "upcoming-events") == ["Clean Air Webinar"]
    assert section_titles(after, "upcoming-events") == []
    assert archive_links(after)["2027"] == "/en/events/archive/2027/"
    assert "Clean Air Webinar" in visible_text(archive)
    assert "This event is over." in visible_text(page)
    assert "join online" not in visible_text(page)


def test_the_front_cache_keeps_the_listing_no_longer_than_until_the_next_event_ends(
    client, webinar
):
    """The front cache revalidates when the webinar ends, and then gets the new listing
    rather than a 304 for the copy that still showed the webinar as upcoming."""
    with time_machine.travel(datetime.datetime(2027, 3, 2, 14, 59, 56, tzinfo=BERLIN), tick=False):
        first = client.get("/en/events/")
        again = client.get("/en/events/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert "s-maxage=4" in first["Cache-Control"]
    assert again.status_code == 304
    assert "s-maxage=4" in again["Cache-Control"]

    with time_machine.travel(datetime.datetime(2027, 3, 2, 14, 59, 57, tzinfo=BERLIN), tick=False):
        # The year's archive has nothing yet; its "not found" lasts no longer either.
        empty_archive = client.get("/en/events/archive/2027/")
    assert empty_archive.status_code == 404
    assert "s-maxage=3" in empty_archive["Cache-Control"]

    with time_machine.travel(datetime.datetime(2027, 3, 2, 15, 0, 1, tzinfo=BERLIN), tick=False):
        later = client.get("/en/events/", HTTP_IF_NONE_MATCH=first["ETag"])
        archive = client.get("/en/events/archive/2027/", HTTP_IF_NONE_MATCH=empty_archive["ETag"])
    assert archive.status_code == 200
    assert later.status_code == 200
    assert section_titles(later, "upcoming-events") == []
    assert "s-maxage=10" in later["Cache-Control"]  # nothing else ends soon


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_an_event_downloads_as_an_ics_file_in_its_own_time_zone(client, forum):
    response = client.get("/en/events/urban-air-forum/ics/", HTTP_HOST="127.0.0.1:8080")

    assert 'attachment; filename="urban-air-forum.ics"' == response["Content-Disposition"]
    calendar = parse(response)
    (event,) = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Urban Air Forum"
    assert event["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert event["DTSTART"].dt == datetime.datetime(2027, 4, 13, 9, 0, tzinfo=SEOUL)
    assert event["DTEND"].dt == datetime.datetime(2027, 4, 14, 17, 30, tzinfo=SEOUL)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Asia/Seoul"]
    # Absolute addresses from the Site record, not from the visitor's Host header.
    assert str(event["URL"]) == "http://localhost/en/events/urban-air-forum/"
    assert "127.0.0.1" not in response.content.decode()
    assert "COEX Convention Centre" in event["LOCATION"] and "Seoul" in event["LOCATION"]
    assert event["GEO"].latitude == pytest.approx(37.5665)


@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("/de/events/urban-air-forum/ics/", "/en/events/urban-air-forum/ics/"),
        ("/ko/events/ics/", "/en/events/ics/"),
    ],
)
def test_calendars_in_a_language_not_yet_released_come_in_english(client, forum, url, english):
    response = client.get(url, follow=True)

    assert response.redirect_chain == [(english, 302)]
    assert response.status_code == 200
    assert "Urban Air Forum" in response.content.decode()


def test_an_all_day_event_is_a_run_of_dates_in_calendars(client, seeded_site):
    add_event(
        "cities-summit",
        start=datetime.datetime(2027, 6, 1, tzinfo=BERLIN),
        end=datetime.datetime(2027, 6, 3, tzinfo=BERLIN),
        all_day=True,
    )

    (event,) = parse(client.get("/en/events/cities-summit/ics/")).walk("VEVENT")
    assert event["DTSTART"].dt == datetime.date(2027, 6, 1)
    assert event["DTEND"].dt == datetime.date(2027, 6, 4)  # exclusive: the day after the last
    assert "Jun 1 – 3, 2027" in visible_text(client.get("/en/events/cities-summit/"))


def test_the_calendar_feed_comes_in_each_language(client, forum, webinar):
    english = parse(client.get("/en/events/ics/"))
    russian = parse(client.get("/ru/meropriyatiya/ics/"))

    assert english["X-WR-CALNAME"] == "Events"
    assert russian["X-WR-CALNAME"] == "Мероприятия"
    assert sorted(str(e["SUMMARY"]) for e in english.walk("VEVENT")) == [
        "Clean Air Webinar",
        "Urban Air Forum",
    ]
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in russian.walk("VEVENT")}
    assert summaries[f"event-{forum.pk}@localhost"] == "Форум о городском воздухе"
    urls = sorted(str(e["URL"]) for e in russian.walk("VEVENT"))
    assert urls == [
        "http://localhost/ru/meropriyatiya/clean-air-webinar/",
        "http://localhost/ru/meropriyatiya/urban-air-forum/",
    ]
    page = client.get("/en/events/")
    link = BeautifulSoup(page.content, "html.parser").select_one('link[type="text/calendar"]')
    assert link["href"] == "/en/events/ics/"


# Babel's output (CLDR), spaces and marks as they are: thin and narrow no-break spaces,
# the languages' own dashes and separators, Korean and Arabic hours of the day.
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Apr 13, 2027, 9:00 AM\u2009–\u2009Apr 14, 2027, 5:30 PM"),
        ("ru", "13 апр. 2027\u202fг., 09:00 — 14 апр. 2027\u202fг., 17:30"),
        ("ar", "13 أبريل 2027، 9:00 ص – 14 أبريل 2027، 5:30 م"),
        ("ko", "2027년 4월 13일 오전 9:00 ~ 2027년 4월 14일 오후 5:30"),
        ("zh-hans", "2027年4月13日 09:00 – 2027年4月14日 17:30"),
    ],
)
def test_dates_read_as_each_language_writes_them_in_the_events_time_zone(forum, language, expected):
    with translation.override(language):
        assert forum.when == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "вт, 2 мар. 2027\u202fг., 14:00—15:00"),
        ("ar", "الثلاثاء، 2 مارس 2027، 2:00–3:00 م"),
        ("ko", "2027년 3월 2일 (화) 오후 2:00~3:00"),
        ("zh-hans", "2027年3月2日周二 14:00–15:00"),
    ],
)
def test_a_same_day_event_names_the_day_once(webinar, language, expected):
    with translation.override(language):
        assert webinar.when == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "1—3 июн. 2027\u202fг."),
        ("ar", "1–3 يونيو 2027"),
        ("ko", "2027년 6월 1일~3일"),
        ("zh-hans", "2027年6月1日\u2009–\u20093日"),
    ],
)
def test_an_all_day_event_shows_dates_only(seeded_site, language, expected):
    summit = add_event(
        "cities-summit",
        start=datetime.datetime(2027, 6, 1, tzinfo=BERLIN),
        end=datetime.datetime(2027, 6, 3, tzinfo=BERLIN),
        all_day=True,
    )
    with translation.override(language):
        assert summit.when == expected


def structured(response):
    soup = BeautifulSoup(response.content, "html.parser")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    return next(item for item in data["@graph"] if item["@type"] == "Event")


def test_search_engines_read_the_event_with_its_place_and_online_address(client, forum, webinar):
    forum_data = structured(client.get("/en/events/urban-air-forum/"))
    assert forum_data["startDate"] == "2027-04-13T09:00:00+09:00"
    assert forum_data["eventStatus"] == "https://schema.org/EventScheduled"
    assert forum_data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    virtual, place = forum_data["location"]
    assert virtual == {"@type": "VirtualLocation", "url": "https://stream.example.org/forum"}
    assert place["address"]["addressLocality"] == "Seoul"
    assert place["address"]["addressCountry"] == "KR"

    webinar_data = structured(client.get("/en/events/clean-air-webinar/"))
    assert webinar_data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert webinar_data["location"]["@type"] == "VirtualLocation"


def test_the_api_gives_the_events_dates_and_place(client, forum):
    item = client.get(f"/api/v2/pages/{forum.pk}/?lang=ru").json()

    assert datetime.datetime.fromisoformat(item["start"]) == datetime.datetime(
        2027, 4, 13, 9, 0, tzinfo=SEOUL
    )
    assert item["time_zone"] == "Asia/Seoul"
    assert item["city"] == {
        "name": "Seoul",
        "country": "KR",
        "latitude": 37.5665,
        "longitude": 126.978,
    }
    assert item["address"].startswith("Конгресс-центр COEX")
    assert item["registration_status"] == "open"
    assert item["attendance"] == "mixed"


def test_an_editor_types_the_times_of_the_events_programme_in_its_time_zone(admin_client, forum):
    """The admin runs in Berlin time; the forum is in Seoul. The form shows 09:00, the time in
    Seoul, and 10:00 typed there is 10:00 in Seoul whatever the editor's own zone."""
    from django.urls import reverse

    from tests.admin_forms import assert_saved, browser_form_data

    edit_url = reverse("wagtailadmin_pages:edit", args=(forum.pk,))
    form = admin_client.get(edit_url)
    data = browser_form_data(form, "page-edit-form")
    assert data["start"] == "2027-04-13 09:00"
    assert data["time_zone"] == "Asia/Seoul"

    data.update(start="2027-04-13 10:00", **{"action-publish": "publish"})
    assert_saved(admin_client.post(edit_url, data))

    forum.refresh_from_db()
    assert forum.start == datetime.datetime(2027, 4, 13, 10, 0, tzinfo=SEOUL)
    assert forum.end == datetime.datetime(2027, 4, 14, 17, 30, tzinfo=SEOUL)  # untouched
    assert (forum.start_year, forum.end_year) == (2027, 2027)


def test_an_event_cannot_end_before_it_starts(admin_client, forum):
    from django.urls import reverse

    from tests.admin_forms import browser_form_data

    edit_url = reverse("wagtailadmin_pages:edit", args=(forum.pk,))
    data = browser_form_data(admin_client.get(edit_url), "page-edit-form")

    early_end = admin_client.post(edit_url, {**data, "end": "2027-04-12 17:00"})
    no_such_zone = admin_client.post(edit_url, {**data, "time_zone": "Mars/Olympus_Mons"})

    assert "cannot end before it starts" in str(early_end.context["form"].errors["end"])
    assert "is not a time zone name" in str(no_such_zone.context["form"].errors["time_zone"])
    forum.refresh_from_db()
    assert forum.end == datetime.datetime(2027, 4, 14, 17, 30, tzinfo=SEOUL)


def test_load_test_content_has_events_with_dates_in_the_archive(client, seeded_site):
    import io

    from django.core.management import call_command

    from partners.events import over_at

    call_command("generate_load_content", pages=60, verbosity=0, stdout=io.StringIO())

    generated = EventPage.objects.filter(slug_en__startswith="load-test-")
    dated = [event for event in generated if event.start]
    assert generated.count() == 12 and dated
    for event in dated:
        assert event.ends_at == over_at(event)  # the archive's cut, as a save would set it
        assert event.start_year == event.start.astimezone(ZoneInfo(event.time_zone)).year
    year = min(event.start_year for event in dated if event.is_over)
    archive = client.get(f"/en/events/archive/{year}/")
    assert archive.status_code == 200
    assert any(event.title in visible_text(archive) for event in dated)


def test_visitors_find_an_event_by_its_venue_or_city(client, forum):
    def found(query, language="en"):
        response = client.get(f"/{language}/search/", {"q": query})
        soup = BeautifulSoup(response.content, "html.parser")
        return [a["href"] for a in soup.select(".search-results a")]

    assert "/en/events/urban-air-forum/" in found("COEX")
    assert "/en/events/urban-air-forum/" in found("Seoul")
    assert "/ru/meropriyatiya/urban-air-forum/" in found("Конгресс-центр", "ru")


def test_a_russian_translator_translates_an_event_without_touching_its_times(client, forum):
    """The translator's form shows the times in the event's zone and sends them back as they
    were: the write guard sees no change to the dates, only the Russian text."""
    from django.urls import reverse

    from tests.admin_forms import assert_saved, browser_form_data
    from tests.helpers import person

    client.force_login(person("olga", "Translators (Русский)"))
    edit_url = reverse("wagtailadmin_pages:edit", args=(forum.pk,))
    data = browser_form_data(client.get(edit_url), "page-edit-form")

    data.update(registration_info_ru="Бесплатно.", **{"action-submit": "action-submit"})
    assert_saved(client.post(edit_url, data))
    draft = EventPage.objects.get(pk=forum.pk).get_latest_revision_as_object()
    assert draft.registration_info_ru == "Бесплатно."
    assert draft.start == forum.start and draft.end == forum.end

    tampered = client.post(edit_url, {**data, "start": "2027-04-13 11:00"})
    assert tampered.status_code == 200  # refused: the time is no translator's to change
