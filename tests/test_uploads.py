"""Editors upload images and documents through the Wagtail admin; only sound files get in.

Images need English alt text (Russian is optional and falls back to English); visitors get
them as WebP with a JPEG or PNG fallback. Documents are judged by their content, not their
names. Every rejection leaves nothing behind: no database row, no file under MEDIA_ROOT.
"""

import io
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, UploadedFile

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from core.uploads import ACCEPTED_TYPES
from images.models import CustomImage
from partners.models import PartnerPage
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

Document = get_document_model()
XHR = {"x-requested-with": "XMLHttpRequest"}  # the multiple uploader posts from JavaScript
PROGRAMME_URLS = {"en": "/en/programmes/urban-leds/", "ru": "/ru/programmy/urban-leds/"}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Wagtail caches renditions by image id; the database is rolled back after each test (and
    ids are reused) but the cache is not."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _remove_new_media():
    """The database forgets each test's images and documents; their files would stay."""
    before = stored_files("")
    yield
    for path in stored_files("") - before:
        path.unlink()


# Files ------------------------------------------------------------------------------------


def image_bytes(image_format, size=(64, 48), mode="RGB", colour="seagreen"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, colour).save(buffer, image_format)
    return buffer.getvalue()


def minimal_pdf():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def office_open_xml(main_part, content_type):
    """A Word/Excel/PowerPoint file as its writers lay it out: [Content_Types].xml first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{main_part}" ContentType="{content_type}"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="' + main_part + '" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>",
        )
        package.writestr(main_part, '<?xml version="1.0" encoding="UTF-8"?><root/>')
    return buffer.getvalue()


def open_document(mimetype):
    """An OpenDocument file: an uncompressed `mimetype` entry first, as the standard demands."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><root/>')
    return buffer.getvalue()


OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"
SOUND_DOCUMENTS = {
    "report.pdf": minimal_pdf(),
    "report.docx": office_open_xml(
        "word/document.xml", f"{OOXML}.wordprocessingml.document.main+xml"
    ),
    "figures.xlsx": office_open_xml("xl/workbook.xml", f"{OOXML}.spreadsheetml.sheet.main+xml"),
    "slides.pptx": office_open_xml(
        "ppt/presentation.xml", f"{OOXML}.presentationml.presentation.main+xml"
    ),
    "report.odt": open_document(f"{ODF}.text"),
    "figures.ods": open_document(f"{ODF}.spreadsheet"),
    "slides.odp": open_document(f"{ODF}.presentation"),
    "cities.csv": "city,country\nБонн,Германия\nSeoul,Korea\n".encode(),
    # Over 2.5 MB, Django keeps an upload on disk and it is read in 64 KiB chunks: after the
    # "x", every chunk boundary cuts a two-byte letter in half.
    "notes.txt": b"x" + "ж".encode() * 1_400_000,
}


def stored_files(folder):
    """The files under MEDIA_ROOT/<folder>: what a rejected upload must not add to."""
    return {path for path in Path(settings.MEDIA_ROOT, folder).rglob("*") if path.is_file()}


def form_errors(response, field="file"):
    return response.context["form"].errors.get(field, [])


# Images through the admin -----------------------------------------------------------------


def add_image(admin_client, name, content, alt_en="Solar panels on a school roof", alt_ru=""):
    """The admin's "Add an image" form, filled in and sent."""
    return admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "School roof",
            "file": SimpleUploadedFile(name, content),
            "description_en": alt_en,
            "description_ru": alt_ru,
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def upload_image(admin_client, name, content):
    """The multiple uploader's first step: the file alone, as its JavaScript sends it."""
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "title": name},
        headers=XHR,
    )
    assert response.status_code == 200
    return response.json()


def assert_image_rejected(admin_client, name, content, message):
    """Neither the single nor the multiple uploader takes the file, and both say why."""
    images, files = CustomImage.objects.count(), stored_files("original_images")

    response = add_image(admin_client, name, content)
    assert response.status_code == 200  # the form again, not a redirect
    assert message in form_errors(response)
    assert message in response.content.decode()

    result = upload_image(admin_client, name, content)
    assert result["success"] is False
    assert message in result["error_message"]

    assert CustomImage.objects.count() == images
    assert not UploadedFile.objects.exists()
    assert stored_files("original_images") == files
    assert not stored_files("wagtail_uploads")


