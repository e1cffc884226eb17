"""Search engines find every page in every language, with its translations linked."""

from wagtail.models import Page, Site

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from core.sitemaps import PageSitemap

pytestmark = pytest.mark.django_db

# Absolute URLs name the Site record's host (localhost:80 here), not the test client's
# Host header (core.canonical).
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_files(client):
    """The sitemap files /sitemap.xml (an index) points to."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ElementTree.fromstring(response.content)
    return [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]


def sitemap_entries(client, lastmods=None):
    entries = {}
    for url in sitemap_files(client):
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)
        for entry in root.findall("s:url", NS):
            alternates = {
                link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)
            }
            entries[entry.find("s:loc", NS).text] = alternates
            if lastmods is not None:
                lastmod = entry.find("s:lastmod", NS)
                lastmods[entry.find("s:loc", NS).text] = (
                    lastmod.text if lastmod is not None else None
                )
    return entries


# The seed's World Congress 2021–22 is over: the events directory's archive has 2021.
ARCHIVES = {
    "http://localhost/en/events/archive/2021/",
    "http://localhost/ru/meropriyatiya/archive/2021/",
}


def page_entries(entries):
    return {url: alternates for url, alternates in entries.items() if url not in ARCHIVES}


RELEASED = ("en", "ru")  # core migration 0003: the languages with content
UNRELEASED = ("de", "fr", "es", "pt", "zh-hans", "ko", "ar")


def release(*codes):
    from core.models import LanguageSettings

    languages = LanguageSettings.for_site(Site.objects.get(is_default_site=True))
    languages.released_languages = list(codes)
    languages.save()


def test_the_sitemap_lists_every_live_page_in_every_released_language(client, seeded_site):
    entries = page_entries(sitemap_entries(client))

    live_pages = Page.objects.live().filter(depth__gte=2).count()
    assert len(entries) == live_pages * len(RELEASED)  # the seed is translated into Russian
    assert "http://localhost/ru/programmy/urban-leds/" in entries
    assert "http://localhost/en/programmes/urban-leds/" in entries
    languages = {url.split("/")[3] for url in entries}
    assert languages == set(RELEASED)  # nothing in a language staff have not released


def test_a_language_staff_release_joins_the_sitemap(client, seeded_site):
    release("ru", "de")

    entries = sitemap_entries(client)

    # German has no text of its own yet: only the pages whose title and main text are
    # translated would be listed, and none is.
    assert not [url for url in entries if url.startswith("http://localhost/de/")]
    page = Page.objects.get(url_path_en="/home/tools/clearpath/").specific
    page.title_de, page.summary_de = "ClearPath", "Ein Werkzeug für Treibhausgasinventare."
    page.save_revision().publish()

    entries = sitemap_entries(client)

    assert "http://localhost/de/tools/clearpath/" in entries
    assert set(entries["http://localhost/de/tools/clearpath/"]) == {"en", "ru", "de", "x-default"}
    assert set(entries["http://localhost/en/programmes/urban-leds/"]) == {"en", "ru", "x-default"}


def test_a_page_not_translated_into_a_released_language_is_not_listed_in_it(client, seeded_site):
    page = Page.objects.get(url_path_en="/home/tools/clearpath/").specific
    page.summary_ru = ""  # its main text now shows in English on the Russian page
    page.save_revision().publish()

    entries = sitemap_entries(client)

    assert "http://localhost/ru/instrumenty/clearpath/" not in entries
    assert set(entries["http://localhost/en/tools/clearpath/"]) == {"en", "x-default"}


def test_a_large_site_is_split_into_sitemap_files_of_bounded_size(client, seeded_site, monkeypatch):
    # Ten pages per file instead of a hundred: the seed then needs several files.
    monkeypatch.setattr(PageSitemap, "limit", 10 * len(RELEASED))

    files = sitemap_files(client)
    entries = sitemap_entries(client)

    live_pages = Page.objects.live().filter(depth__gte=2).count()
    assert len(files) == -(-live_pages // 10) + 1  # and the events archive's own file
    assert files[1] == "http://localhost/sitemap-pages.xml?p=2"
    assert files[-1] == "http://localhost/sitemap-routes.xml"
    assert len(page_entries(entries)) == live_pages * len(RELEASED)  # none lost between files
    last = ElementTree.fromstring(client.get("/sitemap-pages.xml?p=2").content)
    assert len(last.findall("s:url", NS)) <= 10 * len(RELEASED)


def test_each_sitemap_entry_links_its_translations_and_a_default(client, seeded_site):
    alternates = sitemap_entries(client)["http://localhost/ru/instrumenty/clearpath/"]

    assert alternates == {
        "en": "http://localhost/en/tools/clearpath/",
        "ru": "http://localhost/ru/instrumenty/clearpath/",
        "x-default": "http://localhost/en/tools/clearpath/",
    }


def test_unpublished_pages_stay_out_of_the_sitemap(client, seeded_site):
    page = Page.objects.get(url_path_en="/home/events/daring-cities/")
    page.unpublish()

    entries = sitemap_entries(client)

    assert "http://localhost/en/events/daring-cities/" not in entries


def test_a_private_section_stays_out_of_the_sitemap(client, seeded_site):
    from wagtail.models import PageViewRestriction

    events = Page.objects.get(url_path_en="/home/events/")
    PageViewRestriction.objects.create(page=events, restriction_type=PageViewRestriction.LOGIN)

    entries = sitemap_entries(client)

    assert "http://localhost/en/events/" not in entries
    assert "http://localhost/en/events/daring-cities/" not in entries  # below it, too
    assert "http://localhost/en/programmes/urban-leds/" in entries


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_every_page_names_its_canonical_url_and_its_translations(client, seeded_site):
    soup = BeautifulSoup(client.get("/ru/partnery/rkik-oon/").content, "html.parser")

    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "http://localhost/ru/partnery/rkik-oon/"
    )
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    assert alternates["en"] == "http://localhost/en/partners/unfccc/"
    assert alternates["ru"] == "http://localhost/ru/partnery/rkik-oon/"
    assert alternates["x-default"] == "http://localhost/en/partners/unfccc/"
    # Only the released languages: the seven others have no content yet.
    assert set(alternates) == {*RELEASED, "x-default"}


def test_the_events_archive_years_are_listed_in_every_released_language(client, seeded_site):
    import datetime

    from partners.models import EventIndexPage, EventPage

    lastmods = {}
    entries = sitemap_entries(client, lastmods)

    assert entries["http://localhost/ru/meropriyatiya/archive/2021/"] == {
        "en": "http://localhost/en/events/archive/2021/",
        "ru": "http://localhost/ru/meropriyatiya/archive/2021/",
        "x-default": "http://localhost/en/events/archive/2021/",
    }
    assert lastmods["http://localhost/en/events/archive/2021/"]  # when it last changed

    # A webinar that ended yesterday joins the archive under its year, with no one saving it.
    yesterday = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    webinar = EventPage(
        title_en="Clean Air Webinar",
        slug_en="clean-air-webinar",
        summary_en="An hour on clean air.",
        start=yesterday - datetime.timedelta(hours=1),
        end=yesterday,
    )
    EventIndexPage.objects.get().add_child(instance=webinar)
    webinar.save_revision().publish()
    ahead = EventPage(
        title_en="Next year's forum",
        slug_en="forum",
        summary_en="A forum.",
        start=yesterday + datetime.timedelta(days=400),
    )
    EventIndexPage.objects.get().add_child(instance=ahead)
    ahead.save_revision().publish()

    entries = sitemap_entries(client)

    assert f"http://localhost/en/events/archive/{yesterday.year}/" in entries
    next_year = yesterday.year + 1
    if next_year != 2021:
        assert f"http://localhost/en/events/archive/{next_year}/" not in entries  # not over yet
    for url in entries:
        if "/archive/" in url:
            assert client.get(url.removeprefix("http://localhost")).status_code == 200


def test_a_private_events_directory_lists_no_archive(client, seeded_site):
    from wagtail.models import PageViewRestriction

    events = Page.objects.get(url_path_en="/home/events/")
    PageViewRestriction.objects.create(page=events, restriction_type=PageViewRestriction.LOGIN)

    files = sitemap_files(client)

    assert "http://localhost/sitemap-routes.xml" not in files
    assert not [url for url in sitemap_entries(client) if "/archive/" in url]
