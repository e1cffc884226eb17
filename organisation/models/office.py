"""The office page: the contact form; the address comes from Organisation settings."""

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import TranslatedPageMixin
from core.permissions import can_read_form_submissions

from .. import contact
from .site_settings import OrganisationSettings

TEXT_FEATURES = ["bold", "italic", "link"]


class InboxSubmissionsPanel(FormSubmissionsPanel):
    """Wagtail's submissions summary, shown only to those who may read the submissions."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        def is_shown(self):
            return super().is_shown() and can_read_form_submissions(self.request.user)


class OfficeFormField(AbstractFormField):
    """A field of the office's contact form; editors choose the fields."""

    page = ParentalKey(
        "organisation.OfficePage", on_delete=models.CASCADE, related_name="form_fields"
    )

    def get_field_clean_name(self):
        # Submission keys come from the default language's label, so they do not depend
        # on the language of the editor who added the field.
        return get_field_clean_name(getattr(self, f"label_{settings.LANGUAGE_CODE}") or self.label)


class OfficePage(TranslatedPageMixin, AbstractEmailForm):
    """The office: address (from Organisation settings) and a contact form."""

    intro = RichTextField(blank=True, features=TEXT_FEATURES)
    thank_you_text = RichTextField(
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Shown after a visitor sends the contact form."),
    )

    content_panels = AbstractEmailForm.content_panels + [
        InboxSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Contact form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail notification of new messages"),
        ),
    ]
    # The address shown here lives in Organisation settings; it is indexed with the page so
    # that "Bonn", "address" or «Бонн» find it (re-indexed when the settings change:
    # organisation.apps).
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("address_text"),
    ]
    parent_page_types = ["organisation.HomePage"]
    subpage_types = []
    max_count = 1

    form_builder = contact.ContactFormBuilder

    class Meta:
        verbose_name = _("office page")

    def address_text(self):
        """The office address as the page shows it, in the active language."""
        site = self.get_site()
        org = OrganisationSettings.for_site(site) if site else None
        if org is None or not org.has_address:
            return ""
        place = f"{org.postal_code} {org.locality}".strip()
        return f"{gettext('Address')}: {org.street_address}, {place}, {org.country.name}"

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.receive_message(request, *args, **kwargs)
        else:
            response = super().serve(request, *args, **kwargs)
        # Each rendering carries its own one-time token: a shared cache must not hand one
        # visitor's form (and token) to the next.
        add_never_cache_headers(response)
        return response

    def receive_message(self, request, *args, **kwargs):
        """Store a visitor's message once, then notify the office (see organisation.contact)."""
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            return self.show_form_again(request, form, status=400 if form.is_refused() else 200)
        if not contact.claim_token(form.token):
            # The same form again (double click, browser resend): it is stored already.
            return self.render_landing_page(request, None, *args, **kwargs)
        limit = contact.RateLimit(request)
        if not limit.allow():
            contact.release_token(form.token)
            form.add_error(None, limit.message())
            response = self.show_form_again(request, form, status=429)
            response["Retry-After"] = str(limit.seconds_left())
            return response
        try:
            submission = self.process_form_submission(form)
        except Exception:
            contact.release_token(form.token)  # not stored: the visitor may send it again
            raise
        return self.render_landing_page(request, submission, *args, **kwargs)

    def show_form_again(self, request, form, status):
        form.prepare_to_show_again()
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def send_mail(self, form):
        """E-mail the office. The message is already stored, so a mail failure only logs:
        the visitor still gets the thank-you page and the message waits in the inbox."""
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        try:
            send_mail(
                self.subject,
                self.render_email(form),
                addresses,
                self.from_address,
                connection=contact.mail_connection(),
                reply_to=contact.reply_to(form) or None,
            )
        except Exception:
            # No visitor data here: the message itself is safe in the form submissions.
            contact.logger.exception(
                "Could not e-mail the office about a contact form message on page %s; "
                "the message is stored in the form submissions.",
                self.pk,
            )
