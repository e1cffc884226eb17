"""A visitor's page costs a few queries, and the same few however much content there is.

Every page type is fetched by an anonymous visitor in English and Russian with an empty
cache, once with 10 (enough for a second page of programmes) and once with 500 more
programmes, partners, events and cities (linked to the pages shown, with images), and its
SQL queries are counted.
"""

import io
from functools import cache

from django.core.cache import cache as django_cache
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from loadtest.builder import add_pages

# Every test here reads the test database, the module's `queries` fixture too: marked, so
# that pytest-django creates it even when only those tests are selected (it sets up only
# the databases the selected tests declare; unmarked, they ran against the real one).
pytestmark = pytest.mark.django_db

BUDGET = 8
SIZES = (10, 500)
LANGUAGES = ("en", "ru")

# name: (page model label, slug of a seed page of that type or None for the first one, query)
PAGE_TYPES = {
    "home": ("organisation.HomePage", None, ""),
    "priority index": ("organisation.PriorityIndexPage", None, ""),
    "priority": ("organisation.PriorityPage", "multilevel-governance", ""),
    "programme index": ("programmes.ProgrammeIndexPage", None, ""),
    "programme index filtered": (
        "programmes.ProgrammeIndexPage",
        None,
        "?country=KR&status=ongoing",
    ),
    "programme index page 2": ("programmes.ProgrammeIndexPage", None, "?page=2"),
    "programme": ("programmes.ProgrammePage", "urban-leds", ""),
    "partner index": ("partners.PartnerIndexPage", None, ""),
    "partner": ("partners.PartnerPage", "ccac", ""),
    "tool index": ("partners.ToolIndexPage", None, ""),
    "tool": ("partners.ToolPage", "clearpath", ""),
    "event index": ("partners.EventIndexPage", None, ""),
    "event": ("partners.EventPage", None, ""),
    "event with dates": ("partners.EventPage", "budget-event-0", ""),
    "event archive": ("partners.EventIndexPage", None, "archive/2020/"),
    "event calendar file": ("partners.EventPage", "budget-event-0", "ics/"),
    "event calendar feed": ("partners.EventIndexPage", None, "ics/"),
    "office": ("organisation.OfficePage", None, ""),
    "general page": ("organisation.GeneralPage", "privacy", ""),
    "news index": ("news.NewsIndexPage", None, ""),
    "news index filtered": ("news.NewsIndexPage", None, "?kind=news&year=2025"),
    "article": ("news.ArticlePage", None, ""),
    "library index": ("library.LibraryIndexPage", None, ""),
    "library index filtered": ("library.LibraryIndexPage", None, "?kind=report&available=1"),
    "publication": ("library.ResourcePage", None, ""),
    "sitemap index": (None, "/sitemap.xml", ""),
    "sitemap file": (None, "/sitemap-pages.xml", ""),
}


def page_of(label, slug):
    from django.apps import apps

    pages = apps.get_model(label).objects.live().order_by("path")
    return pages.get(slug_en=slug) if slug else pages.first()


def url_of(name, language):
    label, slug, query = PAGE_TYPES[name]
    if label is None:
        return slug
    with translation.override(language):
        return page_of(label, slug).url + query


def a_picture(name):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (40, 120, 90)).save(buffer, "JPEG")
    image = get_image_model()(title=name, description_en=f"{name} (test picture)")
    image.file.save(f"{name}.jpg", ImageFile(buffer, name=f"{name}.jpg"), save=False)
    image.save()
    return image


@cache
def pictures():
    return [a_picture(f"budget-{n}") for n in range(3)]


def add_content(count, start):
    """`count` more programmes, partners, events and cities, linked to the pages measured."""
    from organisation.models import OrganisationSettings, PriorityLink, PriorityPage
    from partners.models import EventIndexPage, EventPage, PartnerIndexPage, PartnerPage
    from programmes.models import (
        City,
        ProgrammeCity,
        ProgrammeIndexPage,
        ProgrammePage,
        ProgrammePartner,
    )

    images = pictures()
    numbers = range(start, start + count)

    def names(kind, n):
        return {
            "slug": {"en": f"budget-{kind}-{n}", "ru": f"byudzhet-{kind}-{n}"},
            "title": {"en": f"Budget {kind} {n}", "ru": f"Бюджет {kind} {n}"},
        }

    programmes = add_pages(
        ProgrammeIndexPage.objects.get(),
        ProgrammePage,
        [
            {
                **names("programme", n),
                "summary_en": f"Programme {n} for the query budget.",
                "summary_ru": f"Программа {n}.",
                "status": "ongoing",
                "countries": ["KR", "DE"],
                "image": images[n % len(images)],
            }
            for n in numbers
        ],
    )
    partners = add_pages(
        PartnerIndexPage.objects.get(),
        PartnerPage,
        [
            {
                **names("partner", n),
                "summary_en": f"Partner {n}.",
                "relationship": "member" if n % 50 == 0 else "programme_partner",
                "logo": images[n % len(images)],
            }
            for n in numbers
        ],
    )
    cities = City.objects.bulk_create(
        City(name_en=f"Budget city {n}", name_ru=f"Город {n}", country="KR", live=True)
        for n in numbers
    )
    events = add_pages(
        EventIndexPage.objects.get(),
        EventPage,
        [{**names("event", n), **event_fields(n, cities[n - start])} for n in numbers],
    )
    programme = page_of("programmes.ProgrammePage", "urban-leds")
    partner = page_of("partners.PartnerPage", "ccac")
    ProgrammeCity.objects.bulk_create(
        ProgrammeCity(page=programme, city=city, sort_order=1000 + i)
        for i, city in enumerate(cities)
    )
    ProgrammePartner.objects.bulk_create(
        [
            ProgrammePartner(page=programme, partner=p, sort_order=1000 + i)
            for i, p in enumerate(partners)
        ]
        + [ProgrammePartner(page=p, partner=partner, sort_order=0) for p in programmes]
    )
    priority = PriorityPage.objects.get(slug_en="multilevel-governance")
    PriorityLink.objects.bulk_create(
        PriorityLink(page=priority, page_link=page, sort_order=1000 + i)
        for i, page in enumerate([*programmes, *partners, *events])
    )
    add_articles_and_publications(numbers, names, images, programme, priority)
    ProgrammePage.objects.filter(pk=programme.pk).update(image=images[0])
    OrganisationSettings.objects.update(share_image=images[1])


