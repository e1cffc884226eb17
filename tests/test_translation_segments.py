"""Translation files that tools can read: page bodies and rich text as one segment per block
or paragraph, markup as placeholders (PO) or inline codes (XLIFF 2.0), no ids in the text.

Stories: an agency opens the export in its tool and sees sentences, not JSON; it translates
each segment and the portal puts every one back into its block with the ids and the markup
unchanged; a file sent back untouched changes nothing; a translator cannot slip in markup.
"""

import io
import json
import uuid
from xml.etree import ElementTree

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Revision

import polib
import pytest

from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db

XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"
LINK = '<a href="https://iclei.org/low-emission?a=1&amp;b=2">low-emission</a>'
PAGE_LINK = '<a linktype="page" id="3">our <i>programmes</i></a>'


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def every_block(image):
    """A body with every block type and every kind of markup the paragraph block allows."""
    return [
        block("heading", "Cities & climate"),
        block(
            "paragraph",
            '<p data-block-key="k1">Urban-LEDS helps <b>60 cities</b> plan '
            f"{LINK} development with {PAGE_LINK}.<br/>Since 2012.</p>"
            '<h3 data-block-key="k2">Results</h3>'
            '<ul><li data-block-key="k3">Plans <i>adopted</i></li>'
            '<li data-block-key="k4">Staff trained</li></ul>'
            '<ol><li data-block-key="k5">First</li></ol>'
            '<h4 data-block-key="k6">Costs &lt; 5 %</h4>',
        ),
        # Every field of the image block, as the admin saves it (alt text and credit empty).
        block("image", {"image": image.pk, "alt": "", "caption": "Bonn, 2024", "credit": ""}),
        block("image", {"image": image.pk, "alt": "", "caption": "", "credit": ""}),
    ]


@pytest.fixture
def programme(seeded_site):
    """Urban-LEDS with a body of every block type in English and a Russian body of its own
    (own block ids, as the seed writes it), published."""
    page = ProgrammePage.objects.get(slug_en="urban-leds")
    image = get_image_model().objects.create(title="Bonn", file=get_test_image_file())
    page = page.get_latest_revision_as_object()
    page.body_en = every_block(image)
    page.body_ru = [
        block("heading", "Города и климат"),
        block("paragraph", '<p data-block-key="r1">Urban-LEDS помогает <b>60 городам</b>.</p>'),
    ]
    page.save_revision().publish()
    return ProgrammePage.objects.get(pk=page.pk)


