"""Every road into the content keeps the translators' rules (issue 13, findings 1 and 3).

A Russian translator may change the Russian text and nothing else, whichever way the change
arrives: the edit form, a revert to an older revision (page or snippet), a PO or XLIFF import
(admin or command), code saving a revision, settings saved on their behalf, a copy or a bulk
action. Each story checks what stays as it was, not only the message.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from wagtail.models import Page, Revision

import polib
import pytest

from organisation.models import OrganisationSettings
from programmes.models import ProgrammePage, Theme
from tests.admin_forms import assert_saved, browser_form_data
from tests.helpers import person

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"
EDITOR_FORM = "w-editor-form"
ONLY_RUSSIAN = "You may only change the Русский translation."


def guard():
    """The enforcement point (imported late: the stories also run against code without it)."""
    from translations import guard

    return guard


@pytest.fixture
def olga(django_user_model):
    """Translates into Russian, nothing else."""
    return person("olga", "Translators (Русский)")


@pytest.fixture
def erin(django_user_model):
    return person("erin", "Editors")


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


def fresh(page):
    return ProgrammePage.objects.get(pk=page.pk)


def state(page):
    """What a refused write must leave alone: the page's revisions and its texts."""
    page = fresh(page)
    latest = page.get_latest_revision_as_object()
    return (
        page.revisions.count(),
        page.latest_revision_id,
        (latest.summary_en, latest.summary_ru, latest.summary_de, latest.summary_ko),
        (page.summary_en, page.summary_ru, page.summary_de),
    )


# -- PO and XLIFF imports ------------------------------------------------------------------------


def exported(language, page, file_format="po"):
    out = io.StringIO()
    args = ["--language", language, "--page", str(page.pk)]
    if file_format == "xliff":
        args += ["--format", "xliff"]
    call_command("export_translations", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def translated_summary_po(language, page, text):
    pofile = polib.pofile(exported(language, page))
    (summary,) = [e for e in pofile if e.msgctxt == f"programmes.programmepage:{page.pk}:summary"]
    summary.msgstr = text
    return str(pofile)


def translated_summary_xliff(language, page, text):
    source = exported(language, page, "xliff")
    unit = f'<unit id="programmes.programmepage:{page.pk}:summary"'
    head, tail = source.split(unit, 1)
    tail = tail.replace("</source>", f"</source><target>{text}</target>", 1)
    return head + unit + tail


@pytest.mark.parametrize("language", ["de", "ko"])
def test_a_russian_translator_cannot_import_another_language_in_the_admin(
    client, olga, programme, language
):
    before = state(programme)
    client.force_login(olga)
    upload = SimpleUploadedFile(
        f"{language}.po", translated_summary_po(language, programme, "Fremd.").encode()
    )

    response = client.post(
        reverse("translations_po_exchange"), {"language": language, "file": upload}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in body or "Select a valid choice" in body
    assert state(programme) == before


@pytest.mark.parametrize("file_format", ["po", "xliff"])
def test_a_russian_translator_cannot_import_german_from_the_command(
    tmp_path, olga, programme, file_format
):
    build = translated_summary_po if file_format == "po" else translated_summary_xliff
    path = tmp_path / f"de.{file_format}"
    path.write_text(build("de", programme, "Eine deutsche Zusammenfassung."), encoding="utf-8")
    before = state(programme)

    with pytest.raises(CommandError) as refused:
        call_command("import_translations", str(path), "--user", "olga", stdout=io.StringIO())

    assert "You may not import translations into Deutsch" in str(refused.value)
    assert "Русский" in str(refused.value)
    assert state(programme) == before


def test_the_import_form_offers_a_translator_only_their_languages(client, olga, seeded_site):
    client.force_login(olga)

    form = client.get(reverse("translations_po_exchange")).context["import_form"]

    assert [code for code, _name in form.fields["language"].choices] == ["ru"]
    assert form["language"].value() == "ru"


def test_a_russian_translator_imports_russian_as_a_draft(tmp_path, olga, programme):
    path = tmp_path / "ru.po"
    path.write_text(translated_summary_po("ru", programme, "Новое резюме."), encoding="utf-8")

    call_command("import_translations", str(path), "--user", "olga", stdout=io.StringIO())

    draft = fresh(programme).get_latest_revision_as_object()
    assert draft.summary_ru == "Новое резюме."
    assert draft.summary_en == programme.summary_en
    assert Revision.objects.filter(object_id=str(programme.pk)).latest("created_at").user == olga


def test_the_import_form_for_an_editor_still_offers_every_language(client, erin, seeded_site):
    client.force_login(erin)

    form = client.get(reverse("translations_po_exchange")).context["import_form"]

    assert len(list(form.fields["language"].choices)) == 8


# -- revert ------------------------------------------------------------------------------------


def revert_url(page, revision):
    return reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, revision.pk))