def add_articles_and_publications(numbers, names, images, programme, priority):
    """As many articles and publications, with authors and themes, about the programme and
    priority measured (whose pages list the latest articles)."""
    import datetime

    from library.models import LibraryIndexPage, ResourceAuthor, ResourcePage, ResourceTheme
    from news.models import (
        ArticleAuthor,
        ArticlePage,
        ArticleRelatedPage,
        ArticleTheme,
        NewsIndexPage,
    )
    from people.models import Person
    from programmes.models import Theme

    theme = Theme.objects.filter(live=True).first()
    author = Person.objects.create(name_en="Budget author", name_ru="Автор", live=True)
    articles = add_pages(
        NewsIndexPage.objects.get(),
        ArticlePage,
        [
            {
                **names("article", n),
                "summary_en": f"Article {n}.",
                "summary_ru": f"Статья {n}.",
                "kind": "news",
                "date": datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 300),
                "image": images[n % len(images)],
            }
            for n in numbers
        ],
    )
    ArticleTheme.objects.bulk_create(ArticleTheme(page=a, theme=theme) for a in articles)
    ArticleAuthor.objects.bulk_create(ArticleAuthor(page=a, person=author) for a in articles)
    ArticleRelatedPage.objects.bulk_create(
        ArticleRelatedPage(page=a, page_link=target, sort_order=i)
        for a in articles
        for i, target in enumerate((programme, priority))
    )
    resources = add_pages(
        LibraryIndexPage.objects.get(),
        ResourcePage,
        [
            {
                **names("publication", n),
                "summary_en": f"Publication {n}.",
                "summary_ru": f"Публикация {n}.",
                "kind": "report",
                "year": 2000 + n % 25,
                "cover": images[n % len(images)],
            }
            for n in numbers
        ],
    )
    ResourceTheme.objects.bulk_create(ResourceTheme(page=r, theme=theme) for r in resources)
    ResourceAuthor.objects.bulk_create(ResourceAuthor(page=r, person=author) for r in resources)


def event_fields(n, city):
    """Every other event is over (in 2020, the archive's year measured), the others are
    upcoming (in 2099); each in a city, with a logo and an address."""
    import datetime

    from partners.events import over_at
    from partners.models import EventPage

    year = 2020 if n % 2 else 2099
    start = datetime.datetime(year, 3, 1, 9, tzinfo=datetime.UTC) + datetime.timedelta(hours=n)
    fields = {
        "summary_en": f"Event {n}.",
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "time_zone": "Asia/Seoul",
        "start_year": year,
        "end_year": year,
        "city": city,
        "address_en": f"Hall {n}",
        "logo": pictures()[n % len(pictures())],
    }
    return {**fields, "ends_at": over_at(EventPage(**fields))}


def queries_for(client, url):
    client.get(url)  # renditions are made on a first visit; a visitor then finds them
    django_cache.clear()  # uncached: nothing from an earlier request helps
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture(scope="module")
def queries(django_db_setup, django_db_blocker):
    """{(size, page type, language): [SQL]}; the content added is rolled back afterwards."""
    measured = {}
    client = Client()
    with django_db_blocker.unblock(), transaction.atomic():
        added = 0
        for size in SIZES:
            add_content(size - added, start=added)
            added = size
            for name in PAGE_TYPES:
                for language in LANGUAGES:
                    measured[size, name, language] = queries_for(client, url_of(name, language))
        transaction.set_rollback(True)
    pictures.cache_clear()
    return measured


def listing(sql):
    return "\n".join(f"  {n}. {query[:300]}" for n, query in enumerate(sql, 1))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_a_visitor_gets_every_page_in_a_few_queries(queries, name, language):
    sql = queries[SIZES[-1], name, language]

    assert len(sql) <= BUDGET, f"{name} ({language}): {len(sql)} queries\n{listing(sql)}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_more_content_costs_no_more_queries(queries, name, language):
    few, many = (queries[size, name, language] for size in SIZES)

    assert len(many) == len(few), f"{name} ({language}) with 500 items:\n{listing(many)}"


