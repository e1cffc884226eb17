"""Search engines and social networks read the organisation, its projects and each page."""

import json
from io import BytesIO

from django.core.files.base import ContentFile

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from images.models import CustomImage
from organisation.models import OrganisationSettings

pytestmark = pytest.mark.django_db

# Absolute URLs name the Site record's host (localhost:80 here), not the test client's
# Host header (core.canonical).


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def graph(soup):
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {item["@type"]: item for item in data["@graph"]}


def meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return tag["content"] if tag else None


def test_every_page_describes_iclei_as_an_organisation(client, seeded_site):
    _response, soup = parse(client, "/en/")

    organisation = graph(soup)["Organization"]
    assert organisation["name"] == "ICLEI – Local Governments for Sustainability"
    assert organisation["url"] == "https://iclei.org"
    assert organisation["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Kaiser-Friedrich-Str. 7",
        "postalCode": "53113",
        "addressLocality": "Bonn",
        "addressCountry": "DE",
    }
    (ccac,) = organisation["memberOf"]
    assert ccac["@type"] == "OrganizationRole"
    assert ccac["startDate"] == "2014"
    assert ccac["memberOf"]["name"] == "Climate & Clean Air Coalition"


def test_the_russian_page_describes_the_organisation_in_russian(client, seeded_site):
    _response, soup = parse(client, "/ru/ofis/")

    organisation = graph(soup)["Organization"]
    assert organisation["name"] == "ICLEI — Местные органы власти за устойчивое развитие"
    assert organisation["address"]["addressLocality"] == "Бонн"


def test_a_programme_is_a_project_with_its_dates_countries_and_partners(client, seeded_site):
    _response, soup = parse(client, "/en/programmes/urban-leds/")

    project = graph(soup)["Project"]
    assert project["name"] == "Urban-LEDS"
    assert (project["foundingDate"], project["dissolutionDate"]) == ("2013", "2021")
    assert {place["identifier"] for place in project["areaServed"]} == {
        "BR",
        "IN",
        "ID",
        "ZA",
        "BD",
        "CO",
        "LA",
        "RW",
    }

    _response, soup = parse(client, "/en/programmes/clean-air-cities-of-east-asia/")
    project = graph(soup)["Project"]
    assert [member["name"] for member in project["member"]] == ["Seoul Metropolitan Government"]
    assert project["areaServed"] == [{"@type": "Place", "name": "East Asia"}]


def test_inner_pages_carry_their_breadcrumbs(client, seeded_site):
    _response, soup = parse(client, "/ru/prioritety/mnogourovnevoe-upravlenie/")

    crumbs = graph(soup)["BreadcrumbList"]["itemListElement"]
    assert [(crumb["position"], crumb["item"]) for crumb in crumbs] == [
        (1, "http://localhost/ru/"),
        (2, "http://localhost/ru/prioritety/"),
        (3, "http://localhost/ru/prioritety/mnogourovnevoe-upravlenie/"),
    ]
    assert crumbs[-1]["name"] == "Многоуровневое управление через группу LGMA"


def test_the_json_ld_script_carries_the_csp_nonce(client, seeded_site):
    response, soup = parse(client, "/en/")

    nonce = soup.select_one('script[type="application/ld+json"]')["nonce"]
    assert nonce and f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_pages_have_a_description_and_open_graph_tags(client, seeded_site):
    _response, soup = parse(client, "/ru/instrumenty/clearpath/")

    assert meta(soup, "description").startswith("Инструмент ICLEI для инвентаризации")
    assert meta(soup, "og:title") == "ClearPath"
    assert meta(soup, "og:locale") == "ru_RU"
    assert meta(soup, "og:url") == "http://localhost/ru/instrumenty/clearpath/"
    # No picture of its own: one drawn from its title (core.share_images).
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "og:image").startswith("http://localhost/media/share-images/")
    assert meta(soup, "og:image:alt") == "ClearPath"


def test_an_editors_search_description_wins_over_the_summary(client, seeded_site):
    from programmes.models import ProgrammePage

    programme = ProgrammePage.objects.get(slug_en="urban-leds")
    programme.search_description_en = "Low-emission development in 60+ cities."
    programme.save_revision().publish()

    _response, soup = parse(client, "/en/programmes/urban-leds/")

    assert meta(soup, "description") == "Low-emission development in 60+ cities."


def test_the_default_share_image_is_offered_to_social_networks(client, seeded_site):
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 1000), "green").save(buffer, "PNG")
    image = CustomImage.objects.create(
        title="Share", description_en="ICLEI logo", file=ContentFile(buffer.getvalue(), "s.png")
    )
    settings = OrganisationSettings.objects.get()
    settings.share_image = image
    settings.save()

    _response, soup = parse(client, "/en/partners/")

    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "og:image").startswith("http://localhost/")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt") == "ICLEI logo"
    assert graph(soup)["Organization"]["logo"].endswith(".png")


def test_machines_read_only_of_the_released_languages(client, seeded_site):
    from tests.helpers import person

    _response, soup = parse(client, "/en/privacy/")
    assert graph(soup)["WebPage"]["inLanguage"] == "en"
    assert [tag["content"] for tag in soup.select('meta[property="og:locale:alternate"]')] == [
        "ru_RU"
    ]
    # A German page is no visitor's yet: it sends them to the English one ...
    assert client.get("/de/privacy/")["Location"] == "/en/privacy/"
    # ... while a translator reads (and machines would read) it as German.
    client.force_login(person("dieter", "Translators (Deutsch)"))
    _response, soup = parse(client, "/de/privacy/")
    assert graph(soup)["WebPage"]["inLanguage"] == "de"
