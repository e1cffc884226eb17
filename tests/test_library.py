"""Readers find publications in the library and in the site search, in their language;
translators attach their language's file and nothing else."""

import io

from django.core.files.base import ContentFile
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from library.models import DocumentText, LibraryIndexPage, ResourcePage
from tests.helpers import person, visible_text

pytestmark = pytest.mark.django_db
Document = get_document_model()

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL full-text search"
)
RUSSIAN_TEXT = "Опыт работы в малых муниципалитетах"


def pdf_with_text(text):
    """A one-page PDF whose text is extractable, Cyrillic included: a standard font with
    an encoding that names each character's glyph (uniXXXX), so readers map it back."""
    characters = sorted(set(text))
    codes = {char: 128 + n for n, char in enumerate(characters)}
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    encoding = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/Differences"): ArrayObject(
                [NumberObject(128)] + [NameObject(f"/uni{ord(c):04X}") for c in characters]
            ),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): encoding,
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    encoded = bytes(codes[char] for char in text).hex().encode()
    content.set_data(b"BT /F1 12 Tf 72 720 Td <" + encoded + b"> Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """Upload a document as the admin does; text extraction runs once the upload is saved."""
    created = []

    def make(name, content):
        with django_capture_on_commit_callbacks(execute=True):
            document = Document.objects.create(
                title=name,
                file=ContentFile(content, name=name),
                collection=Collection.get_first_root_node(),
            )
        created.append(document)
        return document

    yield make
    for document in created:
        document.file.delete(save=False)


def add_resource(slug, title_en, title_ru, **fields):
    index = LibraryIndexPage.objects.get()
    resource = index.add_child(
        instance=ResourcePage(
            title_en=title_en,
            title_ru=title_ru,
            slug_en=slug,
            summary_en=f"{title_en}.",
            summary_ru=f"{title_ru}.",
            year=fields.pop("year", 2024),
            **fields,
        )
    )
    resource.save_revision().publish()
    return ResourcePage.objects.get(pk=resource.pk)


@pytest.fixture
def russian_report(seeded_site, upload):
    english = upload("report-en.pdf", pdf_with_text("Experience of sustainable cities"))
    russian = upload("report-ru.pdf", pdf_with_text(RUSSIAN_TEXT))
    return add_resource(
        "city-report",
        "City report",
        "Доклад",
        kind="report",
        document_en=english,
        document_ru=russian,
    )


def result_titles(client, query, language):
    response = client.get(f"/{language}/search/", {"q": query})
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".search-result a, ol li h2 a")]


def test_the_seed_creates_an_empty_library_with_translated_titles(client, seeded_site):
    index = LibraryIndexPage.objects.get()
    assert (index.title_en, index.title_ru) == ("Publications", "Публикации")
    assert "Nothing is listed here yet." in visible_text(client.get(index.url))


def test_a_russian_word_only_in_the_russian_pdf_finds_the_publication(client, russian_report):
    assert "муниципалитетах" in DocumentText.objects.get(document=russian_report.document_ru).text

    russian = visible_text(client.get("/ru/search/", {"q": "муниципалитетах"}))
    english = visible_text(client.get("/en/search/", {"q": "муниципалитетах"}))

    assert "Доклад" in russian
    assert "City report" not in english  # the English entry holds the English file's words


@postgres_only
def test_an_inflected_russian_word_finds_the_publication_by_its_stem(client, russian_report):
    # «муниципалитетов» (genitive) appears nowhere; the PDF has «муниципалитетах».
    assert "Доклад" in visible_text(client.get("/ru/search/", {"q": "муниципалитетов"}))


def test_readers_see_publications_available_in_their_language(client, seeded_site, upload):
    english_only = upload("guide-en.pdf", pdf_with_text("A guide"))
    russian = upload("guide-ru.pdf", pdf_with_text("Руководство"))
    add_resource(
        "both", "In both languages", "На двух языках", document_en=english_only, document_ru=russian
    )
    add_resource("english-only", "English only", "Только английский", document_en=english_only)

    everything = visible_text(client.get("/ru/publikatsii/"))
    mine = visible_text(client.get("/ru/publikatsii/", {"available": "1"}))

    assert "На двух языках" in everything and "Только английский" in everything
    assert "На двух языках" in mine and "Только английский" not in mine


def test_a_reader_gets_the_english_file_and_is_told_so_when_there_is_none_in_russian(
    client, seeded_site, upload
):
    english = upload("brief-en.pdf", pdf_with_text("Brief"))
    russian = upload("brief-ru.pdf", pdf_with_text("Записка"))
    add_resource("brief", "Brief", "Записка", kind="policy_brief", document_en=english)
    add_resource("brief-2", "Brief 2", "Записка 2", document_en=english, document_ru=russian)

    english_only = client.get("/ru/publikatsii/brief/")
    translated = client.get("/ru/publikatsii/brief-2/")

    assert english.url in english_only.content.decode()
    assert "Нет на вашем языке" in visible_text(english_only) or "the file is in English" in (
        visible_text(english_only)
    )
    assert russian.url in translated.content.decode()
    assert english.url not in translated.content.decode()


def test_a_damaged_upload_is_kept_without_text(seeded_site, upload):
    document = upload("broken.pdf", b"%PDF-1.4\nnot really a pdf")

    row = DocumentText.objects.get(document=document)

    assert Document.objects.filter(pk=document.pk).exists()
    assert row.text == "" and row.error


def test_a_russian_translator_attaches_the_russian_file_but_not_the_english_one(
    russian_report, upload
):
    from translations import guard

    olga = person("olga", "Translators (Русский)")
    new_russian = upload("report-ru-2.pdf", pdf_with_text("Новая версия"))
    new_english = upload("report-en-2.pdf", pdf_with_text("New version"))

    draft = russian_report.get_latest_revision_as_object()
    draft.document_ru = new_russian
    with guard.acting_as(olga):
        draft.save_revision()
    draft = ResourcePage.objects.get(pk=russian_report.pk).get_latest_revision_as_object()
    assert draft.document_ru == new_russian

    draft.document_en = new_english
    with guard.acting_as(olga), pytest.raises(guard.TranslationRuleError):
        draft.save_revision()


def test_a_publication_is_a_report_in_its_json_ld(client, russian_report):
    soup = BeautifulSoup(client.get("/en/publications/city-report/").content, "html.parser")

    assert '"Report"' in soup.find("script", type="application/ld+json").string


def test_indexing_many_publications_costs_no_more_queries_than_indexing_two(seeded_site, upload):
    # The site search is rebuilt in batches after imports and deployments: each batch must
    # read the publications' documents and their words for all of it at once.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.indexing import index_pages
    from search.models import SearchEntry

    english = upload("study-en.pdf", pdf_with_text("Experience of sustainable cities"))
    russian = upload("study-ru.pdf", pdf_with_text(RUSSIAN_TEXT))
    for n in range(8):
        add_resource(
            f"study-{n}",
            f"Study {n}",
            f"Исследование {n}",
            **(
                {"document_en": english, "document_ru": russian}
                if n % 2
                else {"document_en": english}
            ),
        )

    def queries_to_index(count):
        pages = list(ResourcePage.objects.order_by("pk")[:count])
        with CaptureQueriesContext(connection) as queries:
            index_pages(pages)
        return len(queries)

    two, eight = queries_to_index(2), queries_to_index(8)

    assert eight == two
    russian_words = SearchEntry.objects.filter(page__slug_en="study-1", language="ru").get()
    assert "муниципалитетах" in russian_words.body  # the Russian file's words, in Russian
    english_words = SearchEntry.objects.filter(page__slug_en="study-0", language="ru").get()
    assert "sustainable" in english_words.body  # no Russian file: the English one's words


def test_wagtails_own_index_reads_the_documents_of_all_publications_at_once(
    seeded_site, upload, django_assert_max_num_queries
):
    english = upload("note-en.pdf", pdf_with_text("Experience of sustainable cities"))
    for n in range(6):
        add_resource(f"note-{n}", f"Note {n}", f"Заметка {n}", document_en=english)

    with django_assert_max_num_queries(1 + 9):  # the pages, then each language's documents
        texts = [page.document_text for page in ResourcePage.get_indexed_objects()]

    assert texts == ["Experience of sustainable cities"] * 6
