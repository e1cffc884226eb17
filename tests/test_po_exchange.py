"""Exchange with translation agencies: content out as PO, translations back in.

Each test is a translator's or editor's story: export a language, fill in the file, import it
from the command line or the admin, and see the result (a draft, a live page) or a rejection
listing every problem with its line, with the database left exactly as it was.
"""

import io
from xml.etree import ElementTree

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from wagtail.models import Revision

import polib
import pytest
from bs4 import BeautifulSoup

from programmes.models import ProgrammePage, ProgrammePhase, Theme
from tests.helpers import visible_text
from translations.po_import import rich_text_problems

pytestmark = pytest.mark.django_db

GERMAN_SUMMARY = "Das Vorzeigeprojekt von ICLEI für emissionsarme Entwicklung in über 60 Städten."
GERMAN_PHASE = "Phase I (de)"


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


def export(language, *args):
    out = io.StringIO()
    call_command(
        "export_translations", "--language", language, *args, stdout=out, stderr=io.StringIO()
    )
    return polib.pofile(out.getvalue())


def entry(pofile, msgctxt):
    found = [e for e in pofile if e.msgctxt == msgctxt]
    assert len(found) == 1, msgctxt
    return found[0]


def import_file(tmp_path, text, *args):
    path = tmp_path / "translated.po"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_translations", str(path), *args, stdout=out)
    return out.getvalue()


def entry_line(text, msgctxt):
    """The line where the entry with `msgctxt` starts (its first comment), as polib counts."""
    lines = text.splitlines()
    index = lines.index(f'msgctxt "{msgctxt}"')
    while index > 0 and lines[index - 1].startswith("#"):
        index -= 1
    return index + 1


def snapshot():
    """What an import may change: translated columns of programmes and themes, revisions."""
    return (
        Revision.objects.count(),
        list(ProgrammePage.objects.order_by("pk").values_list("pk", "summary_de", "title_de")),
        list(ProgrammePhase.objects.order_by("pk").values_list("pk", "name_de")),
        list(Theme.objects.order_by("pk").values_list("pk", "name_de")),
    )


def german_file(programme):
    """The German export of the programme with two fields translated."""
    pofile = export("de", "--page", str(programme.pk))
    phase = programme.phases.order_by("pk").first()
    entry(pofile, f"programmes.programmepage:{programme.pk}:summary").msgstr = GERMAN_SUMMARY
    entry(
        pofile, f"programmes.programmepage:{programme.pk}:programmes.programmephase:{phase.pk}:name"
    ).msgstr = GERMAN_PHASE
    return pofile


def assert_rejected(tmp_path, text, *expected, args=("--language", "de")):
    before = snapshot()
    with pytest.raises(CommandError) as raised:
        import_file(tmp_path, text, *args)
    message = str(raised.value)
    for fragment in expected:
        assert fragment in message, message
    assert snapshot() == before
    return message


def test_export_russian_carries_the_seed_translation(programme):
    pofile = export("ru")
    summary = entry(pofile, f"programmes.programmepage:{programme.pk}:summary")
    assert summary.msgid == programme.summary_en
    assert summary.msgstr == programme.summary_ru and summary.msgstr
    assert f"/admin/pages/{programme.pk}/edit/" in summary.occurrences[0][0]
    assert "Urban-LEDS" in summary.comment
    assert pofile.metadata["Language"] == "ru"
    assert "nplurals=1" in pofile.metadata["Plural-Forms"]
    assert "UTF-8" in pofile.metadata["Content-Type"]
    assert pofile.metadata["X-Generator"]


def test_export_german_has_empty_translations(programme):
    pofile = export("de")
    assert entry(pofile, f"programmes.programmepage:{programme.pk}:summary").msgstr == ""
    assert all(e.msgid for e in pofile)  # no entry for an empty English field
    assert not [e for e in pofile if e.msgstr]


def test_snippet_export_holds_only_that_snippet(seeded_site):
    theme = Theme.objects.order_by("pk").first()
    pofile = export("de", "--snippet", f"programmes.theme:{theme.pk}")
    assert [e.msgctxt for e in pofile] == [f"programmes.theme:{theme.pk}:name"]


