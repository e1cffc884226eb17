"""Search engines find every page in every language, with its translations linked."""

from django.conf import settings

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        entries[url.find("s:loc", NS).text] = alternates
    return entries


def test_the_sitemap_lists_every_live_page_in_every_language(client, seeded_site):
    entries = sitemap_entries(client)

    live_pages = Page.objects.live().filter(depth__gte=2).count()
    assert len(entries) == live_pages * len(settings.LANGUAGES)
    assert "http://testserver/ru/programmy/urban-leds/" in entries
    assert "http://testserver/en/programmes/urban-leds/" in entries


def test_each_sitemap_entry_links_its_translations_and_a_default(client, seeded_site):
    alternates = sitemap_entries(client)["http://testserver/ru/instrumenty/clearpath/"]

    assert alternates == {
        "en": "http://testserver/en/tools/clearpath/",
        "ru": "http://testserver/ru/instrumenty/clearpath/",
        # Languages without their own slugs use the English ones.
        **{
            code: f"http://testserver/{code}/tools/clearpath/"
            for code in ("de", "fr", "es", "pt", "zh-hans", "ko", "ar")
        },
        "x-default": "http://testserver/en/tools/clearpath/",
    }


def test_unpublished_pages_stay_out_of_the_sitemap(client, seeded_site):
    page = Page.objects.get(url_path_en="/home/events/daring-cities/")
    page.unpublish()

    entries = sitemap_entries(client)

    assert "http://testserver/en/events/daring-cities/" not in entries


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_every_page_names_its_canonical_url_and_its_translations(client, seeded_site):
    soup = BeautifulSoup(client.get("/ru/partnery/rkik-oon/").content, "html.parser")

    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "http://testserver/ru/partnery/rkik-oon/"
    )
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    assert alternates["en"] == "http://testserver/en/partners/unfccc/"
    assert alternates["ru"] == "http://testserver/ru/partnery/rkik-oon/"
    assert alternates["ar"] == "http://testserver/ar/partners/unfccc/"
    assert alternates["x-default"] == "http://testserver/en/partners/unfccc/"
    assert set(alternates) == {code for code, _name in settings.LANGUAGES} | {"x-default"}
