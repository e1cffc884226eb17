"""The newsroom and the library pass axe-core in English, Russian and Arabic, on a phone
(390 px) and a desktop (1440 px), with an article and a publication in them."""

import pytest

from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Made on the test server's database (the seed ships the newsroom and library empty).
_CONTENT = """
import datetime
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection
from library.models import LibraryIndexPage, ResourceAuthor, ResourcePage, ResourceProgramme
from news.models import ArticleAuthor, ArticlePage, ArticleRelatedPage, NewsIndexPage
from people.models import Person
from programmes.models import ProgrammePage

if not ArticlePage.objects.filter(slug_en="axe-article").exists():
    person = Person.objects.create(
        name_en="Axe Author", name_ru="Автор", role_en="Writer", live=True)
    leds = ProgrammePage.objects.get(slug_en="urban-leds")
    article = NewsIndexPage.objects.get().add_child(instance=ArticlePage(
        title_en="Axe article", title_ru="Статья", slug_en="axe-article",
        summary_en="A test article.", summary_ru="Тестовая статья.",
        date=datetime.date(2025, 5, 1)))
    ArticleAuthor.objects.create(page=article, person=person)
    ArticleRelatedPage.objects.create(page=article, page_link=leds)
    article.save_revision().publish()
    document = get_document_model().objects.create(
        title="Axe report", collection=Collection.get_first_root_node(),
        file=ContentFile(b"Axe report text", name="axe-report.txt"))
    resource = LibraryIndexPage.objects.get().add_child(instance=ResourcePage(
        title_en="Axe report", title_ru="Доклад", slug_en="axe-report", year=2024,
        summary_en="A test report.", summary_ru="Тестовый доклад.", document_en=document))
    ResourceAuthor.objects.create(page=resource, person=person)
    ResourceProgramme.objects.create(page=resource, programme=leds)
    resource.save_revision().publish()
print("ok")
"""

PAGES = {
    "news index": ("/en/news/", "/ru/novosti/", "/ar/news/"),
    "news index filtered": (
        "/en/news/?kind=story",
        "/ru/novosti/?kind=news&year=2025",
        "/ar/news/?kind=news",
    ),
    "article": ("/en/news/axe-article/", "/ru/novosti/axe-article/", "/ar/news/axe-article/"),
    "library index": ("/en/publications/", "/ru/publikatsii/", "/ar/publications/"),
    "library filtered": (
        "/en/publications/?available=1",
        "/ru/publikatsii/?available=1",
        "/ar/publications/?kind=report",
    ),
    "publication": (
        "/en/publications/axe-report/",
        "/ru/publikatsii/axe-report/",
        "/ar/publications/axe-report/",
    ),
    "programme with latest articles": (
        "/en/programmes/urban-leds/",
        "/ru/programmy/urban-leds/",
        "/ar/programmes/urban-leds/",
    ),
    "home with latest articles": ("/en/", "/ru/", "/ar/"),
}
LANGUAGES = ("en", "ru", "ar")


@pytest.fixture(scope="module")
def content(server_shell):
    assert server_shell(_CONTENT).endswith("ok")


@pytest.mark.parametrize("width", (390, 1440))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", PAGES)
def test_newsroom_and_library_pages_pass_axe(
    content, new_page, axe_source, page_type, language, width
):
    page = new_page(viewport={"width": width, "height": 800})

    response = page.goto(PAGES[page_type][LANGUAGES.index(language)])

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page, axe_source) == []
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    if page_type.endswith("latest articles"):
        assert page.locator(".latest-articles a").count() >= 1
