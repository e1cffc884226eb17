"""Reading the text of uploaded documents (PDF with pypdf, Word with python-docx) for the
site search. Extraction runs after the upload is saved and never undoes it: a damaged or
scanned file is kept, with the reason it has no text."""

import io
import logging

from django.db import transaction
from django.db.models.signals import post_save

from wagtail.documents import get_document_model

logger = logging.getLogger(__name__)

MAX_CHARS = 1_000_000  # a search entry needs the words, not a whole book's layout


def text_of(name, data):
    """The text of a file's bytes, by its extension; ValueError for a type without text."""
    extension = name.rsplit(".", 1)[-1].lower()
    if extension == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if extension == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        return "\n".join(paragraph.text for paragraph in document.paragraphs)
    if extension in ("txt", "csv"):
        return data.decode("utf-8", errors="replace")
    raise ValueError(f"no text is read from .{extension} files")


def extract(document):
    """Store the document's text (or why there is none); returns the DocumentText row."""
    from .models import DocumentText

    text, error = "", ""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        text = text_of(document.file.name, data)[:MAX_CHARS].replace("\x00", " ")
    except Exception as problem:  # noqa: BLE001 - any reader failure leaves the upload as it is
        logger.warning("No text from document %s: %s", document.pk, problem)
        error = str(problem)[:255] or problem.__class__.__name__
    row, _created = DocumentText.objects.update_or_create(
        document=document, defaults={"text": text, "error": error}
    )
    return row


def reindex_resources(document):
    """Live publications offering this document: their search entries again."""
    from search.indexing import index_pages

    from .models import ResourcePage

    columns = [f.name for f in ResourcePage._meta.fields if f.name.startswith("document_")]
    query = None
    for column in columns:
        condition = ResourcePage.objects.filter(**{column: document})
        query = condition if query is None else query | condition
    if query is not None:
        pages = list(query.live())
        if pages:
            index_pages(pages)


def on_document_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.file:
        return

    def run():
        extract(instance)
        reindex_resources(instance)

    transaction.on_commit(run)


def connect():
    post_save.connect(
        on_document_saved, sender=get_document_model(), dispatch_uid="library_extract_text"
    )
