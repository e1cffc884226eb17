"""While Redis is down the contact form's spam guards still hold and the servers stay in the pool.

Redis is a port where nothing listens, with the production cache configuration
(django-redis swallowing its errors as misses): a guard kept in the cache would read
"never seen" and let every post through. The load balancer follows /readyz, which must
keep a server that can still serve pages and messages.
"""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.db import DatabaseError
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission

import pytest

from organisation.contact import SentMessage, UsedToken
from tests.helpers import visible_text
from tests.test_contact_form import (  # noqa: F401 (fixtures)
    THANKS_EN,
    TOO_MANY,
    _empty_cache,
    office,
    open_form,
    send,
)
from tests.test_faults import closed_port, redis_down  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_the_sixth_message_in_ten_minutes_is_refused_while_redis_is_down(
    client,
    office,  # noqa: F811
    redis_down,  # noqa: F811
):
    for _ in range(5):
        assert send(client).status_code == 200

    response = send(client, message="And another one.")

    assert response.status_code == 429
    assert TOO_MANY in visible_text(response)
    assert 540 < int(response["Retry-After"]) <= 600  # when the first of the five leaves the window
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 5


def test_a_form_posted_again_is_stored_once_while_redis_is_down(
    client,
    office,  # noqa: F811
    redis_down,  # noqa: F811
):
    form = open_form(client)

    first = send(client, form)
    again = send(client, form)  # a resend, or a robot replaying one valid form

    assert THANKS_EN in visible_text(first)
    assert THANKS_EN in visible_text(again)
    assert FormSubmission.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_refused_visitor_may_write_again_once_the_oldest_message_is_ten_minutes_old(
    client,
    office,  # noqa: F811
):
    for _ in range(5):
        send(client)
    assert send(client).status_code == 429
    oldest = SentMessage.objects.order_by("sent_at").first()
    SentMessage.objects.filter(pk=oldest.pk).update(sent_at=timezone.now() - timedelta(minutes=11))

    response = send(client)

    assert response.status_code == 200
    assert FormSubmission.objects.count() == 6


def test_the_guards_forget_what_has_expired_and_keep_no_address(client, office):  # noqa: F811
    send(client)
    day_ago = timezone.now() - timedelta(days=1, minutes=1)
    UsedToken.objects.update(used_at=day_ago)
    SentMessage.objects.update(sent_at=day_ago)

    send(client)

    assert UsedToken.objects.count() == SentMessage.objects.count() == 1
    assert "203.0.113.7" not in SentMessage.objects.get().sender  # a keyed hash, not the address


def test_readiness_is_degraded_but_200_while_redis_is_down(client, redis_down):  # noqa: F811
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_readiness_is_503_when_the_database_is_unreachable(client, redis_down):  # noqa: F811
    with mock.patch("core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "unavailable",
    }
