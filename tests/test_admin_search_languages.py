"""An editor finds pages and snippets in the admin by their title or name in any language:
the page search, the page chooser, a snippet listing's search and a snippet chooser."""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

import pytest

from programmes.models import ProgrammePage, Theme
from tests.helpers import publish

pytestmark = pytest.mark.django_db

RUSSIAN_TITLE = "Низкоуглеродные города будущего"
RUSSIAN_THEME = "Чистый воздух в городах"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("edna", "edna@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def programme(seeded_site):
    page = ProgrammePage.objects.get(slug_en="urban-leds")
    return publish(page, title_ru=RUSSIAN_TITLE)


@pytest.fixture
def theme(seeded_site):
    theme = Theme.objects.order_by("pk").first()
    theme.name_ru = RUSSIAN_THEME
    theme.save_revision().publish()
    return Theme.objects.get(pk=theme.pk)


def edit_link(page):
    return f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"'


def test_the_admin_page_search_finds_a_page_by_its_russian_title(editor, programme):
    response = editor.get(reverse("wagtailadmin_pages:search"), {"q": "низкоуглеродные"})

    assert response.status_code == 200
    assert edit_link(programme) in response.content.decode()


def test_the_admin_page_search_finds_a_russian_word_as_it_is_typed(editor, programme):
    response = editor.get(reverse("wagtailadmin_pages:search"), {"q": "Низкоуглер"})

    assert edit_link(programme) in response.content.decode()


def test_the_page_chooser_finds_a_page_by_its_russian_title(editor, programme):
    response = editor.get(reverse("wagtailadmin_choose_page_search"), {"q": "города будущего"})

    assert response.status_code == 200
    assert programme.pk in [page.pk for page in response.context["pages"]]


def test_the_theme_chooser_and_listing_find_a_theme_by_its_russian_name(editor, theme):
    viewset = Theme.snippet_viewset
    chooser = reverse(viewset.chooser_viewset.get_url_name("choose_results"))
    listing = reverse(viewset.get_url_name("list_results"))
    edit = reverse(viewset.get_url_name("edit"), args=[theme.pk])
    choose = reverse(viewset.chooser_viewset.get_url_name("chosen"), args=[theme.pk])

    chosen = editor.get(chooser, {"q": "чистый возд"})
    listed = editor.get(listing, {"q": "Чистый"})

    assert chosen.status_code == 200 and listed.status_code == 200
    assert f'href="{choose}"' in chosen.content.decode()
    assert edit in listed.content.decode()


def test_an_english_title_is_still_found(editor, programme):
    response = editor.get(reverse("wagtailadmin_pages:search"), {"q": "Urban-LEDS"})

    assert edit_link(programme) in response.content.decode()
