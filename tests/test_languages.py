"""Visitors move between English and Russian and land on the same page; bad URLs are 404s."""

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from tests.helpers import html_lang, person, visible_text

pytestmark = pytest.mark.django_db


UNRELEASED = ("de", "fr", "es", "pt", "zh-hans", "ko", "ar")


def release(*codes):
    """Staff tick these languages in Settings › Languages (English is always released)."""
    from wagtail.models import Site

    from core.models import LanguageSettings

    languages = LanguageSettings.for_site(Site.objects.get(is_default_site=True))
    languages.released_languages = list(codes)
    languages.save()


def hreflangs(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }


def switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.select_one("nav.language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.select("a[hreflang]")}


def heading(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("english_url", "russian_url", "russian_heading"),
    [
        ("/en/", "/ru/", "ICLEI — Местные органы власти за устойчивое развитие"),
        ("/en/programmes/urban-leds/", "/ru/programmy/urban-leds/", "Urban-LEDS"),
        (
            "/en/programmes/clean-air-cities-of-east-asia/",
            "/ru/programmy/goroda-vostochnoj-azii-s-chistym-vozduhom/",
            "Города Восточной Азии с чистым воздухом",
        ),
        (
            "/en/partners/unfccc/",
            "/ru/partnery/rkik-oon/",
            "Рамочная конвенция ООН об изменении климата (РКИК ООН)",
        ),
        ("/en/office/", "/ru/ofis/", "Контакты"),
    ],
)
def test_switching_language_lands_on_the_same_page(
    client, seeded_site, english_url, russian_url, russian_heading
):
    english = client.get(english_url)
    assert switcher_links(english)["ru"] == russian_url

    russian = client.get(russian_url)
    assert russian.status_code == 200
    assert html_lang(russian) == "ru"
    assert heading(russian) == russian_heading
    assert switcher_links(russian)["en"] == english_url


def test_pages_announce_their_translations_to_search_engines(client, seeded_site):
    soup = BeautifulSoup(client.get("/en/tools/clearpath/").content, "html.parser")

    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["en"].endswith("/en/tools/clearpath/")
    assert alternates["ru"].endswith("/ru/instrumenty/clearpath/")


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("en-GB,en;q=0.8", "/en/"),
        # German and Arabic are not released yet (only English and Russian have content).
        ("de-DE", "/en/"),
        ("ar-EG,ar;q=0.9", "/en/"),
        ("ja-JP", "/en/"),
    ],
)
def test_the_bare_address_sends_visitors_to_their_best_language(
    client, seeded_site, accept, target
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize(
    "url",
    [
        "/xx/",
        "/xx/programmes/urban-leds/",
        "/ja/programmes/",
        "/zh/programmes/",  # only zh-hans is offered
        "/en/no-such-page/",
        "/ru/programmes/urban-leds/",  # the English slug under the Russian prefix
        "/en/programmy/urban-leds/",  # the Russian slug under the English prefix
        "/ru/программы/",
        "/en/programmes/urban-leds/no-such-child/",
        "/en/%E2%80%8B/",
    ],
)
def test_unknown_language_prefixes_and_slugs_are_404s(client, seeded_site, url):
    response = client.get(url, follow=True)

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]


def test_the_404_page_speaks_the_visitors_language(client, seeded_site):
    response = client.get("/ru/net-takoj-stranicy/")

    assert response.status_code == 404
    assert html_lang(response) == "ru"
    assert "Страница не найдена" in visible_text(response)
    assert switcher_links(response)["en"] == "/en/"


def test_visitors_are_offered_only_the_released_languages(client, seeded_site):
    response = client.get("/en/programmes/urban-leds/")

    assert set(switcher_links(response)) == {"ru"}  # English is the current one
    assert set(hreflangs(response)) == {"en", "ru", "x-default"}
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select('meta[property="og:locale:alternate"][content="ar_AR"]')


def test_a_released_language_joins_the_switcher_and_hreflang_once_translated(client, seeded_site):
    release("ru", "ar")
    page = Page.objects.get(url_path_en="/home/tools/clearpath/").specific

    response = client.get("/en/tools/clearpath/")

    # Arabic is released: visitors may switch to it, but the page has no Arabic text yet,
    # so search engines are not told of an Arabic version.
    assert switcher_links(response)["ar"] == "/ar/tools/clearpath/"
    assert "ar" not in hreflangs(response)

    page.title_ar, page.summary_ar = "ClearPath", "أداة لجرد غازات الاحتباس الحراري."
    page.save_revision().publish()

    assert hreflangs(client.get("/en/tools/clearpath/"))["ar"] == (
        "http://localhost/ar/tools/clearpath/"
    )


