"""The block library of page bodies (core.blocks.ContentBlock), on every page type that has a body.

Stories: an editor builds a body from every kind of block and a visitor reads it, in a table
that names its headers, an FAQ that opens without JavaScript, a video that loads nothing from
its provider; a translation agency gets every block's text as segments and sends them back
into the right block, one block type at a time, through PO and XLIFF alike.
"""

import io
import uuid
from xml.etree import ElementTree

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import polib
import pytest
from bs4 import BeautifulSoup

from core.blocks import ContentBlock
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def media():
    image = get_image_model().objects.create(
        title="Bonn", file=get_test_image_file(), description="Bonn city hall"
    )
    document = get_document_model().objects.create(title="Annual report 2024")
    document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    # wagtail.embeds keeps what the provider said in the database: no request in tests.
    Embed.objects.create(
        hash=get_embed_hash(VIDEO),
        url=VIDEO,
        max_width=None,
        type="video",
        html="<iframe src='https://www.youtube.com/embed/dQw4w9WgXcQ'></iframe>",
        title="Provider title",
        provider_name="YouTube",
    )
    return image, document


def library_blocks(image, document, page_id):
    """One of each block type the library added, keyed by type."""
    return {
        "image": block(
            "image",
            {
                "image": image.pk,
                "alt": "Solar panels on a roof",
                "caption": "Bonn, 2024",
                "credit": "© ICLEI",
            },
        ),
        "quote": block("quote", {"text": "Cities lead.", "attribution": "A mayor"}),
        "table": block(
            "table",
            {
                "row_headers": True,
                "table": {
                    "caption": "Emissions by city",
                    "columns": [
                        {"type": "text", "heading": "City"},
                        {"type": "number", "heading": "Tonnes"},
                        {"type": "rich_text", "heading": "Note"},
                    ],
                    "rows": [
                        {"values": ["Bonn", "12.5", '<p data-block-key="t1">Fell <b>fast</b></p>']},
                        {"values": ["Lyon", "7", '<p data-block-key="t2">Rose</p>']},
                    ],
                },
            },
        ),
        "call_to_action": block(
            "call_to_action",
            {
                "heading": "Join us",
                "text": '<p data-block-key="c1">Cities <i>welcome</i>.</p>',
                "label": "Become a member",
                "page": page_id,
                "url": "",
            },
        ),
        "accordion": block(
            "accordion",
            {
                "heading": "Questions",
                "items": [
                    {
                        "type": "item",
                        "id": str(uuid.uuid4()),
                        "value": {
                            "question": "Who can join?",
                            "answer": '<p data-block-key="a1">Any local government.</p>',
                        },
                    }
                ],
            },
        ),
        "documents": block(
            "documents",
            {
                "heading": "Downloads",
                "documents": [
                    {
                        "type": "item",
                        "id": str(uuid.uuid4()),
                        "value": {"document": document.pk, "title": "Report"},
                    }
                ],
            },
        ),
        "key_figure": block(
            "key_figure",
            {
                "value": "1750",
                "unit": "",
                "label": "local governments",
                "source": "ICLEI",
                "source_url": "",
                "as_of": "2024-01-01",
            },
        ),
        "embed": block("embed", {"url": VIDEO, "title": "Our film", "caption": "Two minutes"}),
        "related_pages": block(
            "related_pages",
            {
                "heading": "See also",
                "pages": [{"type": "item", "id": str(uuid.uuid4()), "value": page_id}],
            },
        ),
    }


@pytest.fixture
def programme(seeded_site, media):
    page = ProgrammePage.objects.get(slug_en="urban-leds")
    other = ProgrammePage.objects.live().exclude(pk=page.pk).first()
    body = list(library_blocks(*media, other.pk).values())
    page = page.get_latest_revision_as_object()
    page.body_en = body
    page.save_revision().publish()
    return ProgrammePage.objects.get(pk=page.pk), other


