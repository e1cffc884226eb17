"""Keep the front cache (nginx proxy_cache) in step with what editors publish.

nginx open source cannot delete a cached entry on request, so a "purge" here is a refresh:
a GET of the URL that nginx, for our own app servers only, passes to Django past the cache
(`proxy_cache_bypass` on the X-Front-Cache-Refresh header) and stores in place of the old
copy (deploy/nginx/iclei-front-cache.conf). Two mechanisms work together:

- Refresh at once the URLs a change is seen on first: for a page published, unpublished,
  moved or deleted, its URL in every language (each language has its own slugs), its
  parent's (listings), the home page's (it gathers programmes and partners) and the
  sitemap; for a snippet, the pages that use it (Wagtail's reference index); for a view
  restriction added, changed or removed, the page and its descendants.
- Bump the content generation (core.cache) on every change, pages, snippets, settings,
  redirects, images, documents and view restrictions alike. Copies that were not refreshed
  (menus and breadcrumbs elsewhere, the footer after a settings change, old URLs of a
  renamed page) then expire within FRONT_CACHE_SECONDS and are rendered anew; unchanged
  pages revalidate with a 304 that costs no rendering. Refreshing every URL of the site in
  nine languages on every change would instead cost thousands of renders per publish on a
  large site.

Both run after the transaction commits: a refresh sent earlier would render, and cache,
the old content. Refreshes go only to the configured front cache, and a process that exits
(cron's publish_scheduled, a management command) sends the ones it queued first.
"""

import atexit
import functools
import http.client
import logging
import os
import queue
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from wagtail import signals
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site

from core.cache import bump_generation

logger = logging.getLogger("core.frontend_cache")

REFRESH_HEADER = "X-Front-Cache-Refresh"


class NginxRefreshBackend(BaseBackend):
    """Wagtail frontend-cache backend for nginx's proxy_cache: re-fetch each URL past the cache.

    Settings (WAGTAILFRONTENDCACHE): LOCATION, the nginx listener that honours refreshes
    from this server's address; optional HOSTNAMES; TIMEOUT (seconds, default 10);
    CONCURRENCY (parallel refreshes, default 4: each one renders a page); BACKGROUND
    (default True: refresh in the process's refresh thread, so the editor's request does
    not wait); EXIT_TIMEOUT (seconds, default 30: how long a process that is exiting waits
    for its queued refreshes). Batches are refreshed one after the other, in the order they
    were sent.

    A refresh is one GET to LOCATION and nothing else: no redirect is followed (a page
    may redirect anywhere an editor typed, the answer is stored as it is) and no proxy
    from the environment is used.
    """

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        if location.scheme not in ("http", "https") or not location.hostname:
            raise ImproperlyConfigured(
                f"WAGTAILFRONTENDCACHE LOCATION must be an http(s) URL: {params['LOCATION']!r}"
            )
        self.connection_class = (
            http.client.HTTPSConnection
            if location.scheme == "https"
            else http.client.HTTPConnection
        )
        self.cache_host, self.cache_port = location.hostname, location.port
        self.timeout = params.get("TIMEOUT", 10)
        self.concurrency = params.get("CONCURRENCY", 4)
        self.background = params.get("BACKGROUND", True)
        self.exit_timeout = params.get("EXIT_TIMEOUT", 30)

    def purge(self, url):
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": parts.netloc,
            # The cache key holds the public scheme, which this hop does not show.
            "X-Forwarded-Proto": parts.scheme,
            REFRESH_HEADER: "1",
            "User-Agent": "iclei-portal front-cache refresh",
        }
        # http.client, not urllib: it neither follows redirects nor reads *_proxy variables.
        connection = self.connection_class(self.cache_host, self.cache_port, timeout=self.timeout)
        try:
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            logger.error("Could not refresh %s in the front cache: %s", url, error)
            return
        finally:
            connection.close()
        if response.status not in (200, 301, 302, 404, 410):  # the new answer, cached as such
            logger.error("Could not refresh %s in the front cache: HTTP %s", url, response.status)

    def purge_batch(self, urls):
        if self.background:
            # Not in the editor's request: each refresh is rendered by an app server worker,
            # and this worker, busy with the publish, may be the one nginx would pick.
            refresh_queue().put((self, list(urls)))
            _refresher["exit_timeout"] = max(_refresher["exit_timeout"], self.exit_timeout)
        else:
            self.refresh_all(urls)

    def refresh_all(self, urls):
        """Refresh `urls`, `concurrency` at a time.

        Plain threads, not a ThreadPoolExecutor: concurrent.futures refuses new work once
        the interpreter begins to exit, which is when a management command's refreshes
        are flushed.
        """
        urls = list(urls)
        pending = iter(urls)
        lock = threading.Lock()

        def work():
            while True:
                with lock:
                    url = next(pending, None)
                if url is None:
                    return
                self.purge(url)

        workers = [threading.Thread(target=work) for _ in range(min(self.concurrency, len(urls)))]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()


# One refresh thread per process, working through the batches in order: a page's own URLs
# are all rendered before its listings' (they would share the app servers' CPUs), and a
# burst of publishes queues up instead of starting a thread each. A process that exits
# (a cron job, a management command, a shell) first waits for the batches it queued:
# otherwise they die with its daemon thread and the change reaches visitors only when the
# front cache's copies expire.
_refresher = {"pid": None, "queue": None, "thread": None, "exit_timeout": 0}
_refresher_lock = threading.Lock()
_STOP = object()


def refresh_queue():
    with _refresher_lock:
        if _refresher["pid"] != os.getpid():  # none yet, or forked (threads do not survive)
            _refresher["queue"] = queue.SimpleQueue()
            _refresher["pid"] = os.getpid()
            _refresher["thread"] = threading.Thread(
                target=_refresh_batches,
                args=(_refresher["queue"],),
                name="front-cache-refresh",
                daemon=True,
            )
            _refresher["thread"].start()
            atexit.register(flush_refreshes)
        return _refresher["queue"]


