"""Security by default: headers, a strict public CSP, login lockout, health checks."""

from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse

import pytest

from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def csp(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_public_pages_send_a_strict_content_security_policy(client, seeded_site):
    policy = csp(client.get("/en/programmes/urban-leds/"))

    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_the_admin_gets_a_policy_wagtail_can_work_with(admin_client):
    policy = csp(admin_client.get(reverse("wagtailadmin_home")))

    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]  # page previews are framed by the editor
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ],
)
def test_public_pages_send_protective_headers(client, seeded_site, header, expected):
    assert client.get("/en/")[header] == expected


def test_powerful_browser_features_are_switched_off(client, seeded_site):
    policy = client.get("/en/")["Permissions-Policy"]

    for feature in ("camera", "geolocation", "microphone", "payment"):
        assert f"{feature}=()" in policy


def test_a_weak_admin_password_is_refused():
    with pytest.raises(ValidationError):
        validate_password("iclei2030")  # short, and all too guessable
    validate_password("Kaiser-Friedrich-Str-53113")


def test_repeated_failed_logins_lock_the_account_with_a_clear_message(client):
    get_user_model().objects.create_user("editor", password="Correct-horse-battery-1")
    login = reverse("wagtailadmin_login")
    for _attempt in range(4):
        response = client.post(login, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error

    locked = client.post(login, {"username": "editor", "password": "wrong"})  # the fifth
    assert locked.status_code == 429
    assert "Too many failed logins" in visible_text(locked)

    # Even the right password is refused while the lockout lasts.
    right = client.post(login, {"username": "editor", "password": "Correct-horse-battery-1"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_login_resets_the_failure_count(client):
    get_user_model().objects.create_user("editor", password="Correct-horse-battery-1")
    login = reverse("wagtailadmin_login")
    for _attempt in range(4):
        client.post(login, {"username": "editor", "password": "wrong"})

    response = client.post(login, {"username": "editor", "password": "Correct-horse-battery-1"})

    assert response.status_code == 302
    client.logout()
    client.post(login, {"username": "editor", "password": "wrong"})
    assert client.post(login, {"username": "editor", "password": "wrong"}).status_code == 200


def test_health_check_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_check_reports_database_and_cache(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_check_fails_when_the_database_is_down(client):
    with mock.patch("core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert response.json()["cache"] == "ok"


def test_readiness_check_is_degraded_but_ready_when_the_cache_loses_what_it_is_given(client):
    # What an unreachable Redis looks like behind django-redis' IGNORE_EXCEPTIONS.
    with mock.patch("core.views.cache.get", return_value=None):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}