@pytest.mark.parametrize(
    ("name", "image_format"),
    [("map.gif", "GIF"), ("photo.jpg", "JPEG"), ("chart.png", "PNG"), ("banner.webp", "WEBP")],
)
def test_editor_uploads_an_image_with_english_alt_text(admin_client, name, image_format):
    files = stored_files("original_images")

    response = add_image(admin_client, name, image_bytes(image_format))

    assert response.status_code == 302, form_errors(response)
    image = CustomImage.objects.get(title="School roof")
    assert (image.width, image.height) == (64, 48)
    assert image.description_en == "Solar panels on a school roof"
    assert len(stored_files("original_images") - files) == 1


def test_editor_cannot_upload_an_image_without_english_alt_text(admin_client):
    images, files = CustomImage.objects.count(), stored_files("original_images")

    response = add_image(admin_client, "photo.jpg", image_bytes("JPEG"), alt_en="", alt_ru="Крыша")

    assert response.status_code == 200
    assert form_errors(response, "description_en") == ["This field is required."]
    assert CustomImage.objects.count() == images
    assert stored_files("original_images") == files


def test_editor_gives_russian_alt_text_and_a_focal_point_on_the_edit_form(admin_client):
    add_image(admin_client, "photo.jpg", image_bytes("JPEG", size=(400, 300)))
    image = CustomImage.objects.get(title="School roof")
    edit_url = reverse("wagtailimages:edit", args=[image.pk])

    form = admin_client.get(edit_url).context["form"]
    focal_point = ["focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"]
    assert set(focal_point) <= set(form.fields)

    response = admin_client.post(
        edit_url,
        {
            "title": "School roof",
            "description_en": "Solar panels on a school roof",
            "description_ru": "Солнечные панели на крыше школы",
            "collection": image.collection_id,
            "tags": "",
            **dict(zip(focal_point, ["200", "100", "80", "60"], strict=True)),
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    image.refresh_from_db()
    assert image.description_ru == "Солнечные панели на крыше школы"
    assert image.description_en == "Solar panels on a school roof"
    assert (image.focal_point_x, image.focal_point_y) == (200, 100)


def test_multiple_upload_creates_the_image_only_once_english_alt_text_is_given(admin_client):
    images = CustomImage.objects.count()

    result = upload_image(admin_client, "roof.jpg", image_bytes("JPEG"))

    # The file is valid but the alt text is missing: Wagtail parks it and asks for it.
    assert result["success"] is True
    upload_id = result["uploaded_file_id"]
    assert f'name="uploaded-image-{upload_id}-description_en"' in result["form"]
    assert CustomImage.objects.count() == images
    assert len(stored_files("wagtail_uploads")) == 1

    create_url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    prefix = f"uploaded-image-{upload_id}"
    metadata = {
        f"{prefix}-title": "School roof",
        f"{prefix}-description_en": "",
        f"{prefix}-description_ru": "Солнечные панели на крыше школы",
        f"{prefix}-collection": Collection.get_first_root_node().pk,
        f"{prefix}-tags": "",
    }
    without_alt = admin_client.post(create_url, metadata, headers=XHR).json()

    assert without_alt["success"] is False
    assert "This field is required." in without_alt["form"]
    assert CustomImage.objects.count() == images

    metadata[f"{prefix}-description_en"] = "Solar panels on a school roof"
    with_alt = admin_client.post(create_url, metadata, headers=XHR).json()

    assert with_alt["success"] is True
    image = CustomImage.objects.get(pk=with_alt["image_id"])
    assert image.description_en == "Solar panels on a school roof"
    assert image.description_ru == "Солнечные панели на крыше школы"
    assert Path(image.file.path).is_file()
    assert not UploadedFile.objects.exists()
    assert not stored_files("wagtail_uploads")


def test_editor_cannot_upload_an_image_over_10_mib(admin_client):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    padded_png = image_bytes("PNG") + bytes(11 * 1024 * 1024)  # readers ignore the tail

    assert_image_rejected(
        admin_client,
        "poster.png",
        padded_png,
        "This file is too big (11.0\xa0MB). Maximum filesize 10.0\xa0MB.",  # no-break spaces
    )


def test_editor_cannot_upload_an_image_over_40_megapixels(admin_client):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    huge = image_bytes("PNG", size=(7000, 6000), mode="L", colour=0)  # small on disk

    assert_image_rejected(
        admin_client,
        "panorama.png",
        huge,
        "This file has too many pixels (42000000). Maximum pixels 40000000.",
    )


def test_editor_cannot_upload_an_svg_image(admin_client):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )

    assert_image_rejected(
        admin_client,
        "logo.svg",
        svg,
        "Not a supported image format. Supported formats: GIF, JPG, JPEG, PNG, WEBP.",
    )


def test_editor_cannot_upload_a_text_file_renamed_png(admin_client):
    assert_image_rejected(
        admin_client,
        "photo.png",
        b"Not a picture at all, just words.\n",
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image.",
    )


# Images on the site -----------------------------------------------------------------------


def make_image(alt_en, alt_ru="", name="roof.jpg", image_format="JPEG", size=(1600, 1000), **kw):
    return CustomImage.objects.create(
        title="School roof",
        file=ImageFile(io.BytesIO(image_bytes(image_format, size=size, **kw)), name=name),
        description_en=alt_en,
        description_ru=alt_ru,
    )


@pytest.fixture
def programme_with_image(seeded_site):
    """Urban-LEDS with a lead image and an image block in its English and Russian text."""

    def show(image):
        page = ProgrammePage.objects.get(url_path_en__endswith="/urban-leds/")
        page.image = image
        page.body_en = [("image", {"image": image, "caption": "Rooftop solar"})]
        page.body_ru = [("image", {"image": image, "caption": "Солнце на крыше"})]
        page.save()
        return page

    return show


def pictures(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        "lead": soup.select_one("figure.hero-image picture"),  # the programme's image as its hero
        "block": soup.select_one("figure.image-block picture"),
    }


@pytest.mark.parametrize(
    ("language", "alt"),
    [("en", "Solar panels on a school roof"), ("ru", "Солнечные панели на крыше школы")],
)
def test_visitors_read_the_alt_text_in_their_language(client, programme_with_image, language, alt):
    programme_with_image(make_image(alt_en="Solar panels on a school roof", alt_ru=alt))

    found = pictures(client.get(PROGRAMME_URLS[language]))

    assert found["lead"].img["alt"] == alt
    assert found["block"].img["alt"] == alt


def test_russian_visitors_read_english_alt_text_when_there_is_no_russian(
    client, programme_with_image
):
    programme_with_image(make_image(alt_en="Solar panels on a school roof", alt_ru=""))

    found = pictures(client.get(PROGRAMME_URLS["ru"]))

    assert found["block"].img["alt"] == "Solar panels on a school roof"


def test_images_in_a_page_come_as_webp_with_a_jpeg_fallback(client, programme_with_image):
    programme_with_image(make_image(alt_en="Solar panels on a school roof"))

    found = pictures(client.get(PROGRAMME_URLS["en"]))

    for where, picture in found.items():
        source, img = picture.find("source"), picture.img
        assert source["type"] == "image/webp", where
        candidates = [candidate.split() for candidate in source["srcset"].split(",")]
        assert [Path(url).suffix for url, _width in candidates] == [".webp", ".webp"], where
        assert Path(img["src"]).suffix == ".jpg", where
        # The hero is cropped to 2:1 around the focal point; the block keeps its shape.
        assert (img["width"], img["height"]) == {"lead": ("800", "400"), "block": ("600", "375")}[
            where
        ]
        assert img["alt"] == "Solar panels on a school roof", where
    assert found["block"].img["loading"] == "lazy"  # below the fold
    assert "loading" not in found["lead"].img.attrs  # near the top: loaded straight away


def test_partner_logos_keep_transparency_with_a_png_fallback(client, seeded_site):
    logo = make_image(
        alt_en="UNFCCC logo",
        name="unfccc.png",
        image_format="PNG",
        size=(300, 120),
        mode="RGBA",
        colour=(0, 0, 0, 0),
    )
    partner = PartnerPage.objects.get(url_path_en__endswith="/unfccc/")
    partner.logo = logo
    partner.save()

    response = client.get("/en/partners/unfccc/")

    picture = BeautifulSoup(response.content, "html.parser").select_one("header picture")
    assert picture.source["type"] == "image/webp"
    assert Path(picture.img["src"]).suffix == ".png"
    assert (picture.img["width"], picture.img["height"]) == ("200", "80")
    assert picture.img["alt"] == "UNFCCC logo"


# Documents --------------------------------------------------------------------------------


def add_document(admin_client, name, content):
    return admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Annual report",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def upload_document(admin_client, name, content):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content), "title": name},
        headers=XHR,
    )
    assert response.status_code == 200
    return response.json()


