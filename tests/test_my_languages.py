"""My languages: each staff member sees the fields of the languages they work in.

A German translator opens Urban-LEDS and finds German fields to write and the English source
beside them, read-only; the other seven languages are not in the page at all. An editor who
works in German and English sees those; one click shows every language. Labels name the
language, Arabic is written right to left, and a tampered post cannot change a read-only field.
"""

import re
from html import escape

from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from programmes.models import ProgrammePage
from tests.admin_forms import assert_saved, browser_form_data
from tests.helpers import person
from translations.models import LanguagePreference

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"
OTHER_LANGUAGES = ["ru", "fr", "es", "pt", "zh_hans", "ko", "ar"]


@pytest.fixture
def german_translator(django_user_model):
    return person("greta", "Translators (Deutsch)")


@pytest.fixture
def editor(django_user_model):
    return person("erin", "Editors")


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


def edit_url(page, **query):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return f"{url}?languages={query['languages']}" if query else url


def field_names(response):
    return set(response.context["form"].fields)


def languages_in(names):
    """The language suffixes of the translated fields among `names`."""
    codes = "|".join(["en", "de", *OTHER_LANGUAGES])
    return {match.group(1) for name in names if (match := re.search(rf"_({codes})$", name))}


def test_a_german_translator_sees_german_fields_and_the_english_source_only(
    client, german_translator, programme
):
    client.force_login(german_translator)
    response = client.get(edit_url(programme))
    assert response.status_code == 200
    names = field_names(response)
    assert {"title_de", "summary_de", "title_en", "summary_en"} <= names
    assert not languages_in(names) & set(OTHER_LANGUAGES), "other languages are left out"
    for child in response.context["form"].formsets["phases"].forms:
        assert not languages_in(child.fields) & set(OTHER_LANGUAGES)
    form = response.context["form"]
    assert not form.fields["summary_de"].disabled, "German is theirs to write"
    assert form.fields["summary_en"].disabled, "the English source is read-only"
    html = response.content.decode()
    assert 'name="summary_en"' not in html, "no input for the English: its text is shown"
    assert escape(programme.summary_en[:40]) in html


def test_fields_a_translator_may_not_change_are_read_only_in_the_form(
    client, german_translator, programme
):
    client.force_login(german_translator)
    form = client.get(edit_url(programme)).context["form"]
    shared = [name for name in ("status", "countries", "image") if name in form.fields]
    assert shared, "Urban-LEDS has fields shared by every language"
    assert all(form.fields[name].disabled for name in shared)


def test_a_tampered_post_to_a_read_only_field_is_refused_naming_it(
    client, german_translator, programme
):
    client.force_login(german_translator)
    data = browser_form_data(client.get(edit_url(programme)), PAGE_FORM)
    assert "summary_en" not in data, "a browser sends nothing for a read-only field"
    data.update(summary_de="Kurzfassung auf Deutsch", summary_en="Changed English")
    response = client.post(edit_url(programme), data)
    assert response.status_code == 200, "shown again, not saved"
    assert "Not allowed for you: Summary — English." in response.content.decode()
    draft = ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object()
    assert draft.summary_en == programme.summary_en
    assert draft.summary_de == programme.summary_de


def test_a_german_translators_form_saves_their_german(client, german_translator, programme):
    client.force_login(german_translator)
    data = browser_form_data(client.get(edit_url(programme)), PAGE_FORM)
    data["summary_de"] = "Kurzfassung auf Deutsch"
    assert_saved(client.post(edit_url(programme), data))
    draft = ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object()
    assert draft.summary_de == "Kurzfassung auf Deutsch"
    assert draft.summary_en == programme.summary_en
    assert list(draft.countries) == list(programme.countries)
    assert draft.is_flagship == programme.is_flagship


def test_a_translator_is_not_offered_to_add_move_or_delete_rows(
    client, german_translator, editor, programme
):
    # Rows are the editors' to add, reorder and remove (a translator's form refuses it):
    # the translator sees each phase and figure, but no button to change the rows.
    client.force_login(german_translator)
    html = client.get(edit_url(programme)).content.decode()
    assert 'id="inline_child_phases-0"' in html, "the phases are shown"
    for control in ('id="id_phases-ADD"', 'id="id_phases-0-DELETE-button"', "move-up"):
        assert control not in html, control
    client.force_login(editor)
    html = client.get(edit_url(programme)).content.decode()
    for control in ('id="id_phases-ADD"', 'id="id_phases-0-DELETE-button"', "move-up"):
        assert control in html, f"an editor still has {control}"


