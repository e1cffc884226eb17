"""The front cache (nginx) keeps only what every anonymous visitor may see, and hears of changes.

The headers Django sends decide what nginx stores (deploy/nginx/iclei-front-cache.conf
caches nothing without them); publishing refreshes the changed page in every language.
The last tests run the real thing: two gunicorn instances on one PostgreSQL database and
one Redis, behind nginx (benchmarks/lib/stack.py).
"""

from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page, Site

import pytest

from core import cache as front_cache
from organisation.models import OfficePage, OrganisationSettings, Pollutant
from programmes.models import ProgrammePage
from tests.admin_forms import assert_saved, browser_form_data

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"


@pytest.fixture
def programme():
    return ProgrammePage.objects.get(slug_en="urban-leds")


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def url_in(page, language):
    with translation.override(language):
        return Page.objects.get(pk=page.pk).specific.get_url()


def publish_in_admin(client, page, **changes):
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    data = browser_form_data(response, PAGE_FORM)
    data.update(changes, **{"action-publish": "action-publish"})
    assert_saved(client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data))


# --- What the front cache may keep --------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru", "ar"])
def test_a_visitors_page_may_be_kept_by_the_front_cache_but_is_revalidated_by_browsers(
    programme, language, all_languages_released
):
    response = Client().get(url_in(programme, language))

    assert response.status_code == 200
    assert {"public", "max-age=0", "s-maxage=10"} <= cache_control(response)
    assert response["ETag"]
    assert not response.cookies
    # Language is in the path: one copy per URL, whatever the browser's language.
    assert "accept-language" not in vary(response)
    assert "cookie" in vary(response)


@override_settings(FRONT_CACHE_SECONDS=300)
def test_the_operator_chooses_how_long_the_front_cache_keeps_a_page(programme):
    response = Client().get(url_in(programme, "en"))

    assert "s-maxage=300" in cache_control(response)


def test_the_home_page_sitemap_and_a_missing_page_may_be_kept(home_page):
    for url, status in [("/en/", 200), ("/sitemap.xml", 200), ("/en/no-such-page/", 404)]:
        response = Client().get(url)
        assert response.status_code == status, url
        assert "public" in cache_control(response), url


def test_a_logged_in_editor_gets_pages_no_cache_keeps(programme, chief):
    client = Client()
    client.force_login(chief)

    response = client.get(url_in(programme, "en"))

    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_the_admin_is_never_cached(chief):
    client = Client()
    client.force_login(chief)

    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore_root")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in cache_control(response), url
    login = Client().get(reverse("wagtailadmin_login"))
    assert "no-store" in cache_control(login)


def test_a_preview_of_a_draft_is_never_cached(programme, chief):
    client = Client()
    client.force_login(chief)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(programme.pk,)))
    data = browser_form_data(edit, PAGE_FORM)
    data["title_en"] = "Unpublished draft title"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(programme.pk,))
    assert client.post(preview_url, data).json()["is_valid"]

    response = client.get(preview_url, {"mode": "en"})

    assert "Unpublished draft title" in response.content.decode()
    assert "no-store" in cache_control(response)
    assert "public" not in cache_control(response)


def test_a_saved_draft_never_reaches_visitors(programme, chief):
    client = Client()
    client.force_login(chief)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(programme.pk,)))
    data = browser_form_data(edit, PAGE_FORM)
    data["title_en"] = "Draft only title"
    assert_saved(client.post(reverse("wagtailadmin_pages:edit", args=(programme.pk,)), data))

    response = Client().get(url_in(programme, "en"))

    assert "Draft only title" not in response.content.decode()


def test_the_office_page_with_its_contact_form_is_not_kept(home_page):
    office = OfficePage.objects.get()

    response = Client().get(url_in(office, "en"))

    assert response.status_code == 200
    # Each rendering carries the visitor's CSRF cookie and a one-time form token.
    assert "csrftoken" in response.cookies
    assert {"private", "no-store"} <= cache_control(response)


def test_a_form_post_is_never_cached(home_page):
    office = OfficePage.objects.get()

    response = Client().post(url_in(office, "en"), {})

    assert "public" not in cache_control(response)


# --- What publishing refreshes -------------------------------------------------------------


