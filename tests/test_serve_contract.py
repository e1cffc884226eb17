"""A visitor cannot tell the portal's page view from Wagtail's.

core.routing.serve routes by the stored URL paths instead of walking the tree, to keep every
page within its query budget (README "Performance"). Each scenario here runs through both
Wagtail's own view (wagtail.views.serve) and the portal's: a visitor must get the same
status, the same redirect and the same page from both, and what this test expects.
"""

import re
from unittest import mock

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.http import HttpResponse
from django.test import override_settings

from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

import pytest
from bs4 import BeautifulSoup

from tests.helpers import visible_text
from tests.test_query_budgets import BUDGET

pytestmark = pytest.mark.django_db

SERVE_PATHS = {
    "wagtail.views.serve": "tests.serve_contract.urls",
    "core.routing.serve": "iclei_portal.urls",
}


def as_seen(response):
    """What a visitor gets: status, redirect target and page, without what differs on
    every response anyway (CSP nonces, CSRF tokens)."""
    body = response.content.decode()
    body = re.sub(r'nonce="[^"]*"', 'nonce=""', body)
    body = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]*"', r'\1"', body)
    return response.status_code, response.get("Location"), body


@pytest.fixture(params=SERVE_PATHS)
def visit(request, client):
    """get(url, **headers) through the serve path under test. Through the portal's path the
    same request first goes through Wagtail's, and both responses must be the same."""

    def through(path, url, extra):
        with override_settings(ROOT_URLCONF=SERVE_PATHS[path]):
            return client.get(url, **extra)

    def get(url, **extra):
        response = through(request.param, url, extra)
        if request.param != "wagtail.views.serve":
            reference = through("wagtail.views.serve", url, extra)
            assert as_seen(response) == as_seen(reference), url
        return response

    return get


@pytest.fixture
def home(seeded_site):
    return Page.objects.get(depth=2, slug_en="home").specific


def archive_under(parent, slug, title=None, live=True):
    from tests.serve_contract.models import ArchivePage

    page = ArchivePage(title_en=title or slug.title(), slug_en=slug, live=live)
    return parent.add_child(instance=page)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/", 200),
        ("/ru/", 200),
        ("/en/programmes/urban-leds/", 200),
        ("/ru/programmy/urban-leds/", 200),
        ("/de/programmes/urban-leds/", 200),  # no German slug: the English one
        ("/ru/programmes/urban-leds/", 404),  # Russian has its own slug
        ("/en/programmes/no-such-programme/", 404),
        ("/en/programmes/urban-leds/more/", 404),
    ],
)
def test_a_visitor_gets_the_same_page_in_every_language(
    visit, seeded_site, url, status, all_languages_released
):
    assert visit(url).status_code == status


def test_a_password_protected_section_asks_for_the_password_then_shows_the_page(
    visit, client, seeded_site
):
    index = Page.objects.get(slug_en="programmes")
    PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )

    asked = visit("/en/programmes/urban-leds/")
    assert asked.status_code == 200
    assert 'name="password"' in asked.content.decode()
    assert "Urban-LEDS" not in visible_text(asked)

    form = BeautifulSoup(asked.content, "html.parser").find("input", {"name": "password"})
    client.post(
        form.find_parent("form")["action"],
        {"password": "open sesame", "return_url": "/en/programmes/urban-leds/"},
    )
    assert "Urban-LEDS" in visible_text(visit("/en/programmes/urban-leds/"))


def test_a_login_restricted_page_sends_visitors_to_log_in(visit, seeded_site):
    programme = Page.objects.get(slug_en="urban-leds")
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)

    response = visit("/ru/programmy/urban-leds/")

    assert response.status_code == 302
    assert "/_util/login/?next=" in response["Location"]


