"""General pages (text built from the block library) and landing pages (an introduction to
a group of pages, listed below it), placed under the home page, under a section or nested."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import ContentBlock
from core.chrome import public
from core.models import TranslatedPageMixin

# The home page and its sections: where a general or landing page may stand.
SECTIONS = [
    "organisation.HomePage",
    "organisation.PriorityIndexPage",
    "programmes.ProgrammeIndexPage",
    "partners.PartnerIndexPage",
    "partners.ToolIndexPage",
    "partners.EventIndexPage",
    "news.NewsIndexPage",
    "library.LibraryIndexPage",
]
# A listed page's short text, by the first of these fields its type has.
SUMMARY_FIELDS = ("summary", "intro")


class GeneralPage(TranslatedPageMixin, Page):
    """A page of text: an introduction and a body built from the block library."""

    intro = models.TextField(
        blank=True, help_text=_("One or two sentences shown above the text and in listings.")
    )
    body = StreamField(ContentBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = [*SECTIONS, "organisation.GeneralPage", "organisation.LandingPage"]
    subpage_types = ["organisation.GeneralPage"]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("general page")


class LandingPage(TranslatedPageMixin, Page):
    """The entry to a group of pages: a picture, an introduction, a body, then its pages."""

    intro = models.TextField(
        blank=True, help_text=_("One or two sentences shown under the title and in listings.")
    )
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown across the top of the page."),
    )
    body = StreamField(ContentBlock(), blank=True)
    list_children = models.BooleanField(
        default=True,
        verbose_name=_("list the pages below this one"),
        help_text=_("After the body, a link to each published page below this one."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("list_children"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = [*SECTIONS, "organisation.LandingPage"]
    subpage_types = ["organisation.GeneralPage", "organisation.LandingPage"]
    api_fields = [APIField("intro"), APIField("image"), APIField("body")]

    class Meta:
        verbose_name = _("landing page")

    def listed_pages(self, request=None):
        """(page, field holding its short text or None) for each live public child, in the
        tree's order: one query for the pages, one per page type among them."""
        if not self.list_children:
            return []
        pages = public(self.get_children().live(), request).order_by("path").specific()
        return [(page, _summary_field(page)) for page in pages]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listed_pages"] = self.listed_pages(request)
        return context


def _summary_field(page):
    names = {field.name for field in page._meta.get_fields()}
    return next((name for name in SUMMARY_FIELDS if name in names), None)


class ImpressumPage(TranslatedPageMixin, Page):
    """The provider identification German law asks for (§ 5 DDG; § 18 (2) MStV).

    Nothing is filled in by the seed: staff create the page from the organisation's legal
    documents; once it is published, the footer links to it."""

    provider_name = models.CharField(
        max_length=255, help_text=_("The organisation's full legal name.")
    )
    legal_form = models.CharField(
        max_length=120, help_text=_("e.g. “eingetragener Verein (e. V.)”.")
    )
    street_address = models.CharField(max_length=255)
    postal_code = models.CharField(max_length=20)
    locality = models.CharField(max_length=100, help_text=_("Town or city."))
    country = models.CharField(max_length=100)
    representatives = models.TextField(
        help_text=_("The persons authorised to represent the organisation, with their roles.")
    )
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    register_court = models.CharField(
        max_length=120, blank=True, help_text=_("e.g. “Amtsgericht Bonn”, if registered.")
    )
    register_number = models.CharField(
        max_length=60, blank=True, help_text=_("e.g. “VR 1234”, if registered.")
    )
    vat_id = models.CharField(
        max_length=40, blank=True, verbose_name=_("VAT identification number")
    )
    content_responsible = models.TextField(
        blank=True,
        verbose_name=_("responsible for content"),
        help_text=_("Name and address of the person responsible under § 18 (2) MStV."),
    )
    further_information = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("e.g. supervisory authority, dispute resolution."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("provider_name"), FieldPanel("legal_form"), FieldPanel("representatives")],
            heading=_("Provider"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("country"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("email"), FieldPanel("phone")])], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("register_court"), FieldPanel("register_number")]),
                FieldPanel("vat_id"),
            ],
            heading=_("Register and tax"),
        ),
        FieldPanel("content_responsible"),
        FieldPanel("further_information"),
    ]
    search_fields = Page.search_fields  # legal boilerplate: found by its title only
    parent_page_types = ["organisation.HomePage"]
    subpage_types = []
    max_count = 1
    api_fields = [
        APIField(name)
        for name in (
            "provider_name",
            "legal_form",
            "street_address",
            "postal_code",
            "locality",
            "country",
            "representatives",
            "email",
            "phone",
            "register_court",
            "register_number",
            "vat_id",
            "content_responsible",
            "further_information",
        )
    ]

    class Meta:
        verbose_name = _("Impressum (legal notice)")