def _refresh_batches(batches):
    while True:
        item = batches.get()
        if item is _STOP:
            return
        backend, urls = item
        try:
            backend.refresh_all(urls)
        except Exception:
            logger.exception("Front-cache refresh of %d URLs failed", len(urls))


def flush_refreshes(timeout=None):
    """Wait until this process's queued refreshes are sent (at most `timeout` seconds, by
    default the longest EXIT_TIMEOUT of the backends that queued them), then stop its
    refresh thread.

    Run at exit; a later refresh request starts a new thread."""
    with _refresher_lock:
        if _refresher["pid"] != os.getpid() or _refresher["thread"] is None:
            return True  # nothing queued in this process (or an inherited registration)
        batches, thread = _refresher["queue"], _refresher["thread"]
        if timeout is None:
            timeout = _refresher["exit_timeout"]
        _refresher.update(pid=None, queue=None, thread=None, exit_timeout=0)
    batches.put(_STOP)
    started = time.monotonic()
    thread.join(timeout)
    if thread.is_alive():
        logger.warning(
            "Front-cache refreshes still queued after %.0f s at exit; those pages update "
            "when their copies expire (FRONT_CACHE_SECONDS)",
            time.monotonic() - started,
        )
        return False
    return True


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
    """Where a change to this page is seen: (its own URLs, then the listing and home page
    that show it and the sitemap), to be refreshed in that order."""
    page = page.specific_deferred
    own = page_urls(page)
    related = []
    for relative in (page.get_parent(), page.get_site() and page.get_site().root_page):
        if relative is not None and relative.depth > 1 and relative.live:
            related += page_urls(relative.specific_deferred)
    related += sitemap_urls(page)
    return own, [url for url in dict.fromkeys(related) if url not in own]


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


def refresh_after_commit(*batches):
    """Bump the generation and refresh each batch of URLs, one after the other, once the
    change is visible to other connections."""
    batches = [list(urls) for urls in batches if urls]

    def refresh():
        bump_generation()
        for urls in batches:
            purge_urls_from_cache(urls)

    transaction.on_commit(refresh)


# --- Signal handlers --------------------------------------------------------------------


def front_cache_configured():
    """Without a front cache (development, tests) only the generation matters: skip the URLs."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_changed(sender, instance, **kwargs):
    refresh_after_commit(*(urls_showing_page(instance) if front_cache_configured() else []))


def page_moved(sender, instance, parent_page_before=None, **kwargs):
    if not front_cache_configured():
        refresh_after_commit()
        return
    own, related = urls_showing_page(instance)
    if parent_page_before is not None and parent_page_before.live:
        related += page_urls(parent_page_before.specific_deferred)
    refresh_after_commit(own, related)


# A privacy change covers a whole section. Its pages nearest the restricted one are refreshed
# at once (whether they now redirect to the login or render again); on a large section the
# others are renewed by the generation, within FRONT_CACHE_SECONDS, rather than by thousands
# of refreshes.
PRIVACY_REFRESH_PAGES = 100


def urls_in_section(page_ids):
    """The URLs, in every language, of these pages and their live descendants, nearest first."""
    sections = list(Page.objects.filter(pk__in=page_ids))
    if not sections:
        return []
    within = Page.objects.none()
    for section in sections:
        within |= Page.objects.descendant_of(section, inclusive=True)
    pages = within.live().order_by("depth", "path")[:PRIVACY_REFRESH_PAGES]
    return [url for page in pages for url in page_urls(page.specific_deferred)]


def privacy_changed(sender, instance, **kwargs):
    """A view restriction added, changed or removed: the section's cached copies were made
    for the old rule, and their ETags must not be confirmed with a public 304."""
    refresh_after_commit(urls_in_section([instance.page_id]) if front_cache_configured() else [])


def privacy_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """The groups a restriction admits changed (from either side of the relation)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not front_cache_configured():
        refresh_after_commit()
    elif reverse:  # a group's restrictions; after a clear, which ones is no longer known
        restrictions = PageViewRestriction.objects.filter(pk__in=pk_set or ())
        refresh_after_commit(urls_in_section(restrictions.values_list("page_id", flat=True)))
    else:
        refresh_after_commit(urls_in_section([instance.page_id]))


def object_published(sender, instance, **kwargs):
    if not isinstance(instance, Page):  # pages have their own signals above
        refresh_after_commit(urls_using(instance) if front_cache_configured() else [])


def content_saved(sender, instance, **kwargs):
    """Settings, redirects, images, documents and snippets: seen anywhere, so the generation."""
    if sender in watched_models():
        if front_cache_configured() and sender._meta.label == "core.LanguageSettings":
            refresh_after_commit(*languages_changed(instance))
        else:
            refresh_after_commit()


def languages_changed(language_settings):
    """A language released or withdrawn changes every page: its switcher and hreflang links,
    and in that language a redirect to English becomes the page (or the other way round).
    The sitemap and the pages nearest the home page, in every language, are refreshed at
    once; the rest are renewed by the generation within FRONT_CACHE_SECONDS."""
    site = language_settings.site
    return [f"{site.root_url}/sitemap.xml"], urls_in_section([site.root_page_id])


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
    post_save.connect(
        privacy_changed, sender=PageViewRestriction, dispatch_uid="front_cache_privacy_saved"
    )
    post_delete.connect(
        privacy_changed, sender=PageViewRestriction, dispatch_uid="front_cache_privacy_deleted"
    )
    m2m_changed.connect(
        privacy_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="front_cache_privacy_groups",
    )
