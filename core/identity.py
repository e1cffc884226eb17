"""The site's identity: brand colours, the logo or its wordmark, favicons and web manifest,
and the hero picture of a page.

The colours are written once, as custom properties in static/css/site.css's `:root`; the
icons and share images (core.share_images) read them from there. The favicons are drawn
from the logo on the site settings (core.models.LogoSettingsMixin) or, until one is
uploaded, from the home page's short name: `/favicon.ico` and the PNG icons answer on every
site, never with a 404. Drawn icons are kept in the cache under a version made of what they
are drawn from, so a new logo or short name gives new icons at once; the front cache copies
are refreshed when either changes (`connect`).
"""

import functools
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db.models.signals import post_save
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from wagtail import signals
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.images.models import Filter, Picture, SourceImageIOError

from PIL import Image, ImageDraw, ImageFont, ImageOps

from core.chrome import prime_request
from core.models import HeroImageMixin, LogoSettingsMixin

logger = logging.getLogger(__name__)

# Used when site.css cannot be read (it always can in a checkout); the same values as there.
DEFAULT_COLOURS = {
    "accent": "#00663d",
    "accent-dark": "#004d2e",
    "paper": "#ffffff",
    "ink": "#1b1f23",
}


@functools.cache
def brand_colours():
    """The brand colours from site.css's `:root` custom properties (the one place they are
    written), e.g. {"accent": "#00663d", ...}."""
    colours = dict(DEFAULT_COLOURS)
    path = finders.find("css/site.css")
    if path:
        root = re.search(r":root\s*\{(.*?)\}", Path(path).read_text(encoding="utf-8"), re.S)
        for name, value in re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b", root.group(1)):
            if name in colours:
                colours[name] = value
    return colours


# --- Fonts for drawing ---------------------------------------------------------------------

STATIC_FONTS = Path(settings.BASE_DIR) / "static" / "fonts"
# Debian packages (.ci/run, README "Production"): Noto Sans CJK for Chinese and Korean,
# DejaVu Sans for Arabic (and whatever else Inter lacks).
CJK_FONTS = {
    False: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    True: "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
}
CJK_INDEX = {"ko": 1, "zh-hans": 2}  # faces in the collection: JP, KR, SC, TC, HK
DEJAVU_FONTS = {
    False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
# What the committed Inter latin subset covers. Pillow draws with one file, and a title
# mixes scripts ("Urban-LEDS" in Russian): Cyrillic goes to DejaVu Sans, which has both.
INTER_RANGES = ((0x0000, 0x00FF), (0x0131, 0x0131), (0x0152, 0x0153))
INTER_RANGES += ((0x2000, 0x206F), (0x20AC, 0x20AC), (0x2122, 0x2122), (0x2212, 0x2212))


def _in_inter(text):
    return all(any(low <= ord(char) <= high for low, high in INTER_RANGES) for char in text)


@functools.cache
def _font_file(path, size, index=0):
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.RAQM)


def font_for(text, size, bold=False, language=None):
    """A font that has the glyphs of `text`: Inter (the web font) for Latin, Noto Sans CJK
    for Chinese and Korean, DejaVu Sans for Cyrillic, Arabic and the rest. Raqm shapes
    Arabic and orders right-to-left text (Pillow's wheels bring it)."""
    weight = 700 if bold else 400
    if _in_inter(text):
        return _font_file(str(STATIC_FONTS / f"inter-latin-{weight}-normal.woff2"), size)
    if language in CJK_INDEX or any(0x2E80 <= ord(char) <= 0xD7AF for char in text):
        if Path(CJK_FONTS[bold]).exists():
            return _font_file(CJK_FONTS[bold], size, CJK_INDEX.get(language, 2))
    if Path(DEJAVU_FONTS[bold]).exists():
        return _font_file(DEJAVU_FONTS[bold], size)
    return ImageFont.load_default(size)


# --- The brand of a request ----------------------------------------------------------------


