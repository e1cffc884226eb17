"""A page an editor makes private stops being public at once, in the front cache too.

The front cache revalidates its expired copies with If-None-Match; the middleware answers a
304 without rendering while the content generation is unchanged (core.cache). A change of a
page's privacy must therefore change the generation, and refresh the section's URLs, like a
publish does: otherwise the cache is told, every FRONT_CACHE_SECONDS, that its public copy of
a now private page is still good.
"""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from core import cache as front_cache
from programmes.models import ProgrammeIndexPage, ProgrammePage

pytestmark = pytest.mark.django_db

URL = "/en/programmes/urban-leds/"


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


@pytest.fixture
def editor_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.org", "pw"))
    return client


def set_privacy(client, page, **form):
    response = client.post(reverse("wagtailadmin_pages:set_privacy", args=(page.pk,)), form)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done", response.content[:500]


def revalidate(etag, url=URL):
    """What the front cache hears when it asks whether its copy is still good."""
    return Client().get(url, HTTP_IF_NONE_MATCH=etag)


def test_a_page_an_editor_makes_private_is_no_longer_confirmed_as_public(
    programme, editor_client, django_capture_on_commit_callbacks
):
    cached = Client().get(URL)
    assert cached.status_code == 200 and "public" in cached["Cache-Control"]

    with django_capture_on_commit_callbacks(execute=True):
        set_privacy(editor_client, programme, restriction_type="login")
    answer = revalidate(cached["ETag"])

    assert answer.status_code == 302  # to the login page, not "your public copy is fine"
    assert "/login/" in answer["Location"]
    assert answer.get("ETag") != cached["ETag"]


def test_a_page_given_a_password_is_no_longer_confirmed_as_public(
    programme, editor_client, django_capture_on_commit_callbacks
):
    cached = Client().get(URL)

    with django_capture_on_commit_callbacks(execute=True):
        set_privacy(editor_client, programme, restriction_type="password", password="s3cret")
    answer = revalidate(cached["ETag"])

    assert answer.status_code == 200
    assert 'name="password"' in answer.content.decode()
    assert "Urban-LEDS" not in answer.content.decode()
    assert "public" not in answer["Cache-Control"]  # the form carries the visitor's token


def test_the_pages_below_a_private_section_are_not_confirmed_either(
    seeded_site, editor_client, django_capture_on_commit_callbacks
):
    cached = Client().get(URL)
    programmes = ProgrammeIndexPage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        set_privacy(editor_client, programmes, restriction_type="login")

    assert revalidate(cached["ETag"]).status_code == 302


def test_a_page_made_public_again_is_rendered_anew_for_the_cache(
    programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=programme, restriction_type="login")
    assert Client().get(URL).status_code == 302
    private_generation = front_cache.generation()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    answer = Client().get(URL)

    assert front_cache.generation() != private_generation
    assert answer.status_code == 200
    assert "public" in answer["Cache-Control"]


def test_changing_which_groups_may_see_a_page_renews_its_copies(
    programme, django_capture_on_commit_callbacks
):
    staff, partners = Group.objects.create(name="Staff"), Group.objects.create(name="Partners")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=programme, restriction_type="groups")
        restriction.groups.add(staff)

    for change in (
        lambda: restriction.groups.add(partners),
        lambda: partners.pageviewrestriction_set.remove(restriction),  # from the group's side
        lambda: restriction.groups.clear(),
    ):
        before = front_cache.generation()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        assert front_cache.generation() != before


def test_making_a_section_private_refreshes_it_in_every_language_nearest_first(
    seeded_site, refreshed, django_capture_on_commit_callbacks
):
    programmes = ProgrammeIndexPage.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=programmes, restriction_type="login")

    host = "http://localhost"
    assert refreshed[0] == f"{host}/en/programmes/"
    assert f"{host}/ru/programmy/" in refreshed
    for language in ("en", "de", "zh-hans", "ar"):
        assert f"{host}/{language}/programmes/urban-leds/" in refreshed
    assert f"{host}/ru/programmy/urban-leds/" in refreshed
    # The section's own page before the pages below it.
    assert refreshed.index(f"{host}/ar/programmes/") < refreshed.index(
        f"{host}/en/programmes/urban-leds/"
    )


def test_the_login_redirect_replaces_the_public_copy_for_anonymous_visitors_only(
    programme, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=programme, restriction_type="groups")

    anonymous = Client().get(URL)
    member = Client()
    member.force_login(django_user_model.objects.create_user("outsider", "o@example.org", "pw"))
    signed_in = member.get(URL)

    # The same redirect for every anonymous visitor: nginx may keep it (and so a refresh
    # replaces the page's old public copy at once).
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert "public" in anonymous["Cache-Control"] and "no-store" not in anonymous["Cache-Control"]
    # Someone signed in is never answered from, nor stored in, the cache.
    assert signed_in.status_code == 302
    assert "public" not in signed_in["Cache-Control"]
