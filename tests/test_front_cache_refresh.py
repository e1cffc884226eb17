"""The front-cache refresh client: it talks only to the front cache, and nothing asked is lost.

An app server renews a changed page by sending a GET to the front cache's refresh listener
(core.frontend_cache.NginxRefreshBackend). That request must go nowhere else, whatever the
page answers (an editor's redirect may point at an internal address) and whatever proxy the
environment names. And a refresh asked for by a process that exits right after the write, a
cron job's `publish_scheduled` or an import, must still be sent.
"""

import http.server
import os
import subprocess
import sys
import threading
import time

import pytest

from core.frontend_cache import NginxRefreshBackend


class RecordingServer(http.server.ThreadingHTTPServer):
    """A local HTTP server that notes each request's path and headers and answers `status`
    (with `location`), after `delay` seconds."""

    daemon_threads = True

    def __init__(self, status=200, location=None, delay=0.0):
        self.status, self.location, self.delay = status, location, delay
        self.hits = []
        super().__init__(("127.0.0.1", 0), _RecordingHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def close(self):
        self.shutdown()
        self.server_close()


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        server.hits.append((self.path, dict(self.headers)))
        time.sleep(server.delay)
        self.send_response(server.status)
        if server.location:
            self.send_header("Location", server.location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def servers():
    started = []

    def start(**kwargs):
        started.append(RecordingServer(**kwargs))
        return started[-1]

    yield start
    for server in started:
        server.close()


def refresh(location, urls, **params):
    NginxRefreshBackend({"LOCATION": location, "BACKGROUND": False, **params}).purge_batch(urls)


def run_portal_python(script, env=None, timeout=60):
    """Run `script` in a new process with the test settings, as a command or cron job would."""
    env = dict(env or os.environ, DJANGO_SETTINGS_MODULE="iclei_portal.settings.test")
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr
    return result


# --- Only the front cache is ever contacted -------------------------------------------------


def test_a_refresh_never_follows_a_redirect_to_an_internal_address(servers):
    internal = servers()
    front_cache = servers(status=302, location=f"{internal.url}/internal/admin?delete=all")

    refresh(front_cache.url, ["http://www.iclei.org/en/old-campaign/"])

    assert [path for path, _headers in front_cache.hits] == ["/en/old-campaign/"]
    assert internal.hits == []  # the redirect was the answer the front cache stored


def test_a_refresh_goes_to_the_front_cache_not_to_the_pages_host(servers):
    page_host = servers()
    front_cache = servers()
    url = f"{page_host.url}/en/programmes/?page=2"

    refresh(front_cache.url, [url])

    path, headers = front_cache.hits[0]
    assert path == "/en/programmes/?page=2"
    assert headers["Host"] == page_host.url.removeprefix("http://")  # the cache key's host
    assert headers["X-Front-Cache-Refresh"] == "1"
    assert page_host.hits == []


def test_a_refresh_ignores_a_proxy_named_in_the_app_servers_environment(servers):
    proxy = servers()
    front_cache = servers()
    env = {name: value for name, value in os.environ.items() if "proxy" not in name.lower()}
    env.update(http_proxy=proxy.url, HTTP_PROXY=proxy.url, https_proxy=proxy.url)
    script = (
        "import django\n"
        "django.setup()\n"
        "from core.frontend_cache import NginxRefreshBackend\n"
        f"NginxRefreshBackend({{'LOCATION': {front_cache.url!r}, 'BACKGROUND': False}})"
        ".purge_batch(['http://www.iclei.org/en/'])\n"
    )

    run_portal_python(script, env)

    assert len(front_cache.hits) == 1
    assert proxy.hits == []


def test_a_front_cache_address_that_is_not_http_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    for location in ("file:///etc/passwd", "ftp://10.0.0.10/", "10.0.0.10:8080"):
        with pytest.raises(ImproperlyConfigured):
            NginxRefreshBackend({"LOCATION": location})


# --- Refreshes asked by a process that exits at once ---------------------------------------

EXITING_PROCESS = """
import django
django.setup()
from core.frontend_cache import NginxRefreshBackend
backend = NginxRefreshBackend({"LOCATION": %(location)r, "CONCURRENCY": 1})
for batch in %(batches)r:
    backend.purge_batch(batch)
import time
print("queued at", time.time(), flush=True)
"""


def test_refreshes_queued_by_a_process_that_exits_are_all_sent_in_order(servers):
    front_cache = servers(delay=0.05)  # a render each: the process is long gone otherwise
    batches = [
        [f"http://www.iclei.org/{language}/programmes/urban-leds/" for language in ("en", "ru")],
        ["http://www.iclei.org/en/programmes/", "http://www.iclei.org/en/"],
        ["http://www.iclei.org/sitemap.xml"],
    ]
    script = EXITING_PROCESS % {"location": front_cache.url, "batches": batches}

    result = run_portal_python(script)

    assert "queued" in result.stdout
    assert "cannot schedule new futures" not in result.stderr
    sent = [path for path, _headers in front_cache.hits]
    assert sent == [url.removeprefix("http://www.iclei.org") for batch in batches for url in batch]


def test_a_process_does_not_wait_at_exit_longer_than_the_operator_allows(servers):
    front_cache = servers(delay=5)
    script = (
        EXITING_PROCESS
        % {"location": front_cache.url, "batches": [["http://www.iclei.org/en/"] * 4]}
    ).replace('"CONCURRENCY": 1', '"CONCURRENCY": 1, "EXIT_TIMEOUT": 1')

    result = run_portal_python(script)

    queued_at = float(result.stdout.split()[-1])
    assert time.time() - queued_at < 4  # not the 20 s the four refreshes would take
    assert "still queued" in result.stderr
