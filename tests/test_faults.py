"""When a service the portal depends on fails, visitors still get pages and messages are kept.

Simulated in process: Redis is a port where nothing listens (with the production cache
configuration), PostgreSQL is a connection that raises, the mail server is a port where
nothing listens. The scripts in faults/ break real servers under load.
"""

import json
import logging
import runpy
import socket
from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

import pytest
from pythonjsonlogger.json import JsonFormatter

from tests.helpers import visible_text
from tests.test_contact_form import MESSAGE, THANKS_EN, _empty_cache, office, send  # noqa: F401

pytestmark = pytest.mark.django_db

BASE_SETTINGS = Path(__file__).resolve().parent.parent / "iclei_portal" / "settings" / "base.py"


@pytest.fixture
def closed_port():
    """A loopback port that refuses connections: bound by us, never listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def redis_down(settings, closed_port, monkeypatch):
    """The production cache configuration (base settings with REDIS_URL), Redis unreachable."""
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{closed_port}/0")
    production = runpy.run_path(str(BASE_SETTINGS))  # executed afresh, reading REDIS_URL
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = production["DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"]
    settings.CACHES = production["CACHES"]
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"


@pytest.fixture
def anon():
    client = Client()
    client.raise_request_exception = False  # answer with the 500 page, as in production
    return client


def test_pages_are_served_while_redis_is_down_and_the_errors_are_logged(
    anon, seeded_site, redis_down, caplog
):
    for url in ("/en/", "/ru/programmy/urban-leds/", "/api/v2/pages/?lang=en", "/sitemap.xml"):
        assert anon.get(url).status_code == 200, url

    assert any(record.name.startswith("django_redis") for record in caplog.records)


def test_a_visitor_can_write_to_the_office_while_redis_is_down(client, office, redis_down):  # noqa: F811
    response = send(client)

    assert response.status_code == 200
    assert THANKS_EN in visible_text(response)
    assert FormSubmission.objects.filter(page=office).count() == 1


def test_an_editor_logs_in_and_stays_logged_in_while_redis_is_down(client, redis_down):
    # Sessions and the login lockout's counts live in the database, not in the cache.
    get_user_model().objects.create_superuser("editor", password="Correct-horse-battery-1")
    login = client.post(
        reverse("wagtailadmin_login"),
        {"username": "editor", "password": "Correct-horse-battery-1"},
    )

    assert login.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_health_checks_while_redis_is_down(client, redis_down):
    assert client.get("/healthz").status_code == 200  # the app itself is alive
    ready = client.get("/readyz")
    # Pages, logins and the form still work: the load balancer keeps the server, and the
    # body says what is missing.
    assert ready.status_code == 200
    assert ready.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_while_the_database_is_down_visitors_get_the_error_page_and_the_app_stays_alive(
    anon, seeded_site
):
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(connection, "cursor", side_effect=lost):
        page = anon.get("/en/programmes/")
        alive = anon.get("/healthz")
        ready = anon.get("/readyz")

    assert page.status_code == 500
    assert "Something went wrong on our side" in visible_text(page)
    assert alive.status_code == 200
    assert ready.status_code == 503
    assert ready.json()["database"] == "unavailable"


def test_a_message_is_stored_when_nothing_listens_on_the_mail_port(
    client,
    office,  # noqa: F811
    settings,
    closed_port,
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port

    response = send(client)

    assert response.status_code == 200
    assert THANKS_EN in visible_text(response)
    assert [s.form_data for s in FormSubmission.objects.filter(page=office)] == [MESSAGE]


def production_formatter(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    production = runpy.run_module("iclei_portal.settings.production")
    options = dict(production["LOGGING"]["formatters"]["json"])
    assert options.pop("()") == "pythonjsonlogger.json.JsonFormatter"
    return JsonFormatter(**options)


def test_production_logs_are_json_and_hold_no_personal_data_from_the_contact_form(
    client,
    office,  # noqa: F811
    settings,
    closed_port,
    caplog,
    monkeypatch,
):
    formatter = production_formatter(monkeypatch)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    caplog.set_level(logging.DEBUG)

    send(client)  # stored, the e-mail fails: an error with its traceback
    send(client, your_e_mail_address="not an address")  # shown again with an error
    send(client, form={"_token": "forged"})  # refused: a 400, logged as a bad request
    for _ in range(5):
        send(client)  # the last ones over the limit: 429s

    lines = [formatter.format(record) for record in caplog.records]
    entries = [json.loads(line) for line in lines]
    assert {"organisation.contact", "django.request"} <= {entry["logger"] for entry in entries}
    assert all({"time", "level", "logger", "message"} <= entry.keys() for entry in entries)
    for personal in (*MESSAGE.values(), "not an address"):
        assert not [line for line in lines if personal in line], personal
