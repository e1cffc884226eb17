"""The "Moderation" workflow end to end, through the admin views an editor and a moderator use.

An editor changes a programme and submits it; a moderator is told by e-mail, previews it in
either language, and approves or sends it back; moderators schedule publishing and expiry; and
two people editing the same page are told about each other.
"""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from wagtail.models import TaskState, WorkflowState
from wagtail.users.models import UserProfile

import pytest

from organisation.models import OfficePage
from programmes.models import ProgrammePage
from tests.admin_forms import assert_saved, browser_form_data
from tests.helpers import html_lang

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"
NEW_TITLE_RU = "Urban-LEDS: низкоуглеродное развитие городов"
NEW_SUMMARY_RU = "Города переходят к низкоуглеродному развитию."


def person(django_user_model, username, first_name, group):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "x", first_name=first_name, last_name="Example"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return person(django_user_model, "edna", "Edna", "Editors")


@pytest.fixture
def moderator(django_user_model):
    return person(django_user_model, "moritz", "Moritz", "Moderators")


@pytest.fixture
def administrator(django_user_model):
    return person(django_user_model, "ada", "Ada", "Administrators")


@pytest.fixture
def programme():
    return ProgrammePage.objects.get(slug_en="urban-leds")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def fresh(page):
    return type(page).objects.get(pk=page.pk)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def open_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return browser_form_data(response, PAGE_FORM)


def admin_time(moment):
    """A date and time as typed into the admin's date pickers (in the site's time zone)."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def visitor_sees(page, language):
    """The page's text at its public address in `language`, as a visitor who is not logged in."""
    with translation.override(language):
        url = fresh(page).get_url()
    assert url.startswith(f"/{language}/"), url
    response = Client().get(url)
    return response.status_code, response.content.decode()


def workflow_action(client, page, action, **data):
    task_state = fresh(page).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, data)


@pytest.fixture
def submitted(editor, moderator, administrator, programme):
    """The editor has rewritten the programme's Russian title and summary and submitted it."""
    live_title_ru = programme.title_ru
    client = client_for(editor)
    data = open_form(client, programme)
    data.update(title_ru=NEW_TITLE_RU, summary_ru=NEW_SUMMARY_RU)
    data["action-submit"] = "action-submit"
    mail.outbox.clear()

    assert_saved(client.post(edit_url(programme), data))

    return live_title_ru


# -- submitting, approving, rejecting ----------------------------------------------------------


def test_an_editors_submission_waits_for_a_moderator_and_changes_nothing_live(submitted, programme):
    page = fresh(programme)
    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow.name == "Moderation"
    assert page.current_workflow_task.name == "Moderator approval"
    assert page.get_latest_revision_as_object().title_ru == NEW_TITLE_RU
    assert page.title_ru == submitted
    status, russian = visitor_sees(page, "ru")
    assert status == 200
    assert escape(submitted) in russian
    assert escape(NEW_TITLE_RU) not in russian


def test_moderators_and_administrators_but_not_the_editor_are_emailed_about_a_submission(
    submitted, editor, moderator, administrator
):
    assert sorted(sent.to[0] for sent in mail.outbox) == [administrator.email, moderator.email]
    for message in mail.outbox:
        assert len(message.recipients()) == 1
        assert message.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
        assert "Urban-LEDS" in message.subject
        assert "Moderator approval" in message.subject
    assert all(editor.email not in sent.recipients() for sent in mail.outbox)


def test_an_editor_cannot_change_a_page_while_it_waits_for_approval(submitted, editor, programme):
    client = client_for(editor)
    data = open_form(client, programme)
    data["title_ru"] = "Правка во время проверки"

    response = client.post(edit_url(programme), data)

    assert response.status_code == 200
    assert "The page could not be saved as it is locked." in response.content.decode()
    assert fresh(programme).get_latest_revision_as_object().title_ru == NEW_TITLE_RU


def test_the_moderator_approves_and_the_editors_change_goes_live(
    submitted, editor, moderator, programme
):
    mail.outbox.clear()

    response = workflow_action(client_for(moderator), programme, "approve", comment="")

    assert response.status_code == 302
    page = fresh(programme)
    assert not page.workflow_in_progress
    assert page.live and not page.has_unpublished_changes
    assert (page.title_ru, page.summary_ru) == (NEW_TITLE_RU, NEW_SUMMARY_RU)
    status, russian = visitor_sees(page, "ru")
    assert status == 200
    assert escape(NEW_TITLE_RU) in russian
    status, english = visitor_sees(page, "en")
    assert escape(page.title_en) in english
    assert escape(NEW_TITLE_RU) not in english
    # The editor hears that the work is live; the moderator is not told of their own approval.
    assert [sent.to for sent in mail.outbox] == [[editor.email]]
    assert "approved" in mail.outbox[0].subject