def test_import_without_publish_makes_a_draft_and_leaves_the_live_page(programme, tmp_path):
    revisions = programme.revisions.count()
    output = import_file(tmp_path, str(german_file(programme)), "--language", "de")
    assert "2 fields changed" in output and "1 drafts created" in output
    programme.refresh_from_db()
    assert programme.revisions.count() == revisions + 1
    assert programme.summary_de in ("", None)  # the live page is unchanged
    assert programme.has_unpublished_changes
    draft = programme.get_latest_revision_as_object()
    assert draft.summary_de == GERMAN_SUMMARY
    assert [p.name_de for p in draft.phases.all()][0] == GERMAN_PHASE


def test_import_with_publish_by_an_admin_shows_german_at_de(
    programme, tmp_path, client, all_languages_released
):
    get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    output = import_file(
        tmp_path, str(german_file(programme)), "--language", "de", "--publish", "--user", "chief"
    )
    assert "1 published" in output
    programme.refresh_from_db()
    assert programme.summary_de == GERMAN_SUMMARY
    with translation.override("de"):
        url = programme.get_url()
    assert url.startswith("/de/")
    text = visible_text(client.get(url))
    assert GERMAN_SUMMARY in text or GERMAN_PHASE in text


def test_malformed_file_is_rejected_with_its_line(programme, tmp_path):
    text = str(german_file(programme)) + "\nthis is not PO at all\n"
    line = len(text.splitlines())
    assert_rejected(tmp_path, text, f"Line {line}", "malformed PO file")


def test_unknown_msgctxt_is_rejected(programme, tmp_path):
    pofile = german_file(programme)
    pofile.append(
        polib.POEntry(msgctxt="programmes.programmepage:999999:summary", msgid="x", msgstr="y")
    )
    text = str(pofile)
    line = entry_line(text, "programmes.programmepage:999999:summary")
    assert_rejected(tmp_path, text, f"Line {line}", "unknown item")


def test_wrong_language_header_is_rejected(programme, tmp_path):
    text = str(german_file(programme))
    line = text.splitlines().index('"Language: de\\n"') + 1
    assert_rejected(tmp_path, text, f"Line {line}", "“de”", args=("--language", "fr"))


def test_over_long_char_field_is_rejected(programme, tmp_path):
    pofile = german_file(programme)
    phase = programme.phases.order_by("pk").first()
    ctxt = f"programmes.programmepage:{programme.pk}:programmes.programmephase:{phase.pk}:name"
    entry(pofile, ctxt).msgstr = "x" * 101  # ProgrammePhase.name has max_length 100
    text = str(pofile)
    line = entry_line(text, ctxt)
    assert_rejected(tmp_path, text, f"Line {line}", "100")


def whole_body_entry(pofile, programme, msgstr):
    """A body as files before segments carried it: its whole JSON in one entry (such files
    still import)."""
    from translations.po import field_text

    english = field_text(programme.get_latest_revision_as_object(), "body", "en")
    ctxt = f"programmes.programmepage:{programme.pk}:body"
    pofile.append(polib.POEntry(msgctxt=ctxt, msgid=english, msgstr=msgstr))
    return ctxt


def test_broken_streamfield_json_is_rejected(programme, tmp_path):
    pofile = german_file(programme)
    ctxt = whole_body_entry(pofile, programme, '[{"type": "paragraph", "value": "<p>Hallo</p>"')
    pofile.append(polib.POEntry(msgctxt=ctxt.replace("body", "iclei_role"), msgid="?", msgstr="!"))
    text = str(pofile)
    line = entry_line(text, ctxt)
    message = assert_rejected(tmp_path, text, f"Line {line}", "JSON")
    assert "English changed" in message or "iclei_role" in message  # every problem listed


