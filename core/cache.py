"""HTTP caching of public pages: what the front cache (nginx) may keep, and cheap revalidation.

Anonymous GET/HEAD responses of public pages (everything under a /<language>/ prefix, the
sitemap and robots.txt) are marked ``public, max-age=0, s-maxage=FRONT_CACHE_SECONDS``:
the front cache keeps them that long, browsers revalidate every time. Everything else a
visitor could see differently (logged-in editors, previews, the admin, posts, responses
that set a cookie such as a CSRF token) is marked ``private, no-cache, no-store``.

Their ETag is not a digest of the body (the body carries a fresh CSP nonce per render)
but of the *content generation* and the URL. The generation is a number in the shared
cache (Redis) that every published change bumps (core.frontend_cache). So when the front
cache's copy expires and it asks again with If-None-Match, an unchanged site answers 304
straight from this middleware, before any view runs and without a database query; after
a change the page is rendered anew. Language is in the path, so pages do not vary on
Accept-Language; they vary on Cookie only because a session makes a visitor non-anonymous.

Some pages change with time alone (an event moves from the upcoming list to the archive
when it ends). Their render calls ``changes_at(request, moment)``: the response's s-maxage
ends at that moment, and the moment is kept in the shared cache so that the first request
after it starts a new generation (the front cache's revalidation then renders anew rather
than getting a 304 for the old copy).
"""

import hashlib
import math
import secrets
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotModified
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

GENERATION_KEY = "core.cache:generation"
# Moments at which pages change without a publish (a site notice starting or ending): each
# one passed is part of the generation, so the next revalidation after it renders anew.
SCHEDULE_KEY = "core.cache:schedule"
NEXT_CHANGE_KEY = "core.cache:next-change"  # the earliest moment a cached page changes
# Redirects and not-found answers are cached too, so that refreshing the URL of an
# unpublished or moved page replaces its old copy instead of leaving it in place.
CACHEABLE_STATUSES = {200, 301, 302, 404, 410}


def generation():
    """The current content generation (with the scheduled moments passed); a fresh random
    one if the cache lost it, or when a page rendered in it said it would change by now
    (changes_at)."""
    return _generation_and_next_change()[0]


def schedule_changes(name, moments):
    """Record when the pages change by themselves for `name` (datetimes; None ignored),
    replacing what was recorded for it before."""
    schedule = dict(cache.get(SCHEDULE_KEY) or {})
    schedule[name] = sorted(moment.timestamp() for moment in moments if moment is not None)
    cache.set(SCHEDULE_KEY, schedule, timeout=None)


def _generation_and_next_change():
    values = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY, SCHEDULE_KEY])
    value, change = values.get(GENERATION_KEY), values.get(NEXT_CHANGE_KEY)
    if change is not None and change <= timezone.now():
        cache.delete(NEXT_CHANGE_KEY)
        bump_generation()
        value = change = None
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        value = cache.get(GENERATION_KEY) or "uncached"
    now = time.time()
    passed = sum(
        moment <= now for moments in (values.get(SCHEDULE_KEY) or {}).values() for moment in moments
    )
    return (f"{value}.{passed}" if passed else value), change


