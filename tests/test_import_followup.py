"""After a translator imports a file: they see what changed and send it to moderation, the
status report shows the work in review, and an import never rides on someone else's lock or
schedule.

A German translator (group "Translators (Deutsch)") imports the German file of Urban-LEDS
through the admin's Translation exchange.
"""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision

import pytest
from bs4 import BeautifulSoup

from programmes.models import ProgrammePage
from tests.helpers import person
from tests.test_po_exchange import GERMAN_PHASE, GERMAN_SUMMARY, german_file, import_file
from translations.po import item_key

pytestmark = pytest.mark.django_db

EXCHANGE = "translations_po_exchange"


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


@pytest.fixture
def translator(django_user_model):
    return person("greta", "Translators (Deutsch)")


@pytest.fixture
def moderator(django_user_model):
    return person("moritz", "Moderators")


@pytest.fixture
def editor(django_user_model):
    return person("edna", "Editors")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def upload(client, programme):
    file = SimpleUploadedFile("de.po", str(german_file(programme)).encode())
    return client.post(reverse(EXCHANGE), {"language": "de", "file": file})


def fresh(page):
    return ProgrammePage.objects.get(pk=page.pk)


def test_the_result_lists_each_changed_item_and_field_with_a_link_to_its_draft(
    translator, programme
):
    response = upload(client_for(translator), programme)

    soup = BeautifulSoup(response.content, "html.parser")
    (row,) = soup.select("table.po-changes tbody tr")
    edit_url = reverse("wagtailadmin_pages:edit", args=[programme.pk])
    assert row.find("a", href=edit_url).get_text(strip=True) == "Urban-LEDS"
    fields = [li.get_text(strip=True) for li in row.select("td ul li")]
    phase = fresh(programme).phases.order_by("pk").first()
    assert fields == ["Summary", f"Programme phase “{phase}” › Name"]
    assert "Draft" in row.get_text()
    assert soup.select_one("form.po-submit button").get_text(strip=True) == (
        "Submit all for moderation"
    )


def test_submit_all_starts_moderation_and_emails_the_moderators(translator, moderator, programme):
    client = client_for(translator)
    soup = BeautifulSoup(upload(client, programme).content, "html.parser")
    form = soup.select_one("form.po-submit")
    data = {field["name"]: field["value"] for field in form.select("input[name]")}
    mail.outbox.clear()

    response = client.post(form["action"], data, follow=True)

    page = fresh(programme)
    assert page.workflow_in_progress
    assert page.current_workflow_task_state.revision == page.get_latest_revision()
    assert page.get_latest_revision_as_object().summary_de == GERMAN_SUMMARY
    assert page.summary_de in ("", None)  # still waits for a moderator
    assert moderator.email in [address for message in mail.outbox for address in message.to]
    assert translator.email not in [a for message in mail.outbox for a in message.to]
    assert "Submitted for moderation: “Urban-LEDS”" in response.content.decode()


def test_the_status_report_shows_imported_fields_in_review_not_missing(
    translator, moderator, programme
):
    client = client_for(moderator)
    before = client.get(reverse("translation_status"), {"locale": "de"}).context["locales"][0]
    assert before.in_review == 0

    upload(client_for(translator), programme)

    response = client.get(reverse("translation_status"), {"locale": "de"})
    after = response.context["locales"][0]
    assert after.in_review == before.in_review + 2
    assert after.missing == before.missing - 2
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('tr[data-locale="de"] td.in-review').get_text(strip=True) == "2"
    (row,) = [
        tr
        for tr in soup.select('tr[data-model="programmes.ProgrammePage"]')
        if tr.td.get_text(strip=True) == "Urban-LEDS"
    ]
    reviewed = {span["data-field"] for span in row.select("span.in-review")}
    assert reviewed == {"summary"}
    assert "summary" not in {span["data-field"] for span in row.select("span.missing")}
    in_review_only = client.get(reverse("translation_status"), {"locale": "de", "state": "review"})
    assert [row.label for row in in_review_only.context["page_obj"]] == [
        "Urban-LEDS",
        f"Urban-LEDS › programme phase: {fresh(programme).phases.order_by('pk').first().name_en}",
    ]


def assert_refused(response, programme, *fragments):
    body = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Nothing was imported" in body
    for fragment in fragments:
        assert fragment in body, body
    page = fresh(programme)
    assert page.get_latest_revision_as_object().summary_de != GERMAN_SUMMARY
    return page


