"""ICLEI's partners, the tools it offers and the events it takes part in."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import F, Max, Q, Subquery
from django.db.models.functions import Greatest
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import ContentBlock
from core.cache import changes_at
from core.chrome import prefetch_pictures, public, with_images
from core.models import HeroImageMixin, TranslatedPageMixin, format_year_range, validate_year_range
from core.sitemaps import Route

from . import calendar, events
from .blocks import MaterialsBlock
from .events import CitySerializer, default_time_zone, validate_time_zone
from .forms import EventPageForm, time_zone_select

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

    def paginate(self, number, request=None, entries=None):
        """The page of entries (`per_page` a page, counted and fetched in SQL); a number
        that is not a page of the directory is a 404."""
        if entries is None:
            entries = self.entries(request)
        try:
            return Paginator(entries, self.per_page).page(number or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error

    def get_context(self, request, *args, entries=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = self.paginate(request.GET.get("page"), request, entries)
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
    # Cards show an entry's logo, never a photo. components/card.html asks for `image`
    # first: without the attribute Django's template lookup calls dir() on the page, all
    # its fields in nine languages (0.4 ms a card, a tenth of a full listing's render).
    image = None

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


class RoutablePreviewMixin(RoutablePageMixin):
    """Wagtail's routable pages, previewed in each language: RoutablePageMixin's own preview
    calls the page's main route directly, skipping the language preview (core.models)."""

    def serve_preview(self, request, mode_name):
        return super(RoutablePageMixin, self).serve_preview(request, mode_name)