def assert_document_rejected(admin_client, name, content, message):
    """Neither the single nor the multiple uploader takes the file, and both say why."""
    documents, files = Document.objects.count(), stored_files("documents")

    response = add_document(admin_client, name, content)
    assert response.status_code == 200  # the form again, not a redirect
    assert form_errors(response) == [message]
    assert message in response.content.decode()

    result = upload_document(admin_client, name, content)
    assert result == {"success": False, "error_message": message}

    assert Document.objects.count() == documents
    assert stored_files("documents") == files


@pytest.mark.parametrize("name", SOUND_DOCUMENTS)
def test_editor_uploads_a_document_of_each_accepted_type(admin_client, name):
    documents, files = Document.objects.count(), stored_files("documents")

    response = add_document(admin_client, name, SOUND_DOCUMENTS[name])
    result = upload_document(admin_client, name, SOUND_DOCUMENTS[name])

    assert response.status_code == 302, form_errors(response)
    assert result["success"] is True, result
    assert Document.objects.count() == documents + 2
    assert len(stored_files("documents") - files) == 2


def test_editor_cannot_upload_a_png_renamed_pdf(admin_client):
    assert_document_rejected(
        admin_client,
        "report.pdf",
        image_bytes("PNG"),
        "The content of this file does not match its “.pdf” extension: it may be renamed or "
        "damaged.",
    )