@dataclass
class Brand:
    name: str  # the organisation's name in the active language (the home page's title)
    short_name: str  # e.g. "ICLEI": the wordmark
    logo: object  # a Wagtail image, or None
    home: object  # the site's root page, or None

    @functools.cached_property
    def version(self):
        """Changes when anything the icons are drawn from changes."""
        logo = self.logo
        parts = [self.short_name, json.dumps(brand_colours(), sort_keys=True)]
        if logo is not None:
            parts += [str(logo.pk), logo.file.name, str(logo.file_hash), logo.get_focal_point()]
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def logo_settings(request):
    """The site settings that carry the logo (loaded with the site by core.chrome)."""
    for model in settings_registry:
        if issubclass(model, LogoSettingsMixin):
            return model.for_request(request)
    return None


def brand(request):
    site = prime_request(request)
    home = site.root_page if site is not None else None
    name = getattr(home, "title", "") or ""
    short_name = getattr(home, "short_name", "") or name
    site_settings = logo_settings(request) if site is not None else None
    logo = getattr(site_settings, "logo", None)
    return Brand(name=name, short_name=short_name, logo=logo, home=home)


# --- Drawing the icons ---------------------------------------------------------------------


def _hex(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def wordmark_icon(short_name, size):
    """A square in the brand's green with the short name in white, as large as fits; small
    icons (a browser tab's 16 or 32 pixels) show its first letter only, readable there."""
    colours = brand_colours()
    image = Image.new("RGB", (size, size), _hex(colours["accent"]))
    text = short_name if size >= 64 or len(short_name) <= 2 else short_name[:1]
    text = text.strip() or "·"
    draw = ImageDraw.Draw(image)
    room = size * (0.78 if len(text) > 1 else 0.7)
    font_size = size
    while font_size > 6:
        font = font_for(text, font_size, bold=True)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        if right - left <= room and bottom - top <= room:
            break
        font_size = int(font_size * 0.9)
    draw.text((size / 2, size / 2), text, font=font, fill=_hex(colours["paper"]), anchor="mm")
    return image


def logo_icon(logo, size):
    """The logo, whole, centred on a white square (touch icons must not be transparent)."""
    with logo.open_file() as handle:
        source = Image.open(handle)
        source.load()
    source = ImageOps.exif_transpose(source).convert("RGBA")
    inner = round(size * 0.88)
    source = ImageOps.contain(source, (inner, inner), Image.Resampling.LANCZOS)
    image = Image.new("RGB", (size, size), _hex(brand_colours()["paper"]))
    image.paste(source, ((size - source.width) // 2, (size - source.height) // 2), source)
    return image


def icon_image(current, size):
    if current.logo is not None:
        try:
            return logo_icon(current.logo, size)
        except (OSError, ValueError):  # a missing or unreadable file: the wordmark then
            pass
    return wordmark_icon(current.short_name, size)


ICON_SIZES = (32, 180, 192, 512)
ICO_SIZES = (16, 32, 48)


def icon_bytes(current, kind):
    """PNG (`kind` a size) or ICO (`kind` "ico") bytes, cached by the brand's version."""
    key = f"identity:{current.version}:{kind}"
    data = cache.get(key)
    if data is None:
        buffer = io.BytesIO()
        if kind == "ico":
            largest = icon_image(current, max(ICO_SIZES))
            largest.save(buffer, format="ICO", sizes=[(size, size) for size in ICO_SIZES])
        else:
            icon_image(current, kind).save(buffer, format="PNG", optimize=True)
        data = buffer.getvalue()
        cache.set(key, data, timeout=None)
    return data


# --- Views ---------------------------------------------------------------------------------

ICON_MAX_AGE = 24 * 60 * 60  # browsers ask again after a day; the front cache is refreshed


def _cached_response(content, content_type, version):
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    response["ETag"] = f'"{version}"'  # ConditionalGetMiddleware answers 304 with it
    return response


@require_safe
def favicon(request):
    current = brand(request)
    return _cached_response(icon_bytes(current, "ico"), "image/x-icon", current.version)


@require_safe
def icon(request, size):
    if size not in ICON_SIZES:
        raise Http404
    current = brand(request)
    return _cached_response(icon_bytes(current, size), "image/png", current.version)


def icon_urls():
    return {
        "ico": reverse("favicon"),
        32: reverse("icon-32"),
        180: reverse("apple-touch-icon"),
        192: reverse("icon-192"),
        512: reverse("icon-512"),
    }


@require_safe
def manifest(request):
    """The web manifest in the active language (name and short name from the home page)."""
    current = brand(request)
    colours = brand_colours()
    urls = icon_urls()
    language = translation.get_language()
    start_url = current.home.get_url(request=request) if current.home is not None else "/"
    data = {
        "name": current.name,
        "short_name": current.short_name,
        "lang": language,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": start_url,
        "scope": "/",
        "display": "browser",
        "background_color": colours["paper"],
        "theme_color": colours["accent"],
        "icons": [
            {"src": urls[size], "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    content = json.dumps(data, ensure_ascii=False, indent=2)
    version = hashlib.sha256(content.encode()).hexdigest()[:16]
    return _cached_response(content, "application/manifest+json; charset=utf-8", version)


@require_safe
def default_manifest(request):
    """/site.webmanifest, where browsers look without a link: the default language's."""
    with translation.override(settings.LANGUAGE_CODE):
        return manifest(request)


# --- Front cache -----------------------------------------------------------------------------


def identity_urls():
    """Every URL whose answer depends on the logo or the short name."""
    urls = [*icon_urls().values(), reverse("manifest-default")]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("manifest"))
    return urls


def refresh_identity(sender, instance, **kwargs):
    """A logo or a home page published anew: the icons and manifests in the front cache are
    fetched again (their ETags are versioned, so browsers revalidating get the new ones)."""
    from core.frontend_cache import front_cache_configured, refresh_after_commit

    if isinstance(instance, LogoSettingsMixin) or (
        getattr(instance, "depth", None) == 2 and hasattr(instance, "short_name")
    ):
        if front_cache_configured():
            from wagtail.models import Site

            roots = [site.root_url for site in Site.objects.all()]
            refresh_after_commit([root + url for root in roots for url in identity_urls()])


def connect():
    post_save.connect(refresh_identity, dispatch_uid="identity_settings_saved")
    signals.page_published.connect(refresh_identity, dispatch_uid="identity_home_published")


# --- Hero pictures --------------------------------------------------------------------------

HERO_SPECS = "format-{webp,jpeg}|fill-{800x400,1600x800}"
HERO_SIZES = "(min-width: 72rem) 72rem, 100vw"


@dataclass
class Hero:
    renditions: dict  # filter spec -> rendition, WebP and JPEG at two widths
    alt: str
    credit: str
    sizes: str = HERO_SIZES

    @property
    def preload_srcset(self):
        """The WebP candidates, for <link rel=preload imagesrcset> (browsers that preload
        images read WebP)."""
        return Picture.get_width_srcset(Picture(self.renditions).formats["webp"])

    def __html__(self):
        attrs = {
            "sizes": self.sizes,
            "alt": self.alt,
            "class": "hero__img",
            # The largest picture above the fold: fetched first, never lazily.
            "fetchpriority": "high",
        }
        return Picture(self.renditions, attrs).__html__()

    def __str__(self):
        return self.__html__()


def hero(request, page):
    """The page's hero picture (its hero image, else a programme's own image), with its
    renditions made once per request: the <head> preloads what the page then shows."""
    if not isinstance(page, HeroImageMixin):
        return None
    cached = getattr(request, "_portal_hero", None)
    if cached is not None and cached[0] == page.pk:
        return cached[1]
    image = getattr(page, "hero_image", None)
    alt = getattr(page, "hero_alt", "") or ""
    if image is None and getattr(page, "image", None) is not None:
        image = page.image
        alt = image.default_alt_text or ""
    result = None
    if image is not None:
        filters = [Filter(spec=spec) for spec in Filter.expand_spec(HERO_SPECS.split("|"))]
        try:
            renditions = image.get_renditions(*filters)
        except SourceImageIOError:  # the file is gone: the page shows without its picture
            logger.warning("Hero image %s of page %s cannot be read", image.pk, page.pk)
        else:
            result = Hero(renditions, alt=alt, credit=getattr(page, "hero_credit", "") or "")
    if request is not None:
        request._portal_hero = (page.pk, result)
    return result
