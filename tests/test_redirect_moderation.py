"""Redirects are content visitors follow from the official domain, so they are moderated.

An Editor once added /en/donate/ → a phishing site, and pointed an existing redirect there;
it was live at once. Now only Moderators and Administrators write redirects, and a redirect
may leave the site only for a host operators allowed (REDIRECT_ALLOWED_HOSTS), unless an
Administrator saves it. Each test acts through the admin's views, its CSV import, the
import command or code, and looks at what a visitor would get at the old address.
"""

import io

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect

import pytest

from core.acting_user import acting_as
from organisation.models import OfficePage
from partners.models import PartnerPage
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

PHISH = "https://evil.example/phish"
OFFICE = "http://localhost/en/office/"  # the seeded Site's own host
REFUSED = "Redirects may lead only to this site or to the hosts allowed in the settings"
DENIED = "Sorry, you do not have permission to access this area."


@pytest.fixture
def member(django_user_model):
    def make(group):
        user = django_user_model.objects.create_user(group.lower(), f"{group}@example.org", "x")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def as_member(client, member):
    def sign_in(group):
        client.force_login(member(group))
        return client

    return sign_in


@pytest.fixture
def donate(seeded_site):
    """An existing redirect, set up by a Moderator, to the office page."""
    return Redirect.objects.create(old_path="/en/donate", redirect_link="/en/office/")


def add(client, old_path, link="", page=None):
    return client.post(
        reverse("wagtailredirects:add"),
        {
            "old_path": old_path,
            "site": "",
            "is_permanent": "on",
            "redirect_link": link,
            "redirect_page": page.pk if page else "",
        },
        follow=True,
    )


def change(client, redirect, link):
    return client.post(
        reverse("wagtailredirects:edit", args=[redirect.pk]),
        {"old_path": redirect.old_path, "site": "", "is_permanent": "on", "redirect_link": link},
        follow=True,
    )


def import_csv(client, rows):
    """Upload a CSV of (from, to) rows and confirm the import, as the admin's two steps do."""
    csv = "".join(f"{old},{new}\n" for old, new in [("from", "to"), *rows]).encode()
    upload = SimpleUploadedFile("redirects.csv", csv, content_type="text/csv")
    chosen = client.post(reverse("wagtailredirects:start_import"), {"import_file": upload})
    if chosen.status_code != 200 or "form" not in chosen.context:
        return chosen
    return client.post(
        reverse("wagtailredirects:process_import"),
        {**chosen.context["form"].initial, "from_index": 0, "to_index": 1, "permanent": True},
        follow=True,
    )


def visitor_target(client, path):
    client.logout()
    response = client.get(path)
    return response["Location"] if response.status_code in (301, 302) else response.status_code


# -- who may write redirects ----------------------------------------------------------------


def test_an_editor_cannot_add_a_redirect(as_member, seeded_site):
    client = as_member("Editors")

    response = add(client, "/en/donate/", OFFICE)

    assert DENIED in visible_text(response)
    assert not Redirect.objects.exists()
    assert visitor_target(client, "/en/donate/") == 404


def test_an_editor_cannot_point_an_existing_redirect_elsewhere(as_member, donate):
    client = as_member("Editors")

    response = change(client, donate, "http://localhost/en/partners/")

    assert DENIED in visible_text(response)
    donate.refresh_from_db()
    assert donate.redirect_link == "/en/office/"
    assert visitor_target(client, "/en/donate/") == "/en/office/"


def test_an_editor_cannot_import_redirects(as_member, seeded_site):
    client = as_member("Editors")

    import_csv(client, [("/en/donate/", OFFICE)])

    assert not Redirect.objects.exists()


def test_an_editor_no_longer_finds_redirects_in_the_settings_menu(as_member, seeded_site):
    client = as_member("Editors")

    assert reverse("wagtailredirects:index") not in client.get(reverse("wagtailadmin_home")).text


