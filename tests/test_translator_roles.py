"""Translators per language: a Russian translator changes the Russian text and nothing else.

Every attempt goes through the real admin views with the data a browser would post; a
tampered POST (changing English, German, a child row, adding a row) must be refused whole.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

import pytest

from organisation.models import OrganisationSettings
from programmes.models import ProgrammePage, Theme
from tests.admin_forms import assert_saved, browser_form_data
from tests.helpers import person

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"
EDITOR_FORM = "w-editor-form"
REFUSED = "You may only change the Русский translation."
LANGUAGE_GROUPS = [
    "Translators (Русский)",
    "Translators (Deutsch)",
    "Translators (Français)",
    "Translators (Español)",
    "Translators (Português)",
    "Translators (简体中文)",
    "Translators (한국어)",
    "Translators (العربية)",
]


@pytest.fixture
def russian_translator(django_user_model):
    return person("olga", "Translators (Русский)")


@pytest.fixture
def editor(django_user_model):
    return person("erin", "Editors")


@pytest.fixture
def programme(seeded_site):
    page = ProgrammePage.objects.get(slug_en="urban-leds")
    assert page.phases.count() >= 1, "the story needs a programme with phases"
    return page


def page_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def open_form(client, url, form_id):
    opened = client.get(url)
    assert opened.status_code == 200
    return browser_form_data(opened, form_id)


def post_page(client, page, **changes):
    data = open_form(client, page_url(page), PAGE_FORM)
    data.update(changes)
    return client.post(page_url(page), data)


def refused(response):
    assert response.status_code == 200, "a refused form is shown again, not redirected"
    return REFUSED in response.content.decode()


def snapshot(page):
    page = ProgrammePage.objects.get(pk=page.pk)
    return (
        page.revisions.count(),
        page.latest_revision_id,
        page.summary_en,
        page.summary_ru,
        page.summary_de,
        list(page.phases.values_list("name_en", "name_ru")),
        page.workflow_in_progress,
    )


# -- the groups ----------------------------------------------------------------------------------


def permission_set(group):
    return (
        set(group.permissions.values_list("content_type__app_label", "codename")),
        set(GroupPagePermission.objects.filter(group=group).values_list("page", "permission")),
        set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection", "permission"
            )
        ),
    )


@pytest.mark.parametrize("name", LANGUAGE_GROUPS)
def test_each_language_has_translators_with_the_generic_translators_rights(name):
    generic_model, generic_pages, generic_collections = permission_set(
        Group.objects.get(name="Translators")
    )

    model, pages, collections = permission_set(Group.objects.get(name=name))

    assert model == generic_model | {
        ("organisation", "change_organisationsettings"),
        ("organisation", "change_navigationsettings"),  # menu labels are translated
        ("organisation", "change_sitenotice"),
    }
    assert pages == generic_pages
    assert {Permission.objects.get(pk=pk).codename for _page, pk in pages} == {"change_page"}
    assert {page for page, _perm in pages} == {Page.get_first_root_node().pk}
    change_image = Permission.objects.get(
        content_type__app_label="wagtailimages", codename="change_image"
    )
    assert collections == generic_collections | {
        (Collection.get_first_root_node().pk, change_image.pk)
    }
    assert {collection for collection, _perm in collections} == {
        Collection.get_first_root_node().pk
    }


def test_there_is_no_group_for_english_translators():
    assert not Group.objects.filter(name="Translators (English)").exists()


# -- pages ---------------------------------------------------------------------------------------


def test_russian_translator_submits_a_russian_translation_for_moderation(
    client, russian_translator, programme
):
    english = programme.summary_en
    client.force_login(russian_translator)

    response = post_page(
        client,
        programme,
        title_ru="Urban-LEDS (перевод)",
        summary_ru="Новое резюме.",
        **{"action-submit": "action-submit"},
    )

    assert_saved(response)
    page = ProgrammePage.objects.get(pk=programme.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.title_ru == "Urban-LEDS (перевод)"
    assert draft.summary_ru == "Новое резюме."
    assert draft.summary_en == english
    assert page.summary_ru != "Новое резюме.", "the translation waits for a moderator"
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Moderator approval"


@pytest.mark.parametrize(
    "tampering",
    [
        pytest.param({"summary_en": "Changed English."}, id="english summary"),
        pytest.param({"summary_de": "Neue Zusammenfassung."}, id="german summary"),
        pytest.param({"phases-0-name_en": "Renamed phase"}, id="a phase's English name"),
        pytest.param({"phases-0-start_year": "1999"}, id="a phase's year"),
        pytest.param({"phases-0-DELETE": "1"}, id="deleting a phase"),
    ],
)
def test_a_tampered_post_is_refused_whole(client, russian_translator, programme, tampering):
    before = snapshot(programme)
    client.force_login(russian_translator)

    response = post_page(
        client,
        programme,
        summary_ru="Новое резюме.",
        **tampering,
        **{"action-submit": "action-submit"},
    )

    assert refused(response), response.context["form"].errors
    assert snapshot(programme) == before, "nothing may be stored, not even a draft"


def test_adding_a_row_is_refused(client, russian_translator, programme):
    before = snapshot(programme)
    client.force_login(russian_translator)
    data = open_form(client, page_url(programme), PAGE_FORM)
    index = int(data["phases-TOTAL_FORMS"])
    data.update(
        {
            "phases-TOTAL_FORMS": str(index + 1),
            f"phases-{index}-id": "",
            f"phases-{index}-ORDER": str(index + 1),
            f"phases-{index}-DELETE": "",
            f"phases-{index}-name_en": "A new phase",
            f"phases-{index}-name_ru": "Новая фаза",
            f"phases-{index}-start_year": "2030",
        }
    )

    response = client.post(page_url(programme), data)

    assert refused(response)
    assert snapshot(programme) == before


def test_a_phase_in_russian_is_allowed(client, russian_translator, programme):
    client.force_login(russian_translator)

    response = post_page(client, programme, **{"phases-0-name_ru": "Первая фаза (правка)"})

    assert_saved(response)
    draft = ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object()
    assert "Первая фаза (правка)" in [phase.name_ru for phase in draft.phases.all()]


def test_an_editor_may_still_change_every_language(client, editor, programme):
    client.force_login(editor)

    response = post_page(client, programme, summary_en="Changed English.", summary_de="Neu.")

    assert_saved(response)
    draft = ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object()
    assert (draft.summary_en, draft.summary_de) == ("Changed English.", "Neu.")


def test_the_translator_sees_the_english_beside_the_russian_field(
    client, russian_translator, editor, programme
):
    client.force_login(russian_translator)
    form = client.get(page_url(programme)).context["form"]
    assert form.fields["summary_ru"].help_text == f"English: {programme.summary_en[:300]}"[:303]
    assert form.fields["summary_ru"].help_text.startswith(f"English: {programme.summary_en[:40]}")
    assert not form.fields["summary_en"].help_text.startswith("English:")

    client.force_login(editor)
    form = client.get(page_url(programme)).context["form"]
    assert not str(form.fields["summary_ru"].help_text).startswith("English:")


# -- snippets, settings, images ------------------------------------------------------------------


@pytest.mark.parametrize(("field", "allowed"), [("name_ru", True), ("name_en", False)])
def test_russian_translator_edits_a_theme(client, russian_translator, field, allowed):
    theme = Theme.objects.get(slug="air-quality")
    revisions = theme.revisions.count()
    url = reverse("wagtailsnippets_programmes_theme:edit", args=(theme.pk,))
    client.force_login(russian_translator)
    data = open_form(client, url, EDITOR_FORM)
    data[field] = "Правка"

    response = client.post(url, data)

    theme.refresh_from_db()
    if allowed:
        assert_saved(response)
        assert getattr(theme.get_latest_revision_as_object(), field) == "Правка"
    else:
        assert refused(response)
        assert theme.revisions.count() == revisions
        assert theme.name_en != "Правка"


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [("locality_ru", "Бонн (правка)", True), ("postal_code", "53111", False)],
)
def test_russian_translator_edits_the_organisation_settings(
    client, russian_translator, field, value, allowed
):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("organisation", "organisationsettings", site.pk))
    before = getattr(OrganisationSettings.for_site(site), field)
    client.force_login(russian_translator)
    data = open_form(client, url, EDITOR_FORM)
    data[field] = value

    response = client.post(url, data)

    stored = getattr(OrganisationSettings.objects.get(site=site), field)
    if allowed:
        assert_saved(response)
        assert stored == value
    else:
        assert refused(response)
        assert stored == before


@pytest.fixture
def image(seeded_site):
    from wagtail.images.tests.utils import get_test_image_file

    return get_image_model().objects.create(
        title="School roof",
        file=get_test_image_file(),
        description_en="Solar panels on a school roof",
        description_ru="",
    )


@pytest.mark.parametrize(
    ("field", "allowed"), [("description_ru", True), ("description_en", False), ("title", False)]
)
def test_russian_translator_edits_an_images_alt_text(
    client, russian_translator, image, field, allowed
):
    url = reverse("wagtailimages:edit", args=(image.pk,))
    before = getattr(image, field)
    client.force_login(russian_translator)
    opened = client.get(url)
    assert opened.status_code == 200
    form = opened.context["form"]
    data = {**{name: form[name].value() or "" for name in form.fields}, field: "Правка"}
    data.pop("file", None)

    response = client.post(url, data)

    image.refresh_from_db()
    if allowed:
        assert_saved(response)
        assert getattr(image, field) == "Правка"
    else:
        assert refused(response)
        assert getattr(image, field) == before


# -- Arabic and Chinese (a language code with a hyphen: zh-hans → *_zh_hans columns) -------------

LANGUAGES = [
    pytest.param("ar", "العربية", id="arabic"),
    pytest.param("zh-hans", "简体中文", id="chinese"),
]


@pytest.fixture
def make_translator(django_user_model):
    def make(code, language_name):
        user = django_user_model.objects.create_user(f"t-{code}", f"{code}@example.org", "x")
        user.groups.add(Group.objects.get(name=f"Translators ({language_name})"))
        return user

    return make


def column(field, code):
    return build_localized_fieldname(field, code)


def every_language_snapshot(page):
    page = ProgrammePage.objects.get(pk=page.pk)
    return (
        page.revisions.count(),
        page.latest_revision_id,
        page.workflow_in_progress,
        [getattr(page, column("summary", code)) for code, _name in settings.LANGUAGES],
        list(page.phases.values_list(*[column("name", code) for code, _ in settings.LANGUAGES])),
    )


@pytest.mark.parametrize(("code", "language_name"), LANGUAGES)
def test_translator_submits_their_languages_text_for_moderation(
    client, make_translator, programme, code, language_name
):
    client.force_login(make_translator(code, language_name))
    summary = "ملخص جديد." if code == "ar" else "新的摘要。"

    response = post_page(
        client,
        programme,
        **{column("summary", code): summary, "phases-0-name_" + code.replace("-", "_"): summary},
        **{"action-submit": "action-submit"},
    )

    assert_saved(response)
    page = ProgrammePage.objects.get(pk=programme.pk)
    draft = page.get_latest_revision_as_object()
    assert getattr(draft, column("summary", code)) == summary
    assert summary in [getattr(phase, column("name", code)) for phase in draft.phases.all()]
    assert draft.summary_en == programme.summary_en
    assert not getattr(page, column("summary", code)), "live only after a moderator approves"
    assert page.current_workflow_task.name == "Moderator approval"


@pytest.mark.parametrize(("code", "language_name"), LANGUAGES)
@pytest.mark.parametrize(
    "tampering",
    [
        pytest.param({"summary_en": "Changed English."}, id="english"),
        pytest.param({"summary_ru": "Другое резюме."}, id="russian"),
        pytest.param({"summary_ko": "새 요약."}, id="korean"),
        pytest.param({"phases-0-name_en": "Renamed phase"}, id="a phase's english"),
    ],
)
def test_a_tampered_post_from_an_arabic_or_chinese_translator_is_refused_whole(
    client, make_translator, programme, code, language_name, tampering
):
    before = every_language_snapshot(programme)
    client.force_login(make_translator(code, language_name))

    response = post_page(
        client,
        programme,
        **{column("summary", code): "نص" if code == "ar" else "文本"},
        **tampering,
        **{"action-submit": "action-submit"},
    )

    assert response.status_code == 200
    assert f"You may only change the {language_name} translation." in response.content.decode()
    assert every_language_snapshot(programme) == before, "nothing stored, not even a draft"


@pytest.mark.parametrize(("code", "language_name"), LANGUAGES)
def test_arabic_and_chinese_translators_edit_a_theme_in_their_language_only(
    client, make_translator, code, language_name
):
    theme = Theme.objects.get(slug="air-quality")
    url = reverse("wagtailsnippets_programmes_theme:edit", args=(theme.pk,))
    client.force_login(make_translator(code, language_name))
    name = "جودة الهواء" if code == "ar" else "空气质量"

    data = open_form(client, url, EDITOR_FORM)
    assert_saved(client.post(url, {**data, column("name", code): name}))
    revisions = theme.revisions.count()
    refused_post = client.post(url, {**data, column("name", code): name, "name_ru": "Другое"})

    saved = Theme.objects.get(pk=theme.pk).get_latest_revision_as_object()
    assert getattr(saved, column("name", code)) == name
    assert saved.name_ru == theme.name_ru
    assert refused_post.status_code == 200
    assert theme.revisions.count() == revisions, "the refused post stored no revision"
