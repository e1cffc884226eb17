"""Absolute URLs from the Wagtail Site record, never from the request's Host header.

The front cache keeps one copy of a page for every visitor. Canonical links, og:url,
hreflang, JSON-LD @id, share-image and sitemap URLs built from the Host header would carry
whatever host or port the visitor whose request was rendered sent
(``www.iclei.example:31337``), and every visitor would be served that copy. They come from
the Site that Wagtail matches for the request instead: its host name and port, or the
default site's for a host name it does not know.
"""

from urllib.parse import urljoin

from django.conf import settings

from core.chrome import prime_request


def root_url(request):
    """The site's scheme, host and port, e.g. ``https://www.iclei.example`` (no slash)."""
    # prime_request, not Site.find_for_request: it leaves the site where Wagtail looks and
    # brings the page furniture in the same query (core.chrome).
    site = prime_request(request) if request is not None else None
    if site is None:  # no default site: the one configured address
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return site.root_url


def absolute_url(request, url):
    """`url` (a path, or already absolute, e.g. media in object storage) on the site."""
    return urljoin(root_url(request) + "/", url)
