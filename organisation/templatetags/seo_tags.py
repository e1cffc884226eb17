"""Meta tags and JSON-LD for every page, built from the models (organisation.seo)."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from core import canonical, share_images
from core.chrome import Chrome
from core.templatetags.portal_tags import ancestors
from organisation import seo
from organisation.models import OrganisationSettings
from partners.models import PartnerPage

register = template.Library()

# Characters that could end the <script> element or confuse an HTML parser.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """Description, Open Graph and Twitter card values for the current page."""
    request, page, home = context.get("request"), context.get("page"), context.get("home")
    if request is None or page is None:
        return {}
    org = OrganisationSettings.for_request(request)
    chrome = Chrome.for_request(request)
    if chrome is not None and isinstance(page, Page):
        # The page's and the settings' images: all their renditions in one query.
        chrome.prefetch_images(page)
    image = seo.share_image(page, org)
    try:
        rendition = image.get_rendition("fill-1200x630|format-jpeg") if image else None
    except SourceImageIOError:  # the file is gone: shared with the drawn image instead
        rendition = None
    if rendition is not None:
        picture = {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
        }
    elif isinstance(page, Page) and page.pk and home is not None:
        picture = share_images.share_image(page, home)  # drawn from its title
    else:
        picture = None
    return {
        "description": seo.description(page, home),
        "title": page.seo_title or page.title,
        "site_name": home.title if home else "",
        "locale": seo.og_locale(),
        # The languages announced in hreflang (released, page translated): base.html's links.
        "alternate_locales": [
            seo.og_locale(link["code"])
            for link in context.get("language_versions") or ()
            if link["alternate"] and link["code"] != _current(context)
        ],
        "image": canonical.absolute_url(request, picture["url"]) if picture else "",
        "image_width": picture["width"] if picture else None,
        "image_height": picture["height"] if picture else None,
        "image_alt": picture["alt"] if picture else "",
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """<script type="application/ld+json"> with the page's schema.org graph, CSP nonce set."""
    request, page, home = context.get("request"), context.get("page"), context.get("home")
    if request is None or page is None or home is None:
        return ""
    org = OrganisationSettings.for_request(request)
    chrome = Chrome.for_request(request)
    members = None
    if chrome is not None and chrome.home is not None:
        # The memberships came with the chrome (HomePage.chrome_pages): no query of their own.
        members = [
            each
            for each in chrome.chrome_pages()
            if isinstance(each, PartnerPage)
            and each.relationship == PartnerPage.Relationship.MEMBER
            and each.live
        ]
    trail = ancestors(request, page) if isinstance(page, Page) and page.depth > 2 else None

    def absolute(target):
        if isinstance(target, Page):
            target = target.get_url(request=request)
        return canonical.absolute_url(request, target)

    data = seo.structured_data(page, home, org, absolute, members=members, ancestors=trail)
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        getattr(request, "csp_nonce", ""),
        mark_safe(payload),  # noqa: S308 (JSON with <, > and & escaped above)
    )


def _current(context):
    return context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