def test_the_chrome_finds_pages_by_their_url_in_each_language(
    client, seeded_site, all_languages_released
):
    """Routing by the stored URL paths serves the same pages Wagtail's tree walk did."""
    programme = Page.objects.get(slug_en="urban-leds")

    assert client.get("/ru/programmy/urban-leds/").context["page"].pk == programme.pk
    assert client.get("/de/programmes/urban-leds/").context["page"].pk == programme.pk
    assert client.get("/en/programmes/no-such-programme/").status_code == 404
    assert client.get("/ru/programmes/urban-leds/").status_code == 404  # Russian has its own slug


def test_a_private_section_still_asks_visitors_to_log_in(client, seeded_site):
    """The chrome's shortcut skips Wagtail's restriction check only for public pages."""
    from wagtail.models import PageViewRestriction

    index = Page.objects.get(slug_en="programmes")
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)

    for url in ("/en/programmes/", "/en/programmes/urban-leds/", "/ru/programmy/urban-leds/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/_util/login/" in response["Location"]
    menu = client.get("/en/").content.decode()
    assert 'href="/en/programmes/"' not in menu  # private sections leave the menu


def test_a_private_section_found_beyond_the_primed_path_is_known_private(rf, seeded_site):
    """Pages the site's query did not bring are marked private from the restricted paths it
    did bring (no subquery per page), as the primed ones are."""
    from wagtail.models import PageViewRestriction

    from core.chrome import Chrome, prime_request

    index = Page.objects.get(slug_en="programmes")
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    request = rf.get("/en/", HTTP_HOST="localhost")
    prime_request(request)  # no path: only the home page's own rows are primed
    chrome = Chrome.for_request(request)

    with CaptureQueriesContext(connection) as queries:
        found, _rest = chrome.find(chrome.home, ["programmes", "urban-leds"])

    assert found.slug == "urban-leds"
    assert found.private and not chrome.is_public(found)
    assert len(queries) == 1
    assert "wagtailcore_pageviewrestriction" not in queries[0]["sql"]


def test_a_private_programme_leaves_the_cards_of_the_home_page_and_the_listing(client, seeded_site):
    from wagtail.models import PageViewRestriction

    programme = Page.objects.get(slug_en="urban-leds")
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)

    for url in ("/en/", "/en/programmes/"):
        html = client.get(url).content.decode()
        assert 'href="/en/programmes/ecomobility-alliance/"' in html, url
        assert 'href="/en/programmes/urban-leds/"' not in html, url


def add_partners(count, start=0):
    from partners.models import PartnerIndexPage, PartnerPage

    return add_pages(
        PartnerIndexPage.objects.get(),
        PartnerPage,
        [
            {
                "slug": {"en": f"extra-partner-{n:03d}"},
                "title": {"en": f"Extra partner {n:03d}"},
                "summary_en": f"Partner {n}.",
                "relationship": "programme_partner",
            }
            for n in range(start, start + count)
        ],
    )


def cards(response):
    return [
        link.get_text(strip=True)
        for link in BeautifulSoup(response.content, "html.parser").select(".card__title a")
    ]


def test_a_long_directory_comes_in_pages_of_24(client, seeded_site):
    from partners.models import PartnerIndexPage

    index = PartnerIndexPage.objects.get()
    total = index.get_children().live().count() + 30
    add_partners(30)
    url = index.url
    first = client.get(url)
    assert len(cards(first)) == 24
    assert f"Page 1 of {-(-total // 24)}" in first.content.decode()
    assert 'name="robots"' not in first.content.decode()
    following = BeautifulSoup(first.content, "html.parser").select_one('a[rel="next"]')["href"]
    assert following == "?page=2"
    second = client.get(url + following)
    assert second.status_code == 200
    assert '<meta name="robots" content="noindex">' in second.content.decode()
    assert not set(cards(first)) & set(cards(second))
    assert (
        BeautifulSoup(second.content, "html.parser")
        .select_one('link[rel="canonical"]')["href"]
        .endswith(url)
    )


@pytest.mark.parametrize("number", ["0", "9", "-1", "abc", "1.5", "99999999999999999999999"])
def test_a_directory_page_number_that_is_not_a_page_is_not_found(client, seeded_site, number):
    from partners.models import EventIndexPage, PartnerIndexPage, ToolIndexPage

    for index in (PartnerIndexPage, ToolIndexPage, EventIndexPage):
        assert client.get(index.objects.get().url, {"page": number}).status_code == 404


def test_a_directory_page_costs_the_same_queries_for_few_or_many_entries(client, seeded_site):
    from partners.models import PartnerIndexPage

    url = PartnerIndexPage.objects.get().url + "?page=2"
    add_partners(30)
    few = queries_for(client, url)
    add_partners(300, start=30)
    many = queries_for(client, url)
    assert len(many) == len(few) <= BUDGET
