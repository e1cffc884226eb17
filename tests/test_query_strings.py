"""Through the real front cache, a visitor can neither poison nor bust the copies others get.

nginx (deploy/nginx/) keeps one copy per page under the site's own host name, refuses host
names it does not serve, passes on only the query parameters pages read, and limits per
visitor what reaches the app servers. These tests run the shipped configuration: gunicorn
with production settings behind nginx (benchmarks/lib/stack.py).
"""

import http.client
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from library.filters import FILTERS as LIBRARY_FILTERS
from news.filters import FILTERS as NEWS_FILTERS
from programmes.filters import FILTERS

ROOT = Path(__file__).resolve().parents[1]
CACHE_MAPS = ROOT / "deploy" / "nginx" / "iclei-cache-maps.conf"


@pytest.fixture(scope="module")
def stack():
    """One gunicorn instance (production settings) behind nginx with deploy/nginx's rules."""
    from benchmarks.lib.stack import FrontCacheStack

    with FrontCacheStack(instances=1, workers=2, log=lambda text: None) as running:
        yield running


def get(stack, path, host=None):
    """(status, headers, body) of a GET through nginx, as a visitor sends it."""
    from benchmarks.lib.stack import request

    headers = {"Host": host} if host else {}
    status, response_headers, body = request("GET", stack.nginx_url + path, headers=headers)
    return status, response_headers, body.decode(errors="replace")


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)


def test_nginx_passes_on_every_parameter_the_pages_read():
    """A listing filter added in Django but not to nginx's list would be dropped in silence."""
    kept = set(re.findall(r"^map \$arg_(\w+)\s", CACHE_MAPS.read_text(), re.MULTILINE))

    # Search: q and page; listings and directories: their filters and page; sitemap files: p.
    assert kept == {"q", "page", "p", *FILTERS, *NEWS_FILTERS, *LIBRARY_FILTERS}


@pytest.mark.xdist_group("front-cache-stack")
@pytest.mark.parametrize("host", ["127.0.0.1:31337", "127.0.0.1.", "127.0.0.1.:8443"])
def test_a_host_header_with_another_port_leaves_no_poisoned_copy_for_visitors(stack, host):
    path = f"/en/partners/?q={secrets.token_hex(4)}"  # a copy nobody asked for yet
    site = stack.nginx_url  # the Site record: 127.0.0.1 on nginx's port

    status, headers, html = get(stack, path, host=host)  # rendered for the attacker
    assert status == 200
    status, headers, html = get(stack, path)  # what every visitor then gets

    assert headers["X-Cache-Status"] == "HIT"
    assert canonical(html) == f"{site}/en/partners/"
    assert ":31337" not in html and ":8443" not in html and "127.0.0.1./" not in html


@pytest.mark.xdist_group("front-cache-stack")
@pytest.mark.parametrize("host", ["evil.example", "localhost", "127.0.0.2"])
def test_a_host_name_the_site_does_not_serve_is_refused_unanswered(stack, host):
    with pytest.raises((OSError, http.client.HTTPException)):
        get(stack, "/en/", host=host)  # nginx closes the connection (444)


@pytest.mark.xdist_group("front-cache-stack")
def test_a_random_query_string_per_request_is_served_from_the_cache(stack):
    path = "/en/programmes/urban-leds/"
    get(stack, path)
    assert get(stack, path)[1]["X-Cache-Status"] == "HIT"

    for name in ("utm_source", "fbclid", "x", "UTM_CAMPAIGN"):
        value = secrets.token_hex(8)
        status, headers, html = get(stack, f"{path}?{name}={value}")
        assert status == 200
        assert headers["X-Cache-Status"] == "HIT", name
        assert value not in html


@pytest.mark.xdist_group("front-cache-stack")
def test_the_parameters_a_page_reads_still_work_and_nothing_else_reaches_it(stack):
    first = "/en/search/?q=climate&utm_content=first-visitor"
    status, headers, html = get(stack, first)
    assert status == 200
    assert "utm_content" not in html  # the language links carry q, and only q
    assert "/ru/search/?q=climate" in html

    status, headers, again = get(stack, "/en/search/?utm_content=someone-else&q=climate")
    assert headers["X-Cache-Status"] == "HIT"
    assert "first-visitor" not in again

    # Another search, another copy: q is part of what the page is.
    status, headers, other = get(stack, "/en/search/?q=air")
    assert headers["X-Cache-Status"] == "MISS"
    # And the listing's filters reach it.
    _status, _headers, ongoing = get(stack, "/en/programmes/?status=ongoing&gclid=1")
    _status, _headers, completed = get(stack, "/en/programmes/?gclid=2&status=completed")
    assert 'value="ongoing" selected' in ongoing
    assert 'value="completed" selected' in completed


@pytest.mark.xdist_group("front-cache-stack")
def test_what_reaches_the_app_servers_is_limited_per_visitor_but_cached_pages_are_not(stack):
    get(stack, "/en/")
    assert get(stack, "/en/")[1]["X-Cache-Status"] == "HIT"

    def uncached(_):
        # A path no page has: every request is a 404 rendered by Django.
        return get(stack, f"/en/no-such-page-{secrets.token_hex(6)}/")[0]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(uncached, range(120)))
    elapsed = time.monotonic() - started
    # A burst of 40 at once, then 10 a second; the rest are turned away before Django.
    assert statuses.count(404) <= 41 + 10 * elapsed + 2, (elapsed, statuses)
    assert statuses.count(429) >= 120 - (41 + 10 * elapsed + 2), (elapsed, statuses)
    assert set(statuses) <= {404, 429}, statuses

    # A fresh copy (refreshes pass the gate uncounted): on a busy machine the burst above
    # can outlast the copy's FRONT_CACHE_SECONDS, and its revalidation would then be this
    # visitor's request to the app servers like any other.
    from benchmarks.lib.stack import request

    request("GET", stack.nginx_url + "/en/", headers={"X-Front-Cache-Refresh": "1"})
    with ThreadPoolExecutor(max_workers=16) as pool:
        cached = list(pool.map(lambda _: get(stack, "/en/")[:2], range(200)))
    answers = [(status, headers["X-Cache-Status"]) for status, headers in cached]
    assert set(answers) == {(200, "HIT")}, sorted(set(answers))
