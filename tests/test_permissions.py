"""Who may do what in the admin: the portal's roles, tried through the real admin views.

Each role (the groups of editorial/migrations/0001_roles_and_workflow.py, plus a visitor who is
not logged in and a superuser for comparison) tries each editorial action by posting the forms a
browser would post. A cell of the matrix passes when what actually happened to the content (a
new draft, a live page, a deleted page, a visible submission...) is what EXPECTED says.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupApprovalTask, Page, Site, Workflow

import pytest

from organisation.models import OfficePage, OrganisationSettings
from partners.models import EventPage
from programmes.models import Theme
from tests.admin_forms import browser_form_data

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"
EDITOR_FORM = "w-editor-form"
GROUPS = {
    "editor": "Editors",
    "moderator": "Moderators",
    "translator": "Translators",
    "administrator": "Administrators",
}
VISITOR_EMAIL = "visitor@example.net"  # what a visitor typed into the office's contact form

ACTIONS = {
    "view draft": "previews the unpublished changes of a page",
    "edit": "opens a page and saves a draft",
    "submit": "submits a page for moderation",
    "approve": "approves a page waiting in moderation",
    "publish": "publishes a page",
    "unpublish": "unpublishes a page",
    "delete": "deletes a published page without subpages",
    "admin": "opens the admin dashboard",
    "settings": "changes the organisation settings",
    "form submissions": "reads what visitors sent through the office's contact form",
    "theme draft": "adds a theme (a snippet) as a draft",
    "theme edit": "changes an existing theme and saves a draft",
    "theme publish": "adds a theme and publishes it",
}
NOBODY = dict.fromkeys(ACTIONS, False)
EVERYTHING = dict.fromkeys(ACTIONS, True)
EXPECTED = {
    "anonymous": NOBODY,
    "editor": {
        **EVERYTHING,
        "approve": False,
        "publish": False,
        "unpublish": False,
        "delete": False,
        "settings": False,
        "form submissions": False,
        "theme publish": False,
    },
    "moderator": EVERYTHING,
    "translator": {
        **NOBODY,
        "view draft": True,
        "edit": True,
        "submit": True,
        "admin": True,
        "theme edit": True,
    },
    "administrator": EVERYTHING,
    "superuser": EVERYTHING,
}


# -- the people and the content they act on ----------------------------------------------------


@pytest.fixture
def make_user(django_user_model):
    def make(role):
        if role == "anonymous":
            return None
        if role == "superuser":
            return django_user_model.objects.create_superuser(
                "sam", "sam@example.org", "x", first_name="Sam"
            )
        user = django_user_model.objects.create_user(
            role, f"{role}@example.org", "x", first_name=role.title()
        )
        user.groups.add(Group.objects.get(name=GROUPS[role]))
        return user

    return make


@dataclass
class Scene:
    """What each attempt works on: a published event page with a draft waiting, a second
    event page waiting in moderation, and the office with one contact-form submission."""

    page: EventPage
    draft_title: str
    moderated: EventPage
    moderated_title: str
    office: OfficePage


@pytest.fixture
def scene(django_user_model):
    author = django_user_model.objects.create_user("author", "author@example.org", "x")
    author.groups.add(Group.objects.get(name="Editors"))
    page = EventPage.objects.get(slug_en="daring-cities")
    draft_title = "Daring Cities (draft)"
    page.title_en = draft_title
    page.save_revision(user=author)

    moderated = EventPage.objects.get(slug_en="un-climate-conferences-cop")
    moderated_title = "UN climate conferences (awaiting approval)"
    moderated.title_en = moderated_title
    moderated.save_revision(user=author)
    moderated.get_workflow().start(moderated, author)

    office = OfficePage.objects.get()
    FormSubmission.objects.create(
        page=office, form_data={"your_name": "A visitor", "your_e_mail_address": VISITOR_EMAIL}
    )
    return Scene(page, draft_title, moderated, moderated_title, office)


def fresh(page):
    return type(page).objects.get(pk=page.pk)


# -- the attempts ------------------------------------------------------------------------------


@dataclass
class Attempt:
    """Whether the action took effect, and every admin response the user got on the way."""

    succeeded: bool
    responses: list = field(default_factory=list)

    def __str__(self):
        return "; ".join(
            f"HTTP {r.status_code} {r.get('Location', '')}".strip() for r in self.responses
        )


def post_page_form(client, page, **changes):
    """Open the page's edit view and post its form back with `changes`, as a browser would.

    Returns the responses; the POST is sent (with no data) even when the form could not be
    opened, so that a refusal of the POST itself is checked too."""
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    opened = client.get(url)
    data = browser_form_data(opened, PAGE_FORM) if opened.status_code == 200 else {}
    if data:
        data.update(changes)
    return [opened, client.post(url, data)]


def view_draft(client, scene):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(scene.page.pk,)))
    shown = response.status_code == 200 and escape(scene.draft_title) in response.content.decode()
    return Attempt(shown, [response])


def edit(client, scene):
    live_revision = scene.page.live_revision_id
    # German: a change every role that may edit may make (translators never change English).
    responses = post_page_form(client, scene.page, title_de="Daring Cities (bearbeitet)")
    page = fresh(scene.page)
    draft = page.get_latest_revision_as_object()
    saved = draft.title_de == "Daring Cities (bearbeitet)"
    assert page.live_revision_id == live_revision, "saving a draft must not publish it"
    return Attempt(saved, responses)


def submit(client, scene):
    responses = post_page_form(client, scene.page, **{"action-submit": "action-submit"})
    page = fresh(scene.page)
    in_moderation = page.workflow_in_progress
    if in_moderation:
        assert page.current_workflow_task.name == "Moderator approval"
    return Attempt(in_moderation, responses)


def approve(client, scene):
    task_state = scene.moderated.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(scene.moderated.pk, "approve", task_state.pk),
    )
    response = client.post(url, {"comment": ""})
    page = fresh(scene.moderated)
    approved = page.title_en == scene.moderated_title and not page.workflow_in_progress
    return Attempt(approved, [response])


def publish(client, scene):
    live_revision = scene.page.live_revision_id
    responses = post_page_form(
        client,
        scene.page,
        title_en="Daring Cities (published)",
        **{"action-publish": "action-publish"},
    )
    page = fresh(scene.page)
    published = page.live_revision_id != live_revision
    assert published == (page.title_en == "Daring Cities (published)")
    return Attempt(published, responses)


def unpublish(client, scene):
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(scene.page.pk,)))
    return Attempt(not fresh(scene.page).live, [response])


def delete(client, scene):
    assert scene.page.is_leaf() and scene.page.live
    response = client.post(reverse("wagtailadmin_pages:delete", args=(scene.page.pk,)))
    return Attempt(not Page.objects.filter(pk=scene.page.pk).exists(), [response])


def open_admin(client, scene):
    response = client.get(reverse("wagtailadmin_home"))
    return Attempt(response.status_code == 200, [response])


def change_settings(client, scene):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("organisation", "organisationsettings", site.pk))
    opened = client.get(url)
    data = browser_form_data(opened, EDITOR_FORM) if opened.status_code == 200 else {}
    if data:
        data["locality_en"] = "Bad Godesberg"
    saved = client.post(url, data)
    changed = OrganisationSettings.for_site(site).locality_en == "Bad Godesberg"
    return Attempt(changed, [opened, saved])


def read_form_submissions(client, scene):
    """The visitor's address counts as seen if the inbox, the office's submissions or their
    CSV export show it."""
    url = reverse("wagtailforms:list_submissions", args=(scene.office.pk,))
    responses = [
        client.get(reverse("wagtailforms:index")),
        client.get(url),
        client.get(url, {"export": "csv"}),
    ]
    seen = any(r.status_code == 200 and VISITOR_EMAIL in body(r) for r in responses)
    return Attempt(seen, responses)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def add_theme(client, **actions):
    response = client.post(
        reverse("wagtailsnippets_programmes_theme:add"),
        {"name_en": "Clean cooking", "name_ru": "Чистая кухня", "slug": "clean-cooking", **actions},
    )
    return response, Theme.objects.filter(slug="clean-cooking").first()


def add_theme_draft(client, scene):
    response, theme = add_theme(client)
    if theme is not None:
        assert not theme.live, "a theme saved without publishing must stay a draft"
    return Attempt(theme is not None, [response])


def edit_theme(client, scene):
    theme = Theme.objects.get(slug="air-quality")
    url = reverse("wagtailsnippets_programmes_theme:edit", args=(theme.pk,))
    opened = client.get(url)
    data = browser_form_data(opened, EDITOR_FORM) if opened.status_code == 200 else {}
    if data:
        data["name_ru"] = "Качество воздуха (правка)"
    saved = client.post(url, data)
    theme.refresh_from_db()
    draft = theme.get_latest_revision_as_object()
    assert theme.name_ru != "Качество воздуха (правка)", "a draft must not reach visitors"
    return Attempt(draft.name_ru == "Качество воздуха (правка)", [opened, saved])


def publish_theme(client, scene):
    response, theme = add_theme(client, **{"action-publish": "action-publish"})
    return Attempt(theme is not None and theme.live, [response])


ATTEMPTS: dict[str, Callable[..., Attempt]] = {
    "view draft": view_draft,
    "edit": edit,
    "submit": submit,
    "approve": approve,
    "publish": publish,
    "unpublish": unpublish,
    "delete": delete,
    "admin": open_admin,
    "settings": change_settings,
    "form submissions": read_form_submissions,
    "theme draft": add_theme_draft,
    "theme edit": edit_theme,
    "theme publish": publish_theme,
}


def assert_sent_to_login(attempt):
    login = reverse("wagtailadmin_login")
    for response in attempt.responses:
        assert response.status_code == 302, attempt
        assert response["Location"].startswith(f"{login}?next="), attempt


# -- the matrix --------------------------------------------------------------------------------


def test_the_matrix_covers_every_role_and_action():
    assert set(ATTEMPTS) == set(ACTIONS)
    for role, row in EXPECTED.items():
        assert set(row) == set(ACTIONS), role


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", EXPECTED)
def test_permission_matrix(client, make_user, scene, role, action):
    user = make_user(role)
    if user is not None:
        client.force_login(user)

    attempt = ATTEMPTS[action](client, scene)

    expected = EXPECTED[role][action]
    verb = "should be able to" if expected else "should not be able to"
    assert attempt.succeeded == expected, f"{role} {verb}: {ACTIONS[action]} ({attempt})"
    if user is None:
        assert_sent_to_login(attempt)


# -- what the matrix rests on ------------------------------------------------------------------


def test_visitors_see_the_live_page_while_a_draft_waits(client, scene):
    response = client.get(scene.page.get_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert escape(fresh(scene.page).title_en) in content
    assert escape(scene.draft_title) not in content


def test_moderators_and_administrators_approve_the_whole_page_tree():
    workflow = Workflow.objects.get(name="Moderation")
    assert workflow.active
    assert Page.get_first_root_node().get_workflow() == workflow
    assert EventPage.objects.get(slug_en="daring-cities").get_workflow() == workflow
    (task,) = [workflow_task.task.specific for workflow_task in workflow.workflow_tasks.all()]
    assert isinstance(task, GroupApprovalTask)
    assert set(task.groups.values_list("name", flat=True)) == {"Moderators", "Administrators"}


@pytest.mark.parametrize(
    ("role", "sees_summary"),
    [("editor", False), ("translator", False), ("moderator", True), ("administrator", True)],
)
def test_only_inbox_readers_see_the_submissions_summary_on_the_office_page(
    client, make_user, scene, role, sees_summary
):
    client.force_login(make_user(role))

    response = client.get(reverse("wagtailadmin_pages:edit", args=(scene.office.pk,)))

    assert response.status_code == 200
    assert ("Total submissions" in body(response)) is sees_summary


@pytest.mark.parametrize(
    ("role", "may_upload"),
    [("editor", True), ("moderator", True), ("translator", False), ("administrator", True)],
)
def test_image_uploads_follow_the_roles(client, make_user, role, may_upload):
    # Wagtail checks image rights against wagtailimages.Image, even with a custom model:
    # rights granted on images.CustomImage alone would silently do nothing.
    user = make_user(role)
    client.force_login(user)

    response = client.get(reverse("wagtailimages:add"))

    assert (response.status_code == 200) is may_upload