def test_publishing_refreshes_the_page_in_every_language_its_listing_home_and_sitemap(
    programme, chief, refreshed, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(chief)

    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(client, programme, title_en="Urban-LEDS renamed")

    host = "http://localhost"
    assert f"{host}/en/programmes/urban-leds/" in refreshed
    assert f"{host}{url_in(programme, 'ru')}" in refreshed  # the Russian page's own slugs
    assert url_in(programme, "ru").startswith("/ru/programmy/")
    for language in ("de", "fr", "es", "pt", "zh-hans", "ko", "ar"):
        assert f"{host}/{language}/programmes/urban-leds/" in refreshed
        assert f"{host}/{language}/programmes/" in refreshed  # the listing
        assert f"{host}/{language}/" in refreshed  # the home page gathers programmes
    assert f"{host}/sitemap.xml" in refreshed
    # The page itself first: it is what the editor looks at next.
    assert refreshed[0] == f"{host}/en/programmes/urban-leds/"


def test_unpublishing_refreshes_the_pages_old_address(
    programme, refreshed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        programme.unpublish()

    assert "http://localhost/en/programmes/urban-leds/" in refreshed
    assert "http://localhost/en/programmes/" in refreshed


def test_a_change_nobody_published_refreshes_nothing(
    programme, refreshed, django_capture_on_commit_callbacks
):
    before = front_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        programme.save_revision()  # a draft

    assert refreshed == []
    assert front_cache.generation() == before


def test_a_published_snippet_refreshes_the_pages_that_show_it(
    refreshed, django_capture_on_commit_callbacks
):
    pollutant = Pollutant.objects.filter(live=True).first()
    assert pollutant is not None
    pollutant.name_en = f"{pollutant.name_en} (revised)"
    before = front_cache.generation()

    with django_capture_on_commit_callbacks(execute=True):
        pollutant.save_revision().publish()

    assert front_cache.generation() != before
    assert any("/en/priorities/" in url for url in refreshed), refreshed


def test_changing_the_organisation_settings_renews_every_page(
    home_page, django_capture_on_commit_callbacks
):
    before_etag = Client().get("/en/")["ETag"]
    settings_row = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))

    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()

    # The footer of every page shows the address: every cached copy is out of date.
    assert Client().get("/en/")["ETag"] != before_etag


# --- The real stack: two app servers, one PostgreSQL, one Redis, nginx in front -------------


@pytest.fixture(scope="module")
def stack():
    """Two gunicorn instances (production settings, DEBUG off) sharing a PostgreSQL database
    and Redis, behind nginx with deploy/nginx's rules. Needs nginx and redis-server."""
    from benchmarks.lib.stack import FrontCacheStack as Stack

    with Stack(instances=2, workers=2, log=lambda text: None) as running:
        yield running


