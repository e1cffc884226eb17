"""Absolute URLs name the site as its Site record says, whatever Host header a visitor sent.

The front cache serves the copy rendered for one visitor to everyone: a canonical link,
og:url, hreflang, JSON-LD @id, share image or sitemap <loc> built from a Host header of
`www.iclei.example:31337` (or `WWW.iclei.example.`) would send every visitor and search
engine to that port. The nginx side (one cache key per canonical host, unknown hosts
refused) is tested through the real stack in tests/test_query_strings.py.
"""

import json
from io import BytesIO

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from PIL import Image as PILImage

from images.models import CustomImage
from organisation.models import OrganisationSettings

pytestmark = pytest.mark.django_db

SITE = "https://www.iclei.example"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
# What a visitor can put in the Host header that Django still accepts for the site.
HOSTS = ["www.iclei.example:31337", "WWW.iclei.example.", "www.iclei.example"]


@pytest.fixture
def production_site(seeded_site, settings):
    """The default site at www.iclei.example over HTTPS, as an operator sets it up."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "www.iclei.example", "other.example"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.iclei.example", 443
    site.save()  # clears Wagtail's cached site root paths
    yield site
    # The rollback restores the row, not the cache that save() filled.
    Site.clear_site_root_paths_cache()


def page(host, url):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, (host, url, response.status_code)
    return response, BeautifulSoup(response.content, "html.parser")


def absolute_urls(soup):
    """Every absolute URL of the head: canonical, alternates, Open Graph, JSON-LD."""
    urls = [link["href"] for link in soup.select("link[rel=canonical], link[rel=alternate]")]
    urls += [tag["content"] for tag in soup.select('meta[property^="og:"]')]
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)

    def walk(value):
        if isinstance(value, dict):
            for each in value.values():
                yield from walk(each)
        elif isinstance(value, list):
            for each in value:
                yield from walk(each)
        elif isinstance(value, str) and "://" in value:
            yield value

    urls += list(walk(data["@graph"]))
    return [url for url in urls if "://" in url]


@pytest.mark.parametrize("host", HOSTS)
def test_a_pages_links_for_search_engines_name_the_site_whatever_the_host_header(
    production_site, host
):
    _response, soup = page(host, "/ru/prioritety/mnogourovnevoe-upravlenie/")

    assert soup.select_one('link[rel="canonical"]')["href"] == (
        f"{SITE}/ru/prioritety/mnogourovnevoe-upravlenie/"
    )
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[hreflang]")}
    assert alternates["x-default"] == f"{SITE}/en/priorities/multilevel-governance/"
    assert soup.find("meta", property="og:url")["content"] == (
        f"{SITE}/ru/prioritety/mnogourovnevoe-upravlenie/"
    )
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    organisation = next(item for item in data["@graph"] if item["@type"] == "Organization")
    assert organisation["@id"] == f"{SITE}/ru/#organisation"
    # And nothing else in the head names the host or port the visitor sent.
    urls = [url for url in absolute_urls(soup) if "iclei.example" in url.lower()]
    assert urls and all(url.startswith(f"{SITE}/") for url in urls), urls


def test_a_share_image_is_offered_on_the_sites_host(production_site):
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 1000), "green").save(buffer, "PNG")
    image = CustomImage.objects.create(title="Share", file=ContentFile(buffer.getvalue(), "s.png"))
    settings_row = OrganisationSettings.objects.get()
    settings_row.share_image = image
    settings_row.save()

    _response, soup = page("www.iclei.example:31337", "/en/partners/")

    assert soup.find("meta", property="og:image")["content"].startswith(f"{SITE}/media/")


def test_a_host_the_site_does_not_know_gets_the_default_sites_urls(production_site):
    # An operator who allows several names (or "*") still publishes one address.
    _response, soup = page("other.example:8080", "/en/programmes/urban-leds/")

    assert soup.select_one('link[rel="canonical"]')["href"] == f"{SITE}/en/programmes/urban-leds/"


@pytest.mark.parametrize("host", HOSTS)
def test_the_sitemap_and_robots_txt_name_the_site_whatever_the_host_header(production_site, host):
    client = Client(HTTP_HOST=host)
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    files = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert files == [f"{SITE}/sitemap-pages.xml", f"{SITE}/sitemap-routes.xml"]  # and archives

    locations, alternates = [], []
    for name in ("pages", "routes"):
        listing = ElementTree.fromstring(client.get(f"/sitemap-{name}.xml").content)
        locations += [loc.text for loc in listing.findall("s:url/s:loc", NS)]
        alternates += [link.get("href") for link in listing.findall("s:url/x:link", NS)]
    assert f"{SITE}/ru/programmy/urban-leds/" in locations
    assert f"{SITE}/ru/meropriyatiya/archive/2021/" in locations
    assert all(url.startswith(f"{SITE}/") for url in locations + alternates)

    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots


def test_the_port_in_the_host_header_does_not_change_a_pages_etag(production_site):
    etags = {Client(HTTP_HOST=host).get("/en/")["ETag"] for host in HOSTS}

    assert len(etags) == 1
