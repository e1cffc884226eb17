"""ICLEI's partners, the tools it offers and the events it takes part in."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import ContentBlock
from core.chrome import prefetch_pictures, public, with_images
from core.models import TranslatedPageMixin, format_year_range, validate_year_range

# Pages of the organisation app a directory may hold beside its entries (about, FAQ…).
GENERAL_PAGES = ["organisation.GeneralPage", "organisation.LandingPage"]


class DirectoryIndexPage(TranslatedPageMixin, Page):
    """Shared shape of the three directory listings; each lists its own entry type."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["organisation.HomePage"]
    max_count = 1
    entry_model = None
    per_page = 24

    class Meta:
        abstract = True

    def entries(self, request=None):
        # Cards show no body: leave the StreamFields in the database.
        return (
            with_images(public(self.entry_model.objects.child_of(self).live(), request))
            .defer_streamfields()
            .order_by("path")
        )

    def paginate(self, number, request=None):
        """The page of entries (`per_page` a page, counted and fetched in SQL); a number
        that is not a page of the directory is a 404."""
        try:
            return Paginator(self.entries(request), self.per_page).page(number or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = self.paginate(request.GET.get("page"), request)
        context["page_obj"] = page
        context["entries"] = entries = list(page.object_list)
        prefetch_pictures(request, self, entries)  # the cards' logos: one query
        # Later pages point to the first as canonical and stay out of search engines.
        context["noindex"] = "page" in request.GET
        return context


class DirectoryEntryPage(TranslatedPageMixin, Page):
    """Fields every partner, tool and event has."""

    summary = models.TextField(help_text=_("One or two sentences for listings."))
    body = StreamField(ContentBlock(), blank=True)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    subpage_types = []

    class Meta:
        abstract = True


class PartnerPage(DirectoryEntryPage):
    class Relationship(models.TextChoices):
        MEMBER = "member", _("ICLEI is a member")
        FOCAL_POINT = "focal_point", _("ICLEI is a focal point")
        FOUNDING_PARTNER = "founding_partner", _("ICLEI is a founding partner")
        PROGRAMME_PARTNER = "programme_partner", _("Joint programme partner")
        TOOL_PARTNER = "tool_partner", _("Partner in a joint tool")

    acronym = models.CharField(max_length=40, blank=True)
    # Indexed: every page names the memberships (core.chrome, HomePage.chrome_pages).
    relationship = models.CharField(max_length=30, choices=Relationship.choices, db_index=True)
    relationship_note = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("The relationship in words, e.g. “Focal point of the LGMA constituency”."),
    )
    since_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Year the relationship began, if known.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("relationship"), FieldPanel("since_year")]),
                FieldPanel("relationship_note"),
            ],
            heading=_("Relationship with ICLEI"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = DirectoryEntryPage.search_fields + [
        index.SearchField("acronym"),
        index.SearchField("relationship_note"),
    ]
    parent_page_types = ["partners.PartnerIndexPage"]
    api_fields = [
        APIField("acronym"),
        APIField("relationship"),
        APIField("relationship_note"),
        APIField("since_year"),
        APIField("summary"),
        APIField("website"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("partner")

    @property
    def listing_meta(self):
        return self.relationship_note or self.get_relationship_display()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tools"] = public(self.tools.live(), request).order_by("path")
        context["programmes"] = self.programme_links.filter(page__live=True).select_related("page")
        return context


class ToolPage(DirectoryEntryPage):
    acronym = models.CharField(max_length=40, blank=True)
    purpose = models.CharField(
        max_length=255, help_text=_("What the tool is for, e.g. “Greenhouse gas inventory”.")
    )
    partner = models.ForeignKey(
        "partners.PartnerPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tools",
        help_text=_("The partner the tool is run with, if any."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldPanel("purpose"),
        PageChooserPanel("partner", "partners.PartnerPage"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = DirectoryEntryPage.search_fields + [
        index.SearchField("acronym"),
        index.SearchField("purpose"),
    ]
    parent_page_types = ["partners.ToolIndexPage"]

    class Meta:
        verbose_name = _("tool")

    @property
    def listing_meta(self):
        return self.purpose


class EventPage(DirectoryEntryPage):
    acronym = models.CharField(max_length=40, blank=True)
    is_series = models.BooleanField(
        default=False,
        help_text=_("A recurring series (forums, conferences) rather than one event."),
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("is_series")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = DirectoryEntryPage.search_fields + [index.SearchField("acronym")]
    parent_page_types = ["partners.EventIndexPage"]

    class Meta:
        verbose_name = _("event")

    @property
    def years(self):
        return format_year_range(self.start_year, self.end_year)

    @property
    def listing_meta(self):
        return self.years

    def clean(self):
        super().clean()
        validate_year_range(self.start_year, self.end_year)


class PartnerIndexPage(DirectoryIndexPage):
    subpage_types = ["partners.PartnerPage", *GENERAL_PAGES]
    entry_model = PartnerPage
    template = "index_page.html"

    class Meta:
        verbose_name = _("partner directory")


class ToolIndexPage(DirectoryIndexPage):
    subpage_types = ["partners.ToolPage", *GENERAL_PAGES]
    entry_model = ToolPage
    template = "index_page.html"

    class Meta:
        verbose_name = _("tool directory")


class EventIndexPage(DirectoryIndexPage):
    subpage_types = ["partners.EventPage", *GENERAL_PAGES]
    entry_model = EventPage
    template = "index_page.html"

    class Meta:
        verbose_name = _("event directory")