def test_the_moderator_asks_for_changes_and_the_live_page_stays_as_it_was(
    submitted, editor, moderator, programme
):
    mail.outbox.clear()
    comment = "Please keep the programme's name in Latin letters."

    response = workflow_action(client_for(moderator), programme, "reject", comment=comment)

    assert response.status_code == 302
    page = fresh(programme)
    workflow_state = page.current_workflow_state
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert workflow_state.current_task_state.status == TaskState.STATUS_REJECTED
    assert workflow_state.current_task_state.comment == comment
    assert page.title_ru == submitted
    assert page.has_unpublished_changes  # the editor's draft is kept for rework
    status, russian = visitor_sees(page, "ru")
    assert escape(submitted) in russian
    assert escape(NEW_TITLE_RU) not in russian
    (message,) = mail.outbox
    assert message.to == [editor.email]
    assert "rejected" in message.subject
    assert comment in message.body


def test_an_editor_cannot_approve_their_own_submission(submitted, editor, programme):
    response = workflow_action(client_for(editor), programme, "approve", comment="")

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")  # "permission denied"
    page = fresh(programme)
    assert page.workflow_in_progress
    assert page.title_ru == submitted


# -- scheduled publishing and expiry -----------------------------------------------------------


def two_days_later():
    """Move the clock that Wagtail's scheduling reads (django.utils.timezone.now) ahead."""
    later = timezone.now() + timedelta(days=2)
    return mock.patch("django.utils.timezone.now", return_value=later)


def test_a_scheduled_revision_goes_live_only_when_its_time_comes(moderator, programme):
    live_title_ru = programme.title_ru
    client = client_for(moderator)
    data = open_form(client, programme)
    data["title_ru"] = NEW_TITLE_RU
    data["go_live_at"] = admin_time(timezone.now() + timedelta(days=1))
    data["action-publish"] = "action-publish"

    assert_saved(client.post(edit_url(programme), data))

    page = fresh(programme)
    scheduled = page.get_latest_revision()
    assert scheduled.approved_go_live_at > timezone.now()
    assert page.title_ru == live_title_ru
    call_command("publish_scheduled")
    assert fresh(programme).title_ru == live_title_ru, "published before its time"
    assert escape(NEW_TITLE_RU) not in visitor_sees(page, "ru")[1]

    with two_days_later():
        call_command("publish_scheduled")

    page = fresh(programme)
    assert page.title_ru == NEW_TITLE_RU
    assert page.live_revision_id == scheduled.pk
    assert escape(NEW_TITLE_RU) in visitor_sees(page, "ru")[1]


def test_a_page_past_its_expiry_date_is_taken_offline(moderator, programme):
    client = client_for(moderator)
    data = open_form(client, programme)
    data["expire_at"] = admin_time(timezone.now() + timedelta(days=1))
    data["action-publish"] = "action-publish"
    assert_saved(client.post(edit_url(programme), data))
    call_command("publish_scheduled")
    assert fresh(programme).live, "expired before its time"
    assert visitor_sees(programme, "ru")[0] == 200

    with two_days_later():
        call_command("publish_scheduled")

    page = fresh(programme)
    assert not page.live and page.expired
    for language in ("ru", "en"):
        assert visitor_sees(page, language)[0] == 404


# -- preview -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("admin_language", "how", "shown", "hidden"),
    [
        pytest.param("en", "profile", "Preview title", "Заголовок для проверки", id="en"),
        pytest.param("ru", "profile", "Заголовок для проверки", "Preview title", id="ru-profile"),
        pytest.param("ru", "browser", "Заголовок для проверки", "Preview title", id="ru-browser"),
    ],
)
def test_a_draft_is_previewed_in_the_language_the_admin_runs_in(
    moderator, programme, admin_language, how, shown, hidden
):
    headers = {}
    if how == "profile":
        profile = UserProfile.get_for_user(moderator)
        profile.preferred_language = admin_language
        profile.save()
    else:
        headers["HTTP_ACCEPT_LANGUAGE"] = admin_language
    client = client_for(moderator)
    data = open_form(client, programme)
    data.update(title_en="Preview title", title_ru="Заголовок для проверки")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(programme.pk,))

    posted = client.post(preview_url, data, **headers)
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url, **headers)

    assert response.status_code == 200
    assert html_lang(response) == admin_language
    content = response.content.decode()
    assert escape(shown) in content
    assert escape(hidden) not in content
    assert fresh(programme).get_latest_revision_as_object().title_en != "Preview title"


# -- two people on the same page ---------------------------------------------------------------


