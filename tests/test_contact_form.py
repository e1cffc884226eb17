"""Visitors write to the office through the contact form; the office reads every message.

Each test opens the office page as a browser would, fills in the form it finds there
(including the hidden one-time token) and posts it, then checks what the visitor sees,
what is stored in the admin's inbox and what is e-mailed to the office.
"""

import smtplib
import time
from unittest import mock

from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

import pytest
from bs4 import BeautifulSoup

from organisation.models import OfficePage
from tests.helpers import html_lang, visible_text

pytestmark = pytest.mark.django_db

EN_URL, RU_URL = "/en/office/", "/ru/ofis/"
VISITOR = "203.0.113.7"  # an address from the documentation range
MESSAGE = {
    "your_name": "Anna Petrova",
    "your_e_mail_address": "anna@example.org",
    "message": "Could you send me the Urban-LEDS report, please?",
}
THANKS_EN = "Thank you. Your message has been received."
THANKS_RU = "Спасибо. Ваше сообщение получено."
TOO_MANY = "Too many messages from your address; please try again in 10 minutes."
NOT_VERIFIED = "This form could not be verified. Please send your message again."
LOOKS_AUTOMATED = "Your message was not sent because it looks automated."


@pytest.fixture(autouse=True)
def _empty_cache():
    """Nothing an earlier test cached (site root paths, page chrome) carries over."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def office(seeded_site):
    """The seeded office page, with the addresses an editor sets for notifications."""
    page = OfficePage.objects.get()
    page.to_address = "office@example.org, director@example.org"
    page.from_address = "portal@example.org"
    page.save()
    return page


def contact_form(response):
    return BeautifulSoup(response.content, "html.parser").find("form", class_="contact-form")


def form_values(response):
    """Every field of the contact form as the browser would send it untouched."""
    fields = contact_form(response).find_all(["input", "textarea"])
    return {
        field["name"]: field.get_text() if field.name == "textarea" else field.get("value", "")
        for field in fields
    }


def open_form(client, url=EN_URL):
    response = client.get(url)
    assert response.status_code == 200
    return form_values(response)


def send(client, form=None, url=EN_URL, ip=VISITOR, **typed):
    """Fill in the form (a freshly opened one unless given) and send it from address `ip`."""
    form = open_form(client, url) if form is None else form
    return client.post(url, {**form, **MESSAGE, **typed}, REMOTE_ADDR=ip)


def typed_back(response):
    """What the re-shown form holds in the visitor's fields."""
    form = contact_form(response)
    return {
        "your_name": form.find("input", attrs={"name": "your_name"}).get("value"),
        "your_e_mail_address": form.find("input", attrs={"name": "your_e_mail_address"}).get(
            "value"
        ),
        "message": form.find("textarea", attrs={"name": "message"}).get_text().strip(),
    }


@pytest.mark.parametrize(
    ("url", "thanks", "language"),
    [(EN_URL, THANKS_EN, "en"), (RU_URL, THANKS_RU, "ru")],
)
def test_visitor_sends_a_message_and_is_thanked_in_their_language(
    client, office, url, thanks, language
):
    response = send(client, url=url)

    assert response.status_code == 200
    assert thanks in visible_text(response)
    assert html_lang(response) == language
    assert [s.form_data for s in FormSubmission.objects.filter(page=office)] == [MESSAGE]


def test_the_office_is_emailed_each_message(client, office):
    send(client)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["office@example.org", "director@example.org"]
    assert email.from_email == "portal@example.org"
    assert email.subject == "Message from the portal's contact form"
    assert "Your name: Anna Petrova" in email.body
    assert "Message: Could you send me the Urban-LEDS report, please?" in email.body
    assert email.reply_to == ["anna@example.org"]  # the office answers with "Reply"


@pytest.mark.parametrize(
    "failure",
    [
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
    ],
    ids=["smtp-error", "connection-refused", "timeout"],
)
def test_a_message_is_kept_when_the_mail_server_is_down(client, office, caplog, failure):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=failure
    ):
        response = send(client)

    assert response.status_code == 200
    assert THANKS_EN in visible_text(response)
    assert FormSubmission.objects.filter(page=office).count() == 1  # waits in the inbox
    errors = [r for r in caplog.records if r.name == "organisation.contact"]
    assert [r.levelname for r in errors] == ["ERROR"]
    for personal in MESSAGE.values():
        assert personal not in caplog.text


def test_the_robot_trap_is_hidden_from_people_but_not_a_hidden_input(client, office):
    form = contact_form(client.get(EN_URL))
    trap = form.find("input", attrs={"name": "_website"})

    assert trap.get("type") == "text"  # robots skip type="hidden"
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    wrapper = trap.find_parent("div")
    assert "contact-form__trap" in wrapper["class"]
    assert wrapper["aria-hidden"] == "true"


def test_a_robot_that_fills_in_the_trap_is_refused(client, office):
    response = send(client, _website="https://cheap-pills.example")

    assert response.status_code == 400
    assert LOOKS_AUTOMATED in visible_text(response)
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []
    trap = contact_form(response).find("input", attrs={"name": "_website"})
    assert not trap.get("value")  # a person whose browser filled it can simply send again


