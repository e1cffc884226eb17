"""Template tags for the site's identity: brand, favicons and fonts in <head>, hero pictures."""

from django import template
from django.templatetags.static import static
from django.utils import translation

from core import identity

register = template.Library()

# The Inter subsets (static/fonts) a language's text is set in; Chinese, Korean and Arabic
# use the system's fonts (site.css), so their pages download no web font.
FONT_SUBSETS = {
    "en": ("latin",),
    "de": ("latin",),
    "fr": ("latin",),
    "es": ("latin",),
    "pt": ("latin",),
    "ru": ("cyrillic", "latin"),
}


@register.simple_tag(takes_context=True)
def brand(context):
    """{% brand as brand %}: the organisation's name, short name (wordmark) and logo."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_portal_brand"):
        request._portal_brand = identity.brand(request)
    return request._portal_brand


@register.simple_tag
def brand_colour(name):
    return identity.brand_colours()[name]


@register.simple_tag
def font_preloads():
    """URLs of the regular-weight font files the active language's text needs at once."""
    subsets = FONT_SUBSETS.get(translation.get_language(), ())
    return [static(f"fonts/inter-{subset}-400-normal.woff2") for subset in subsets]


@register.simple_tag(takes_context=True)
def hero(context, page=None):
    """{% hero page as hero %}: the page's hero picture (core.identity.Hero) or None."""
    return identity.hero(context.get("request"), page or context.get("page"))