def test_reverting_a_page_cannot_roll_the_english_back(client, olga, erin, programme):
    old = fresh(programme).get_latest_revision()
    draft = fresh(programme).get_latest_revision_as_object()
    draft.summary_en = "The editor's newer English."
    draft.save_revision(user=erin)
    before = state(programme)
    client.force_login(olga)
    opened = client.get(revert_url(programme, old))
    assert opened.status_code == 200
    data = browser_form_data(opened, PAGE_FORM)
    data["summary_ru"] = "Только русский текст."

    response = client.post(revert_url(programme, old), data)

    body = response.content.decode()
    assert response.status_code == 200, "shown again with the reason, not saved"
    assert ONLY_RUSSIAN in body
    assert "Summary — English" in body
    assert state(programme) == before
    assert fresh(programme).get_latest_revision_as_object().summary_en == (
        "The editor's newer English."
    )


def test_reverting_a_page_in_russian_alone_is_allowed(client, olga, programme):
    old = fresh(programme).get_latest_revision()
    client.force_login(olga)
    data = browser_form_data(client.get(revert_url(programme, old)), PAGE_FORM)
    data["summary_ru"] = "Только русский текст."

    assert_saved(client.post(revert_url(programme, old), data))

    assert fresh(programme).get_latest_revision_as_object().summary_ru == "Только русский текст."


def test_reverting_a_theme_cannot_roll_the_english_back(client, olga, erin, seeded_site):
    theme = Theme.objects.get(slug="air-quality")
    if theme.latest_revision is None:
        theme.save_revision(user=erin)
    old = theme.get_latest_revision()
    draft = theme.get_latest_revision_as_object()
    draft.name_en = "Clean air (editor's draft)"
    draft.save_revision(user=erin)
    revisions = theme.revisions.count()
    url = reverse("wagtailsnippets_programmes_theme:revisions_revert", args=(theme.pk, old.pk))
    client.force_login(olga)
    data = browser_form_data(client.get(url), EDITOR_FORM)
    data["name_ru"] = "Чистый воздух (правка)"

    response = client.post(url, data)

    assert response.status_code == 200
    assert ONLY_RUSSIAN in response.content.decode()
    theme = Theme.objects.get(pk=theme.pk)
    assert theme.revisions.count() == revisions
    assert theme.get_latest_revision_as_object().name_en == "Clean air (editor's draft)"


# -- code, commands and other roads ------------------------------------------------------------


def test_a_revision_saved_by_code_for_a_translator_keeps_the_rule(olga, programme):
    draft = fresh(programme).get_latest_revision_as_object()
    draft.summary_en = "English changed in code."
    before = state(programme)

    with pytest.raises(guard().TranslationRuleError) as refused:
        draft.save_revision(user=olga)

    assert "Summary — English" in str(refused.value)
    assert state(programme) == before


def test_a_revision_with_a_phase_added_by_a_translator_is_refused(olga, programme):
    from programmes.models import ProgrammePhase

    draft = fresh(programme).get_latest_revision_as_object()
    draft.phases.add(ProgrammePhase(name_en="Phase III", name_ru="Этап III"))
    before = state(programme)

    with pytest.raises(guard().TranslationRuleError, match="rows added or removed"):
        draft.save_revision(user=olga)

    assert state(programme) == before


