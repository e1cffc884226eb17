"""The home page: the organisation's profile."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.chrome import (
    Chrome,
    prefetch_pictures,
    public,
    with_images,
)
from core.models import HeroImageMixin, KeyFigure, TranslatedPageMixin
from partners.models import PartnerIndexPage, PartnerPage
from programmes.models import ProgrammeIndexPage, ProgrammePage

from .office import OfficePage
from .priorities import TEXT_FEATURES, PriorityIndexPage, PriorityPage


class HomePage(HeroImageMixin, TranslatedPageMixin, Page):
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
        *HeroImageMixin.hero_panels,
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
        "organisation.GeneralPage",
        "organisation.LandingPage",
        "organisation.ImpressumPage",
        "news.NewsIndexPage",
        "library.LibraryIndexPage",
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
