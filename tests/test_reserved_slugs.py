"""A page's address cannot be one its parent answers itself.

The events directory serves its calendar feed at `ics/` and its archive at `archive/<year>/`;
the portal serves its search at `/<lang>/search/` and the newsroom's feeds at `/<lang>/feeds/`.
A page slugged like one of them, in any language, could never be reached. Stories: an editor
creating, editing, copying or moving a page is told which slug is taken and why; a translator's
imported Russian slug and a draft saved by a command are refused the same way.
"""

import io

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from wagtail.models import Page
from wagtail.users.models import UserProfile

import polib
import pytest

from organisation.models import GeneralPage, HomePage
from partners.models import EventIndexPage, EventPage
from programmes.models import ProgrammeIndexPage
from tests.admin_forms import assert_saved, browser_form_data
from tests.test_admin_editing import PAGE_FORM
from tests.test_general_pages import add_url, general_form

pytestmark = pytest.mark.django_db


def form_errors(response):
    assert response.status_code == 200, "the form should come back with its errors"
    return {name: " ".join(errors) for name, errors in response.context["form"].errors.items()}


def general_page(parent, slug_en, slug_ru="", live=True):
    page = GeneralPage(title_en=slug_en.title(), slug_en=slug_en, slug_ru=slug_ru, live=live)
    parent.add_child(instance=page)
    return page


def test_an_editor_cannot_create_a_page_at_the_address_of_the_events_feed(
    admin_client, seeded_site
):
    events = EventIndexPage.objects.get()
    data = general_form(("Calendar help", "Помощь с календарём"), ("ics", "kalendar"))

    errors = form_errors(admin_client.post(add_url(GeneralPage, events), data))

    assert "“ics” is an address “Events” uses itself" in errors["slug_en"]
    assert not GeneralPage.objects.filter(slug_en="ics").exists()


def test_the_russian_slug_of_the_archive_is_refused_too_and_named(admin_client, seeded_site):
    events = EventIndexPage.objects.get()
    data = general_form(("Archive help", "Об архиве"), ("archive-help", "archive"))

    errors = form_errors(admin_client.post(add_url(GeneralPage, events), data))

    assert "slug_en" not in errors
    assert errors["slug_ru"].startswith("slug [ru]: “archive”")


def test_an_editor_working_in_russian_reads_why_in_russian(client, admin_user, seeded_site):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(admin_user)
    events = EventIndexPage.objects.get()
    data = general_form(("Calendar help", "Помощь с календарём"), ("ics", "kalendar"))

    errors = form_errors(client.post(add_url(GeneralPage, events), data))

    assert "«ics» — адрес, который «Мероприятия» использует сам" in errors["slug_en"]


def test_an_editor_cannot_rename_an_events_russian_slug_to_ics(admin_client, seeded_site):
    event = EventPage.objects.get(slug_en="daring-cities")
    edit_url = reverse("wagtailadmin_pages:edit", args=(event.pk,))
    data = browser_form_data(admin_client.get(edit_url), PAGE_FORM)
    data["slug_ru"] = "ics"
    data["action-publish"] = "action-publish"

    errors = form_errors(admin_client.post(edit_url, data))

    assert "slug [ru]: “ics”" in errors["slug_ru"]
    event.refresh_from_db()
    assert event.slug_ru != "ics"


def test_the_same_event_slug_is_fine_under_a_section_without_such_routes(admin_client, seeded_site):
    programmes = ProgrammeIndexPage.objects.get()
    data = general_form(("Calendar files", "Календари"), ("ics", "archive"))

    assert_saved(admin_client.post(add_url(GeneralPage, programmes), data))

    assert GeneralPage.objects.get(slug_en="ics").get_parent().pk == programmes.pk


def test_a_revision_or_a_draft_saved_in_code_keeps_the_rule(seeded_site):
    event = EventPage.objects.get(slug_en="daring-cities")
    event.slug_ru = "archive"
    with pytest.raises(ValidationError) as refused:
        event.save_revision()  # what publishing, reverting and imports go through
    assert set(refused.value.message_dict) == {"slug_ru"}

    with pytest.raises(ValidationError):  # a draft a command saves without a revision
        general_page(EventIndexPage.objects.get(), "ics", live=False)


