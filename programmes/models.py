"""Programmes and projects: phases, countries, cities, partners and themes."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField

from core.blocks import ContentBlock
from core.countries import CountryPanel
from core.models import (
    EditorialSnippetMixin,
    HeroImageMixin,
    KeyFigure,
    TranslatedPageMixin,
    format_year_range,
    validate_year_range,
    workflow_states_relation,
)

from . import listing
from .filters import FILTERS, filter_programmes
from .maps.layers import programme_map, programmes_map
from .timeline import phase_timeline


class Theme(EditorialSnippetMixin, index.Indexed, models.Model):
    """What a programme works on, e.g. air quality or sustainable mobility."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True, help_text=_("Used in filter URLs; not shown."))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="theme")
    _workflow_states = workflow_states_relation("theme")
    preview_template = "programmes/previews/theme.html"

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")

    def __str__(self):
        return self.name


class City(EditorialSnippetMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=100)
    country = CountryField()
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)

    panels = [
        FieldPanel("name"),
        CountryPanel("country"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="city")
    _workflow_states = workflow_states_relation("city")
    preview_template = "programmes/previews/city.html"

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return f"{self.name} ({self.country.code})"

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": _("Latitude must be between -90 and 90.")})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": _("Longitude must be between -180 and 180.")})


# The status of a project, where languages give it another form than a programme's.
PROJECT_STATUS = {
    "planned": pgettext_lazy("status of a project", "Planned"),
    "ongoing": pgettext_lazy("status of a project", "Ongoing"),
    "completed": pgettext_lazy("status of a project", "Completed"),
}


class ProgrammeIndexPage(TranslatedPageMixin, Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["organisation.HomePage"]
    subpage_types = [
        "programmes.ProgrammePage",
        "organisation.GeneralPage",
        "organisation.LandingPage",
    ]
    max_count = 1
    listed_page_type = "programmes.ProgrammePage"  # in the menu once it has one (core.sections)

    class Meta:
        verbose_name = _("programme index")

    def programmes(self, request=None):
        """The live, public programmes, in listing order: a queryset that the listing
        filters, pages and aggregates in SQL (programmes.listing)."""
        from core.chrome import public, with_images  # public(): no query of every restriction

        return (
            with_images(public(ProgrammePage.objects.child_of(self).live(), request))
            .defer_streamfields()
            .order_by(*listing.ORDER)
        )

    def get_context(self, request, *args, **kwargs):
        """Queries however many programmes there are: the page of programmes with their
        total, the country combinations, the themes used, the programmes of countries
        with few, the city links (plus the chrome's and the cards' pictures)."""
        context = super().get_context(request, *args, **kwargs)
        programmes = self.programmes(request)
        form, selected, page, counts, matching = filter_programmes(
            programmes, request.GET, ProgrammePage.Status.choices
        )
        # The map shows what the filters found (one more query when they are in force).
        if selected:
            programmes, counts = matching, listing.country_counts(matching)
        from core.chrome import prefetch_pictures

        prefetch_pictures(request, self, page.object_list)  # this page's card images: one query
        context.update(
            entries=page.object_list,
            page_obj=page,
            filter_form=form,
            filtered=bool(selected),
            map=programmes_map(
                counts,
                listing.named_programmes(programmes, counts),
                listing.city_links(programmes),
                listing.NAMED,
                filtered=bool(selected),
            ),
            # Every filtered or paged variant points to the plain listing as canonical.
            noindex=any(name in request.GET for name in (*FILTERS, "page")),
        )
        return context


class ProgrammePage(HeroImageMixin, TranslatedPageMixin, Page):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    summary = models.TextField(help_text=_("One or two sentences for listings."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ONGOING)
    is_flagship = models.BooleanField(default=False, help_text=_("An ICLEI flagship project."))
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    iclei_role = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("ICLEI's part in it, e.g. “Founded and run by ICLEI since 2011”."),
    )
    region = models.CharField(
        max_length=100, blank=True, help_text=_("Region in words, e.g. “East Asia”.")
    )
    countries = CountryField(multiple=True, blank=True)
    body = StreamField(ContentBlock(), blank=True)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("status"), FieldPanel("start_year"), FieldPanel("end_year")]
                ),
                FieldPanel("is_flagship"),
                FieldPanel("iclei_role"),
            ],
            heading=_("Status and period"),
        ),
        MultiFieldPanel(
            [FieldPanel("region"), CountryPanel("countries")], heading=_("Where it works")
        ),
        InlinePanel("theme_links", label=_("Themes")),
        FieldPanel(
            "image",
            help_text=_(
                "Shown on the programme's card, and as its hero image when it has no hero "
                "image of its own."
            ),
        ),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        InlinePanel("figures", label=_("Key figures")),
        InlinePanel("phases", label=_("Phases")),
        InlinePanel("cities", label=_("Cities")),
        InlinePanel("partners", label=_("Partners")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("region"),
        index.FilterField("status"),
    ]
    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("summary"),
        APIField("status"),
        APIField("is_flagship"),
        APIField("start_year"),
        APIField("end_year"),
        APIField("iclei_role"),
        APIField("region"),
        APIField("country_codes"),
        APIField("theme_names"),
        APIField("body"),
        APIField("figures"),
        APIField("phases"),
        APIField("partners"),
    ]

    class Meta:
        verbose_name = _("programme")

    @property
    def years(self):
        return format_year_range(self.start_year, self.end_year)

    @property
    def country_codes(self):
        return [country.code for country in self.countries]

    @property
    def theme_names(self):
        return [theme.name for theme in self.live_themes()]

    def live_themes(self):
        """The published themes of the programme; drafts of a theme stay out of sight."""
        return [link.theme for link in self.theme_links.select_related("theme") if link.theme.live]

    def working_country_codes(self, phases=None):
        """The programme's countries and any its phases add, in order, as ISO codes."""
        phases = self.phases.all() if phases is None else phases
        codes = dict.fromkeys(self.country_codes)
        for phase in phases:
            codes.update(dict.fromkeys(phase.country_codes))
        return list(codes)

    @property
    def status_label(self):
        """The status as a word that agrees with what the page is: a flagship page is a
        project (Russian «Завершён»), any other a programme («Завершена»)."""
        if self.is_flagship:
            return str(PROJECT_STATUS.get(self.status, self.get_status_display()))
        return self.get_status_display()

    @property
    def listing_meta(self):
        """Status, period and ICLEI's role, for cards in listings."""
        return " · ".join(filter(None, [self.status_label, self.years, self.iclei_role]))

    def clean(self):
        super().clean()
        validate_year_range(self.start_year, self.end_year)

    def save(self, *args, **kwargs):
        """Save, and keep the listing's country index in step with what was saved. A draft
        revision saves only the page's revision fields, so the index follows the published
        content (and a new page's first draft, which no listing shows until it is live)."""
        update_fields = kwargs.get("update_fields")
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            if update_fields is None or {"countries", "phases"} & set(update_fields):
                listing.index_countries([self])
        return result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        phases = list(self.phases.all())
        cities = list(self.cities.select_related("city").filter(city__live=True))
        context["phases"] = phases
        context["timeline"] = phase_timeline(self, phases)
        context["themes"] = self.live_themes()
        context["cities"] = cities
        context["map"] = programme_map(self, phases, cities)
        # Prefetched on the page, so the JSON-LD (organisation.seo) reads the same rows.
        models.prefetch_related_objects(
            [self], models.Prefetch("partners", ProgrammePartner.objects.select_related("partner"))
        )
        context["programme_partners"] = self.partners.all()
        return context


