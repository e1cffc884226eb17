"""Keep the front cache (nginx proxy_cache) in step with what editors publish.

nginx open source cannot delete a cached entry on request, so a "purge" here is a refresh:
a GET of the URL that nginx, for our own app servers only, passes to Django past the cache
(`proxy_cache_bypass` on the X-Front-Cache-Refresh header) and stores in place of the old
copy (deploy/nginx/iclei-front-cache.conf). Two mechanisms work together:

- Refresh at once the URLs a change is seen on first: for a page published, unpublished,
  moved or deleted, its URL in every language (each language has its own slugs), its
  parent's (listings), the home page's (it gathers programmes and partners) and the
  sitemap; for a snippet, the pages that use it (Wagtail's reference index).
- Bump the content generation (core.cache) on every change, pages, snippets, settings,
  redirects, images and documents alike. Copies that were not refreshed (menus and
  breadcrumbs elsewhere, the footer after a settings change, old URLs of a renamed page)
  then expire within FRONT_CACHE_SECONDS and are rendered anew; unchanged pages revalidate
  with a 304 that costs no rendering. Refreshing every URL of the site in nine languages
  on every change would instead cost thousands of renders per publish on a large site.

Both run after the transaction commits: a refresh sent earlier would render, and cache,
the old content.
"""

import functools
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from wagtail import signals
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, Site

from core.cache import bump_generation

logger = logging.getLogger("core.frontend_cache")

REFRESH_HEADER = "X-Front-Cache-Refresh"


class NginxRefreshBackend(BaseBackend):
    """Wagtail frontend-cache backend for nginx's proxy_cache: re-fetch each URL past the cache.

    Settings (WAGTAILFRONTENDCACHE): LOCATION, the nginx listener that honours refreshes
    from this server's address; optional HOSTNAMES; TIMEOUT (seconds, default 10);
    CONCURRENCY (parallel refreshes, default 4: each one renders a page); BACKGROUND
    (default True: refresh in a thread of its own, so the editor's request does not wait).
    """

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        self.cache_scheme, self.cache_netloc = location.scheme, location.netloc
        self.timeout = params.get("TIMEOUT", 10)
        self.concurrency = params.get("CONCURRENCY", 4)
        self.background = params.get("BACKGROUND", True)

    def purge(self, url):
        parts = urlsplit(url)
        request = Request(  # noqa: S310 - the scheme comes from our own LOCATION setting
            urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={
                "Host": parts.netloc,
                # The cache key holds the public scheme, which this hop does not show.
                "X-Forwarded-Proto": parts.scheme,
                REFRESH_HEADER: "1",
                "User-Agent": "iclei-portal front-cache refresh",
            },
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except HTTPError as error:
            if error.code not in (301, 302, 404, 410):  # the new answer, cached as such
                logger.error("Could not refresh %s in the front cache: HTTP %s", url, error.code)
        except (URLError, TimeoutError) as error:
            logger.error("Could not refresh %s in the front cache: %s", url, error)

    def purge_batch(self, urls):
        if self.background:
            # Not in the editor's request: each refresh is rendered by an app server worker,
            # and this worker, busy with the publish, may be the one nginx would pick.
            threading.Thread(target=self.refresh_all, args=(list(urls),), daemon=True).start()
        else:
            self.refresh_all(urls)

    def refresh_all(self, urls):
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            list(pool.map(self.purge, urls))


# --- Which URLs show what -------------------------------------------------------------


def page_urls(page):
    """The page's full URL in every language (modeltranslation gives each its own slugs)."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = page.get_full_url()
        if url:
            urls.append(url)
    return urls


def sitemap_urls(page):
    return [
        f"{site.root_url}/sitemap.xml"
        for site in Site.objects.all()
        if page.path.startswith(site.root_page.path)
    ]


def urls_showing_page(page):
    """Where a change to this page is seen first, its own URLs before the rest."""
    page = page.specific_deferred
    urls = page_urls(page)
    for relative in (page.get_parent(), page.get_site() and page.get_site().root_page):
        if relative is not None and relative.depth > 1 and relative.live:
            urls += page_urls(relative.specific_deferred)
    urls += sitemap_urls(page)
    return list(dict.fromkeys(urls))  # without repeats, in order


def urls_using(obj):
    """The URLs of the live pages that use a snippet (or image, document) in any language."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).specific()
    return [url for page in pages for url in page_urls(page)]


def refresh_after_commit(urls):
    """Bump the generation and refresh `urls` once the change is visible to other connections."""
    urls = list(urls)

    def refresh():
        bump_generation()
        purge_urls_from_cache(urls)

    transaction.on_commit(refresh)


# --- Signal handlers --------------------------------------------------------------------


def front_cache_configured():
    """Without a front cache (development, tests) only the generation matters: skip the URLs."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_changed(sender, instance, **kwargs):
    refresh_after_commit(urls_showing_page(instance) if front_cache_configured() else [])


def page_moved(sender, instance, parent_page_before=None, **kwargs):
    urls = urls_showing_page(instance) if front_cache_configured() else []
    if urls and parent_page_before is not None and parent_page_before.live:
        urls += page_urls(parent_page_before.specific_deferred)
    refresh_after_commit(urls)


def object_published(sender, instance, **kwargs):
    if not isinstance(instance, Page):  # pages have their own signals above
        refresh_after_commit(urls_using(instance) if front_cache_configured() else [])


def content_saved(sender, instance, **kwargs):
    """Settings, redirects, images, documents and snippets: seen anywhere, so the generation."""
    if sender in watched_models():
        refresh_after_commit([])


@functools.cache
def watched_models():
    """Models whose rows appear on pages (asked late: snippets register after core is ready)."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.registry import registry as setting_models
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.snippets.models import get_snippet_models

    return frozenset(
        [
            *setting_models,
            *get_snippet_models(),
            Redirect,
            Site,
            get_image_model(),
            get_document_model(),
        ]
    )


def connect():
    signals.page_published.connect(page_changed, dispatch_uid="front_cache_published")
    signals.page_unpublished.connect(page_changed, dispatch_uid="front_cache_unpublished")
    signals.post_page_move.connect(page_moved, dispatch_uid="front_cache_moved")
    signals.published.connect(object_published, dispatch_uid="front_cache_obj_published")
    signals.unpublished.connect(object_published, dispatch_uid="front_cache_obj_unpublished")
    post_save.connect(content_saved, dispatch_uid="front_cache_saved")
    post_delete.connect(content_saved, dispatch_uid="front_cache_deleted")