def test_labels_name_the_language(client, editor, programme):
    client.force_login(editor)
    form = client.get(edit_url(programme)).context["form"]
    assert form.fields["summary_de"].label == "Summary — Deutsch"
    assert form.fields["summary_zh_hans"].label == "Summary — 简体中文"
    assert "[zh-hans]" not in client.get(edit_url(programme)).content.decode()


def test_arabic_fields_are_right_to_left_and_others_left_to_right(client, editor, programme):
    client.force_login(editor)
    html = client.get(edit_url(programme)).content.decode()
    assert re.search(
        r'<input[^>]*name="title_ar"[^>]*dir="rtl"|<input[^>]*dir="rtl"[^>]*name="title_ar"', html
    )
    assert re.search(
        r'<textarea[^>]*dir="rtl"[^>]*name="summary_ar"|<textarea[^>]*name="summary_ar"[^>]*dir="rtl"',
        html,
    )
    assert re.search(
        r'<input[^>]*dir="ltr"[^>]*name="title_de"|<input[^>]*name="title_de"[^>]*dir="ltr"', html
    )
    assert 'class="translation-direction" lang="ar" dir="rtl"' in html, "the body's editor too"


def test_an_editor_with_my_languages_sees_them_and_one_click_shows_all(client, editor, programme):
    LanguagePreference.objects.create(user=editor, languages=["en", "de"])
    client.force_login(editor)
    mine = client.get(edit_url(programme))
    assert languages_in(field_names(mine)) == {"en", "de"}
    assert "Show all languages" in mine.content.decode()
    everything = client.get(edit_url(programme, languages="all"))
    assert languages_in(field_names(everything)) == {"en", "de", *OTHER_LANGUAGES}


def test_fields_not_shown_keep_their_values_on_save(client, editor, programme):
    LanguagePreference.objects.create(user=editor, languages=["de"])
    client.force_login(editor)
    data = browser_form_data(client.get(edit_url(programme)), PAGE_FORM)
    assert "summary_en" not in data
    data["summary_de"] = "Neue Kurzfassung"
    assert_saved(client.post(edit_url(programme), data))
    draft = ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object()
    assert draft.summary_de == "Neue Kurzfassung"
    assert draft.summary_en == programme.summary_en
    assert draft.summary_ar == programme.summary_ar
    assert draft.title_en == programme.title_en


def test_a_form_sent_with_all_languages_saves_them_all(client, editor, programme):
    LanguagePreference.objects.create(user=editor, languages=["de"])
    client.force_login(editor)
    data = browser_form_data(client.get(edit_url(programme, languages="all")), PAGE_FORM)
    data["summary_fr"] = "Nouveau résumé"
    assert_saved(client.post(edit_url(programme), data))
    draft = ProgrammePage.objects.get(pk=programme.pk).get_latest_revision_as_object()
    assert draft.summary_fr == "Nouveau résumé"


def test_my_languages_are_set_on_the_account_page(client, editor):
    client.force_login(editor)
    account = reverse("wagtailadmin_account")
    assert "My languages" in client.get(account).content.decode()
    data = querydict_from_html(client.get(account).content.decode(), form_id="w-editor-form")
    data.update({"name_email-first_name": "Erin", "name_email-last_name": "Ek"})
    data.setlist("my_languages-languages", ["ar", "en"])
    response = client.post(account, dict(data.lists()))
    assert response.status_code == 302
    assert LanguagePreference.objects.get(user=editor).languages == ["en", "ar"]


def test_an_image_shows_my_languages_and_one_click_shows_all(client, editor, seeded_site):
    image = get_image_model().objects.create(
        title="School roof", file=get_test_image_file(filename="roof.png")
    )
    LanguagePreference.objects.create(user=editor, languages=["en", "de"])
    client.force_login(editor)
    url = reverse("wagtailimages:edit", args=(image.pk,))
    mine = client.get(url)
    assert mine.status_code == 200
    assert languages_in(field_names(mine)) == {"en", "de"}
    assert "Show all languages" in mine.content.decode()
    everything = client.get(f"{url}?languages=all")
    assert languages_in(field_names(everything)) == {"en", "de", *OTHER_LANGUAGES}
    assert "Show only my languages" in everything.content.decode()


def test_an_editor_working_in_russian_reads_the_choice_in_russian(client, editor, programme):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "ru"
    profile.save()
    LanguagePreference.objects.create(user=editor, languages=["en", "ru"])
    client.force_login(editor)

    html = client.get(edit_url(programme)).content.decode()

    assert "Показаны мои языки: English, Русский." in html
    assert "Показать все языки" in html
