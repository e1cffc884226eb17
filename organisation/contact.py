"""The office contact form's defences: a honeypot, a one-time token and a per-address limit.

Real visitors write to the office through a form anyone on the internet can post to. Three
cheap, self-hosted guards keep the inbox usable without a third-party service (no CAPTCHA,
no visitor data sent elsewhere):

- a honeypot: a text field hidden from people, which form-filling robots fill in;
- a signed one-time token per form: a double click or a browser's "resend" stores one
  message, not two, and a post that did not come from our form is refused;
- a per-address rate limit: one address cannot flood the inbox.

Used tokens and recent sends are kept in the database, not in the cache: the cache swallows
Redis errors as misses, and a guard that reads "nothing known" during an outage would let
every post through. Contact posts are rare, so the few rows cost nothing; expired ones are
deleted as new messages arrive.

The honeypot and the token are form fields but never part of the message: the form drops
them from `cleaned_data`, so they are neither stored in the submission nor shown in the
admin's inbox or its exports.
"""

import ipaddress
import logging
import math
import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

logger = logging.getLogger("organisation.contact")

# Names Wagtail never gives an editor's field: it derives field names from labels with
# slugify, which strips leading underscores. So neither can clash with a field editors add.
HONEYPOT_FIELD = "_website"
TOKEN_FIELD = "_token"  # noqa: S105 (a field name, not a secret)

MESSAGE_MAX_LENGTH = 5000  # Wagtail's multi-line field has no limit of its own
TOKEN_SALT = "organisation.contact.token"  # noqa: S105 (a namespace, not a secret)
RATE_SALT = "organisation.contact.rate"
# How long a rendered form can be sent, and how long a used token is remembered. They must
# be equal: a token whose use has been forgotten must also have expired.
TOKEN_MAX_AGE = 24 * 60 * 60
DEFAULT_RATE_LIMIT = (5, 10 * 60)  # messages, per so many seconds, per address
MAIL_TIMEOUT = 10  # seconds; without one a hanging mail server would hang the visitor too

REFUSED_AS_AUTOMATED = _(
    "Your message was not sent because it looks automated. Please check it and send it again."
)
TOKEN_INVALID = _("This form could not be verified. Please send your message again.")
TOKEN_EXPIRED = _("This form has expired. Please send your message again.")


def new_token():
    """A fresh random token, signed so that a post cannot invent or alter one."""
    return signing.dumps(secrets.token_urlsafe(16), salt=TOKEN_SALT)


def read_token(token):
    """The random part of a token this site issued less than TOKEN_MAX_AGE ago."""
    try:
        return signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise ValidationError(TOKEN_EXPIRED, code="token") from None
    except signing.BadSignature:
        raise ValidationError(TOKEN_INVALID, code="token") from None


class UsedToken(models.Model):
    """A form token that has carried a stored message: the same form is not stored twice."""

    nonce = models.CharField(max_length=64, primary_key=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"token used at {self.used_at:%Y-%m-%d %H:%M}"


class SentMessage(models.Model):
    """When a message was accepted from one sender, for the per-address limit.

    The sender is a keyed hash of the address (or IPv6 /64), not the address itself: the
    limit needs to recognise a sender, not to know who it is.
    """

    sender = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["sender", "sent_at"], name="contact_sender_sent_at")]

    def __str__(self):
        return f"message sent at {self.sent_at:%Y-%m-%d %H:%M}"


def forget_expired():
    """Drop tokens past TOKEN_MAX_AGE and sends past the limit's window: no one asks again."""
    now = timezone.now()
    _limit, period = rate_limit()
    UsedToken.objects.filter(used_at__lt=now - timedelta(seconds=TOKEN_MAX_AGE)).delete()
    SentMessage.objects.filter(sent_at__lt=now - timedelta(seconds=period)).delete()


def claim_token(nonce):
    """Mark the token used; False if it already was (the same form posted again).

    The primary key decides: of two simultaneous posts of one form only one inserts.
    Kept in the database, not the cache, so that a Redis outage (which django-redis with
    IGNORE_EXCEPTIONS turns into silent misses) cannot let a form be stored twice.
    """
    forget_expired()
    try:
        with transaction.atomic():
            UsedToken.objects.create(nonce=nonce)
    except IntegrityError:
        return False
    return True