@pytest.mark.parametrize("slug", ["search", "feeds"])
def test_a_page_under_the_home_page_cannot_take_the_portals_own_addresses(seeded_site, slug):
    home = HomePage.objects.get()

    with pytest.raises(ValidationError) as refused:
        general_page(home, "help", slug_ru=slug)

    assert "slug_ru" in refused.value.message_dict
    general_page(home, "feeds-and-search")  # only the exact segment is taken


def test_a_translators_imported_russian_slug_is_refused(seeded_site, tmp_path):
    event = EventPage.objects.get(slug_en="daring-cities")
    out = io.StringIO()
    call_command("export_translations", "--language", "ru", "--page", str(event.pk), stdout=out)
    pofile = polib.pofile(out.getvalue())
    slug_entry = next(e for e in pofile if e.msgctxt == f"partners.eventpage:{event.pk}:slug")
    slug_entry.msgstr = "ics"
    path = tmp_path / "ru.po"
    path.write_text(str(pofile), encoding="utf-8")

    with pytest.raises(CommandError) as refused:
        call_command("import_translations", str(path), "--language", "ru", stdout=io.StringIO())

    assert "slug [ru]: “ics”" in str(refused.value)
    event.refresh_from_db()
    assert event.slug_ru != "ics"


def test_a_copy_cannot_land_at_the_address_of_the_feed(admin_client, seeded_site):
    event = EventPage.objects.get(slug_en="daring-cities")
    copy_url = reverse("wagtailadmin_pages:copy", args=(event.pk,))

    data = {
        "new_title_en": "Daring Cities (copy)",
        "new_title_ru": "Смелые города (копия)",
        "new_slug_en": "daring-cities-copy",
        "new_slug_ru": "ics",
        "new_parent_page": event.get_parent().pk,
    }

    errors = form_errors(admin_client.post(copy_url, data))

    assert errors["new_slug_ru"].startswith("slug [ru]: “ics”")
    assert not Page.objects.filter(slug_en="daring-cities-copy").exists()

    data["new_slug_ru"] = "smelye-goroda-kopiya"
    admin_client.post(copy_url, data)
    assert Page.objects.filter(slug_en="daring-cities-copy").exists()  # with a free slug


def test_a_page_cannot_be_moved_where_its_slug_is_taken(admin_client, seeded_site):
    page = general_page(HomePage.objects.get(), "about-ics", slug_ru="ics")
    events = EventIndexPage.objects.get()

    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=(page.pk, events.pk)), follow=True
    )

    assert "slug [ru]: “ics”" in response.content.decode()
    page.refresh_from_db()
    assert page.get_parent().pk == HomePage.objects.get().pk


def test_a_bulk_move_is_refused_whole_where_a_slug_is_taken(admin_client, seeded_site):
    home = HomePage.objects.get()
    free = general_page(home, "about-congresses")
    taken = general_page(home, "about-archives", slug_ru="archive")
    events = EventIndexPage.objects.get()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move"))

    response = admin_client.post(
        f"{url}?id={free.pk}&id={taken.pk}", {"chooser": events.pk}, follow=True
    )

    assert "“About-Archives”: slug [ru]: “archive”" in response.content.decode()
    for page in (free, taken):
        page.refresh_from_db()
        assert page.get_parent().pk == home.pk, "nothing moved"
    admin_client.post(f"{url}?id={free.pk}", {"chooser": events.pk})
    free.refresh_from_db()
    assert free.get_parent().pk == events.pk, "a free slug still moves"


def test_a_taken_slug_in_a_language_the_form_leaves_out_is_reported_not_a_server_error(
    client, seeded_site
):
    # An Arabic slug written before the rule existed: a German translator's form has no
    # Arabic fields, so the refusal stands above the form (it was a 500) and their German
    # comes back to them as typed.
    from tests.helpers import person

    event = EventPage.objects.child_of(EventIndexPage.objects.get()).first()
    Page.objects.filter(pk=event.pk).update(slug_ar="ics")
    event.refresh_from_db()
    event.save_revision(clean=False)
    client.force_login(person("greta", "Translators (Deutsch)"))
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    data = browser_form_data(client.get(url), PAGE_FORM)
    assert "slug_ar" not in data
    data["summary_de"] = "Eine Zusammenfassung auf Deutsch"

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("“ics” is an address “Events” uses itself" in error for error in errors)
    html = response.content.decode()
    assert "is an address “Events” uses itself" in html, "the translator reads why"
    assert "Eine Zusammenfassung auf Deutsch" in html
