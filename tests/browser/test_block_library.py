"""A general page with every block of the body library, in a real browser: it passes axe in
English, Russian and Arabic; its table hides no column on a 390 px phone; its FAQ opens with
JavaScript off; its video loads nothing from the provider and the CSP stays as strict."""

import pytest

from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Run on the test server: a general page under the home page whose body has every block.
BUILD = """
import uuid
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from organisation.models import GeneralPage, HomePage
from tests.test_block_library import VIDEO, library_blocks

page = GeneralPage.objects.filter(slug_en="every-block").first()
if page is None:
    image = get_image_model().objects.create(
        title="Roof", file=get_test_image_file(), description="Solar panels"
    )
    document = get_document_model().objects.create(title="Annual report")
    document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.4\\n%%EOF\\n"), save=True)
    Embed.objects.get_or_create(
        hash=get_embed_hash(VIDEO),
        defaults=dict(url=VIDEO, type="video", html="", title="Film", provider_name="YouTube"),
    )
    home = HomePage.objects.get()
    other = home.get_children().live().first()
    body = [
        {"type": "heading", "value": "Every block", "id": str(uuid.uuid4())},
        {
            "type": "paragraph",
            "value": '<p data-block-key="p1">Text with a <b>bold</b> word.</p>',
            "id": str(uuid.uuid4()),
        },
        *library_blocks(image, document, other.pk).values(),
    ]
    page = home.add_child(
        instance=GeneralPage(
            title="Every block", title_en="Every block", slug="every-block",
            slug_en="every-block", intro_en="A page with each block.", body_en=body,
        )
    )
    page.save_revision().publish()
print("ok")
"""

URLS = {"en": "/en/every-block/", "ru": "/ru/every-block/", "ar": "/ar/every-block/"}
WIDTHS = {"en": 1280, "ru": 320, "ar": 375}
PROVIDER_HOSTS = ("youtube.com", "youtu.be", "ytimg.com", "googlevideo.com")


@pytest.fixture(scope="module")
def every_block_page(server_shell):
    assert server_shell(BUILD).endswith("ok")
    return URLS


@pytest.mark.parametrize("language", URLS)
def test_every_block_passes_axe_and_fits_the_screen(
    new_page, axe_source, every_block_page, language
):
    page = new_page(viewport={"width": WIDTHS[language], "height": 800})
    response = page.goto(every_block_page[language])
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page, axe_source) == []
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_video_loads_nothing_from_its_provider_and_the_csp_stays_strict(
    new_page, every_block_page
):
    page = new_page(viewport={"width": 1280, "height": 800})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(every_block_page["en"])
    page.wait_for_load_state("networkidle")

    assert [url for url in requested if any(host in url for host in PROVIDER_HOSTS)] == []
    assert page.locator("iframe").count() == 0
    policy = response.headers["content-security-policy"]
    assert "youtube" not in policy and "frame-src" not in policy
    facade = page.locator(".embed-block a")
    assert facade.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "Our film" in facade.inner_text()


def test_the_table_shows_every_column_on_a_390_px_phone(new_page, every_block_page):
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(every_block_page["en"])
    region = page.locator(".table-block")
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth"), "nothing scrolled away"
    width = page.evaluate("document.documentElement.clientWidth")
    for cell in page.locator(".table-block th, .table-block td").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, cell.inner_text()
    headings = page.locator(".table-block thead th").all_inner_texts()
    assert headings == ["City", "Tonnes", "Note"]


def test_the_faq_opens_without_javascript(new_page, every_block_page):
    page = new_page(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page.goto(every_block_page["en"])
    answer = page.get_by_text("Any local government.")
    assert not answer.is_visible()
    page.get_by_text("Who can join?").click()
    assert answer.is_visible()
