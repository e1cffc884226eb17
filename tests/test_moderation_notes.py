"""What moderation tells the people involved: the editor asked to rework a page reads the
moderator's comment on the edit view, and a moderator sees in which language a translator's
submission is."""

from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from programmes.models import ProgrammePage
from tests.helpers import person

pytestmark = pytest.mark.django_db

COMMENT = "Please keep the programme's name in Latin letters & check the dates."


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


@pytest.fixture
def moderator(django_user_model):
    return person("moritz", "Moderators")


def submit(page, user, **values):
    """`user` saves a draft of `page` with `values` and submits it, as the edit view does."""
    draft = ProgrammePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in values.items():
        setattr(draft, name, value)
    draft.save_revision(user=user)
    page = ProgrammePage.objects.get(pk=page.pk)
    page.get_workflow().start(page, user)
    return ProgrammePage.objects.get(pk=page.pk)


def request_changes(client, page, comment):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk))
    return client.post(url, {"comment": comment})


def edit_view_messages(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_editor_reads_the_moderators_request_on_the_edit_view(
    django_user_model, moderator, programme
):
    editor = person("edna", "Editors")
    page = submit(programme, editor, summary_ru="Новое описание.")
    assert request_changes(client_for(moderator), page, COMMENT).status_code == 302

    soup = edit_view_messages(client_for(editor), page)

    note = soup.select_one("q.moderator-comment")
    assert note is not None
    assert note.get_text() == COMMENT
    assert "Moritz Example requested changes" in note.parent.get_text()


def test_the_comment_stays_in_view_after_the_editor_resubmits(
    django_user_model, moderator, programme
):
    editor = person("edna", "Editors")
    page = submit(programme, editor, summary_ru="Новое описание.")
    request_changes(client_for(moderator), page, COMMENT)
    page.current_workflow_state.resume(editor)

    soup = edit_view_messages(client_for(moderator), page)

    assert soup.select_one("q.moderator-comment").get_text() == COMMENT


def test_a_page_without_comments_shows_none(django_user_model, moderator, programme):
    editor = person("edna", "Editors")
    page = submit(programme, editor, summary_ru="Новое описание.")

    assert edit_view_messages(client_for(moderator), page).select_one("q.moderator-comment") is None


def awaiting_review(client):
    """The dashboard's "Awaiting your review" panel."""
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.find(id=lambda value: value and value.startswith("awaiting-review"))
    assert panel is not None, "no 'Awaiting your review' panel"
    return panel.find_parent("section") or panel


def test_the_moderation_list_shows_a_translators_language(django_user_model, moderator, programme):
    translator = person("greta", "Translators (Deutsch)")
    submit(programme, translator, summary_de="Das Vorzeigeprojekt von ICLEI.")

    panel = awaiting_review(client_for(moderator))

    (row,) = [tr for tr in panel.select("tbody tr") if "Urban-LEDS" in tr.get_text()]
    labels = [span.get_text(strip=True) for span in row.select("[data-submission-language]")]
    assert labels == ["Deutsch"]


def test_an_editors_submission_names_no_language(django_user_model, moderator, programme):
    editor = person("edna", "Editors")
    submit(programme, editor, summary_ru="Новое описание.")

    panel = awaiting_review(client_for(moderator))

    (row,) = [tr for tr in panel.select("tbody tr") if "Urban-LEDS" in tr.get_text()]
    assert row.select("[data-submission-language]") == []


def test_the_workflows_report_shows_a_translators_language(django_user_model, moderator, programme):
    translator = person("greta", "Translators (Deutsch)")
    submit(programme, translator, summary_de="Das Vorzeigeprojekt von ICLEI.")

    response = client_for(moderator).get(reverse("wagtailadmin_reports:workflow"))

    soup = BeautifulSoup(response.content, "html.parser")
    (row,) = [tr for tr in soup.select("tbody tr") if "Urban-LEDS" in tr.get_text()]
    labels = [span.get_text(strip=True) for span in row.select("[data-submission-language]")]
    assert labels == ["Deutsch"]