def test_unknown_block_type_and_script_in_rich_text_are_rejected(programme, tmp_path):
    pofile = german_file(programme)
    whole_body_entry(pofile, programme, '[{"type": "no_such_block", "value": "x"}]')
    assert_rejected(tmp_path, str(pofile), "no_such_block")
    assert any("script" in p for p in rich_text_problems("<p>Hi<script>x</script></p>", ["bold"]))
    assert rich_text_problems("<p><b>Hallo</b></p>", ["bold"]) == []
    assert rich_text_problems("<p><b>Hallo</p>", ["bold"])  # malformed


def test_changed_english_since_export_is_rejected(programme, tmp_path):
    pofile = german_file(programme)
    ctxt = f"programmes.programmepage:{programme.pk}:summary"
    entry(pofile, ctxt).msgid = "An older English summary."
    text = str(pofile)
    line = entry_line(text, ctxt)
    assert_rejected(tmp_path, text, f"Line {line}", "English changed since export")


def test_admin_upload_imports_and_shows_counts(programme, client):
    admin = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(admin)
    url = reverse("translations_po_exchange")
    page = client.get(url)
    assert page.status_code == 200
    download = client.get(url, {"language": "de", "page": programme.pk})
    assert download["Content-Disposition"].startswith("attachment")
    assert f"programmes.programmepage:{programme.pk}:summary" in download.content.decode()
    upload = SimpleUploadedFile("de.po", str(german_file(programme)).encode())
    response = client.post(url, {"language": "de", "file": upload, "publish": "on"})
    assert response.status_code == 200
    assert "2 fields changed" in response.content.decode()
    programme.refresh_from_db()
    assert programme.summary_de == GERMAN_SUMMARY


