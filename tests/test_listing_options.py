"""The newsroom's filters offer what its live articles have, right after any change.

What the filters offer is kept per listing (core/listing_options.py) so that a listing of
10,000 articles is not scanned on every render. Stories: an editor publishes an article on a
new theme, unpublishes or deletes the only article of a year, an import adds a link row
through the ORM, a page is made private: the next visitor sees the filters as they now are.
"""

import datetime

from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from core import listing_options
from core.models import ListingOptions
from news.models import ArticlePage, ArticleTheme, NewsIndexPage
from programmes.models import ProgrammePage, Theme
from tests.test_newsroom import add_article

pytestmark = pytest.mark.django_db


def offered(client, name):
    """The options of the news index's filter `name`, as a visitor sees them."""
    soup = BeautifulSoup(client.get("/en/news/").content, "html.parser")
    return [option.get_text(strip=True) for option in soup.select(f"select[name={name}] option")][
        1:
    ]


@pytest.fixture
def newsroom(seeded_site):
    first, second = Theme.objects.filter(live=True).order_by("slug")[:2]
    leds = ProgrammePage.objects.get(slug_en="urban-leds")
    article = add_article(
        "leds-news", "Cities cut emissions", date=datetime.date(2025, 3, 1), theme=first
    )
    return {"article": article, "first": first, "second": second, "leds": leds}


def test_the_options_are_kept_after_a_render_and_read_from_there(client, newsroom):
    offered(client, "theme")
    kept = ListingOptions.objects.get(index=NewsIndexPage.objects.get())
    assert kept.options == {"themes": [newsroom["first"].pk], "programmes": [], "years": [2025]}


def test_an_article_published_on_a_new_theme_and_year_is_offered_at_once(client, newsroom):
    assert offered(client, "theme") == [newsroom["first"].name]
    assert offered(client, "year") == ["2025"]

    add_article(
        "air-news",
        "Clean air",
        date=datetime.date(2023, 5, 1),
        theme=newsroom["second"],
        about=[newsroom["leds"]],
    )

    assert sorted(offered(client, "theme")) == sorted(
        [newsroom["first"].name, newsroom["second"].name]
    )
    assert offered(client, "year") == ["2025", "2023"]
    assert offered(client, "programme") == ["Urban-LEDS"]


def test_unpublishing_or_deleting_the_only_article_of_a_theme_withdraws_it(client, newsroom):
    other = add_article(
        "air-news", "Clean air", date=datetime.date(2023, 5, 1), theme=newsroom["second"]
    )
    assert newsroom["second"].name in offered(client, "theme")

    other.unpublish()
    assert offered(client, "theme") == [newsroom["first"].name]
    assert offered(client, "year") == ["2025"]

    newsroom["article"].delete()
    assert offered(client, "theme") == []
    assert offered(client, "year") == []


def test_a_link_written_by_an_import_is_offered(client, newsroom):
    offered(client, "theme")
    ArticleTheme.objects.create(page=newsroom["article"], theme=newsroom["second"])

    assert newsroom["second"].name in offered(client, "theme")


def test_a_theme_renamed_or_unpublished_shows_as_it_is_now(client, newsroom):
    offered(client, "theme")
    theme = newsroom["first"]
    theme.name_en = "Renamed theme"
    theme.save()
    assert offered(client, "theme") == ["Renamed theme"]

    Theme.objects.filter(pk=theme.pk).update(live=False)
    assert offered(client, "theme") == []


def test_an_article_made_private_takes_its_options_away(client, newsroom):
    offered(client, "theme")
    PageViewRestriction.objects.create(
        page=newsroom["article"], restriction_type=PageViewRestriction.LOGIN
    )

    assert offered(client, "theme") == []


def test_the_russian_listing_reads_the_same_options_in_russian(client, newsroom):
    offered(client, "theme")
    with translation.override("ru"):
        soup = BeautifulSoup(client.get("/ru/novosti/").content, "html.parser")
    names = [option.get_text(strip=True) for option in soup.select("select[name=theme] option")]
    assert names[1:] == [newsroom["first"].name_ru]


def test_a_change_during_a_render_is_not_lost(newsroom):
    # A publish that lands while a render works the options out: what the render found is
    # not kept, and the next render works them out again.
    index = NewsIndexPage.objects.get()

    def work_out_while_an_article_is_published():
        listing_options.forget([index.path])
        return {"themes": [], "programmes": [], "years": []}

    listing_options.stored(index, work_out_while_an_article_is_published)

    assert ListingOptions.objects.get(index=index).options is None
    entries = ArticlePage.objects.child_of(index).live()
    assert listing_options.stored(index, lambda: {"years": [entries.count()]}) == {"years": [1]}


def test_the_preview_of_a_listing_not_yet_created_works_its_options_out_without_keeping_them(
    seeded_site,
):
    options = listing_options.stored(NewsIndexPage(title="Press"), lambda: {"years": [2025]})

    assert options == {"years": [2025]}
    assert not ListingOptions.objects.exists()