class ProgrammeTheme(Orderable):
    # A link row rather than a many-to-many field, so Wagtail's reference index can
    # show editors where each theme is used.
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "programmes.Theme", on_delete=models.CASCADE, related_name="programme_links"
    )

    panels = [FieldPanel("theme")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "theme")]


class ProgrammeFigure(Orderable, KeyFigure):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="figures")
    api_fields = KeyFigure.api_fields


class ProgrammePhase(Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=100)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    countries = CountryField(
        multiple=True, blank=True, help_text=_("Countries the phase works in.")
    )
    description = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        CountryPanel("countries"),
        FieldPanel("description"),
    ]
    api_fields = [
        APIField("name"),
        APIField("start_year"),
        APIField("end_year"),
        APIField("country_codes"),
        APIField("description"),
    ]

    @property
    def country_codes(self):
        return [country.code for country in self.countries]

    def __str__(self):
        return f"{self.name} ({self.years})"

    @property
    def years(self):
        return format_year_range(self.start_year, self.end_year)

    def clean(self):
        validate_year_range(self.start_year, self.end_year)


class ProgrammeCountry(models.Model):
    """A country a programme works in, its own or a phase's: one row per programme and
    country, so the listing filters and counts by country through an index (see
    programmes.listing). Derived from the page on save; editors never see it."""

    page = models.ForeignKey(ProgrammePage, on_delete=models.CASCADE, related_name="country_index")
    code = models.CharField(max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "page"], name="programme_country_once")
        ]

    def __str__(self):
        return f"{self.code}: {self.page_id}"


class ProgrammeCity(Orderable):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participating city")
        SOURCE = "source", _("Source city")
        LEAD = "lead", _("Lead partner")

    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="cities")
    city = models.ForeignKey("programmes.City", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)

    panels = [FieldPanel("city"), FieldPanel("role")]


class ProgrammePartner(Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(
        "partners.PartnerPage", on_delete=models.CASCADE, related_name="programme_links"
    )
    role = models.CharField(
        max_length=255, blank=True, help_text=_("The partner's part, e.g. “Joint programme”.")
    )

    panels = [PageChooserPanel("partner", "partners.PartnerPage"), FieldPanel("role")]
    api_fields = [APIField("partner"), APIField("role")]