def test_editor_cannot_upload_a_program_renamed_docx(admin_client):
    windows_program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)

    assert_document_rejected(
        admin_client,
        "report.docx",
        windows_program,
        "The content of this file does not match its “.docx” extension: it may be renamed or "
        "damaged.",
    )


@pytest.mark.parametrize(
    "content",
    [
        "Заметки".encode("cp1251"),  # Windows Cyrillic, not UTF-8
        "Заметки\n".encode() * 2000 + b"\xff",  # one bad byte far past the beginning
    ],
    ids=["cp1251", "bad-byte-at-the-end"],
)
def test_editor_cannot_upload_a_text_file_that_is_not_utf8(admin_client, content):
    assert_document_rejected(
        admin_client,
        "notes.txt",
        content,
        "This “.txt” file is not plain UTF-8 text. Save it with UTF-8 encoding and upload it "
        "again.",
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_editor_cannot_upload_web_pages_or_svg_as_documents(admin_client, name, content):
    extension = Path(name).suffix[1:]

    assert_document_rejected(
        admin_client,
        name,
        content,
        f"Files of type “{extension}” are not accepted. "
        "Allowed: csv, docx, odp, ods, odt, pdf, pptx, txt, xlsx.",
    )


def test_editor_cannot_upload_a_document_over_20_mib(admin_client):
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    assert limit == 20 * 1024 * 1024
    one_byte_too_many = minimal_pdf() + bytes(limit + 1 - len(minimal_pdf()))

    assert_document_rejected(
        admin_client,
        "report.pdf",
        one_byte_too_many,
        # Wagtail's own check (WAGTAILDOCS_MAX_UPLOAD_SIZE) speaks first; no-break spaces.
        "This file is too big (20.0\xa0MB). Maximum filesize 20.0\xa0MB.",
    )


def test_document_uploaders_tell_editors_what_is_accepted(admin_client):
    help_text = (
        "Accepted types: csv, docx, odp, ods, odt, pdf, pptx, txt, xlsx. "
        "Maximum size: 20.0\xa0MB."  # a no-break space
    )

    for view in ("wagtaildocs:add", "wagtaildocs:add_multiple"):
        assert help_text in admin_client.get(reverse(view)).content.decode(), view
    # The multiple uploader's script turns away other types before sending them.
    assert sorted(settings.WAGTAILDOCS_EXTENSIONS) == ACCEPTED_TYPES