class EventPage(RoutablePreviewMixin, HeroImageMixin, DirectoryEntryPage):
    """An event or a recurring series. Events with exact dates have a start and end (stored
    as aware date-times) and a time zone they are shown in; events the organisation knows
    only by their years (the seed's) keep year fields, and the page shows the years."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        MOVED_ONLINE = "moved_online", _("Moved online")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        MIXED = "mixed", _("In person and online")

    class Registration(models.TextChoices):
        NONE = "", _("No registration")
        OPEN = "open", _("Registration open")
        CLOSED = "closed", _("Registration closed")
        INVITATION = "invitation", _("By invitation only")

    acronym = models.CharField(max_length=40, blank=True)
    is_series = models.BooleanField(
        default=False,
        help_text=_("A recurring series (forums, conferences) rather than one event."),
    )
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Filled in from the start date when there is one.")
    )
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    start = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Local time at the event, in its time zone. Leave empty if not known."),
    )
    end = models.DateTimeField(
        null=True, blank=True, help_text=_("Local time at the event; empty: same as the start.")
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Where the times above are read, e.g. “Europe/Berlin”."),
    )
    all_day = models.BooleanField(default=False, help_text=_("Show dates only, no times."))
    # When the event is over (events.over_at): the archive's cut, kept for the listings.
    ends_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    city = models.ForeignKey(
        "programmes.City",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(blank=True, help_text=_("Venue and street address."))
    online_url = models.URLField(
        blank=True, help_text=_("Where to join online (for online and mixed events).")
    )
    registration_status = models.CharField(
        max_length=20, choices=Registration.choices, blank=True, default=Registration.NONE
    )
    registration_url = models.URLField(blank=True)
    registration_info = models.CharField(
        max_length=255, blank=True, help_text=_("e.g. “Free of charge; places are limited”.")
    )
    materials = StreamField(
        MaterialsBlock(),
        blank=True,
        help_text=_("Recordings and documents of the event."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel(
                    [FieldPanel("time_zone", widget=time_zone_select()), FieldPanel("all_day")]
                ),
                FieldRowPanel(
                    [FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("is_series")]
                ),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("city"),
                FieldPanel("address"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_status"),
                FieldPanel("registration_url"),
                FieldPanel("registration_info"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("materials"),
        FieldPanel("website"),
        FieldPanel("logo"),
        *HeroImageMixin.hero_panels,
    ]
    search_fields = DirectoryEntryPage.search_fields + [
        index.SearchField("acronym"),
        index.SearchField("address"),
        index.SearchField("registration_info"),
        index.SearchField("place"),
        index.FilterField("ends_at"),
        index.FilterField("start"),
    ]
    parent_page_types = ["partners.EventIndexPage"]
    api_fields = [
        APIField("acronym"),
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("all_day"),
        APIField("start_year"),
        APIField("end_year"),
        APIField("is_series"),
        APIField("status"),
        APIField("attendance"),
        APIField("city", serializer=CitySerializer()),
        APIField("address"),
        APIField("online_url"),
        APIField("registration_status"),
        APIField("registration_url"),
        APIField("registration_info"),
        APIField("website"),
        APIField("body"),
        APIField("materials"),
    ]
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("event")
        # A year of the archive, latest first: read through this index, not by scanning
        # every event of the directory (10 ms at 2,000 events; 1 ms with it).
        indexes = [models.Index(fields=["start_year", "start"], name="partners_event_year_start")]

    @property
    def years(self):
        return format_year_range(self.start_year, self.end_year)

    @property
    def when(self):
        """Dates and times in the active language, or the years for an event without dates."""
        return events.format_when(self) or self.years

    @property
    def zone_name(self):
        return events.format_time_zone(self)

    @property
    def listing_meta(self):
        return self.when

    @property
    def place(self):
        """The city and its country in the active language ("" without a city)."""
        city = self.city
        return f"{city.name}, {city.country.name}" if city else ""

    @property
    def is_over(self):
        return events.is_over(self)

    def clean(self):
        super().clean()
        if self.end and not self.start:
            raise ValidationError({"end": _("Give the start too, or leave the end empty.")})
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        self.set_years()
        validate_year_range(self.start_year, self.end_year)

    def set_years(self):
        """Year fields follow the dates (the archive sorts by them), in the event's zone."""
        if self.start:
            tz = events.zone(self.time_zone)
            self.start_year = self.start.astimezone(tz).year
            self.end_year = (self.end or self.start).astimezone(tz).year

    def save(self, *args, **kwargs):
        self.set_years()
        self.ends_at = events.over_at(self)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.ends_at and not self.is_over:
            changes_at(request, self.ends_at)  # "upcoming" turns into "past"
        if self.start:
            context["ics_url"] = self.get_url(request=request) + self.reverse_subpage("ics")
        return context

    @re_path(r"^ics/$", name="ics")
    def ics(self, request):
        """The event as an .ics file for the visitor's calendar."""
        if not self.start:
            raise Http404("An event without dates has no calendar file.")
        return calendar.response(
            calendar.build([self], request), f"{self.slug}.ics", attachment=True
        )


class PartnerIndexPage(DirectoryIndexPage):
    subpage_types = ["partners.PartnerPage", *GENERAL_PAGES]
    entry_model = PartnerPage
    listed_page_type = "partners.PartnerPage"  # in the menu once it has one (core.sections)
    template = "index_page.html"

    class Meta:
        verbose_name = _("partner directory")


class ToolIndexPage(DirectoryIndexPage):
    subpage_types = ["partners.ToolPage", *GENERAL_PAGES]
    entry_model = ToolPage
    listed_page_type = "partners.ToolPage"
    template = "index_page.html"

    class Meta:
        verbose_name = _("tool directory")


