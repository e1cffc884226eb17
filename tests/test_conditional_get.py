"""Conditional GET: a browser or the front cache that has a page asks "changed?" and gets a
304 without the page being rendered again, until something is published."""

from django.test import Client

import pytest

from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

URL = "/en/programmes/urban-leds/"


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


def test_an_unchanged_page_answers_304_without_touching_the_database(
    programme, django_assert_num_queries
):
    first = Client().get(URL)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        again = Client().get(URL, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "s-maxage" in again["Cache-Control"]  # the front cache keeps its copy longer


def test_the_etag_that_nginx_weakened_when_gzipping_still_matches(programme):
    etag = Client().get(URL)["ETag"]

    response = Client().get(URL, HTTP_IF_NONE_MATCH=f"W/{etag}")

    assert response.status_code == 304


def test_a_head_request_is_answered_the_same_way(programme):
    etag = Client().get(URL)["ETag"]

    assert Client().head(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_after_a_publish_the_same_question_gets_the_new_page(
    programme, django_capture_on_commit_callbacks
):
    old_etag = Client().get(URL)["ETag"]

    programme.title_en = "Urban-LEDS, second phase"
    with django_capture_on_commit_callbacks(execute=True):
        programme.save_revision().publish()
    response = Client().get(URL, HTTP_IF_NONE_MATCH=old_etag)

    assert response.status_code == 200
    assert "Urban-LEDS, second phase" in response.content.decode()
    assert response["ETag"] != old_etag


def test_each_address_has_its_own_etag(programme):
    english = Client().get(URL)["ETag"]
    russian_url = "/ru/programmy/urban-leds/"
    russian = Client().get(russian_url)

    assert russian.status_code == 200
    assert russian["ETag"] != english
    assert Client().get(russian_url, HTTP_IF_NONE_MATCH=english).status_code == 200


def test_a_logged_in_editor_is_never_told_the_anonymous_copy_is_current(
    programme, django_user_model
):
    etag = Client().get(URL)["ETag"]
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("chief", "c@example.org", "pw"))

    response = editor.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "wagtail-userbar" in response.content.decode()  # the editor's own version