def export(language, page, *args):
    out = io.StringIO()
    call_command(
        "export_translations",
        "--language",
        language,
        "--page",
        str(page.pk),
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def import_text(tmp_path, text, language, name="translated.po"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_translations", str(path), "--language", language, stdout=out)
    return out.getvalue()


def body_entries(pofile, page):
    prefix = f"programmes.programmepage:{page.pk}:body:"
    return [e for e in pofile if e.msgctxt.startswith(prefix)]


def latest(page):
    """The page's latest revision as the import left it (not the instance's cached one)."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def draft_body(page, language):
    value = getattr(latest(page), f"body_{language}")
    return value.stream_block.get_prep_value(value)


def english_body(page):
    return draft_body(page, "en")


def test_a_body_is_exported_as_sentences_without_ids_or_json(programme):
    pofile = polib.pofile(export("de", programme), wrapwidth=0)
    entries = body_entries(pofile, programme)
    by_text = {e.msgid: e for e in entries}

    assert list(by_text) == [
        "Cities & climate",
        "Urban-LEDS helps <1>60 cities</1> plan <2>low-emission</2> development with "
        "<3>our <4>programmes</4></3>.<5/>Since 2012.",
        "Results",
        "Plans <1>adopted</1>",
        "Staff trained",
        "First",
        "Costs < 5 %",
        "Bonn, 2024",
    ], "one entry per heading, paragraph, list item and caption; the empty caption has none"
    for entry in entries:
        assert "data-block-key" not in entry.msgid and "href" not in entry.msgid
        assert '"type"' not in entry.msgid and "linktype" not in entry.msgid
    blocks = english_body(programme)
    assert by_text["Cities & climate"].msgctxt.endswith(f":body:{blocks[0]['id']}")
    assert by_text["Results"].msgctxt.endswith(f":body:{blocks[1]['id']}:p2")
    assert by_text["Bonn, 2024"].msgctxt.endswith(f":body:{blocks[2]['id']}:caption")
    assert "Heading 1" in by_text["Cities & climate"].comment
    assert "Image 3 › Caption" in by_text["Bonn, 2024"].comment


def test_russian_translations_are_found_beside_their_english_blocks(programme):
    pofile = polib.pofile(export("ru", programme), wrapwidth=0)
    translated = {e.msgid: e.msgstr for e in body_entries(pofile, programme)}

    assert translated["Cities & climate"] == "Города и климат"
    # The Russian paragraph has only the bold of the English one: it keeps that number.
    assert translated[next(t for t in translated if t.startswith("Urban-LEDS"))] == (
        "Urban-LEDS помогает <1>60 городам</1>."
    )
    assert translated["Results"] == "", "the Russian body has no second paragraph"


def translated_everywhere(pofile, page, mark):
    """Every body and intro segment translated: `mark` before the text, markup kept."""
    for entry in pofile:
        if ":body:" in entry.msgctxt or ":intro:" in entry.msgctxt:
            entry.msgstr = f"{mark} {entry.msgid}"
    return pofile


def test_each_translated_segment_lands_in_its_block_with_ids_and_markup_kept(
    programme, tmp_path, client
):
    pofile = translated_everywhere(
        polib.pofile(export("ru", programme), wrapwidth=0), programme, "[ru]"
    )

    output = import_text(tmp_path, str(pofile), "ru")

    assert "1 drafts created" in output
    english, russian = english_body(programme), draft_body(programme, "ru")
    assert [(b["type"], b["id"]) for b in russian] == [(b["type"], b["id"]) for b in english]
    assert russian[0]["value"] == "[ru] Cities & climate"
    paragraph = russian[1]["value"]
    assert paragraph.startswith('<p data-block-key="k1">[ru] Urban-LEDS helps <b>60 cities</b>')
    assert LINK in paragraph and PAGE_LINK in paragraph and "<br/>[ru]" not in paragraph
    assert '<h3 data-block-key="k2">[ru] Results</h3>' in paragraph
    assert '<li data-block-key="k3">[ru] Plans <i>adopted</i></li>' in paragraph
    assert '<h4 data-block-key="k6">[ru] Costs &lt; 5 %</h4>' in paragraph
    assert russian[2]["value"] == {
        "image": english[2]["value"]["image"],
        "alt": "",
        "caption": "[ru] Bonn, 2024",
        "credit": "",
    }
    assert russian[3]["value"]["caption"] == ""

    latest(programme).get_latest_revision().publish()
    with translation.override("ru"):
        text = visible_text(client.get(programme.get_url()))
    for shown in (
        "[ru] Cities & climate",
        "[ru] Urban-LEDS helps 60 cities plan low-emission development with our programmes",
        "[ru] Results",
        "[ru] Plans adopted",
        "[ru] Staff trained",
        "[ru] First",
        "[ru] Costs < 5 %",
        "[ru] Bonn, 2024",
    ):
        assert shown in text, shown


def test_a_translator_moves_markup_but_cannot_add_it(programme, tmp_path):
    pofile = polib.pofile(export("de", programme), wrapwidth=0)
    paragraph = next(e for e in body_entries(pofile, programme) if "<5/>" in e.msgid)
    paragraph.msgstr = (
        "Mit <3>unseren <4>Programmen</4></3> plant Urban-LEDS in <1>60 Städten</1> eine "
        "<2>emissionsarme</2> Entwicklung.<5/>Seit 2012."
    )

    import_text(tmp_path, str(pofile), "de")

    german = draft_body(programme, "de")[1]["value"]
    assert (
        '<p data-block-key="k1">Mit <a linktype="page" id="3">unseren <i>Programmen</i></a> '
        'plant Urban-LEDS in <b>60 Städten</b> eine <a href="https://iclei.org/low-emission?'
        'a=1&amp;b=2">emissionsarme</a> Entwicklung.<br/>Seit 2012.</p>'
    ) in german
    assert "<h3" in german and "Results" in german, "untranslated paragraphs stay English"


@pytest.mark.parametrize(
    ("translation", "problem"),
    [
        ("Mit <b>fett</b> geschrieben", "HTML tags are not allowed"),
        ('<a href="javascript:alert(1)">hier</a>', "HTML tags are not allowed"),
        ("Ein <9>neuer</9> Link", "<9> is not in the English"),
        ("<1>offen", "not closed"),
        ("<1>zwei</1> und <1>mal</1>", "used twice"),
        ("Ende</2>", "not open"),
    ],
)
def test_markup_a_translator_adds_is_refused_with_its_line(
    programme, tmp_path, translation, problem
):
    pofile = polib.pofile(export("de", programme), wrapwidth=0)
    paragraph = next(e for e in body_entries(pofile, programme) if "<5/>" in e.msgid)
    paragraph.msgstr = translation
    text = str(pofile)
    lines = text.splitlines()
    line = lines.index(f'msgctxt "{paragraph.msgctxt}"')
    while lines[line - 1].startswith("#"):
        line -= 1
    line += 1  # counted from 1
    revisions = Revision.objects.count()

    with pytest.raises(CommandError) as raised:
        import_text(tmp_path, text, "de")

    message = str(raised.value)
    assert f"Line {line}: " in message and problem in message
    assert Revision.objects.count() == revisions


def test_a_segment_whose_english_changed_is_refused(programme, tmp_path):
    pofile = polib.pofile(export("de", programme), wrapwidth=0)
    heading = next(e for e in body_entries(pofile, programme) if e.msgid == "Cities & climate")
    heading.msgstr = "Städte und Klima"
    page = programme.get_latest_revision_as_object()
    body = english_body(programme)
    body[0]["value"] = "Cities and the climate"
    page.body_en = body
    page.save_revision()

    with pytest.raises(CommandError) as raised:
        import_text(tmp_path, str(pofile), "de")

    assert "English changed since export" in str(raised.value)


# -- lossless round trips -------------------------------------------------------------------


def test_a_file_sent_back_untouched_changes_nothing(programme, tmp_path):
    revisions = Revision.objects.count()
    for fmt, name in (("po", "ru.po"), ("xliff", "ru.xlf")):
        output = import_text(tmp_path, export("ru", programme, "--format", fmt), "ru", name)
        assert "0 items changed" in output, fmt
    assert Revision.objects.count() == revisions


def copy_sources_to_targets(document):
    """What a tool's "copy source to target" does: every target the source, codes and all."""
    for segment in document.iter(f"{XLIFF}segment"):
        source = segment.find(f"{XLIFF}source")
        target = segment.find(f"{XLIFF}target")
        if target is not None:
            segment.remove(target)
        target = ElementTree.SubElement(segment, f"{XLIFF}target")
        target.text, target[:] = source.text, list(source)
    ElementTree.register_namespace("", XLIFF.strip("{}"))
    return ElementTree.tostring(document, encoding="unicode", xml_declaration=True)


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_every_block_type_comes_back_byte_for_byte(programme, tmp_path, fmt):
    """Translating each segment as its English rebuilds the English body exactly: nothing
    is lost or re-escaped on the way through the file (German has no body yet)."""
    index = ProgrammeIndexPage.objects.get()
    index_page = index.get_latest_revision_as_object()
    index_page.intro_en = (
        '<p data-block-key="i1">Our <b>programmes</b> &amp; <a href="https://iclei.org">'
        "projects</a>.</p><p>Second&nbsp;paragraph</p>"
    )
    index_page.save_revision().publish()
    for page in (programme, index):
        text = export("de", page, "--format", fmt)
        assert "data-block-key" not in text, "segments, not stored HTML or JSON"
        if fmt == "po":
            pofile = polib.pofile(text, wrapwidth=0)
            for entry in pofile:
                entry.msgstr = entry.msgid
            text = str(pofile)
        else:
            text = copy_sources_to_targets(ElementTree.fromstring(text.encode()))  # noqa: S314
        import_text(tmp_path, text, "de", f"de.{fmt}")

    assert draft_body(programme, "de") == english_body(programme)
    assert latest(index).intro_de == index_page.intro_en


def test_the_xliff_opens_in_translate_toolkit_with_inline_codes(programme):
    from translate.storage.xliff2 import Xliff2File

    text = export("ru", programme, "--format", "xliff")
    store = Xliff2File.parsestring(text.encode())
    pofile = polib.pofile(export("ru", programme), wrapwidth=0)

    assert [unit.getid() for unit in store.units] == [e.msgctxt for e in pofile]
    document = ElementTree.fromstring(text.encode())  # noqa: S314 (our own export)
    paragraph = next(
        u
        for u in document.iter(f"{XLIFF}unit")
        if "<5/>" in next(e.msgid for e in pofile if e.msgctxt == u.get("id"))
    )
    source = paragraph.find(f"{XLIFF}segment/{XLIFF}source")
    assert [(c.tag.removeprefix(XLIFF), c.get("id")) for c in source.iter() if c is not source] == [
        ("pc", "1"),
        ("pc", "2"),
        ("pc", "3"),
        ("pc", "4"),
        ("ph", "5"),
    ]
    assert "href" not in ElementTree.tostring(source, encoding="unicode")
    unit = next(u for u in store.units if u.getid() == paragraph.get("id"))
    assert "60 cities" in unit.source


def test_an_old_file_with_a_whole_json_body_still_imports(programme, tmp_path):
    from translations.po import field_text

    english = field_text(programme.get_latest_revision_as_object(), "body", "en")
    data = json.loads(english)
    data[0]["value"] = "Städte und Klima"
    pofile = polib.pofile(export("de", programme), wrapwidth=0)
    pofile.append(
        polib.POEntry(
            msgctxt=f"programmes.programmepage:{programme.pk}:body",
            msgid=english,
            msgstr=json.dumps(data, ensure_ascii=False),
        )
    )

    import_text(tmp_path, str(pofile), "de")

    assert draft_body(programme, "de")[0]["value"] == "Städte und Klima"


@pytest.mark.parametrize(
    "html",
    [
        "<p>Mission</p><!--><img src=x onerror=alert(1)>-->",
        '<a href="jav&#x09;ascript:alert(3)">Mission</a>',
        '<meta http-equiv="refresh" content="1;url=https://evil.example/phish">',
        "<1>Mission</1>",  # the English mission has no markup to stand for
    ],
)
def test_issue_13_vectors_typed_into_a_segment_are_refused(seeded_site, tmp_path, html):
    from organisation.models import HomePage

    home = HomePage.objects.get()
    pofile = polib.pofile(export("ko", home), wrapwidth=0)
    mission = next(e for e in pofile if e.msgctxt.endswith(":mission:p1"))
    mission.msgstr = html

    with pytest.raises(CommandError) as raised:
        import_text(tmp_path, str(pofile), "ko")

    assert ":mission:p1: " in str(raised.value)
    assert not latest(home).mission_ko


def test_a_segment_of_a_block_the_english_no_longer_has_is_refused(programme, tmp_path):
    pofile = polib.pofile(export("de", programme), wrapwidth=0)
    caption = next(e for e in body_entries(pofile, programme) if e.msgid == "Bonn, 2024")
    caption.msgstr = "Bonn, 2024 (de)"
    page = latest(programme)
    page.body_en = [b for b in english_body(programme) if b["type"] != "image"]
    page.save_revision()

    with pytest.raises(CommandError) as raised:
        import_text(tmp_path, str(pofile), "de")

    assert f"“{caption.msgctxt}” is not in the English any more" in str(raised.value)


def test_a_file_a_tool_wrote_with_inline_codes_imports(programme, tmp_path):
    """translate-toolkit (what Pootle, Weblate and Virtaal build on) copies each source,
    inline codes included, into the target and saves; the portal reads it back whole."""
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File.parsestring(export("de", programme, "--format", "xliff").encode())
    for unit in store.units:
        unit.rich_target = unit.rich_source
    written = bytes(store).decode()
    assert '<target>Urban-LEDS helps <pc id="1">60 cities</pc>' in written

    import_text(tmp_path, written, "de", "de.xlf")

    assert draft_body(programme, "de") == english_body(programme)