class EventIndexPage(RoutablePreviewMixin, DirectoryIndexPage):
    """Current events (upcoming ones first, by date, then series and events known by their
    years), an archive by year of those that are over, and an iCalendar feed.

    An event moves to the archive when it ends, with no editor action: listings are cut at
    the request's time, and the responses' front-cache lifetime ends when the next listed
    event does (core.cache.changes_at)."""

    subpage_types = ["partners.EventPage", *GENERAL_PAGES]
    entry_model = EventPage
    listed_page_type = "partners.EventPage"
    feed_size = 100  # the feed: the latest events by start (each costs ~2 ms to write)

    class Meta:
        verbose_name = _("event directory")

    def events(self, request=None):
        return (
            public(EventPage.objects.child_of(self).live(), request)
            .select_related("logo", "city")
            .defer_streamfields()
        )

    def entries(self, request=None):
        now = timezone.now()
        return (
            self.events(request)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .annotate(next_end=self._next_end(request, now))
            .order_by(F("start").asc(nulls_last=True), "path")
        )

    def _ends_ahead(self, request, now):
        return (
            public(EventPage.objects.child_of(self).live(), request)
            .filter(ends_at__gt=now)
            .order_by("ends_at")
            .values("ends_at")
        )

    def _next_end(self, request, now):
        # The first end among all current events, asked in the listing's own query.
        return Subquery(self._ends_ahead(request, now)[:1])

    def next_end(self, request=None):
        """When the next current event ends (None if none is ahead)."""
        ends = self._ends_ahead(request, timezone.now()).values_list("ends_at", flat=True)
        return ends.first()

    def past(self, request=None):
        return self.events(request).filter(ends_at__lte=timezone.now())

    def archive_years(self, request=None):
        return list(
            self.past(request)
            .exclude(start_year=None)
            .order_by("-start_year")
            .values_list("start_year", flat=True)
            .distinct()
        )

    def sitemap_routes(self, request=None):
        """The archive's years for the sitemap (core.sitemaps), each last changed when one of
        its events was last published or ended and moved into it (or the directory was
        last published)."""
        years = (
            self.past(request)
            .exclude(start_year=None)
            .order_by()
            .values("start_year")
            .annotate(changed=Max(Greatest("last_published_at", "ends_at")))
            .order_by("-start_year")
        )
        return [
            Route(
                self,
                self.reverse_subpage("archive", kwargs={"year": str(row["start_year"])}),
                max(filter(None, (row["changed"], self.last_published_at))),
            )
            for row in years
        ]

    def get_context(self, request, *args, year=None, **kwargs):
        listed = self.archived(year, request) if year else None
        context = super().get_context(request, *args, entries=listed, **kwargs)
        entries = context["entries"]
        # What the listing shows changes when the next current event ends: it leaves the
        # upcoming list and joins its year of the archive (which may be empty until then).
        if entries:
            changes_at(request, entries[0].next_end)
        if year and not entries:
            changes_at(request, self.next_end(request))
            raise Http404("No events in that year.")
        base = self.get_url(request=request)
        context["archive_years"] = [
            (each, base + self.reverse_subpage("archive", kwargs={"year": str(each)}))
            for each in self.archive_years(request)
        ]
        context["year"] = year
        if year:
            context["page_route"] = self.reverse_subpage("archive", kwargs={"year": str(year)})
        context["upcoming"] = [entry for entry in entries if entry.start]
        context["undated"] = [entry for entry in entries if not entry.start]
        context["feed_url"] = base + self.reverse_subpage("feed")
        return context

    @re_path(r"^archive/(?P<year>\d{4})/$", name="archive")
    def archive(self, request, year):
        """The events that were over by now and began in `year`, latest first."""
        return self.render(request, year=int(year), template="partners/event_archive_page.html")

    def archived(self, year, request=None):
        return (
            self.past(request)
            .filter(start_year=year)
            .annotate(next_end=self._next_end(request, timezone.now()))
            .order_by(F("start").desc(nulls_last=True), "path")
        )

    @re_path(r"^ics/$", name="feed")
    def feed(self, request):
        """The iCalendar feed of dated events in the visitor's language (most recent first)."""
        dated = (
            self.events(request)
            .select_related(None)
            .select_related("city")
            .only(*calendar.FIELDS)
            .exclude(start=None)
            .order_by("-start")[: self.feed_size]
        )
        return calendar.response(
            calendar.build(list(dated), request, name=self.title), f"{self.slug}.ics"
        )