def bump_generation():
    """Mark every cached page as possibly outdated: its next revalidation renders it anew."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def changes_at(request, moment):
    """The page being rendered for `request` shows something else from `moment` on (an
    aware date-time): its copy in the front cache must not outlive it."""
    if request is None or moment is None:
        return
    current = getattr(request, "front_cache_changes_at", None)
    if current is None or moment < current:
        request.front_cache_changes_at = moment


def _remember_change(moment):
    known = cache.get(NEXT_CHANGE_KEY)
    if known is None or moment < known:
        cache.set(NEXT_CHANGE_KEY, moment, timeout=None)


def page_etag(request, generation_value):
    """A strong ETag for this URL in this content generation."""
    # The host name picks the Site; the Host header's port, capitals or trailing dot do not
    # change the page (its absolute URLs come from the Site record: core.canonical).
    host = split_domain_port(request.get_host())[0]
    url = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.blake2b(f"{generation_value}|{url}".encode(), digest_size=12).hexdigest()
    return f'"{digest}"'


def is_public_path(path):
    if path in ("/sitemap.xml", "/robots.txt"):
        return True
    prefix = path.split("/", 2)[1] if path.count("/") >= 2 else ""
    return prefix in _language_codes()


def _language_codes():
    return {code for code, _name in settings.LANGUAGES}


def _is_admin(request):
    return request.path_info.startswith(settings.ADMIN_URL_PREFIXES)


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class FrontCacheMiddleware:
    """Cache-Control, Vary and generation ETags for the front cache; 304s without rendering.

    Sits just inside ConditionalGetMiddleware (which answers If-None-Match against the
    ETag set here) and outside SessionMiddleware and CsrfViewMiddleware, so it sees the
    cookies they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.FRONT_CACHE_SECONDS

    def __call__(self, request):
        candidate = (
            request.method in ("GET", "HEAD")
            and not _has_session(request)
            and is_public_path(request.path_info)
        )
        if candidate:
            # Read before rendering: a render that began before a change was committed
            # must not carry the new generation's ETag.
            request.front_cache_generation, next_change = _generation_and_next_change()
            etag = page_etag(request, request.front_cache_generation)
            if etag in _if_none_match(request):
                # Not past the next change known anywhere (the page may be one that changes).
                return self._public(HttpResponseNotModified(), etag, self._until(next_change))

        response = self.get_response(request)

        if candidate and _sends_to_login(request, response):
            for header in ("Cache-Control", "Expires"):  # Wagtail's never-cache
                del response[header]
        if candidate and self._cacheable(request, response):
            moment = getattr(request, "front_cache_changes_at", None)
            if moment is not None:
                _remember_change(moment)
            etag = page_etag(request, request.front_cache_generation)
            return self._public(response, etag, self._until(moment))
        if self._private(request, response):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    def _until(self, moment):
        """The front-cache lifetime: FRONT_CACHE_SECONDS, ending no later than `moment`."""
        if moment is None:
            return self.seconds
        left = math.ceil((moment - timezone.now()).total_seconds())
        return max(0, min(self.seconds, left))

    def _public(self, response, etag, seconds=None):
        response["ETag"] = etag
        seconds = self.seconds if seconds is None else seconds
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
        patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def _cacheable(request, response):
        return (
            response.status_code in CACHEABLE_STATUSES
            and not response.has_header("Cache-Control")  # a view decided (e.g. never_cache)
            and not response.cookies
            and not getattr(request, "is_preview", False)
            and not getattr(getattr(request, "user", None), "is_authenticated", False)
        )

    @staticmethod
    def _private(request, response):
        if response.has_header("Cache-Control") and "public" not in response["Cache-Control"]:
            return False  # already private or no-cache: leave the view's own choice
        return (
            _is_admin(request)
            or request.method not in ("GET", "HEAD")
            or bool(response.cookies)
            or getattr(request, "is_preview", False)
            or getattr(getattr(request, "user", None), "is_authenticated", False)
        )


def _sends_to_login(request, response):
    """A private page's answer to an anonymous visitor: the same redirect to the login page
    for everyone. Wagtail marks it never-cache, but stored publicly it replaces the page's old
    public copy as soon as the privacy change refreshes it (a never-cache answer would leave
    that copy in nginx until it expires). Visitors with a session never reach the cache."""
    if response.status_code != 302 or response.cookies:
        return False
    if getattr(getattr(request, "user", None), "is_authenticated", False):
        return False
    login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", None) or reverse(
        "wagtailcore_login"
    )
    location = urlsplit(response.get("Location", ""))
    return not location.netloc and location.path == urlsplit(login_url).path


def _if_none_match(request):
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    # Weak comparison, as for GET: nginx weakens ETags of responses it gzips.
    return {etag.removeprefix("W/") for etag in parse_etags(header)} if header else set()
