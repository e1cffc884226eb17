"""Readers follow the newsroom: articles filtered by what they are about, feeds in their
language, and the latest articles where they read about a programme or priority."""

import datetime

from wagtail.models import Site

import feedparser
import pytest
from bs4 import BeautifulSoup

from news.models import ArticlePage, ArticleRelatedPage, ArticleTheme, NewsIndexPage
from organisation.models import PriorityPage
from people.models import Person
from programmes.models import ProgrammePage, Theme
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def add_article(slug, title_en, title_ru="", *, date, theme=None, about=(), kind="news", **extra):
    index = NewsIndexPage.objects.get()
    article = index.add_child(
        instance=ArticlePage(
            title_en=title_en,
            title_ru=title_ru,
            slug_en=slug,
            summary_en=f"{title_en}: summary.",
            summary_ru=f"{title_ru}: кратко." if title_ru else "",
            date=date,
            kind=kind,
            **extra,
        )
    )
    if theme is not None:
        ArticleTheme.objects.create(page=article, theme=theme)
    for page in about:
        ArticleRelatedPage.objects.create(page=article, page_link=page)
    article.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


@pytest.fixture
def articles(seeded_site):
    """Two articles on different themes and programmes, in English and Russian."""
    first_theme, second_theme = Theme.objects.filter(live=True)[:2]
    leds = ProgrammePage.objects.get(slug_en="urban-leds")
    other = ProgrammePage.objects.exclude(pk=leds.pk).first()
    return {
        "leds": add_article(
            "leds-news",
            "Cities cut emissions",
            "Города сокращают выбросы",
            date=datetime.date(2025, 3, 1),
            theme=first_theme,
            about=[leds],
        ),
        "other": add_article(
            "other-news",
            "A story of clean air",
            "История о чистом воздухе",
            date=datetime.date(2024, 6, 1),
            theme=second_theme,
            about=[other],
            kind="story",
        ),
        "themes": (first_theme, second_theme),
        "programmes": (leds, other),
    }


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select(".card__title")]


def test_the_seed_creates_an_empty_newsroom_with_translated_titles(client, seeded_site):
    index = NewsIndexPage.objects.get()
    assert (index.title_en, index.title_ru) == ("News", "Новости")
    assert not ArticlePage.objects.exists()
    assert "Nothing is listed here yet." in visible_text(client.get(index.url))


def test_readers_filter_english_articles_by_theme_and_programme(client, articles):
    first_theme, second_theme = articles["themes"]
    leds, other = articles["programmes"]

    assert titles(client.get("/en/news/")) == ["Cities cut emissions", "A story of clean air"]
    assert titles(client.get("/en/news/", {"theme": second_theme.slug})) == ["A story of clean air"]
    assert titles(client.get("/en/news/", {"programme": leds.pk})) == ["Cities cut emissions"]
    assert titles(client.get("/en/news/", {"year": "2024"})) == ["A story of clean air"]
    assert titles(client.get("/en/news/", {"kind": "story"})) == ["A story of clean air"]


def test_russian_readers_filter_russian_articles(client, articles):
    first_theme, _second = articles["themes"]
    _leds, other = articles["programmes"]

    assert titles(client.get("/ru/novosti/", {"theme": first_theme.slug})) == [
        "Города сокращают выбросы"
    ]
    assert titles(client.get("/ru/novosti/", {"programme": other.pk})) == [
        "История о чистом воздухе"
    ]


def test_filtered_listings_are_not_indexed_and_bad_filters_are_ignored(client, articles):
    plain = client.get("/en/news/")
    filtered = client.get("/en/news/", {"kind": "story"})
    bogus = client.get("/en/news/", {"year": "not-a-year", "programme": "999999"})

    assert b'name="robots" content="noindex"' not in plain.content
    assert b'name="robots" content="noindex"' in filtered.content
    assert bogus.status_code == 200
    assert len(titles(bogus)) == 2  # unknown values are ignored, the listing stays whole
    assert client.get("/en/news/", {"page": "99"}).status_code == 404


