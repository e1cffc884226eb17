"""ICLEI's own pages: the profile (home), its priorities and its office; site settings."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField

from core.blocks import ContentBlock, SocialLinkBlock
from core.chrome import (
    Chrome,
    as_specific,
    prefetch_pictures,
    public,
    specific_relations,
    with_images,
)
from core.models import EditorialSnippetMixin, KeyFigure, TranslatedPageMixin
from core.permissions import can_read_form_submissions
from partners.models import EventPage, PartnerIndexPage, PartnerPage, ToolPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from translations.forms_translator import TranslatorModelForm

from . import contact
from .contact import SentMessage, UsedToken  # noqa: F401 (models kept beside their guards)

TEXT_FEATURES = ["bold", "italic", "link"]


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Facts about the organisation shown on every page: the office address and the website."""

    street_address = models.CharField(max_length=255)
    postal_code = models.CharField(max_length=20)
    locality = models.CharField(max_length=100, help_text=_("Town or city."))
    country = CountryField()
    email = models.EmailField(blank=True, help_text=_("Public contact address, if any."))
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    social_links = StreamField([("link", SocialLinkBlock())], blank=True)
    share_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when a page without its own image is shared on social media."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("country"),
            ],
            heading=_("Office address"),
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("share_image"),
    ]
    base_form_class = TranslatorModelForm  # keeps language translators to their languages
    select_related = ["share_image"]  # shown on every page: loaded with the settings

    class Meta:
        verbose_name = _("organisation settings")

    @property
    def has_address(self):
        return bool(self.street_address and self.locality)


