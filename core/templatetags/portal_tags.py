"""Template tags for the page chrome: language switcher, navigation, breadcrumbs."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.templatetags.wagtailcore_tags import richtext

from core import canonical, sections
from core.chrome import Chrome
from core.collation import sorted_by
from core.countries import country_name
from core.languages import falls_back, is_translated, released_languages, sees_unreleased
from core.lists import format_list
from core.translation_fallback import field_in_language, is_empty

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per released language, to the same page in that language (its own slug).

    Staff also get the languages not yet released (marked `released: False`). `alternate`
    says whether search engines are told of the link (hreflang): a released language in
    which the page's title and main text are translated (core.languages).
    """
    request = context.get("request")
    page = context.get("page")
    chrome = Chrome.for_request(request)
    current = translation.get_language()
    released = set(released_languages(request))
    staff = sees_unreleased(request)
    links = []
    for code, name in settings.LANGUAGES:
        if code not in released and not staff:
            continue
        is_page = isinstance(page, Page) and page.pk
        if is_page and chrome is not None:
            # From the page's stored URL path in each language: no query.
            url = chrome.url_in_language(page, code)
        elif is_page:
            with translation.override(code):
                url = page.get_url(request=request)
        elif context.get("error_page") or request is None:
            url = f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        # A routable page's own route (e.g. "archive/2021/") is the same in every language.
        url += context.get("page_route", "") if isinstance(page, Page) else ""
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
                "released": code in released,
                "alternate": code in released and (not is_page or is_translated(page, code)),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def site_root(context):
    """The current site's home page, specific (so its translated fields are there)."""
    request = context.get("request")
    chrome = Chrome.for_request(request)
    if chrome is not None and chrome.home is not None:
        return chrome.home  # loaded with the site, in its specific type
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


@register.simple_tag(takes_context=True)
def site_url(context):
    """The site's scheme and host from its Site record, for absolute URLs (core.canonical)."""
    return canonical.root_url(context.get("request"))


@register.simple_tag(takes_context=True)
def menu_items(context, root, page=None):
    """The home page's menu children (an empty listing section left out: core.sections), each
    marked when it is the current page or its section."""
    if root is None:
        return []
    chrome = Chrome.for_request(context.get("request"))
    if chrome is not None and chrome.home is not None and chrome.home.pk == root.pk:
        children = [child for child in chrome.home_children() if sections.in_menu(child)]
    else:
        children = root.get_children().live().public().in_menu()
        children = children.annotate(has_items=sections.has_items())
        children = [child for child in children if sections.in_menu(child)]
    items = []
    for item in children:
        current = None
        if isinstance(page, Page) and page.path.startswith(item.path):
            current = "page" if page.pk == item.pk else "true"
        items.append({"page": item, "current": current})
    return items


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors below the tree root, the home page first."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return ancestors(context.get("request"), page)


def ancestors(request, page):
    """The page's ancestors below the tree root; from the chrome when it has them."""
    chrome = Chrome.for_request(request)
    trail = chrome.ancestors(page) if chrome is not None else None
    if trail is None:
        trail = list(page.get_ancestors().filter(depth__gte=2))
    return trail


@register.filter
def by_name(countries):
    """django-countries Country objects sorted by their name in the active language."""
    return sorted_by(countries, country_name)


@register.filter(name="country_name")
def country_name_filter(country):
    """{{ country|country_name }}: CLDR's name in the active language (core.countries)."""
    return country_name(country)


@register.filter
def country_names(countries):
    """{{ page.countries|by_name|country_names|as_list }}: each country's CLDR name."""
    return [country_name(country) for country in countries]


@register.filter
def names(objects):
    """{{ themes|names|as_list }}: each object's name."""
    return [str(obj.name) for obj in objects]


@register.filter
def as_list(items):
    """{{ names|as_list }}: “A, B and C” in the active language's words (core.lists)."""
    return format_list(items)


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


@register.inclusion_tag("components/fallback_notice.html", takes_context=True)
def page_fallback_notice(context):
    """One short note per page, in the visitor's language, when some of the page's own text
    shows in English (each such part keeps its lang/dir marks)."""
    page = context.get("page")
    language = translation.get_language()
    return {
        "show": isinstance(page, Page) and falls_back(page, language),
        "language_name": dict(settings.LANGUAGES).get(language, language),
    }


@register.simple_tag
def fallback_notice(value):
    """Kept for templates written against it: the page's one notice now comes from
    {% page_fallback_notice %} in base.html, so a notice per field would repeat it."""
    return ""


@register.filter
def lang_attrs(value):
    """lang="en" dir="ltr" on text that fell back to English (screen readers switch voice,
    and right-to-left pages keep its punctuation in place); nothing otherwise."""
    if getattr(value, "fallback", False):
        return format_html(' lang="{}" dir="ltr"', value.language)
    return ""


@register.simple_tag(takes_context=True)
def text(context, obj, field_name, element="p", css_class="", notice=False):
    """A translated field in its element, marked when it fell back to English.

    {% text page "summary" "p" "lead" %} renders <p class="lead">…</p>; when the visitor's
    language has no text of its own, the English shows with lang/dir set (the page says so
    once, {% page_fallback_notice %}; `notice` is accepted for older templates). Rich text
    and StreamFields render as such.
    """
    shown = field_in_language(obj, field_name)
    if is_empty(shown.value):
        return ""
    model_field = obj._meta.get_field(field_name)
    if isinstance(model_field, StreamField):
        content = shown.value.render_as_block(context=context.flatten())
    elif isinstance(model_field, RichTextField):
        content = richtext(shown.value)
    else:
        content = conditional_escape(shown.value)
    class_attr = format_html(' class="{}"', css_class) if css_class else ""
    html = format_html(
        "<{0}{1}{2}>{3}</{0}>",
        element,
        class_attr,
        lang_attrs(shown),
        mark_safe(content),  # noqa: S308
    )
    return html
