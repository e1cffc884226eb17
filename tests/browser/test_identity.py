"""What a visitor's browser makes of the identity: the web font in use, the hero picture in
WebP fetched at once, the logo in the header, all without an axe violation."""

from pathlib import Path

import pytest

from tests.browser.test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PRIORITY = "/en/priorities/local-capacity-and-tools/"

_ADD_HERO = """
from io import BytesIO
from django.core.files.base import ContentFile
from PIL import Image
from images.models import CustomImage
from organisation.models import PriorityPage
buffer = BytesIO()
Image.new("RGB", (2000, 1200), (40, 90, 60)).save(buffer, "JPEG")
hero = CustomImage.objects.create(title="Hero", file=ContentFile(buffer.getvalue(), "hero.jpg"))
page = PriorityPage.objects.get(number=3).get_latest_revision_as_object()
page.hero_image = hero
page.hero_alt_en = "Council members at a workshop"
page.hero_credit = "ICLEI"
page.save_revision().publish()
"""

_SET_LOGO = """
from io import BytesIO
from django.core.files.base import ContentFile
from PIL import Image
from images.models import CustomImage
from organisation.models import OrganisationSettings
settings = OrganisationSettings.objects.get()
if {add}:
    buffer = BytesIO()
    Image.new("RGB", (600, 200), (0, 102, 61)).save(buffer, "PNG")
    settings.logo = CustomImage.objects.create(
        title="Logo", file=ContentFile(buffer.getvalue(), "logo.png")
    )
else:
    settings.logo = None
settings.save()
"""


def serve_media(page, server_shell):
    """Media files as nginx serves them in production (runserver serves none when DEBUG is
    off): straight from the server's media folder."""
    root = Path(
        server_shell("from django.conf import settings; print(settings.MEDIA_ROOT)").splitlines()[
            -1
        ]
    )

    def fulfil(route):
        name = route.request.url.split("/media/", 1)[1]
        path = root / name
        if not path.is_file():
            route.fulfill(status=404)
            return
        route.fulfill(path=str(path))

    page.route("**/media/**", fulfil)


def test_a_hero_picture_arrives_first_in_webp_and_the_page_passes_axe(
    new_page, axe_source, server_shell
):
    server_shell(_ADD_HERO)
    page = new_page(viewport={"width": 1280, "height": 800})
    serve_media(page, server_shell)
    fonts = []
    page.on(
        "response", lambda response: fonts.append(response) if ".woff2" in response.url else None
    )

    page.goto(PRIORITY)
    page.wait_for_load_state("load")

    hero = page.locator("figure.hero-image img")
    assert hero.get_attribute("alt") == "Council members at a workshop"
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert hero.evaluate("img => img.currentSrc").endswith(".webp")
    assert hero.evaluate("img => img.loading") != "lazy"
    box = hero.bounding_box()
    assert box["y"] < 800  # above the fold
    assert page.evaluate("document.fonts.check('16px Inter')")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("Inter")
    assert fonts and all(response.status == 200 for response in fonts)
    assert axe_violations(page, axe_source) == []


def test_the_logo_replaces_the_wordmark_in_the_header(new_page, axe_source, server_shell):
    server_shell(_SET_LOGO.format(add=True))
    try:
        page = new_page(viewport={"width": 390, "height": 800})
        serve_media(page, server_shell)
        page.goto("/ru/")
        logo = page.locator(".site-header__brand img")
        assert logo.get_attribute("alt")
        assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
        assert page.locator(".brand__wordmark").count() == 0
        assert axe_violations(page, axe_source) == []
        favicon = page.request.get("/favicon.ico")
        assert favicon.status == 200 and favicon.headers["content-type"] == "image/x-icon"
    finally:
        server_shell(_SET_LOGO.format(add=False))