def test_the_library_has_every_block_type_the_issue_asks_for():
    assert set(ContentBlock.base_blocks) >= {
        "heading",
        "paragraph",
        "image",
        "quote",
        "table",
        "call_to_action",
        "accordion",
        "documents",
        "key_figure",
        "embed",
        "related_pages",
    }


def test_a_visitor_reads_every_block(client, programme):
    page, other = programme
    response = client.get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    body = soup.select_one("main")

    image = body.select_one("figure.image-block img")
    assert image["alt"] == "Solar panels on a roof"
    assert "© ICLEI" in body.select_one("figure.image-block figcaption").text

    assert body.select_one("blockquote").text.strip() == "Cities lead."
    assert "A mayor" in body.select_one("figure.quote-block figcaption").text

    table = body.select_one(".table-block table")
    assert table.caption.text == "Emissions by city"
    assert [th.text for th in table.select("thead th[scope=col]")] == ["City", "Tonnes", "Note"]
    assert [th.text.strip() for th in table.select("tbody th[scope=row]")] == ["Bonn", "Lyon"]
    assert body.select_one(".table-block")["aria-label"] == "Emissions by city"

    cta = body.select_one(".cta-block a")
    assert cta.text == "Become a member" and cta["href"] == other.url

    details = body.select_one("details.accordion-block__item")
    assert details.summary.text == "Who can join?"
    assert "Any local government." in details.text  # in the page: readable without a script

    document = body.select_one(".document-list-block a")
    assert document.text == "Report" and document["href"].endswith("annual-report.pdf")

    assert "1,750" in body.select_one(".key-figure-block").text
    assert "local governments" in body.select_one(".key-figure-block").text

    related = body.select_one(".related-pages-block a")
    assert related["href"] == other.url


def test_an_embed_is_a_link_to_the_provider_and_loads_nothing_from_it(client, programme):
    page, _other = programme
    response = client.get(page.url)
    soup = BeautifulSoup(response.content, "html.parser")
    facade = soup.select_one(".embed-block a")
    assert facade["href"] == VIDEO
    assert "Our film" in facade.text and "www.youtube.com" in facade.text
    html = response.content.decode()
    assert "<iframe" not in html and "youtube.com/embed" not in html
    assert "youtube" not in response["Content-Security-Policy"]  # no frame, no new source


def test_the_key_figure_reads_in_the_visitors_language(all_languages_released, client, programme):
    page, _other = programme
    with translation.override("de"):  # no German body: the English one, German numbers
        url = page.get_url()
    response = client.get(url)
    text = BeautifulSoup(response.content, "html.parser").select_one(".key-figure-block").text
    assert "1.750" in text


# --- translation: each block type through PO and XLIFF --------------------------------------