def test_an_import_onto_a_page_locked_by_someone_else_is_refused_whole(
    translator, editor, programme
):
    programme.locked, programme.locked_by, programme.locked_at = True, editor, timezone.now()
    programme.save(update_fields=["locked", "locked_by", "locked_at"])
    revisions = Revision.objects.count()

    response = upload(client_for(translator), programme)

    assert_refused(response, programme, "Urban-LEDS: locked by Edna Example")
    assert Revision.objects.count() == revisions


def test_an_import_onto_a_page_scheduled_to_go_live_is_refused_and_the_schedule_kept(
    translator, moderator, programme
):
    page = fresh(programme)
    page.title_de = "Urban-LEDS (geplant)"
    go_live = timezone.now() + timedelta(days=2)
    scheduled = page.save_revision(user=moderator, approved_go_live_at=go_live)
    revisions = Revision.objects.count()

    response = upload(client_for(translator), programme)

    page = assert_refused(response, programme, "Urban-LEDS: a revision is scheduled to go live")
    assert Revision.objects.count() == revisions
    assert page.scheduled_revision == scheduled
    assert page.get_latest_revision() == scheduled


def test_a_page_locked_by_the_translator_themself_takes_the_import(translator, programme):
    programme.locked, programme.locked_by, programme.locked_at = True, translator, timezone.now()
    programme.save(update_fields=["locked", "locked_by", "locked_at"])

    upload(client_for(translator), programme)

    draft = fresh(programme).get_latest_revision_as_object()
    assert draft.summary_de == GERMAN_SUMMARY
    assert GERMAN_PHASE in [phase.name_de for phase in draft.phases.all()]


def test_the_import_command_lists_each_changed_item_and_field(translator, programme, tmp_path):
    output = import_file(
        tmp_path, str(german_file(programme)), "--language", "de", "--user", "greta"
    )

    phase = fresh(programme).phases.order_by("pk").first()
    assert f"“Urban-LEDS” (draft): Summary, Programme phase “{phase}” › Name" in output


def test_submit_all_never_submits_a_page_the_user_may_not_edit(django_user_model, programme):
    outsider = django_user_model.objects.create_user("otto", "otto@example.org", "x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    mail.outbox.clear()

    response = client_for(outsider).post(
        reverse("translations_po_submit"),
        {"item": [item_key(programme)]},
        follow=True,
    )

    assert not fresh(programme).workflow_in_progress
    assert mail.outbox == []
    assert "“Urban-LEDS” was not submitted: you may not submit it." in response.content.decode()


def test_submit_all_twice_leaves_the_first_submission_waiting(translator, moderator, programme):
    client = client_for(translator)
    upload(client, programme)
    client.post(reverse("translations_po_submit"), {"item": [item_key(programme)]})
    task_state = fresh(programme).current_workflow_task_state
    mail.outbox.clear()

    response = client.post(
        reverse("translations_po_submit"),
        {"item": [item_key(programme)]},
        follow=True,
    )

    assert fresh(programme).current_workflow_task_state == task_state
    assert mail.outbox == []
    assert "already waits for moderation" in response.content.decode()


def test_a_snippet_draft_is_submitted_to_the_moderators_who_publish_it(
    translator, moderator, seeded_site
):
    from programmes.models import Theme
    from tests.test_po_exchange import export

    theme = Theme.objects.order_by("pk").first()
    pofile = export("de", "--snippet", f"programmes.theme:{theme.pk}")
    pofile[0].msgstr = "Luftqualität (Thema)"
    file = SimpleUploadedFile("de.po", str(pofile).encode())
    client = client_for(translator)

    response = client.post(reverse(EXCHANGE), {"language": "de", "file": file})

    soup = BeautifulSoup(response.content, "html.parser")
    (row,) = soup.select("table.po-changes tbody tr")
    assert "Draft" in row.get_text()
    items = [field["value"] for field in soup.select("form.po-submit input[name=item]")]
    assert items == [f"programmes.theme:{theme.pk}"]
    mail.outbox.clear()

    response = client.post(reverse("translations_po_submit"), {"item": items}, follow=True)

    assert f"Submitted for moderation: “{theme}”." in response.content.decode()
    theme.refresh_from_db()
    assert theme.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert theme.name_de != "Luftqualität (Thema)", "not live before a moderator approves"

    task_state = theme.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")

    theme.refresh_from_db()
    assert theme.name_de == "Luftqualität (Thema)"
    assert not theme.workflow_in_progress
