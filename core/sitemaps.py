"""sitemap.xml: an index of sitemap files listing every live page in every released
language it is translated into (core.languages), each with its hreflang alternates.

At ten thousand pages one file would hold 90,000 URLs (over the 50,000 a file may have) and
take seconds to build. So /sitemap.xml is an index and each file lists PAGES_PER_FILE pages
in every language: a file costs the same however large the site grows, and nothing loads
all pages at once (the index counts them; a file reads its slice).

Routable pages add the pages their routes serve (e.g. an event directory's archive by
year) in a file of their own: a page type lists them with `sitemap_routes(request)`.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, get_page_models

from core import canonical
from core.chrome import prime_request, public
from core.languages import released_languages, translated_languages

PAGES_PER_FILE = 100  # × 9 languages (all released) = 900 URLs, about 1 MB with their alternates


class PagesInEveryLanguage:
    """(page, language) pairs of a page queryset, sliced in the database: what Django's i18n
    sitemap paginates, without loading every page to count or slice them.

    The grid counts every page in every language, so files never overlap nor skip a page;
    a slice then keeps the pairs `keep(page, language)` accepts (a file may hold fewer
    URLs than the limit, never more)."""

    def __init__(self, pages, languages, translated=None):
        # translated(pages) -> {pk: languages}: the pairs a slice keeps.
        self.pages, self.languages, self.translated = pages, languages, translated

    @cached_property
    def _page_count(self):
        return self.pages.count()

    def count(self):
        return self._page_count * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("only plain slices are supported")
        size = len(self.languages)
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        first_page, last_page = start // size, -(-stop // size)
        pages = list(self.pages[first_page:last_page])
        pairs = [(page, language) for page in pages for language in self.languages]
        pairs = pairs[start - first_page * size : stop - first_page * size]
        if self.translated is None:
            return pairs
        kept = self.translated(pages)
        return [(page, language) for page, language in pairs if language in kept[page.pk]]


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True  # the default language's URL

    def __init__(self, request=None):
        super().__init__()
        self.request = request
        self._urls_cache = {}

    @cached_property
    def root(self):
        site = prime_request(self.request) if self.request else None
        return site.root_page if site else None

    @cached_property
    def site_url(self):
        # The Site record's scheme and host, not the request's Host (core.canonical).
        return urlsplit(canonical.root_url(self.request))

    def get_protocol(self, protocol=None):
        return self.site_url.scheme

    def get_domain(self, site=None):
        return self.site_url.netloc

    def index_location(self, location):
        """A sitemap file's URL in the index on the site's host (Django's index view names
        it with the request's)."""
        parts = urlsplit(location)
        return urlunsplit((*self.site_url[:2], parts.path, parts.query, ""))

    @cached_property
    def languages(self):
        """The released languages only (core.languages)."""
        site = prime_request(self.request) if self.request else None
        return released_languages(request=self.request, site=site)

    @property
    def limit(self):
        return PAGES_PER_FILE * len(self.languages)

    def pages(self):
        if self.root is None:
            return Page.objects.none()
        pages = Page.objects.live().descendant_of(self.root, inclusive=True).order_by("path")
        return public(pages, self.request)

    def items(self):
        return self.pages()

    def _items(self):
        return PagesInEveryLanguage(self.pages(), self.languages, self._translated)

    def _translated(self, pages):
        """Which released languages each page of a file is translated into: one query for
        the file, however many pages and page types it holds."""
        self._languages_of = translated_languages(pages, self.languages)
        return self._languages_of

    def get_languages_for_item(self, page):
        """The alternates: the released languages the page is translated into."""
        return self._languages_of[page.pk]

    def get_latest_lastmod(self):
        return self.pages().aggregate(latest=Max("last_published_at"))["latest"]

    def location(self, page):
        # Called under each language in turn; from the page's stored URL path in that
        # language (modeltranslation), each computed once per file.
        language = translation.get_language()
        key = (page.pk, language)
        if key not in self._urls_cache:
            root_path, url_path = self.root.url_path, page.url_path
            if url_path.startswith(root_path):
                url = reverse("wagtail_serve", args=(url_path[len(root_path) :],))
            else:
                url = page.get_url_parts(request=self.request)[2]
            self._urls_cache[key] = url
        return self._urls_cache[key]

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, *args, **kwargs):
        # Django strips the default language's prefix for x-default, but every URL here
        # carries its prefix (and its own slugs): x-default is the default language's URL.
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            by_language = {alt["lang_code"]: alt["location"] for alt in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls


@dataclass(frozen=True)
class Route:
    """A URL a routable page serves below its own (`path` as reverse_subpage gives it)."""

    page: Page
    path: str
    lastmod: datetime | None = None


class RouteSitemap(PageSitemap):
    """The routes of live, public pages whose type lists them (`sitemap_routes(request)`:
    Route items), each in the languages its page is listed in, with the same alternates.
    A few URLs per routable page (years of an archive): one file, loaded whole."""

    @staticmethod
    def routable_models():
        return [model for model in get_page_models() if hasattr(model, "sitemap_routes")]

    def pages(self):
        models = self.routable_models()
        if not models:
            return Page.objects.none()
        return super().pages().type(*models)

    @cached_property
    def routes(self):
        pages = list(self.pages().specific())
        self._languages_of = translated_languages(pages, self.languages) if pages else {}
        return [route for page in pages for route in page.sitemap_routes(self.request)]

    def items(self):
        return self.routes

    def _items(self):
        return [
            (route, language)
            for route in self.routes
            for language in self.languages
            if language in self._languages_of[route.page.pk]
        ]

    def get_languages_for_item(self, route):
        return self._languages_of[route.page.pk]

    def get_latest_lastmod(self):
        return max((route.lastmod for route in self.routes if route.lastmod), default=None)

    def location(self, route):
        return super().location(route.page) + route.path

    def lastmod(self, route):
        return route.lastmod
