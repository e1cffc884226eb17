"""A real browser (Debian's Chromium, driven by Playwright) against a real server.

The server runs in its own process on its own SQLite file, migrated and seeded here: it
never touches the test database the rest of the suite shares (pytest-django's live_server
would flush it). Each pytest-xdist worker that gets browser tests starts one server on a
free loopback port of its own, so workers never share a port or a database file; the
tests are grouped (xdist_group "browser") so that `--dist loadgroup` runs them all on one
worker and the server is built once.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks.lib.stack import free_port

ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_SCRIPT = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "var" / "test-artifacts"
PORTS = range(18300, 18400)
_SERVER_ENVS = {}  # each test server's base URL -> the environment it runs with


def _free_port(worker):
    """A loopback port in 18300–18399 nobody listens on; each worker searches from its own
    offset so two workers rarely even try the same one."""
    offset = int(worker.removeprefix("gw") or 0) * 10 if worker.startswith("gw") else 0
    return free_port(first=PORTS.start + offset, ports=PORTS)


def _manage(env, *args, log):
    subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
        timeout=300,
    )


def _wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test server stopped at start-up (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback only)
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"The test server did not answer {url} within {timeout} s")


_RELEASE_ALL = """
from django.conf import settings
from wagtail.models import Site
from core.models import LanguageSettings
languages = LanguageSettings.for_site(Site.objects.get(is_default_site=True))
languages.released_languages = [code for code, _name in settings.LANGUAGES]
languages.save()
"""


@pytest.fixture(scope="session")
def server_url():
    """Base URL of a seeded portal served by `manage.py runserver` on a private database."""
    worker_id = os.environ.get("PYTEST_XDIST_WORKER", "main")
    workdir = Path(tempfile.mkdtemp(prefix="iclei-browser-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iclei_portal.settings.test",
        "DATABASE_URL": f"sqlite:///{workdir / 'portal.sqlite3'}",
        "TEST_MEDIA_ROOT": str(workdir / "media"),  # images the shell adds, the server shows
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)  # a process-local cache: nothing shared with other runs
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"browser-server-{worker_id}.log"
    with log_path.open("w") as log:
        _manage(env, "migrate", "--noinput", log=log)
        _manage(env, "load_seed_content", log=log)
        # The browser stories read Arabic pages (right to left) too: every language released,
        # as once translated (tests/test_languages.py covers unreleased ones).
        _manage(env, "shell", "-c", _RELEASE_ALL, log=log)
        port = _free_port(worker_id)
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        _SERVER_ENVS[url] = env
        try:
            _wait_until_up(f"{url}/healthz", process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Debian's Chromium, never a browser downloaded by `playwright install`.
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, server_url):
    """Open a tab (a fresh context: no cookies carried over) with the given options."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=server_url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source():
    assert AXE_SCRIPT.exists(), (
        f"{AXE_SCRIPT} is missing: run `npm ci --ignore-scripts --prefix tests/browser`"
    )
    return AXE_SCRIPT.read_text()


@pytest.fixture(scope="session")
def screenshots_dir():
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def server_shell(server_url):
    """Run Python in `manage.py shell` on the test server's database (to add a staff user,
    read what a form stored); returns what it printed."""

    def run(code):
        result = subprocess.run(  # noqa: S603 (our own manage.py, our own code)
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=_SERVER_ENVS[server_url],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return result.stdout.strip()

    return run


EDITOR_PASSWORD = "browser-test-editor"  # noqa: S105 (throwaway users of the test server)
_ADD_EDITOR = """
from django.contrib.auth.models import Group, User
user, _ = User.objects.get_or_create(username={username!r}, defaults={{"email": "e@example.org"}})
user.set_password({password!r})
user.save()
user.groups.add(Group.objects.get(name="Editors"))
"""


@pytest.fixture
def editor_tab(new_page, server_shell):
    """A tab with a member of Editors signed in through the login form. The user is made on
    the test server, where `setup` (more Python) runs too; the lines it printed come back
    with the tab. `before_login(page)` runs first, e.g. to listen to the console."""

    def open_tab(username, setup="", viewport=None, before_login=None):
        printed = server_shell(
            _ADD_EDITOR.format(username=username, password=EDITOR_PASSWORD) + setup
        ).splitlines()
        page = new_page(viewport=viewport or {"width": 1280, "height": 900})
        if before_login is not None:
            before_login(page)
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(EDITOR_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        return page, printed

    return open_tab