def test_a_moderator_adds_a_redirect_within_the_site_and_it_is_live(as_member, seeded_site):
    client = as_member("Moderators")

    add(client, "/en/donate/", page=OfficePage.objects.get())
    add(client, "/en/contact/", OFFICE)

    assert visitor_target(client, "/en/donate/") == "/en/office/"
    assert visitor_target(client, "/en/contact/") == OFFICE


# -- where redirects may lead ---------------------------------------------------------------


def test_a_moderator_cannot_redirect_to_another_host(as_member, seeded_site):
    client = as_member("Moderators")

    response = add(client, "/en/donate/", PHISH)

    assert REFUSED in visible_text(response)
    assert "evil.example is not one of them" in visible_text(response)
    assert not Redirect.objects.exists()
    assert visitor_target(client, "/en/donate/") == 404


def test_a_moderator_cannot_point_an_existing_redirect_to_another_host(as_member, donate):
    client = as_member("Moderators")

    response = change(client, donate, PHISH)

    assert REFUSED in visible_text(response)
    donate.refresh_from_db()
    assert donate.redirect_link == "/en/office/"


def test_a_moderator_may_redirect_to_a_host_operators_allowed(as_member, seeded_site, settings):
    settings.REDIRECT_ALLOWED_HOSTS = [".iclei.org"]
    client = as_member("Moderators")

    add(client, "/en/donate/", "https://www.iclei.org/en/donate")

    assert visitor_target(client, "/en/donate/") == "https://www.iclei.org/en/donate"


def test_an_administrator_may_redirect_anywhere(as_member, seeded_site):
    client = as_member("Administrators")

    add(client, "/en/cop-live/", "https://unfccc.int/cop")

    assert visitor_target(client, "/en/cop-live/") == "https://unfccc.int/cop"


def test_a_moderators_import_keeps_the_rows_within_the_site_and_names_the_refused_one(
    as_member, seeded_site
):
    client = as_member("Moderators")

    summary = import_csv(client, [("/en/donate/", PHISH), ("/en/contact/", OFFICE)])

    assert REFUSED in visible_text(summary)
    assert list(Redirect.objects.values_list("old_path", "redirect_link")) == [
        ("/en/contact", OFFICE)
    ]


def test_the_import_command_refuses_other_hosts(seeded_site, tmp_path):
    source = tmp_path / "redirects.csv"
    source.write_text(f"from,to\n/en/donate/,{PHISH}\n/en/contact/,{OFFICE}\n")
    out = io.StringIO()

    call_command("import_redirects", src=str(source), **{"from": 0, "to": 1}, stdout=out)

    assert REFUSED in out.getvalue()
    assert list(Redirect.objects.values_list("old_path", flat=True)) == ["/en/contact"]


@pytest.mark.parametrize(
    "link",
    [
        PHISH,
        "http://EVIL.example./phish",
        "//evil.example/phish",
        "/\\evil.example/phish",
        "/\t/evil.example/phish",
        "javascript:alert(1)",
    ],
)
def test_code_and_the_shell_cannot_save_a_redirect_off_the_site(seeded_site, link):
    with pytest.raises(ValidationError):
        Redirect.objects.create(old_path="/en/donate", redirect_link=link)
    with pytest.raises(ValidationError):
        Redirect.add_redirect("/en/donate/", link)

    assert not Redirect.objects.exists()


def test_links_within_the_site_are_saved_by_anyone(seeded_site):
    for number, link in enumerate(["/en/office/", "office/", "http://localhost/en/office/"]):
        Redirect.objects.create(old_path=f"/en/old-{number}", redirect_link=link)

    assert Redirect.objects.count() == 3


# -- the automatic redirects of a changed slug ----------------------------------------------


def test_a_slug_change_still_redirects_the_old_address_whoever_publishes(client, member):
    partner = PartnerPage.objects.get(slug_en="unfccc")
    partner.slug_en = "climate-convention"

    with acting_as(member("Editors")):  # e.g. approved in a request: not a redirect author
        partner.save_revision().publish()

    assert visitor_target(client, "/en/partners/unfccc/") == "/en/partners/climate-convention/"
