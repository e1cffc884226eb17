"""The interface catalogues (locale/<language>/LC_MESSAGES/django.po) are complete and safe.

A missing or fuzzy translation shows English to a visitor; a placeholder lost or renamed in
a translation raises KeyError (or shows a raw “%(name)s”) when the string is formatted; a
plural entry with the wrong number of forms picks the wrong form or none at all.
"""

import re
from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))

# %(name)s, %(count)d, %(value).2f …, and {name} / {0} / {name!r:>10}
PRINTF_NAMED = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
BRACE = re.compile(r"(?<!\{)\{[\w.!:<>^=+\- ]*\}(?!\})")


def placeholders(text):
    return set(PRINTF_NAMED.findall(text)) | set(BRACE.findall(text))


def load(po_path):
    return polib.pofile(str(po_path))


def entries(catalogue):
    return [entry for entry in catalogue if not entry.obsolete]


def test_every_language_has_a_catalogue():
    languages = {path.name for path in LOCALE_DIR.iterdir() if path.is_dir()}
    assert languages
    assert languages == {po_path.parents[1].name for po_path in CATALOGUES}


@pytest.fixture(params=CATALOGUES, ids=lambda path: path.parents[1].name)
def catalogue(request):
    return load(request.param)


def test_no_untranslated_entries(catalogue):
    missing = [
        entry.msgid
        for entry in entries(catalogue)
        if not entry.translated() or any(not form for form in entry.msgstr_plural.values())
    ]
    assert not missing, f"untranslated: {missing}"


def test_no_fuzzy_entries(catalogue):
    fuzzy = [entry.msgid for entry in entries(catalogue) if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy: {fuzzy}"
    assert not catalogue.metadata_is_fuzzy, "the header entry is marked fuzzy"


def test_translations_keep_the_placeholders(catalogue):
    wrong = []
    for entry in entries(catalogue):
        expected = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            if placeholders(translation) != expected:
                wrong.append((entry.msgid, translation))
    assert not wrong, f"placeholders differ: {wrong}"


def test_plural_entries_have_every_form(catalogue):
    plural_entries = [entry for entry in entries(catalogue) if entry.msgid_plural]
    if not plural_entries:
        return
    plural_forms = catalogue.metadata.get("Plural-Forms", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    assert match, f"no nplurals in the Plural-Forms header: {plural_forms!r}"
    nplurals = int(match.group(1))
    for entry in plural_entries:
        assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid


# -- the admin in Russian: the newsroom, library and organisation pages' own texts ---------


@pytest.fixture
def russian_admin(client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(admin_user)
    return client


def shows(response, text):
    """The text in the admin's HTML, as markup or inside a block definition's JSON."""
    import json

    html = response.content.decode()
    return text in html or json.dumps(text)[1:-1] in html


@pytest.mark.django_db
def test_an_editor_working_in_russian_reads_the_article_forms_labels_in_russian(
    russian_admin, seeded_site
):
    import datetime

    from django.urls import reverse

    from tests.test_newsroom import add_article

    article = add_article("press", "Press release", date=datetime.date(2026, 5, 4))

    response = russian_admin.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))

    assert '<html lang="ru"' in response.content.decode()
    assert shows(response, "Авторы")  # the authors' panel
    assert shows(response, "Одно-два предложения для списков и лент.")
    assert shows(response, "Альтернативный текст")  # the body's image block
    assert shows(response, "Кто это сказал или написал.")  # the quote block


@pytest.mark.django_db
def test_the_general_page_impressum_and_menus_speak_russian_to_a_russian_editor(
    russian_admin, seeded_site
):
    from django.urls import reverse

    from wagtail.models import Site

    from organisation.models import HomePage

    home = HomePage.objects.get()
    general = russian_admin.get(
        reverse("wagtailadmin_pages:add", args=("organisation", "generalpage", home.pk))
    )
    impressum = russian_admin.get(
        reverse("wagtailadmin_pages:add", args=("organisation", "impressumpage", home.pk))
    )
    site = Site.objects.get(is_default_site=True)
    menus = russian_admin.get(
        reverse("wagtailsettings:edit", args=("organisation", "navigationsettings", site.pk))
    )

    assert shows(general, "Одно-два предложения, которые показываются над текстом и в списках.")
    assert shows(impressum, "Полное юридическое наименование организации.")
    assert shows(impressum, "Ответственный за содержание")  # its label
    assert shows(menus, "Показывается в подвале каждой страницы.")
    assert shows(menus, "Если пусто — заголовок самой страницы.")  # a menu link's label