def export(page, language, fmt):
    out = io.StringIO()
    call_command(
        "export_translations",
        "--language",
        language,
        "--page",
        str(page.pk),
        "--format",
        fmt,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def import_file(tmp_path, text, language, fmt):
    path = tmp_path / f"translated.{fmt}"
    path.write_text(text, encoding="utf-8")
    call_command("import_translations", str(path), "--language", language, stdout=io.StringIO())


XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"


def translate_every_segment(text, fmt, translate):
    """The exported file with each body segment's target set to `translate(source)` (inline
    codes kept); the other fields (title, slug…) left untranslated."""
    if fmt == "po":
        pofile = polib.pofile(text, wrapwidth=0)
        for entry in pofile:
            if ":body:" in entry.msgctxt:
                entry.msgstr = translate(entry.msgid)
        return str(pofile)
    document = ElementTree.fromstring(text.encode())  # noqa: S314 (our own export)
    for unit in document.iter(f"{XLIFF}unit"):
        if ":body:" not in unit.get("id"):
            continue
        for segment in unit.iter(f"{XLIFF}segment"):
            source = segment.find(f"{XLIFF}source")
            target = segment.find(f"{XLIFF}target")
            if target is None:
                target = ElementTree.SubElement(segment, f"{XLIFF}target")
            target.text = translate(source.text) if source.text else source.text
            target[:] = list(source)
    ElementTree.register_namespace("", XLIFF.strip("{}"))
    return ElementTree.tostring(document, encoding="unicode", xml_declaration=True)


# The English text of each block type's segments, and where it must land in the German body.
EXPECTED = {
    "image": {"alt": "Solar panels on a roof", "caption": "Bonn, 2024", "credit": "© ICLEI"},
    "quote": {"text": "Cities lead.", "attribution": "A mayor"},
    "call_to_action": {"heading": "Join us", "label": "Become a member"},
    "embed": {"title": "Our film", "caption": "Two minutes"},
    "key_figure": {"label": "local governments", "source": "ICLEI"},
}


LIBRARY = [
    "image",
    "quote",
    "table",
    "call_to_action",
    "accordion",
    "documents",
    "key_figure",
    "embed",
    "related_pages",
]


@pytest.mark.parametrize("fmt", ["po", "xliff"])
@pytest.mark.parametrize("kind", LIBRARY)
def test_each_block_type_round_trips_segment_by_segment(seeded_site, media, tmp_path, fmt, kind):
    """A body of one block type: each segment exported alone, translated, imported into its
    own place in the German body; the rest of the value (ids, choosers, numbers) the English."""
    page = ProgrammePage.objects.get(slug_en="urban-leds")
    other = ProgrammePage.objects.live().exclude(pk=page.pk).first()
    english = library_blocks(*media, other.pk)[kind]
    page = page.get_latest_revision_as_object()
    page.body_en = [english]
    page.body_de = []
    page.save_revision().publish()

    text = export(page, "de", fmt)
    assert "data-block-key" not in text
    sources = (
        [entry.msgid for entry in polib.pofile(text, wrapwidth=0)]
        if fmt == "po"
        else [
            "".join(s.find(f"{XLIFF}source").itertext())
            for s in ElementTree.fromstring(text.encode()).iter(f"{XLIFF}segment")  # noqa: S314
        ]
    )
    body_sources = [s for s in sources if s and s != page.title_en and s != page.summary_en]
    assert body_sources, f"the {kind} block exports segments"

    import_file(tmp_path, translate_every_segment(text, fmt, lambda s: f"DE {s}"), "de", fmt)
    stored = ProgrammePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    german = stored.body_de.stream_block.get_prep_value(stored.body_de)
    assert len(german) == 1 and german[0]["id"] == english["id"]
    assert german[0]["type"] == kind
    value = german[0]["value"]
    for name, source in EXPECTED.get(kind, {}).items():
        assert value[name] == f"DE {source}", name
    if kind == "table":
        table = value["table"]
        assert table["caption"] == "DE Emissions by city"
        assert [c["heading"] for c in table["columns"]] == ["DE City", "DE Tonnes", "DE Note"]
        assert table["rows"][0]["values"][0] == "DE Bonn"
        assert table["rows"][0]["values"][1] == "12.5"  # a number is not text
        assert "DE Fell <b>fast</b>" in table["rows"][0]["values"][2]
        assert value["row_headers"] is True
    if kind == "accordion":
        item = value["items"][0]
        assert item["id"] == english["value"]["items"][0]["id"]
        assert item["value"]["question"] == "DE Who can join?"
        assert "DE Any local government." in item["value"]["answer"]
    if kind == "documents":
        item = value["documents"][0]["value"]
        assert item == {"document": media[1].pk, "title": "DE Report"}
    if kind == "related_pages":
        assert value["heading"] == "DE See also"
        assert value["pages"][0]["value"] == other.pk
    if kind == "call_to_action":
        assert value["page"] == other.pk and "DE Cities <i>welcome</i>." in value["text"]
    if kind == "image":
        assert value["image"] == media[0].pk
    if kind == "embed":
        assert value["url"] == VIDEO

    # Sent back as the English, the German body is the English body, byte for byte.
    import_file(tmp_path, translate_every_segment(text, fmt, lambda s: s), "de", fmt)
    stored = ProgrammePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert stored.body_de.stream_block.get_prep_value(stored.body_de) == [english]