def test_editor_without_permission_cannot_import(programme, client):
    user = get_user_model().objects.create_user("outsider", "o@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    before = snapshot()
    upload = SimpleUploadedFile("de.po", str(german_file(programme)).encode())
    response = client.post(reverse("translations_po_exchange"), {"language": "de", "file": upload})
    body = response.content.decode()
    assert "Nothing was imported" in body
    assert "you may not edit" in body
    assert snapshot() == before


def test_anonymous_visitor_cannot_reach_the_exchange(client):
    response = client.get(reverse("translations_po_exchange"))
    assert response.status_code in (302, 403)


def test_snippet_and_setting_import_in_chinese(seeded_site, tmp_path):
    from organisation.models import OrganisationSettings

    settings_row = OrganisationSettings.objects.order_by("pk").first()
    theme = Theme.objects.order_by("pk").first()
    pofile = export("zh-hans", "--snippet", f"organisation.organisationsettings:{settings_row.pk}")
    assert pofile.metadata["Language"] == "zh_Hans"
    entry(pofile, f"organisation.organisationsettings:{settings_row.pk}:locality").msgstr = "波恩"
    themes = export("zh-hans", "--snippet", f"programmes.theme:{theme.pk}")
    themes[0].msgstr = "主题"
    pofile.append(themes[0])
    output = import_file(tmp_path, str(pofile), "--language", "zh-hans")
    assert "2 items changed" in output and "1 drafts created" in output
    settings_row.refresh_from_db()
    assert settings_row.locality_zh_hans == "波恩"  # settings are saved directly
    theme.refresh_from_db()
    assert theme.get_latest_revision_as_object().name_zh_hans == "主题"  # a draft of the snippet


def test_a_stale_russian_translation_is_exported_as_fuzzy(seeded_site):
    import io

    from django.core.management import call_command

    import polib

    from programmes.models import ProgrammePage

    programme = ProgrammePage.objects.get(slug_en="ecomobility-alliance")
    programme.summary_en = "A new English summary, written after the Russian one."
    programme.save_revision().publish()

    out = io.StringIO()
    call_command("export_translations", "--language", "ru", "--page", str(programme.pk), stdout=out)

    entries = {entry.msgctxt: entry for entry in polib.pofile(out.getvalue())}
    summary = entries[f"programmes.programmepage:{programme.pk}:summary"]
    assert summary.fuzzy
    assert summary.msgid == "A new English summary, written after the Russian one."
    assert not entries[f"programmes.programmepage:{programme.pk}:iclei_role"].fuzzy


# -- one page or snippet, from its own admin view ------------------------------------------------


def download_link(response, needle):
    """The "Download for translation" link of an admin view whose URL contains `needle`."""
    soup = BeautifulSoup(response.content, "html.parser")
    links = [a["href"] for a in soup.select("a[data-translation-download]") if needle in a["href"]]
    assert len(links) == 1, links
    return links[0]


def test_an_editor_downloads_one_page_from_its_edit_view(programme, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.org", "x"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk]))
    link = download_link(edit, f"page={programme.pk}")

    chooser = client.get(link)
    assert "Only “Urban-LEDS" in visible_text(chooser)
    download = client.get(f"{link}&language=de")

    assert download["Content-Disposition"] == (
        f'attachment; filename="content-de-page-{programme.pk}.po"'
    )
    pofile = polib.pofile(download.content.decode())
    contexts = [e.msgctxt for e in pofile]
    assert f"programmes.programmepage:{programme.pk}:summary" in contexts
    assert all(c.startswith(f"programmes.programmepage:{programme.pk}:") for c in contexts)
    assert any(":programmes.programmephase:" in c for c in contexts), "its sections come along"


def test_a_russian_translator_downloads_one_theme_from_the_snippet_listing(
    client, django_user_model
):
    theme = Theme.objects.get(slug="air-quality")
    translator = django_user_model.objects.create_user("olga", "o@example.org", "x")
    translator.groups.add(Group.objects.get(name="Translators (Русский)"))
    client.force_login(translator)
    listing = client.get(reverse("wagtailsnippets_programmes_theme:list"))
    link = download_link(listing, f"snippet=programmes.theme%3A{theme.pk}")

    chooser = client.get(link)
    assert chooser.context["export_form"]["language"].value() == "ru", "their language first"
    download = client.get(f"{link}&language=ru")

    pofile = polib.pofile(download.content.decode())
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in pofile] == [
        (f"programmes.theme:{theme.pk}:name", theme.name_en, theme.name_ru)
    ]


def test_an_item_that_is_missing_or_not_theirs_is_not_downloaded(
    programme, client, django_user_model
):
    user = django_user_model.objects.create_user("outsider", "o@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = reverse("translations_po_exchange")
    theme = Theme.objects.get(slug="air-quality")

    for query in (
        {"page": programme.pk},
        {"snippet": f"programmes.theme:{theme.pk}"},
        {"page": "9" * 30},
        {"snippet": "programmes.theme:" + "9" * 30},
        {"snippet": "auth.user:1"},
    ):
        response = client.get(url, {**query, "language": "de"})
        assert response.status_code == 200
        assert not response.has_header("Content-Disposition"), query
        errors = response.context["export_form"].errors
        assert set(errors) == set(query), "the form says what is wrong with the choice"


# -- XLIFF 2.0: the same entries and the same checks in another envelope -------------------------

XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"


def export_xliff(language, *args):
    out = io.StringIO()
    call_command(
        "export_translations",
        "--language",
        language,
        "--format",
        "xliff",
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    return ElementTree.fromstring(out.getvalue().encode())  # noqa: S314 (our own export)


def unit(document, unit_id):
    found = [u for u in document.iter(f"{XLIFF}unit") if u.get("id") == unit_id]
    assert len(found) == 1, unit_id
    return found[0]


def translate(document, unit_id, text):
    segment = unit(document, unit_id).find(f"{XLIFF}segment")
    target = segment.find(f"{XLIFF}target")
    if target is None:
        target = ElementTree.SubElement(segment, f"{XLIFF}target")
    target.text = text


def xliff_text(document):
    ElementTree.register_namespace("", XLIFF.strip("{}"))
    return ElementTree.tostring(document, encoding="unicode", xml_declaration=True)


def german_xliff(programme):
    document = export_xliff("de", "--page", str(programme.pk))
    phase = programme.phases.order_by("pk").first()
    translate(document, f"programmes.programmepage:{programme.pk}:summary", GERMAN_SUMMARY)
    translate(
        document,
        f"programmes.programmepage:{programme.pk}:programmes.programmephase:{phase.pk}:name",
        GERMAN_PHASE,
    )
    return document


def test_xliff_carries_exactly_the_po_entries(programme):
    document = export_xliff("ru", "--page", str(programme.pk))
    pofile = export("ru", "--page", str(programme.pk))

    assert (document.get("version"), document.get("srcLang"), document.get("trgLang")) == (
        "2.0",
        "en",
        "ru",
    )
    units = {u.get("id"): u for u in document.iter(f"{XLIFF}unit")}
    assert list(units) == [e.msgctxt for e in pofile]
    summary = units[f"programmes.programmepage:{programme.pk}:summary"]
    assert summary.find(f"{XLIFF}segment/{XLIFF}source").text == programme.summary_en
    assert summary.find(f"{XLIFF}segment/{XLIFF}target").text == programme.summary_ru
    assert summary.find(f"{XLIFF}segment").get("state") == "translated"


def test_a_stale_translation_is_marked_in_xliff(programme):
    page = programme.get_latest_revision_as_object()
    page.summary_en = "A new English summary, written after the Russian one."
    page.save_revision().publish()

    document = export_xliff("ru", "--page", str(programme.pk))

    segment = unit(document, f"programmes.programmepage:{programme.pk}:summary").find(
        f"{XLIFF}segment"
    )
    assert (segment.get("state"), segment.get("subState")) == ("initial", "iclei:stale")
    role = unit(document, f"programmes.programmepage:{programme.pk}:iclei_role")
    assert role.find(f"{XLIFF}segment").get("state") == "translated"


def test_xliff_import_from_the_command_makes_a_draft(programme, tmp_path):
    path = tmp_path / "de.xlf"
    path.write_text(xliff_text(german_xliff(programme)), encoding="utf-8")
    out = io.StringIO()

    call_command("import_translations", str(path), "--language", "de", stdout=out)

    assert "2 fields changed" in out.getvalue() and "1 drafts created" in out.getvalue()
    programme.refresh_from_db()
    assert programme.summary_de in ("", None), "the live page waits for moderation"
    draft = programme.get_latest_revision_as_object()
    assert draft.summary_de == GERMAN_SUMMARY
    assert GERMAN_PHASE in [phase.name_de for phase in draft.phases.all()]


def test_xliff_with_changed_english_is_rejected_with_its_line(programme, tmp_path):
    document = german_xliff(programme)
    unit_id = f"programmes.programmepage:{programme.pk}:summary"
    unit(document, unit_id).find(f"{XLIFF}segment/{XLIFF}source").text = "Older English."
    text = xliff_text(document)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if f'id="{unit_id}"' in row)

    assert_rejected(tmp_path, text, f"Line {line}", "English changed since export")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            'version="2.0" srcLang="en" trgLang="de">\n<file id="f">\n<unit id="x">\n</file>',
            ["Line 5", "malformed XML"],
            id="malformed",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>\n'
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>',
            ["Line 2", "DOCTYPE"],
            id="entities",
        ),
        pytest.param(
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
            ["not an XLIFF 2.0 file"],
            id="xliff 1.2",
        ),
        pytest.param(
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
            'trgLang="fr"><file id="f"/></xliff>',
            ["“fr”", "“de”"],
            id="another language",
        ),
    ],
)
def test_a_bad_xliff_file_is_rejected_and_nothing_changes(seeded_site, tmp_path, text, expected):
    assert_rejected(tmp_path, text, *expected)


def test_xliff_through_the_admin(programme, client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.org", "x"))
    url = reverse("translations_po_exchange")

    download = client.get(url, {"language": "de", "page": programme.pk, "format": "xliff"})
    assert download["Content-Disposition"].endswith(f'content-de-page-{programme.pk}.xlf"')
    document = ElementTree.fromstring(download.content)  # noqa: S314 (our own export)
    assert document.get("trgLang") == "de"

    upload = SimpleUploadedFile("de.xlf", xliff_text(german_xliff(programme)).encode())
    response = client.post(url, {"language": "de", "file": upload, "publish": "on"})
    assert "2 fields changed" in response.content.decode()
    programme.refresh_from_db()
    assert programme.summary_de == GERMAN_SUMMARY