def test_a_russian_page_without_its_russian_text_is_not_announced_in_russian(client, seeded_site):
    page = Page.objects.get(url_path_en="/home/tools/clearpath/").specific
    page.summary_ru = ""  # the Russian page would show the English summary
    page.save_revision().publish()

    response = client.get("/en/tools/clearpath/")

    assert "ru" not in hreflangs(response)
    assert switcher_links(response)["ru"] == "/ru/instrumenty/clearpath/"  # still readable


@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("/de/", "/en/"),
        ("/ar/programmes/urban-leds/", "/en/programmes/urban-leds/"),
        ("/zh-hans/partners/unfccc/", "/en/partners/unfccc/"),
        ("/ko/search/?q=climate", "/en/search/?q=climate"),
    ],
)
def test_an_unreleased_language_sends_visitors_to_the_english_page(
    client, seeded_site, url, english
):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == english
    # A redirect the front cache may keep (releasing the language refreshes it).
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/robots.txt", "/site.webmanifest", "/favicon.ico", "/api/v2/pages/"]
)
def test_addresses_without_a_language_answer_in_english_to_a_german_browser(
    client, seeded_site, url
):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_a_german_browser_asking_for_a_missing_address_gets_the_english_404(client, seeded_site):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="de", follow=True)

    assert response.redirect_chain == [("/en/no-such-page/", 302)]
    assert response.status_code == 404
    assert html_lang(response) == "en"


def test_the_admin_sign_in_page_keeps_the_translators_language(client, seeded_site):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="de")

    assert html_lang(response) == "de"


def test_staff_read_an_unreleased_language_and_it_is_never_cached_for_visitors(client, seeded_site):
    client.force_login(person("dieter", "Translators (Deutsch)"))

    response = client.get("/de/programmes/urban-leds/")

    assert response.status_code == 200
    assert html_lang(response) == "de"
    assert "de" in {
        link["lang"]
        for link in BeautifulSoup(response.content, "html.parser").select(
            "nav.language-switcher [lang]"
        )
    }
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_translator_previews_a_draft_in_an_unreleased_language(client, seeded_site):
    from django.urls import reverse

    page = Page.objects.get(url_path_en="/home/tools/clearpath/").specific
    page.title_de = "ClearPath (Entwurf)"
    page.save_revision()
    client.force_login(person("dieter", "Translators (Deutsch)"))

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(page.pk,)), {"mode": "de"})

    assert response.status_code == 200
    assert html_lang(response) == "de"
    assert "ClearPath (Entwurf)" in response.content.decode()


def test_releasing_a_language_refreshes_the_cached_pages(seeded_site, refreshed):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        release("ru", "de")

    assert "http://localhost/sitemap.xml" in refreshed
    assert "http://localhost/de/" in refreshed  # was a redirect to English
    assert "http://localhost/en/" in refreshed  # its switcher now offers German


def test_a_moderator_releases_german_in_the_admin_and_visitors_get_it(client, seeded_site):
    from django.test import Client
    from django.urls import reverse

    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("core", "languagesettings", site.pk))
    client.force_login(person("mona", "Moderators"))

    form = BeautifulSoup(client.get(url).content, "html.parser")
    offered = {
        box["value"]: box.has_attr("checked")
        for box in form.select('input[name="released_languages"]')
    }
    assert offered == {code: code == "ru" for code in UNRELEASED + ("ru",)}
    response = client.post(url, {"released_languages": ["ru", "de"]})

    assert response.status_code == 302
    visitor = Client()
    assert visitor.get("/de/programmes/urban-leds/").status_code == 200
    assert set(switcher_links(visitor.get("/en/"))) == {"ru", "de"}


def test_a_translator_cannot_release_a_language(client, seeded_site):
    from django.urls import reverse

    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    client.force_login(person("dieter", "Translators (Deutsch)"))

    client.post(
        reverse("wagtailsettings:edit", args=("core", "languagesettings", site.pk)),
        {"released_languages": ["ru", "de"]},
    )

    client.logout()
    assert client.get("/de/").status_code == 302  # still not released