def release_token(nonce):
    """Forget a claimed token whose message was not stored, so the visitor can send it."""
    UsedToken.objects.filter(nonce=nonce).delete()


def rate_limit():
    return getattr(settings, "CONTACT_FORM_RATE_LIMIT", DEFAULT_RATE_LIMIT)


class RateLimit:
    """At most `limit` messages per `period` seconds from one address (a sliding window).

    Counted in the database (contact posts are rare, and a cache that is down must not
    lift the limit). The address is REMOTE_ADDR. Behind a reverse proxy REMOTE_ADDR is the
    proxy's address, so every visitor would share one allowance: the client's address must
    reach the app as REMOTE_ADDR (core.middleware.TrustedProxyMiddleware with
    TRUSTED_PROXIES). Never trust X-Forwarded-For from anyone else: a client can forge it
    to escape the limit.

    IPv6 addresses are counted per /64 network, since one household or server usually
    has a whole /64 to rotate through.
    """

    def __init__(self, request):
        self.limit, self.period = rate_limit()
        address = request.META.get("REMOTE_ADDR", "")
        self.sender = salted_hmac(RATE_SALT, self.client(address)).hexdigest()

    @staticmethod
    def client(address):
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return address
        if ip.version == 6:
            return str(ipaddress.ip_network(f"{ip}/64", strict=False))
        return str(ip)

    def recent(self):
        since = timezone.now() - timedelta(seconds=self.period)
        return SentMessage.objects.filter(sender=self.sender, sent_at__gt=since)

    def allow(self):
        """Count one more message from this address; False if that is one too many.

        The message is recorded before counting, so of simultaneous posts each counts the
        others that were recorded first: the limit may refuse one too many, never admit one.
        """
        sent = SentMessage.objects.create(sender=self.sender)
        if self.recent().count() <= self.limit:
            return True
        sent.delete()
        return False

    def seconds_left(self):
        """Until the oldest message in the window leaves it."""
        oldest = self.recent().order_by("sent_at").values_list("sent_at", flat=True).first()
        if oldest is None:
            return self.period
        left = (oldest + timedelta(seconds=self.period) - timezone.now()).total_seconds()
        return max(1, math.ceil(left))

    def message(self):
        minutes = math.ceil(self.seconds_left() / 60)
        return ngettext(
            "Too many messages from your address; please try again in %(minutes)d minute.",
            "Too many messages from your address; please try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}


class ContactForm(BaseForm):
    """The editors' fields plus the honeypot and the one-time token.

    After validation `cleaned_data` holds only the editors' fields and `token` holds the
    token's random part.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.token = None
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(
                # Not type="hidden": robots skip those. The template hides its wrapper.
                attrs={"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}
            ),
        )
        self.fields[TOKEN_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=new_token
        )

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visitor_fields(self):
        """The fields a person fills in: every visible field but the honeypot."""
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.pop(HONEYPOT_FIELD, ""):
            self.add_error(None, ValidationError(REFUSED_AS_AUTOMATED, code="honeypot"))
        try:
            self.token = read_token(cleaned_data.pop(TOKEN_FIELD, ""))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned_data

    def is_refused(self):
        """True when the post itself is suspect (honeypot, token), not just the input."""
        return any(self.has_error(NON_FIELD_ERRORS, code) for code in ("honeypot", "token"))

    def prepare_to_show_again(self):
        """Keep what the visitor typed, with a fresh token and an empty honeypot.

        A fresh token lets the visitor send the form after any refusal; an autofilled
        honeypot sent back as it was would be refused again.
        """
        self.data = self.data.copy()
        self.data[TOKEN_FIELD] = new_token()
        self.data[HONEYPOT_FIELD] = ""


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder, building a ContactForm with a bounded multi-line field."""

    def create_multiline_field(self, field, options):
        options["max_length"] = MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("WagtailForm", (ContactForm,), self.formfields)


def reply_to(form):
    """The e-mail addresses the visitor gave, so the office can answer with "Reply"."""
    return [
        form.cleaned_data[name]
        for name, field in form.fields.items()
        if isinstance(field, forms.EmailField) and form.cleaned_data.get(name)
    ]


def mail_connection():
    """A connection to the mail server that gives up after EMAIL_TIMEOUT or MAIL_TIMEOUT."""
    return get_connection(timeout=getattr(settings, "EMAIL_TIMEOUT", None) or MAIL_TIMEOUT)