def open_editing_session(client, page):
    """Open the edit view; return its form data and the ping URL its session module calls."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return browser_form_data(response, PAGE_FORM), response.context["editing_sessions"].ping_url


def ping(client, ping_url, **data):
    response = client.post(ping_url, data)
    assert response.status_code == 200
    return response.json()


def test_two_editors_on_the_same_page_are_told_about_each_other(
    editor, django_user_model, programme
):
    colleague = person(django_user_model, "kolya", "Kolya", "Translators")
    edna, kolya = client_for(editor), client_for(colleague)
    _form, edna_ping = open_editing_session(edna, programme)
    _form, kolya_ping = open_editing_session(kolya, programme)

    ping(edna, edna_ping, is_editing="1")
    kolya_hears = ping(kolya, kolya_ping)

    (other,) = kolya_hears["other_sessions"]
    assert (other["user"], other["is_editing"]) == ("Edna Example", True)
    assert "Edna Example" in kolya_hears["html"]
    (other,) = ping(edna, edna_ping)["other_sessions"]
    assert (other["user"], other["is_editing"]) == ("Kolya Example", False)


def test_a_save_from_an_out_of_date_form_is_flagged_and_the_other_draft_kept(
    editor, django_user_model, programme
):
    colleague = person(django_user_model, "kolya", "Kolya", "Translators")
    edna, kolya = client_for(editor), client_for(colleague)
    edna_form, _ping = open_editing_session(edna, programme)
    kolya_form, kolya_ping = open_editing_session(kolya, programme)
    loaded = kolya_form["loaded_revision_id"]

    edna_form["title_ru"] = "Правка Эдны"
    assert_saved(edna.post(edit_url(programme), edna_form))
    ednas_revision = fresh(programme).get_latest_revision()

    # Kolya's open editor learns that Edna saved a newer version...
    heard = ping(
        kolya,
        kolya_ping,
        revision_id=loaded,
        revision_created_at=kolya_form["loaded_revision_created_at"],
    )
    assert [(s["user"], s["revision_id"]) for s in heard["other_sessions"]] == [
        ("Edna Example", ednas_revision.pk)
    ]
    # ...and Wagtail's autosave refuses to write over it.
    kolya_form["summary_ru"] = "Правка Коли."
    autosave = kolya.post(edit_url(programme), kolya_form, headers={"Accept": "application/json"})
    assert autosave.status_code == 400
    assert autosave.json()["error_code"] == "invalid_revision"
    assert fresh(programme).get_latest_revision().pk == ednas_revision.pk

    # An explicit "Save draft" from the stale form is accepted (Wagtail 8 does not check it):
    # the new draft carries the old title, but Edna's revision stays in the page's history.
    assert_saved(kolya.post(edit_url(programme), kolya_form))
    page = fresh(programme)
    latest = page.get_latest_revision_as_object()
    assert (latest.title_ru, latest.summary_ru) == (programme.title_ru, "Правка Коли.")
    assert page.revisions.get(pk=ednas_revision.pk).as_object().title_ru == "Правка Эдны"
    history = edna.get(reverse("wagtailadmin_pages:history", args=(programme.pk,)))
    assert history.status_code == 200


@pytest.mark.parametrize(
    ("mode", "language", "shown", "hidden"),
    [
        pytest.param("ru", "ru", "Заголовок для проверки", "Preview title", id="ru"),
        pytest.param("en", "en", "Preview title", "Заголовок для проверки", id="en"),
    ],
)
def test_an_english_speaking_moderator_previews_each_translation(
    moderator, programme, mode, language, shown, hidden
):
    client = client_for(moderator)
    data = open_form(client, programme)
    data.update(title_en="Preview title", title_ru="Заголовок для проверки")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(programme.pk,))
    assert client.post(preview_url, data).json()["is_valid"]

    response = client.get(preview_url, {"mode": mode})

    assert response.status_code == 200
    assert html_lang(response) == language
    assert escape(shown) in response.content.decode()
    assert escape(hidden) not in response.content.decode()


def test_the_preview_menu_offers_every_language(moderator, programme):
    modes = dict(programme.preview_modes)

    assert modes == dict(settings.LANGUAGES)
    office = OfficePage.objects.get()
    assert {"form:ru", "landing:ru", "form:en", "landing:en"} <= set(dict(office.preview_modes))


# -- snippets ----------------------------------------------------------------------------------


def snippet_edit_url(snippet):
    meta = type(snippet)._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[snippet.pk])


def test_an_editor_submits_a_theme_and_a_moderators_approval_publishes_it(
    editor, moderator, seeded_site
):
    # Themes, cities, pollutants and people go through the same moderation as pages.
    from programmes.models import Theme

    theme = Theme.objects.filter(live=True).order_by("pk").first()
    live_name = theme.name_ru
    client = client_for(editor)
    response = client.get(snippet_edit_url(theme))
    assert 'name="action-submit"' in response.content.decode(), "offered to submit"
    data = browser_form_data(response, "w-editor-form")
    data.update(name_ru="Качество воздуха (новое)", **{"action-submit": "action-submit"})
    mail.outbox.clear()

    assert_saved(client.post(snippet_edit_url(theme), data))

    theme.refresh_from_db()
    assert theme.workflow_in_progress
    assert theme.name_ru == live_name, "nothing live before approval"
    assert moderator.email in [address for message in mail.outbox for address in message.to]

    task_state = theme.current_workflow_task_state
    meta = Theme._meta
    url = reverse(
        f"wagtailsnippets_{meta.app_label}_{meta.model_name}:workflow_action",
        args=[theme.pk, "approve", task_state.pk],
    )
    response = client_for(editor).post(url, {"comment": ""})
    theme.refresh_from_db()
    assert theme.workflow_in_progress, "an editor cannot approve"

    client_for(moderator).post(url, {"comment": ""})

    theme.refresh_from_db()
    assert theme.name_ru == "Качество воздуха (новое)"
    assert not theme.workflow_in_progress