def test_the_sixth_message_from_one_address_within_ten_minutes_is_refused(client, office):
    for _ in range(5):
        assert send(client).status_code == 200

    response = send(client, message="One more thing I forgot to ask.")

    assert response.status_code == 429
    assert TOO_MANY in visible_text(response)
    assert response["Retry-After"]
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 5
    assert typed_back(response) == {**MESSAGE, "message": "One more thing I forgot to ask."}


def test_a_visitor_at_another_address_is_not_blocked(client, office):
    for _ in range(5):
        send(client)

    response = send(client, ip="198.51.100.20")

    assert response.status_code == 200
    assert THANKS_EN in visible_text(response)
    assert FormSubmission.objects.count() == 6


def test_the_site_can_set_a_stricter_limit(client, office, settings):
    settings.CONTACT_FORM_RATE_LIMIT = (1, 60)
    send(client)

    response = send(client)

    assert response.status_code == 429
    assert "please try again in 1 minute." in visible_text(response)
    assert FormSubmission.objects.count() == 1


def test_a_double_click_stores_the_message_once(client, office):
    form = open_form(client)

    first = send(client, form)
    again = send(client, form)  # the same form, token and all

    assert first.status_code == again.status_code == 200
    assert THANKS_EN in visible_text(again)
    assert FormSubmission.objects.count() == 1
    assert len(mail.outbox) == 1


def test_each_visit_gets_its_own_form_that_no_cache_keeps(client, office):
    first, second = client.get(EN_URL), client.get(EN_URL)

    tokens = {
        contact_form(r).find("input", attrs={"name": "_token"})["value"] for r in (first, second)
    }
    assert len(tokens) == 2
    assert "no-store" in first["Cache-Control"]


def forged(token):
    """The token with its random part swapped for one an attacker chose."""
    _value, timestamp, signature = token.split(":")
    return ":".join([signing.b64_encode(b'"chosen-by-attacker"').decode(), timestamp, signature])


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: "",
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        forged,
        lambda token: signing.dumps("made-up", salt="organisation.contact.token", key="guess"),
    ],
    ids=["missing", "altered-signature", "forged-value", "signed-with-another-key"],
)
def test_a_form_with_a_missing_or_tampered_token_is_refused(client, office, tamper):
    form = open_form(client)
    form["_token"] = tamper(form["_token"])

    response = send(client, form)

    assert response.status_code == 400
    assert NOT_VERIFIED in visible_text(response)
    assert not FormSubmission.objects.exists()
    assert typed_back(response) == MESSAGE
    # The form comes back with a valid token: sending it again works.
    assert send(client, form_values(response)).status_code == 200
    assert FormSubmission.objects.count() == 1


def test_a_form_left_open_for_two_days_must_be_sent_again(client, office):
    two_days_ago = signing.b62_encode(int(time.time()) - 2 * 24 * 60 * 60)
    with mock.patch.object(signing.TimestampSigner, "timestamp", return_value=two_days_ago):
        form = open_form(client)

    response = send(client, form)

    assert response.status_code == 400
    assert "This form has expired. Please send your message again." in visible_text(response)
    assert not FormSubmission.objects.exists()
    assert typed_back(response) == MESSAGE


def test_an_invalid_email_address_is_pointed_out_and_nothing_is_stored(client, office):
    response = send(client, your_e_mail_address="anna at example")

    assert response.status_code == 200
    assert "Enter a valid email address." in visible_text(response)
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []
    assert typed_back(response) == {**MESSAGE, "your_e_mail_address": "anna at example"}
    form = contact_form(response)
    assert form.find(attrs={"role": "alert"}) is not None  # the error summary
    email_input = form.find("input", attrs={"name": "your_e_mail_address"})
    assert email_input["aria-invalid"] == "true"
    described_by = email_input["aria-describedby"].split()
    assert form.find(id=described_by[-1]).get_text(strip=True) == "Enter a valid email address."


def test_a_message_without_required_fields_is_refused(client, office):
    response = send(client, your_name="", message="")

    assert response.status_code == 200
    assert visible_text(response).count("This field is required.") >= 2
    assert not FormSubmission.objects.exists()


def test_a_message_longer_than_five_thousand_characters_is_refused(client, office):
    textarea = contact_form(client.get(EN_URL)).find("textarea", attrs={"name": "message"})
    assert textarea["maxlength"] == "5000"

    response = send(client, message="x" * 5001)

    assert response.status_code == 200
    assert "at most 5000 characters" in visible_text(response)
    assert not FormSubmission.objects.exists()


def test_the_office_reads_messages_in_the_admin_without_trap_or_token(admin_client, client, office):
    send(client)
    # PostgreSQL (jsonb) keeps keys in its own order: compare the keys, not their order.
    assert set(FormSubmission.objects.get().form_data) == set(MESSAGE)

    url = reverse("wagtailforms:list_submissions", args=(office.pk,))
    listing = admin_client.get(url)
    assert listing.status_code == 200
    text = visible_text(listing)
    assert "Anna Petrova" in text
    assert "Your e-mail address" in text

    export = admin_client.get(url + "?export=csv")
    assert export.status_code == 200
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    header, row = csv.splitlines()[:2]
    assert header == "Submission date,Your name,Your e-mail address,Message"
    assert "Anna Petrova" in row
    for hidden in ("_website", "_token", "website", "token"):
        assert hidden not in header.lower()
