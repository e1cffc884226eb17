"""Slugs a page cannot take: the addresses its parent answers itself.

A routable page answers its own routes before its children's slugs (Wagtail, core.routing):
under the events directory, which serves `ics/` (its calendar feed) and `archive/<year>/`,
an event slugged `ics` could never be reached. Below the site's root page, the portal's own
URLs come first (`search/`, `feeds/…`). So a page's slug, in every language, may not be the
first segment of one of its parent's routes, nor an address its parent's routes match.

Checked by TranslatedPageMixin (core.models) wherever a page is validated: its model clean
(admin forms, publishing, revisions, imports, commands; the admin form tells a page not yet
created its parent), and by the admin's copy, move and bulk move views (core.wagtail_hooks).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.translation import gettext

from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.routable_page.models import RoutablePageMixin

LITERAL = re.compile(r"[-\w]+")


def _head(pattern):
    """The first path segment a URL pattern matches literally ("ics" of `^ics/$`), or None."""
    head = str(pattern).lstrip("^").split("/", 1)[0]
    return head if LITERAL.fullmatch(head) else None


def _site_patterns():
    """The URL patterns under each language's prefix other than Wagtail's page view."""
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLResolver) and not str(pattern.pattern):
                    # include("") of Wagtail's URLs: all but the page view itself
                    found += [
                        each
                        for each in pattern.url_patterns
                        if getattr(each, "name", None) != "wagtail_serve"
                    ]
                else:
                    found.append(pattern)
    return found


def _patterns_of(parent):
    """The URL patterns that answer before the parent's children do."""
    patterns = []
    specific = parent.specific_class
    if specific is not None and issubclass(specific, RoutablePageMixin):
        patterns += specific.get_subpage_urls()
    if parent.is_site_root():
        patterns += _site_patterns()
    return patterns


def taken_by(parent, slug):
    """The parent's route that answers `<slug>/` or addresses below it, or None."""
    for pattern in _patterns_of(parent):
        if _head(pattern.pattern) == slug or pattern.pattern.match(f"{slug}/"):
            return pattern
    return None


def slug_errors(page, parent, slugs=None):
    """{field name: message} for each language's slug of `page` (or of `slugs`, {field name:
    slug}, e.g. a copy's new slug) that `parent` answers."""
    if parent is None:
        return {}
    errors = {}
    for code, _name in settings.LANGUAGES:
        name = build_localized_fieldname("slug", code)
        slug = getattr(page, name, None) if slugs is None else slugs.get(name)
        if not slug:
            continue  # a language without its own slug uses the English one
        if taken_by(parent, slug) is None:
            continue
        errors[name] = gettext(
            "%(field)s: “%(slug)s” is an address “%(parent)s” uses itself (%(address)s), so a "
            "page with this slug could not be reached. Choose another slug."
        ) % {
            "field": page._meta.get_field(name).verbose_name,
            "slug": slug,
            "parent": parent.title,
            "address": f"…/{slug}/",
        }
    return errors


def validate_slugs(page, parent):
    errors = slug_errors(page, parent)
    if errors:
        raise ValidationError(errors)
