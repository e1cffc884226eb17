"""The publications library: resources (reports, guides, case studies, …) with one
document per language, and their index with filters."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.chrome import prefetch_pictures, public
from core.models import TranslatedPageMixin
from people.models import AuthorLink

from .filters import FILTERS, filter_resources

Document = get_document_model()
TEXT_FEATURES = ["bold", "italic", "link"]
ORDER = ("-year", "-pk")


class LibraryIndexPage(TranslatedPageMixin, Page):
    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["organisation.HomePage"]
    subpage_types = [
        "library.ResourcePage",
        "organisation.GeneralPage",
        "organisation.LandingPage",
    ]
    max_count = 1
    listed_page_type = "library.ResourcePage"  # in the main menu once it has one (core.sections)

    class Meta:
        verbose_name = _("publications library")

    def resources(self, request=None):
        return (
            public(ResourcePage.objects.child_of(self).live(), request)
            .select_related("cover")
            .order_by(*ORDER)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, selected, page = filter_resources(self.resources(request), request.GET, self)
        prefetch_pictures(request, self, page.object_list)  # the covers: one query
        context.update(
            entries=page.object_list,
            page_obj=page,
            filter_form=form,
            filtered=bool(selected),
            noindex=any(name in request.GET for name in (*FILTERS, "page")),
        )
        return context


class ResourcePage(TranslatedPageMixin, Page):
    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        GUIDE = "guide", _("Guide")
        CASE_STUDY = "case_study", _("Case study")
        POLICY_BRIEF = "policy_brief", _("Policy brief")
        TOOLKIT = "toolkit", _("Toolkit")
        OTHER = "other", _("Other publication")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    year = models.PositiveSmallIntegerField(db_index=True)
    summary = models.TextField(help_text=_("One or two sentences for listings."))
    description = RichTextField(blank=True, features=TEXT_FEATURES)
    cover = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Translated (modeltranslation): document_en, document_ru, … Each language's translators
    # attach their language's file; a language without one offers the English file.
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The publication's file (PDF or Word) in this language."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("cover"),
        FieldPanel("document"),
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("theme_links", label=_("Themes")),
        InlinePanel("programme_links", label=_("Programmes")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("document_text"),
        index.FilterField("kind"),
        index.FilterField("year"),
    ]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("kind"),
        APIField("year"),
        APIField("summary"),
        APIField("description"),
        APIField("document_url"),
        APIField("author_names"),
        APIField("theme_names"),
    ]

    class Meta:
        verbose_name = _("publication")

    @property
    def listing_meta(self):
        return f"{self.get_kind_display()} · {self.year}"

    def own_document(self, language=None):
        """The document attached in `language` (the active one), without English fallback."""
        language = language or translation.get_language()
        return getattr(self, build_localized_fieldname("document", language), None)

    @classmethod
    def search_prefetch(cls):
        """What indexing reads of each resource besides its row: the document of every
        language with its text, fetched for a whole batch (search.indexing, and Wagtail's
        get_indexed_objects) rather than once per resource and language."""
        documents = Document.objects.select_related("extracted")
        return [
            Prefetch(build_localized_fieldname("document", code), queryset=documents)
            for code, _name in settings.LANGUAGES
        ]

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related(*cls.search_prefetch())

    @property
    def document_text(self):
        """The words of the document a visitor gets in the active language (the site search
        indexes them per language: search.indexing)."""
        document = self.document
        if document is None:
            return ""
        try:
            return document.extracted.text  # with the document when prefetched
        except DocumentText.DoesNotExist:
            return ""

    @property
    def document_url(self):
        return self.document.url if self.document else None

    def live_authors(self):
        return [
            link.person
            for link in self.authors.select_related("person", "person__photo")
            if link.person.live
        ]

    def live_themes(self):
        return [link.theme for link in self.theme_links.select_related("theme") if link.theme.live]

    @property
    def author_names(self):
        return [person.name for person in self.live_authors()]

    @property
    def theme_names(self):
        return [theme.name for theme in self.live_themes()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = self.programme_links.select_related("programme").filter(programme__live=True)
        document = self.document
        context.update(
            authors=self.live_authors(),
            themes=self.live_themes(),
            programmes=[link.programme for link in links],
            document=document,
            document_in_english=document is not None and self.own_document() is None,
        )
        self._authors = context["authors"]
        return context

    def schema_org(self, absolute, organisation_id):
        """schema.org Report (a report) or CreativeWork (the other kinds)."""
        authors = getattr(self, "_authors", None)
        if authors is None:
            authors = self.live_authors()
        data = {
            "@type": "Report" if self.kind == self.Kind.REPORT else "CreativeWork",
            "name": self.title,
            "description": self.summary,
            "datePublished": str(self.year),
            "inLanguage": translation.get_language(),
            "url": absolute(self),
            "publisher": {"@id": organisation_id},
        }
        if authors:
            data["author"] = [person.schema_org() for person in authors]
        return data


class ResourceAuthor(AuthorLink):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="authors")


class ResourceTheme(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "programmes.Theme", on_delete=models.CASCADE, related_name="resource_links"
    )

    panels = [FieldPanel("theme")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "theme")]


class ResourceProgramme(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="programme_links")
    programme = models.ForeignKey(
        "programmes.ProgrammePage", on_delete=models.CASCADE, related_name="resource_links"
    )

    panels = [PageChooserPanel("programme", "programmes.ProgrammePage")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "programme")]


class DocumentText(models.Model):
    """The words of an uploaded document (PDF or Word), read once on upload for the site
    search. A file that cannot be read keeps its upload; `error` says why it has no text."""

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted"
    )
    text = models.TextField(blank=True)
    error = models.CharField(max_length=255, blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document text")

    def __str__(self):
        return f"{self.document_id}: {len(self.text)} characters"
