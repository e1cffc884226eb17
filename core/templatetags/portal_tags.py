"""Template tags for the page chrome: language switcher, navigation, breadcrumbs."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.timesince import timesince

from wagtail.models import Page, Site

from core.translation_fallback import field_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language, to the same page in that language (its own slug)."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page) and page.pk:
            with translation.override(code):
                url = page.get_url(request=request)
        elif context.get("error_page") or request is None:
            url = f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def site_root(context):
    """The current site's home page, specific (so its translated fields are there)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


@register.simple_tag
def menu_items(root, page=None):
    """The home page's menu children, each marked when it is the current page or its section."""
    if root is None:
        return []
    items = []
    for item in root.get_children().live().public().in_menu():
        current = None
        if isinstance(page, Page) and page.path.startswith(item.path):
            current = "page" if page.pk == item.pk else "true"
        items.append({"page": item, "current": current})
    return items


@register.simple_tag
def breadcrumbs(page):
    """Ancestors below the tree root, the home page first."""
    if not isinstance(page, Page) or page.depth <= 2:
        return Page.objects.none()
    return page.get_ancestors().filter(depth__gte=2)


@register.filter
def by_name(countries):
    """django-countries Country objects sorted by their name in the active language."""
    return sorted(countries, key=lambda country: str(country.name))


@register.filter
def as_duration(delta):
    """A timedelta in words of the active language, e.g. “15 minutes”."""
    if not delta:
        return ""
    now = timezone.now()
    return timesince(now - delta, now)


@register.simple_tag
def field(obj, field_name):
    """{% field page "summary" as summary %}: the value, plus .fallback and .language.

    Templates mark fallback text with lang="{{ summary.language }}" and may add
    {% fallback_notice %} after it.
    """
    return field_in_language(obj, field_name)


@register.inclusion_tag("components/fallback_notice.html")
def fallback_notice(value):
    """A short note, in the visitor's language, that this part is shown in English."""
    language = translation.get_language()
    return {
        "show": getattr(value, "fallback", False),
        "language_name": dict(settings.LANGUAGES).get(language, language),
        "source_language": value.language if value else settings.LANGUAGE_CODE,
    }