def test_settings_saved_on_a_translators_behalf_keep_the_rule(olga, seeded_site):
    row = OrganisationSettings.objects.order_by("pk").first()
    row.locality_ru = "Бонн (правка)"
    with guard().acting_as(olga):
        row.save()
    row.postal_code = "00000"

    with guard().acting_as(olga), pytest.raises(guard().TranslationRuleError, match="Postal code"):
        row.save()

    row = OrganisationSettings.objects.get(pk=row.pk)
    assert row.locality_ru == "Бонн (правка)"
    assert row.postal_code != "00000"


def test_a_generic_translator_translates_every_language_but_english(django_user_model, programme):
    kolya = person("kolya", "Translators")
    draft = fresh(programme).get_latest_revision_as_object()
    draft.summary_de = "Deutsch."
    draft.summary_ko = "한국어."
    draft.save_revision(user=kolya)

    draft = fresh(programme).get_latest_revision_as_object()
    draft.summary_en = "English."
    with pytest.raises(guard().TranslationRuleError, match="Summary — English"):
        draft.save_revision(user=kolya)

    latest = fresh(programme).get_latest_revision_as_object()
    assert (latest.summary_de, latest.summary_ko) == ("Deutsch.", "한국어.")
    assert latest.summary_en == programme.summary_en


def test_a_translator_in_a_language_group_too_is_held_to_that_language(
    django_user_model, programme
):
    both = person("vera", "Translators", "Translators (Русский)")
    draft = fresh(programme).get_latest_revision_as_object()
    draft.summary_de = "Deutsch."

    with pytest.raises(guard().TranslationRuleError, match=ONLY_RUSSIAN):
        draft.save_revision(user=both)


def test_a_translator_cannot_copy_a_page(client, olga, programme):
    pages = Page.objects.count()
    client.force_login(olga)
    url = reverse("wagtailadmin_pages:copy", args=(programme.pk,))

    response = client.post(
        url,
        {
            "new_title": "Copy",
            "new_slug": "urban-leds-copy",
            "new_parent_page": programme.get_parent().pk,
        },
    )

    assert response.status_code in (200, 302, 403)  # the form again, or sent away
    assert Page.objects.count() == pages


@pytest.mark.parametrize("who", ["olga", "erin"])
def test_neither_a_translator_nor_an_editor_publishes_by_bulk_action(
    client, olga, erin, programme, who
):
    draft = fresh(programme).get_latest_revision_as_object()
    draft.summary_ru = "Черновик."
    draft.save_revision(user=olga)
    live_revision = fresh(programme).live_revision_id
    client.force_login({"olga": olga, "erin": erin}[who])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    client.post(f"{url}?id={programme.pk}", {})

    page = fresh(programme)
    assert page.live_revision_id == live_revision
    assert page.summary_ru != "Черновик."


def test_an_editor_importing_with_publish_gets_a_draft_only(tmp_path, erin, programme):
    path = tmp_path / "de.po"
    path.write_text(translated_summary_po("de", programme, "Entwurf."), encoding="utf-8")

    out = io.StringIO()
    call_command("import_translations", str(path), "--user", "erin", "--publish", stdout=out)

    assert "0 published" in out.getvalue()
    page = fresh(programme)
    assert not page.summary_de
    assert page.get_latest_revision_as_object().summary_de == "Entwurf."


def test_an_editors_revision_published_from_code_is_refused(erin, programme):
    from django.core.exceptions import PermissionDenied

    draft = fresh(programme).get_latest_revision_as_object()
    draft.summary_en = "Straight to the public."
    revision = draft.save_revision(user=erin)

    with pytest.raises(PermissionDenied):
        revision.publish(user=erin)

    assert fresh(programme).summary_en == programme.summary_en