class Pollutant(EditorialSnippetMixin, index.Indexed, models.Model):
    """A pollutant ICLEI works to reduce, with the guideline value where one is given."""

    class Kind(models.TextChoices):
        SLCP = "slcp", _("Short-lived climate pollutant")
        AIR = "air", _("Air pollutant")

    name = models.CharField(max_length=100)
    symbol = models.CharField(max_length=20, blank=True, help_text=_("e.g. “CH₄”, “PM2.5”."))
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.TextField(blank=True)
    guideline_value = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    guideline_unit = models.CharField(max_length=20, blank=True, help_text=_("e.g. “µg/m³”."))
    guideline_source = models.CharField(
        max_length=100, blank=True, help_text=_("Who sets the guideline, e.g. “WHO”.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("symbol"), FieldPanel("kind")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("guideline_value"), FieldPanel("guideline_unit")]),
                FieldPanel("guideline_source"),
            ],
            heading=_("Guideline value"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="pollutant")
    preview_template = "organisation/previews/pollutant.html"

    class Meta:
        ordering = ["-kind", "name"]  # short-lived climate pollutants first
        verbose_name = _("pollutant")

    def __str__(self):
        return f"{self.name} ({self.symbol})" if self.symbol else self.name

    def clean(self):
        # Report on the default-language field: the admin form has no plain
        # "guideline_unit" field (modeltranslation), and naming one it lacks is a 500.
        unit_field = f"guideline_unit_{settings.LANGUAGE_CODE}"
        if self.guideline_value is not None and not getattr(self, unit_field):
            raise ValidationError({unit_field: _("Give the unit of the guideline value.")})


class HomePage(TranslatedPageMixin, Page):
    """The organisation's profile. Its title is the organisation's name."""

    short_name = models.CharField(max_length=40, help_text=_("e.g. “ICLEI”."))
    mission = RichTextField(features=TEXT_FEATURES, help_text=_("Who the organisation is."))
    approach = RichTextField(
        blank=True, features=TEXT_FEATURES, help_text=_("How it works with partners.")
    )
    commitment = models.TextField(
        blank=True, help_text=_("The commitment in one sentence, shown prominently.")
    )
    commitment_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Year the commitment is to be met.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("mission"),
        FieldPanel("approach"),
        FieldRowPanel([FieldPanel("commitment"), FieldPanel("commitment_year")]),
        InlinePanel("key_figures", label=_("Key figures")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("mission"),
        index.SearchField("approach"),
        index.SearchField("commitment"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "organisation.PriorityIndexPage",
        "organisation.OfficePage",
        "programmes.ProgrammeIndexPage",
        "partners.PartnerIndexPage",
        "partners.ToolIndexPage",
        "partners.EventIndexPage",
    ]
    max_count = 1
    api_fields = [
        APIField("short_name"),
        APIField("mission"),
        APIField("approach"),
        APIField("commitment"),
        APIField("commitment_year"),
        APIField("key_figures"),
    ]

    class Meta:
        verbose_name = _("home page (organisation profile)")

    # The home page lists the first of each; each index lists them all.
    listed_programmes = 8
    listed_partners = 24

    @classmethod
    def chrome_pages(cls):
        """Pages every page of the site shows (core.chrome loads them with the menu): the
        networks the organisation is a member of, named in every page's JSON-LD."""
        return PartnerPage.objects.live().filter(relationship=PartnerPage.Relationship.MEMBER)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chrome = Chrome.for_request(request)
        if chrome is not None and chrome.home is not None and chrome.home.pk == self.pk:
            # Loaded while routing; the sections introduced with their intro in their
            # specific types (one query, joining only those types), the rest by title.
            children = chrome.home_children()
            introduced = (PriorityIndexPage, ProgrammeIndexPage)
            chrome.specific([page for page in children if page.specific_class in introduced])
            children = chrome.home_children()
        else:
            children = public(self.get_children().live()).specific()
        by_type = {page.specific_class: page for page in children}
        # Each list from its own section's page (the template shows a list only with its
        # section): the database reads that section's range of the tree, not every page's.
        priority_index = by_type.get(PriorityIndexPage)
        programme_index = by_type.get(ProgrammeIndexPage)
        partner_index = by_type.get(PartnerIndexPage)
        programmes = self.featured_programmes(programme_index, request)
        prefetch_pictures(request, self, programmes)  # the cards' pictures: one query
        context.update(
            key_figures=self.key_figures.all(),
            priority_index=priority_index,
            priorities=self.section(PriorityPage, priority_index, request).order_by("number"),
            programme_index=programme_index,
            programmes=programmes,
            partner_index=partner_index,
            partners=self.section(PartnerPage, partner_index, request)
            .defer_streamfields()
            .order_by("path")[: self.listed_partners],
            office_page=by_type.get(OfficePage),
        )
        return context

    @staticmethod
    def section(model, index, request):
        """The live, public pages of a section (none when the section is not shown)."""
        if index is None:
            return model.objects.none()
        return public(model.objects.child_of(index).live(), request)

    def featured_programmes(self, index, request):
        """The first programmes, flagships first, then in tree order. Picked by two
        subqueries that each read the tree in order and stop (flagships, the others):
        ordering every programme by flagship and path took 30 ms at 5,000 programmes."""
        programmes = self.section(ProgrammePage, index, request)
        first = [
            programmes.filter(is_flagship=flagship)
            .order_by("path")
            .values("pk")[: self.listed_programmes]
            for flagship in (True, False)
        ]
        return list(
            with_images(programmes.filter(models.Q(pk__in=first[0]) | models.Q(pk__in=first[1])))
            .defer_streamfields()
            .order_by("-is_flagship", "path")[: self.listed_programmes]
        )


class HomeKeyFigure(Orderable, KeyFigure):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="key_figures")
    api_fields = KeyFigure.api_fields


class PriorityIndexPage(TranslatedPageMixin, Page):
    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["organisation.HomePage"]
    subpage_types = ["organisation.PriorityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("priority index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["priorities"] = public(
            PriorityPage.objects.child_of(self).live(), request
        ).order_by("number")
        return context


class PriorityPage(TranslatedPageMixin, Page):
    number = models.PositiveSmallIntegerField(help_text=_("Position in the numbered list."))
    summary = models.TextField(help_text=_("One or two sentences for listings."))
    body = StreamField(ContentBlock(), blank=True)
    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("pollutant_links", label=_("Pollutants")),
        InlinePanel("figures", label=_("Goals and figures")),
        InlinePanel("related_pages", label=_("Programmes, tools, partners and events")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["organisation.PriorityIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("number"),
        APIField("summary"),
        APIField("body"),
        APIField("pollutant_names"),
        APIField("figures"),
    ]

    class Meta:
        verbose_name = _("priority")
        ordering = ["number"]

    def live_pollutants(self):
        return [
            link.pollutant
            for link in self.pollutant_links.select_related("pollutant")
            if link.pollutant.live
        ]

    @property
    def pollutant_names(self):
        return [str(pollutant) for pollutant in self.live_pollutants()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The linked pages in their specific types, in the links' own query, joining only
        # the four types shown: every type's table would cost more to plan than to read.
        shown = (ProgrammePage, ToolPage, PartnerPage, EventPage)
        links = self.related_pages.select_related(*specific_relations("page_link__", shown)).filter(
            page_link__live=True
        )
        groups = {model: [] for model in shown}
        for link in links:
            page = as_specific(link.page_link)
            if type(page) in groups:
                groups[type(page)].append(page)
        context.update(
            pollutants=self.live_pollutants(),
            figures=self.figures.all(),
            related_groups=[
                (_("Programmes"), groups[ProgrammePage]),
                (_("Tools"), groups[ToolPage]),
                (_("Partners"), groups[PartnerPage]),
                (_("Events"), groups[EventPage]),
            ],
        )
        return context


class PriorityPollutant(Orderable):
    # A link row rather than a many-to-many field, so Wagtail's reference index can
    # show editors where each pollutant is named.
    page = ParentalKey(PriorityPage, on_delete=models.CASCADE, related_name="pollutant_links")
    pollutant = models.ForeignKey(
        "organisation.Pollutant", on_delete=models.CASCADE, related_name="priority_links"
    )

    panels = [FieldPanel("pollutant")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "pollutant")]


class PriorityFigure(Orderable, KeyFigure):
    page = ParentalKey(PriorityPage, on_delete=models.CASCADE, related_name="figures")
    api_fields = KeyFigure.api_fields


class PriorityLink(Orderable):
    """A programme, tool, partner or event the priority names."""

    page = ParentalKey(PriorityPage, on_delete=models.CASCADE, related_name="related_pages")
    page_link = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [
        PageChooserPanel(
            "page_link",
            [
                "programmes.ProgrammePage",
                "partners.ToolPage",
                "partners.PartnerPage",
                "partners.EventPage",
            ],
        )
    ]


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
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["organisation.HomePage"]
    subpage_types = []
    max_count = 1

    form_builder = contact.ContactFormBuilder

    class Meta:
        verbose_name = _("office page")

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