def test_the_home_programme_and_priority_pages_show_the_latest_related_articles(client, articles):
    priority = PriorityPage.objects.get(slug_en="multilevel-governance")
    ArticleRelatedPage.objects.create(page=articles["other"], page_link=priority)

    home = visible_text(client.get("/en/"))
    programme = visible_text(client.get(articles["programmes"][0].url))
    priority_text = visible_text(client.get(priority.url))

    assert "Latest articles" in home and "Cities cut emissions" in home
    assert "Cities cut emissions" in programme and "A story of clean air" not in programme
    assert "A story of clean air" in priority_text
    assert "Города сокращают выбросы" in visible_text(client.get("/ru/"))


def test_the_home_page_shows_only_the_three_newest(client, articles):
    for n in range(4):
        add_article(f"later-{n}", f"Later news {n}", date=datetime.date(2026, 1, 1 + n))

    home = visible_text(client.get("/en/"))

    assert "Later news 3" in home and "Later news 1" in home
    assert "Later news 0" not in home and "Cities cut emissions" not in home


@pytest.mark.parametrize(("language", "path"), [("en", "rss"), ("en", "atom"), ("ru", "rss")])
def test_feeds_parse_with_items_in_the_feed_language_and_site_urls(
    client, articles, language, path
):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.iclei.example", 443
    site.save()

    response = client.get(f"/{language}/feeds/news.{path}", HTTP_HOST="localhost")
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.get("language", language) == language
    expected = {
        "en": ["Cities cut emissions", "A story of clean air"],
        "ru": ["Города сокращают выбросы", "История о чистом воздухе"],
    }[language]
    assert [entry.title for entry in feed.entries] == expected
    for entry in feed.entries:
        assert entry.link.startswith(f"https://www.iclei.example/{language}/")
    assert feed.feed.link.startswith("https://www.iclei.example/")


@pytest.mark.parametrize("path", ["rss", "atom"])
def test_a_feed_in_a_language_not_yet_released_sends_readers_to_the_english_one(
    client, articles, path
):
    response = client.get(f"/de/feeds/news.{path}")

    assert response.status_code == 302
    assert response["Location"] == f"/en/feeds/news.{path}"
    assert response["Content-Language"] == "en"


def test_every_page_points_to_the_feeds_of_its_language(client, articles):
    soup = BeautifulSoup(client.get("/ru/").content, "html.parser")

    feeds = {link["type"]: link["href"] for link in soup.select('link[rel="alternate"][type]')}

    assert feeds["application/rss+xml"].endswith("/ru/feeds/news.rss")
    assert feeds["application/atom+xml"].endswith("/ru/feeds/news.atom")


def test_an_article_names_its_authors_in_the_page_and_its_json_ld(client, articles):
    from news.models import ArticleAuthor

    person = Person.objects.create(name_en="Ana Example", role_en="Writer", live=True)
    ArticleAuthor.objects.create(page=articles["leds"], person=person)
    articles["leds"].save_revision().publish()

    response = client.get(articles["leds"].url)

    assert "Ana Example" in visible_text(response)
    soup = BeautifulSoup(response.content, "html.parser")
    json_ld = soup.find("script", type="application/ld+json").string
    assert '"NewsArticle"' in json_ld and '"Ana Example"' in json_ld


def test_the_api_gives_articles_in_the_language_asked_for(client, articles):
    response = client.get(
        "/api/v2/pages/",
        {"type": "news.ArticlePage", "fields": "summary,kind,date", "lang": "ru"},
    )

    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["title"] for item in items} == {
        "Города сокращают выбросы",
        "История о чистом воздухе",
    }


def test_load_content_for_the_benchmark_fills_the_newsroom_and_library(client, seeded_site):
    import io

    from django.core.management import call_command

    from library.models import ResourcePage

    call_command("generate_load_content", pages=10, articles=15, verbosity=0, stdout=io.StringIO())

    assert ArticlePage.objects.live().count() == 15
    assert ResourcePage.objects.live().count() == 15
    assert client.get("/en/news/?page=2").status_code == 200  # 12 a page
    assert client.get("/ru/publikatsii/", {"available": "1"}).status_code == 200
