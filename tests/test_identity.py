"""The site's identity: favicons and manifest, logo or wordmark, web font, share images drawn
per language, hero pictures and priority icons."""

import json
import re
from io import BytesIO

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from images.models import CustomImage
from organisation.models import HomePage, OrganisationSettings, PriorityPage
from programmes.models import ProgrammePage
from tests.helpers import publish

pytestmark = pytest.mark.django_db

ICONS = {
    "/favicon-32x32.png": 32,
    "/apple-touch-icon.png": 180,
    "/icon-192.png": 192,
    "/icon-512.png": 512,
}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def png(colour, size=(800, 400)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def image(title="Picture", colour="red", size=(1600, 1000), **fields):
    return CustomImage.objects.create(
        title=title, file=ContentFile(png(colour, size), f"{title}.png"), **fields
    )


def upload_logo(colour="red"):
    logo = image("Logo", colour, (600, 300))
    settings_row = OrganisationSettings.objects.get()
    settings_row.logo = logo
    settings_row.save()
    return logo


def opened(response):
    picture = PILImage.open(BytesIO(b"".join(response) if response.streaming else response.content))
    picture.load()
    return picture


def centre(picture):
    return picture.convert("RGB").getpixel((picture.width // 2, picture.height // 2))


# --- Favicons and manifest ---------------------------------------------------------------------


def test_favicons_are_drawn_from_the_wordmark_until_a_logo_is_uploaded(client, seeded_site):
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert favicon["Content-Type"] == "image/x-icon"
    ico = opened(favicon)
    assert ico.format == "ICO"
    assert (32, 32) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]

    for url, size in ICONS.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "max-age" in response["Cache-Control"]
        icon = opened(response)
        assert (icon.format, icon.size) == ("PNG", (size, size))
        # The wordmark: white letters on the brand's green.
        assert icon.convert("RGB").getpixel((2, 2)) == (0x00, 0x66, 0x3D)
        assert (255, 255, 255) in {
            colour for _count, colour in icon.convert("RGB").getcolors(1 << 16)
        }


def test_favicons_are_drawn_from_the_logo_once_one_is_uploaded(client, seeded_site):
    before = client.get("/icon-512.png")
    upload_logo("red")

    after = client.get("/icon-512.png")

    assert after["ETag"] != before["ETag"]  # browsers revalidating get the new icon
    icon = opened(after)
    assert icon.size == (512, 512)
    assert centre(icon) == (255, 0, 0)  # the logo, centred
    assert icon.convert("RGB").getpixel((2, 2)) == (255, 255, 255)  # on white
    assert opened(client.get("/favicon.ico")).format == "ICO"


def test_an_unchanged_icon_is_answered_not_modified(client, seeded_site):
    first = client.get("/apple-touch-icon.png")

    again = client.get("/apple-touch-icon.png", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304


def test_the_web_manifest_names_the_organisation_in_each_language(
    all_languages_released, client, home_page
):
    publish(home_page, title_ru="ИКЛЕИ – Местные органы власти за устойчивое развитие")

    english = json.loads(client.get("/site.webmanifest").content)
    russian = json.loads(client.get("/ru/site.webmanifest").content)

    assert english["name"] == "ICLEI – Local Governments for Sustainability"
    assert english["short_name"] == "ICLEI"
    assert english["start_url"] == "/en/"
    assert russian["name"] == "ИКЛЕИ – Местные органы власти за устойчивое развитие"
    assert russian["lang"] == "ru" and russian["start_url"] == "/ru/"
    assert {icon["sizes"] for icon in russian["icons"]} == {"192x192", "512x512"}
    for icon in russian["icons"]:
        assert client.get(icon["src"]).status_code == 200
    arabic = json.loads(client.get("/ar/site.webmanifest").content)
    assert arabic["dir"] == "rtl"


def test_every_page_links_its_icons_and_its_languages_manifest(client, seeded_site):
    soup = soup_of(client.get("/ru/"))

    assert soup.select_one('link[rel="icon"][href="/favicon.ico"]')
    assert soup.select_one('link[rel="apple-touch-icon"]')["href"] == "/apple-touch-icon.png"
    assert soup.select_one('link[rel="manifest"]')["href"] == "/ru/site.webmanifest"


def test_a_new_logo_refreshes_the_icons_in_the_front_cache(
    seeded_site, refreshed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload_logo()

    assert "http://localhost/favicon.ico" in refreshed
    assert "http://localhost/icon-512.png" in refreshed
    assert "http://localhost/ar/site.webmanifest" in refreshed


# --- Header: logo or wordmark ------------------------------------------------------------------


def test_the_header_shows_the_wordmark_until_a_logo_is_uploaded(client, seeded_site):
    brand = soup_of(client.get("/en/")).select_one(".site-header__brand")
    assert brand.select_one(".brand__wordmark").get_text() == "ICLEI"
    assert brand.select_one(".brand__wordmark")["aria-hidden"] == "true"
    assert "Local Governments for Sustainability" in brand.get_text()

    upload_logo()

    brand = soup_of(client.get("/en/")).select_one(".site-header__brand")
    assert brand.select_one(".brand__wordmark") is None
    logo = brand.select_one("img")
    assert logo["alt"] == "ICLEI – Local Governments for Sustainability"
    assert logo["width"] and logo["height"]
    assert brand.select_one('source[type="image/webp"]')


# --- Web font ----------------------------------------------------------------------------------


def test_the_web_font_is_served_and_swapped_in(all_languages_released, client, seeded_site):
    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    faces = re.findall(r"@font-face\s*\{(.*?)\}", css, re.S)

    assert len(faces) == 4  # Latin and Cyrillic, regular and bold
    for face in faces:
        assert "font-display: swap" in face
        assert "unicode-range:" in face
        url = re.search(r'url\("\.\./(fonts/[^"]+\.woff2)"\)', face).group(1)
        response = client.get(f"/static/{url}")
        assert response.status_code == 200
        assert b"".join(response)[:4] == b"wOF2"
    assert finders.find("fonts/Inter-LICENSE.txt")

    soup = soup_of(client.get("/ru/"))
    preloads = [link["href"] for link in soup.select('link[rel="preload"][as="font"]')]
    assert "/static/fonts/inter-cyrillic-400-normal.woff2" in preloads
    # Chinese pages are set in the system's fonts: nothing to preload.
    assert not soup_of(client.get("/zh-hans/")).select('link[rel="preload"][as="font"]')


# --- Share images ------------------------------------------------------------------------------


def og_image(client, url):
    soup = soup_of(client.get(url))
    content = soup.select_one('meta[property="og:image"]')["content"]
    assert content.startswith("http://localhost/media/share-images/")
    return content


def fetched(client, absolute_url):
    from django.core.files.storage import default_storage

    name = absolute_url.split("/media/", 1)[1]
    with default_storage.open(name) as handle:
        picture = PILImage.open(handle)
        picture.load()
    return picture


def text_pixels(picture):
    """Pixels in the title's area that are darker than the background: the drawn letters."""
    title_area = picture.convert("L").crop((100, 60, 1100, 400))
    return sum(title_area.histogram()[:128])


@pytest.mark.parametrize(
    ("language", "title", "new_title"),
    [
        ("ar", "الحوكمة متعددة المستويات", "الحوكمة المحلية"),
        ("zh-hans", "多层次治理", "地方政府"),
    ],
)
def test_a_page_without_a_picture_is_shared_with_its_title_drawn_in_its_language(
    all_languages_released, client, seeded_site, language, title, new_title
):
    priority = PriorityPage.objects.get(number=1)
    field = f"title_{language.replace('-', '_')}"
    publish(priority, **{field: title})
    url = f"/{language}/priorities/multilevel-governance/"

    first = og_image(client, url)
    picture = fetched(client, first)

    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    assert text_pixels(picture) > 2000
    assert soup_of(client.get(url)).select_one('meta[property="og:image:alt"]')["content"] == title

    publish(priority, **{field: new_title})
    second = og_image(client, url)

    assert second != first
    assert fetched(client, second).tobytes() != picture.tobytes()


def test_a_page_with_its_own_picture_is_shared_with_it(client, seeded_site):
    programme = ProgrammePage.objects.get(slug_en="urban-leds")
    publish(programme, image=image("Cities", "blue"))

    assert "/share-images/" not in og_image_or_none(client, "/en/programmes/urban-leds/")


def og_image_or_none(client, url):
    tag = soup_of(client.get(url)).select_one('meta[property="og:image"]')
    return tag["content"] if tag else ""


# --- Hero pictures -----------------------------------------------------------------------------


def test_a_hero_picture_is_preloaded_responsive_and_never_lazy(client, home_page):
    hero = image("Bonn", "green", (2400, 1400), focal_point_x=300, focal_point_y=300)
    hero.focal_point_width = hero.focal_point_height = 200
    hero.save()
    publish(home_page, hero_image=hero, hero_alt_en="Bonn's Rhine bank", hero_credit="ICLEI")

    soup = soup_of(client.get("/en/"))

    figure = soup.select_one("main figure.hero-image")
    img = figure.select_one("img")
    assert img["alt"] == "Bonn's Rhine bank"
    assert img["width"] and img["height"]
    assert img.get("loading") != "lazy"
    assert img["fetchpriority"] == "high"
    webp = figure.select_one('source[type="image/webp"]')
    assert webp and "800w" in webp["srcset"] and "1600w" in webp["srcset"]
    assert "ICLEI" in figure.figcaption.get_text()
    preload = soup.select_one('head link[rel="preload"][as="image"]')
    assert preload["imagesrcset"] == webp["srcset"]
    assert preload["imagesizes"] == webp["sizes"]


def test_a_page_without_a_hero_picture_preloads_none(client, seeded_site):
    soup = soup_of(client.get("/en/priorities/multilevel-governance/"))

    assert not soup.select("figure.hero-image")
    assert not soup.select('link[rel="preload"][as="image"]')


def test_a_programmes_own_picture_is_its_hero(client, seeded_site):
    programme = ProgrammePage.objects.get(slug_en="urban-leds")
    publish(programme, image=image("Cities", "blue"))

    soup = soup_of(client.get("/en/programmes/urban-leds/"))

    assert soup.select_one("article header figure.hero-image img")
    assert soup.select_one('head link[rel="preload"][as="image"]')


# --- Priority icons ----------------------------------------------------------------------------


def test_each_priority_has_its_icon_hidden_from_screen_readers(client, seeded_site):
    soup = soup_of(client.get("/en/priorities/"))

    icons = soup.select(".priority-list svg.priority-icon")
    assert len(icons) == 5
    assert len({tuple(icon["class"]) for icon in icons}) == 5  # five different drawings
    for icon in icons:
        assert icon["aria-hidden"] == "true"
        assert icon.select("path, circle")

    page = soup_of(client.get("/en/priorities/multilevel-governance/"))
    assert page.select_one("svg.priority-icon--governance")["aria-hidden"] == "true"


def test_editors_pick_a_priority_icon(client, seeded_site):
    priority = PriorityPage.objects.get(number=2)
    publish(priority, icon=PriorityPage.Icon.CLIMATE)

    soup = soup_of(client.get("/en/priorities/"))

    assert soup.select_one("svg.priority-icon--climate")
    assert not soup.select_one("svg.priority-icon--pollutants")


def test_the_home_page_shows_the_priorities_with_their_icons(client, seeded_site):
    assert HomePage.objects.get().hero_image is None
    soup = soup_of(client.get("/en/"))

    assert len(soup.select(".priority-list svg.priority-icon")) == 5


def test_a_hero_image_whose_file_is_gone_leaves_the_page_standing(client, home_page):
    hero = image("Lost", "green", (1600, 900))
    publish(home_page, hero_image=hero)
    hero.file.storage.delete(hero.file.name)

    soup = soup_of(client.get("/en/"))

    assert not soup.select("figure.hero-image")
    assert not soup.select('link[rel="preload"][as="image"]')


@pytest.mark.parametrize(
    ("language", "letters"),
    [("en", "Aé"), ("ru", "ДЖы"), ("ar", "بلد"), ("zh-hans", "城市"), ("ko", "도시")],
)
def test_share_images_draw_each_scripts_letters_not_missing_glyph_boxes(language, letters):
    from core.identity import font_for

    font = font_for(letters, 60, bold=True, language=language)

    def drawn(text):
        mask = font.getmask(text)
        return mask.size, bytes(mask)

    missing = drawn("\ue000")  # a private-use character: the font's empty box
    for letter in letters:
        assert drawn(letter) != missing, letter


def test_articles_and_events_carry_a_hero_picture_with_translated_alt_text(client, seeded_site):
    import datetime

    from news.models import ArticlePage, NewsIndexPage
    from partners.models import EventIndexPage, EventPage

    picture = image("Square", "green", (2400, 1400))
    article = NewsIndexPage.objects.get().add_child(
        instance=ArticlePage(
            title_en="Cities clean their air",
            slug_en="cities-clean-their-air",
            summary_en="What cities did.",
            date=datetime.date(2026, 11, 30),
            hero_image=picture,
            hero_alt_en="A square with trees",
            hero_alt_ru="Площадь с деревьями",
            hero_credit="ICLEI",
        )
    )
    article.save_revision().publish()
    event = EventIndexPage.objects.get().add_child(
        instance=EventPage(
            title_en="Clean air forum",
            slug_en="clean-air-forum",
            summary_en="A forum.",
            hero_image=picture,
            hero_alt_en="A square with trees",
        )
    )
    event.save_revision().publish()

    for url, alt in (
        ("/en/news/cities-clean-their-air/", "A square with trees"),
        ("/ru/novosti/cities-clean-their-air/", "Площадь с деревьями"),
        ("/en/events/clean-air-forum/", "A square with trees"),
    ):
        soup = soup_of(client.get(url))
        img = soup.select_one("main figure.hero-image img")
        assert img is not None, url
        assert img["alt"] == alt
        assert img.get("loading") != "lazy"
        assert soup.select_one('head link[rel="preload"][as="image"]'), url
