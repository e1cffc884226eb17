"""The main menu offers a listing section (News, Publications, the directories) only once
it has something to list.

Stories: a visitor of the freshly seeded site finds no "News" or "Publications" leading to
an empty page; the comms team publishes the first article and "News" appears in every
language, also for visitors served by the front cache; unpublishing the last article takes
it out again; a draft does not count.
"""

import datetime

from django.test import Client

import pytest
from bs4 import BeautifulSoup

from news.models import ArticlePage
from tests.test_newsroom import add_article

pytestmark = pytest.mark.django_db


def menu(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select("nav.site-nav a")}


def test_the_seeds_empty_newsroom_and_library_stay_out_of_the_menu(client, seeded_site):
    english = menu(client.get("/en/"))
    russian = menu(client.get("/ru/"))

    assert "News" not in english and "Publications" not in english
    assert "Новости" not in russian and "Публикации" not in russian
    assert english["Programmes and projects"] == "/en/programmes/"  # sections with items stay
    assert english["Events"] == "/en/events/"
    assert len(english) == len(russian) == 6
    assert client.get("/en/news/").status_code == 200  # still there for whoever has its link


def test_the_newsroom_joins_the_menu_with_its_first_article_even_from_the_front_cache(
    seeded_site, django_capture_on_commit_callbacks
):
    visitor = Client()
    cached = visitor.get("/ru/programmy/")
    assert "Новости" not in menu(cached)

    with django_capture_on_commit_callbacks(execute=True):
        add_article("first", "First news", "Первая новость", date=datetime.date(2026, 5, 4))

    # The front cache's copy revalidates: the page is rendered anew, not "not modified".
    renewed = visitor.get("/ru/programmy/", HTTP_IF_NONE_MATCH=cached["ETag"])
    assert renewed.status_code == 200
    assert menu(renewed)["Новости"] == "/ru/novosti/"
    assert menu(visitor.get("/en/"))["News"] == "/en/news/"


def test_a_draft_article_does_not_bring_news_into_the_menu(client, seeded_site):
    article = add_article("draft", "Draft news", date=datetime.date(2026, 5, 4))
    article.unpublish()

    assert "News" not in menu(client.get("/en/"))


def test_unpublishing_the_last_article_takes_news_out_of_the_menu_again(
    client, seeded_site, django_capture_on_commit_callbacks
):
    article = add_article("only", "Only news", date=datetime.date(2026, 5, 4))
    assert "News" in menu(client.get("/en/"))

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=article.pk).unpublish()

    assert "News" not in menu(client.get("/en/"))


def test_a_page_that_is_no_article_does_not_fill_the_newsroom(client, seeded_site):
    from news.models import NewsIndexPage
    from organisation.models import GeneralPage

    contacts = GeneralPage(title_en="Press contacts", slug_en="press-contacts")
    NewsIndexPage.objects.get().add_child(instance=contacts)
    contacts.save_revision().publish()

    assert "News" not in menu(client.get("/en/"))  # its listing would still be empty
