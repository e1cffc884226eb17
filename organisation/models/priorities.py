"""The priorities: their index and one page each, with pollutants, figures and links."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import ContentBlock
from core.chrome import (
    as_specific,
    public,
    specific_relations,
)
from core.models import HeroImageMixin, KeyFigure, TranslatedPageMixin
from partners.models import EventPage, PartnerPage, ToolPage
from programmes.models import ProgrammePage

TEXT_FEATURES = ["bold", "italic", "link"]


class PriorityIndexPage(TranslatedPageMixin, Page):
    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["organisation.HomePage"]
    subpage_types = [
        "organisation.PriorityPage",
        "organisation.GeneralPage",
        "organisation.LandingPage",
    ]
    max_count = 1
    listed_page_type = "organisation.PriorityPage"  # in the menu once it has one (core.sections)

    class Meta:
        verbose_name = _("priority index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["priorities"] = public(
            PriorityPage.objects.child_of(self).live(), request
        ).order_by("number")
        return context


class PriorityPage(HeroImageMixin, TranslatedPageMixin, Page):
    class Icon(models.TextChoices):
        # Each one drawn in templates/includes/priority_icon.html.
        GOVERNANCE = "governance", _("Governance (columns)")
        POLLUTANTS = "pollutants", _("Pollutants (cloud)")
        TOOLS = "tools", _("Tools (wrench)")
        CLEAN_AIR = "clean_air", _("Clean air (wind)")
        GLOBAL = "global", _("Global events (globe)")
        CLIMATE = "climate", _("Climate (thermometer)")
        CITY = "city", _("Cities (buildings)")

    number = models.PositiveSmallIntegerField(help_text=_("Position in the numbered list."))
    icon = models.CharField(
        max_length=20,
        choices=Icon.choices,
        blank=True,
        help_text=_("Drawn next to the priority's title; empty shows its number."),
    )
    summary = models.TextField(help_text=_("One or two sentences for listings."))
    body = StreamField(ContentBlock(), blank=True)
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("icon")]),
        FieldPanel("summary"),
        *HeroImageMixin.hero_panels,
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
        APIField("icon"),
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