class Browser:
    """A visitor's browser over HTTP: keeps cookies (Secure ones too: this is loopback)."""

    def __init__(self, base):
        self.base, self.cookies = base, {}

    def request(self, method, path, data=None, headers=None):
        from urllib.parse import urlencode

        from benchmarks.lib.stack import request

        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        status, response_headers, content = request(method, self.base + path, body, headers)
        for cookie in response_headers.get_all("Set-Cookie") or []:
            name, _sep, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, response_headers, content.decode(errors="replace")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def log_in(self, username, password):
        self.get("/admin/login/")
        status, headers, _ = self.post(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert status == 302 and "sessionid" in self.cookies, status


class ModelFields:
    """Stands in for the admin form's fields: each StreamField's block, read from the model."""

    def __init__(self, model):
        self.model = model

    def __getitem__(self, name):
        from types import SimpleNamespace

        return SimpleNamespace(block=self.model._meta.get_field(name).stream_block)


def admin_form_data(html, model):
    """What the editor's browser posts for the page edit form it was sent."""
    from types import SimpleNamespace

    response = SimpleNamespace(
        content=html.encode(), context={"form": SimpleNamespace(fields=ModelFields(model))}
    )
    return browser_form_data(response, PAGE_FORM)


def page_id(stack, slug):
    status, _headers, body = stack.get(f"{stack.nginx_url}/api/v2/pages/?slug={slug}")
    assert status == 200, body
    import json

    return json.loads(body)["items"][0]["id"]


def title_of(html):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").find("h1").get_text(" ", strip=True)


RELEASE_GERMAN = """
from wagtail.models import Site
from core.models import LanguageSettings
languages = LanguageSettings.for_site(Site.objects.get(is_default_site=True))
languages.released_languages = ["ru", "de"]
languages.save()
"""


@pytest.mark.xdist_group("front-cache-stack")
def test_a_publish_in_the_admin_reaches_both_app_servers_and_the_front_cache_within_a_second(
    stack,
):
    import threading
    import time

    # German shows the English title (no German of its own): once released, its page must
    # show the change too.
    stack.sites[0].shell(RELEASE_GERMAN)
    path = "/en/programmes/urban-leds/"
    visitor = Browser(stack.nginx_url)
    for _ in range(2):
        status, headers, html = visitor.get(path)
    assert status == 200 and headers["X-Cache-Status"] == "HIT"
    assert visitor.get("/de/programmes/urban-leds/")[0] == 200
    assert visitor.get("/de/programmes/urban-leds/")[1]["X-Cache-Status"] == "HIT"
    old_title = title_of(html)

    editor = Browser(stack.app_urls[0])  # the admin of the first instance
    editor.log_in("bench", stack.admin_password)
    edit = f"/admin/pages/{page_id(stack, 'urban-leds')}/edit/"
    _status, _headers, form_html = editor.get(edit)
    data = admin_form_data(form_html, ProgrammePage)
    new_title = f"{old_title} – phase three"
    data.update({"title_en": new_title, "action-publish": "action-publish"})
    status, _headers, body = editor.post(edit, data)
    assert status == 302, body[:2000]
    published_at = time.monotonic()

    servers = {
        "front cache": (stack.nginx_url, path),
        "front cache, German": (stack.nginx_url, "/de/programmes/urban-leds/"),
        "app server 1": (stack.app_urls[0], path),
        "app server 2": (stack.app_urls[1], path),
    }
    seen_after = {}  # when the first request that got the new title was sent

    def poll(name, base, url):
        while time.monotonic() - published_at < 5:
            sent = time.monotonic() - published_at
            if title_of(Browser(base).get(url)[2]) == new_title:
                seen_after[name] = sent
                return
            time.sleep(0.02)

    pollers = [
        threading.Thread(target=poll, args=(name, *target)) for name, target in servers.items()
    ]
    for poller in pollers:
        poller.start()
    for poller in pollers:
        poller.join()

    assert set(seen_after) == set(servers), f"still the old title: {set(servers) - set(seen_after)}"
    assert max(seen_after.values()) <= 1.0, seen_after
    # And the front cache keeps serving the new version from its cache.
    assert Browser(stack.nginx_url).get(path)[1]["X-Cache-Status"] in ("HIT", "REVALIDATED")


@pytest.mark.xdist_group("front-cache-stack")
def test_a_visitor_who_read_cached_pages_can_send_the_contact_form(stack):
    from bs4 import BeautifulSoup

    visitor = Browser(stack.nginx_url)
    visitor.get("/en/")
    assert visitor.get("/en/")[1]["X-Cache-Status"] == "HIT"

    for _ in range(2):  # the office page is never served from the cache
        status, headers, html = visitor.get("/en/office/")
        assert status == 200 and headers["X-Cache-Status"] != "HIT"
    form = BeautifulSoup(html, "html.parser").find("form", class_="contact-form")
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")}
    for field in form.find_all(["input", "textarea"]):
        kind = field.get("type", "text")
        if field.get("required") is not None or field.name == "textarea":
            data[field["name"]] = "visitor@example.org" if kind == "email" else "Hello Bonn"
    data["_website"] = ""  # the honeypot stays empty, as people leave it

    status, _headers, thanks = visitor.post("/en/office/", data)

    assert status == 200
    assert 'class="contact-form"' not in thanks  # the thank-you page, not the form again
    # The CSRF cookie alone does not keep the visitor from cached pages.
    assert visitor.get("/en/")[1]["X-Cache-Status"] == "HIT"


@pytest.mark.xdist_group("front-cache-stack")
def test_an_editor_behind_the_front_cache_sees_their_own_pages_and_visitors_never_do(stack):
    path = "/en/partners/"
    Browser(stack.nginx_url).get(path)
    editor = Browser(stack.nginx_url)
    editor.log_in("bench", stack.admin_password)

    status, headers, html = editor.get(path)

    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "wagtail-userbar" in html
    status, headers, html = Browser(stack.nginx_url).get(path)
    assert headers["X-Cache-Status"] == "HIT"
    assert "wagtail-userbar" not in html
    # The admin is never stored either.
    assert editor.get("/admin/")[1].get("X-Cache-Status") in ("BYPASS", None)


# --- Several app servers share everything through services, not process memory ----------------


def under_production_settings(environment, expression):
    """The value of `expression` (JSON) in a fresh process with production settings."""
    import json
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="iclei_portal.settings.production",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
        REDIS_URL="redis://127.0.0.1:6379/0",
        **environment,
    )
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.files.storage import storages\n"
        f"print(json.dumps({expression}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


MEDIA = "[type(storages['default']).__name__, storages['default'].url('images/logo.png')]"


def test_media_are_local_files_unless_the_operator_names_a_bucket():
    assert under_production_settings({"MEDIA_S3_BUCKET": ""}, MEDIA) == [
        "FileSystemStorage",
        "/media/images/logo.png",
    ]
    bucket = {"MEDIA_S3_BUCKET": "iclei-media", "MEDIA_S3_ENDPOINT_URL": "https://s3.example.org"}
    assert under_production_settings(bucket, MEDIA) == [
        "S3Storage",
        "https://s3.example.org/iclei-media/media/images/logo.png",
    ]


def test_sessions_and_the_cache_live_outside_the_app_servers_processes():
    expression = "[settings.SESSION_ENGINE, settings.CACHES['default']['BACKEND']]"

    assert under_production_settings({}, expression) == [
        "django.contrib.sessions.backends.db",
        "django_redis.cache.RedisCache",
    ]