def test_a_group_restricted_page_shows_only_to_the_group(
    visit, client, seeded_site, django_user_model
):
    programme = Page.objects.get(slug_en="urban-leds")
    members = Group.objects.create(name="Programme members")
    restriction = PageViewRestriction.objects.create(
        page=programme, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(members)
    outsider = django_user_model.objects.create_user("outsider", password="x" * 12)
    member = django_user_model.objects.create_user("member", password="x" * 12)
    member.groups.add(members)

    assert visit("/en/programmes/urban-leds/").status_code == 302  # anonymous
    client.force_login(outsider)
    assert visit("/en/programmes/urban-leds/").status_code == 302
    client.force_login(member)
    assert "Urban-LEDS" in visible_text(visit("/en/programmes/urban-leds/"))


def test_before_serve_page_hooks_see_the_specific_page_and_may_answer(visit, seeded_site):
    def answer(page, request, args, kwargs):
        if page.slug == "urban-leds":
            return HttpResponse(f"{type(page).__name__} {page.title} {args} {kwargs}")
        return None

    with hooks.register_temporarily("before_serve_page", answer):
        response = visit("/ru/programmy/urban-leds/")
        other = visit("/en/programmes/")

    assert response.content.decode() == "ProgrammePage Urban-LEDS [] {}"
    assert other.status_code == 200


@pytest.fixture
def archive(home):
    """A routable page with children, one of them named like one of its routes."""
    archive = archive_under(home, "archive")
    # The portal refuses such a slug now (core.slugs), but a page saved before its parent's
    # type gained the route keeps it: routing still decides which one answers.
    with mock.patch("core.slugs.slug_errors", return_value={}):
        archive_under(archive, "latest", "Latest child")
    archive_under(archive, "2019", "Archive 2019")
    return archive


def test_a_routable_page_answers_its_own_routes_before_its_children(visit, archive):
    # Wagtail tries the page's routes first: its child "latest" is hidden by the route.
    assert visit("/en/archive/latest/").content.decode() == "The latest of Archive"
    assert visit("/ru/archive/latest/").content.decode() == "The latest of Archive"
    assert "Archive of 2024" in visible_text(visit("/en/archive/year/2024/"))


def test_a_routable_page_serves_its_children_and_itself(visit, archive):
    assert "Archive 2019" in visible_text(visit("/en/archive/2019/"))
    assert "Archive" in visible_text(visit("/en/archive/"))
    assert visit("/en/archive/nothing/").status_code == 404
    assert visit("/en/archive/year/24/").status_code == 404


def test_an_unpublished_routable_page_has_no_routes_but_its_live_children_are_served(
    visit, archive
):
    archive.unpublish()

    assert "Latest child" in visible_text(visit("/en/archive/latest/"))
    assert visit("/en/archive/year/2024/").status_code == 404
    assert visit("/en/archive/").status_code == 404


@pytest.fixture
def spotlight(seeded_site):
    """A priority page stored as its proxy model (its own content type)."""
    from organisation.models import PriorityIndexPage
    from tests.serve_contract.models import SpotlightPriorityPage

    spotlight = PriorityIndexPage.objects.get().add_child(
        instance=SpotlightPriorityPage(
            title_en="Spotlight priority", slug_en="spotlight", number=99, summary_en="Lit."
        )
    )
    assert Page.objects.get(pk=spotlight.pk).specific_class is SpotlightPriorityPage
    return spotlight


def test_a_page_of_a_proxy_model_is_served_as_its_proxy(visit, spotlight):
    response = visit(spotlight.url)

    assert response.status_code == 200
    assert "In the spotlight" in visible_text(response)
    assert "Spotlight priority" in visible_text(response)


def test_a_second_site_serves_its_own_pages_on_its_hostname(visit, home, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "cities.example"]
    cities = archive_under(Page.get_first_root_node(), "cities", "Cities network")
    archive_under(cities, "members", "Member cities")
    Site.objects.create(hostname="cities.example", port=80, root_page=cities)

    assert "Member cities" in visible_text(visit("/en/members/", HTTP_HOST="cities.example"))
    latest = visit("/en/latest/", HTTP_HOST="cities.example")
    assert latest.content.decode() == "The latest of Cities network"  # the root page's route
    assert visit("/en/programmes/", HTTP_HOST="cities.example").status_code == 404
    assert visit("/en/members/").status_code == 404  # not on the main site
    assert visit("/en/programmes/").status_code == 200


def test_a_redirect_answers_where_no_page_is_but_never_hides_a_page(visit, seeded_site):
    index = Page.objects.get(slug_en="programmes")
    Redirect.objects.create(old_path="/en/old-programmes", redirect_page=index)
    Redirect.objects.create(old_path="/en/programmes", redirect_link="/en/priorities/")

    moved = visit("/en/old-programmes/")
    assert moved.status_code == 301
    assert moved["Location"].endswith("/en/programmes/")
    assert visit("/en/programmes/").status_code == 200


def test_a_live_page_under_an_unpublished_section_is_served(visit, home):
    hidden = archive_under(home, "hidden", "Hidden section", live=False)
    archive_under(hidden, "visible", "Visible child")

    assert "Visible child" in visible_text(visit("/en/hidden/visible/"))
    assert visit("/en/hidden/").status_code == 404


def test_routes_children_and_proxies_keep_the_query_budget(
    client, archive, spotlight, django_assert_max_num_queries
):
    """The portal's path serves them within the budget of every page type (Wagtail's own
    serve took 6 to 16 queries for the same pages)."""
    for url in (
        "/en/archive/latest/",
        "/en/archive/year/2024/",
        "/en/archive/2019/",
        spotlight.url,
    ):
        client.get(url)  # renditions are made on a first visit
        cache.clear()
        with django_assert_max_num_queries(BUDGET):
            assert client.get(url).status_code == 200, url


def test_an_alias_shows_its_original_page_and_keeps_it_private(visit, home):
    programme = Page.objects.get(slug_en="urban-leds")
    programme.create_alias(parent=home)

    assert "Urban-LEDS" in visible_text(visit("/en/urban-leds/"))
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)
    assert visit("/ru/urban-leds/").status_code == 302  # Wagtail: the original's privacy holds
