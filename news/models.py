"""The newsroom: articles (news, stories, press releases) and their index with filters."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import ContentBlock
from core.chrome import prefetch_pictures, public, with_images
from core.models import HeroImageMixin, TranslatedPageMixin
from people.models import AuthorLink

from .filters import FILTERS, filter_articles

TEXT_FEATURES = ["bold", "italic", "link"]
# Newest first; the key breaks ties between articles of one day, so pages never overlap.
ORDER = ("-date", "-pk")


class NewsIndexPage(TranslatedPageMixin, Page):
    intro = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["organisation.HomePage"]
    subpage_types = ["news.ArticlePage", "organisation.GeneralPage", "organisation.LandingPage"]
    max_count = 1
    listed_page_type = "news.ArticlePage"  # in the main menu once it has one (core.sections)

    class Meta:
        verbose_name = _("news index")

    def articles(self, request=None):
        """The live, public articles of this index, newest first (filtered and paged in SQL)."""
        return (
            with_images(public(ArticlePage.objects.child_of(self).live(), request))
            .defer_streamfields()
            .order_by(*ORDER)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, selected, page = filter_articles(self.articles(request), request.GET, self)
        prefetch_pictures(request, self, page.object_list)  # the cards' pictures: one query
        context.update(
            entries=page.object_list,
            page_obj=page,
            filter_form=form,
            filtered=bool(selected),
            # Every filtered or paged variant points to the plain listing as canonical.
            noindex=any(name in request.GET for name in (*FILTERS, "page")),
        )
        return context


class ArticlePage(HeroImageMixin, TranslatedPageMixin, Page):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        STORY = "story", _("Story")
        PRESS_RELEASE = "press_release", _("Press release")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("publication date"), default=timezone.localdate, db_index=True)
    summary = models.TextField(help_text=_("One or two sentences for listings and feeds."))
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        *HeroImageMixin.hero_panels,
        FieldPanel("body"),
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("theme_links", label=_("Themes")),
        InlinePanel("related_pages", label=_("Programmes, priorities and partners")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    api_fields = [
        APIField("kind"),
        APIField("date"),
        APIField("summary"),
        APIField("body"),
        APIField("author_names"),
        APIField("theme_names"),
    ]

    class Meta:
        verbose_name = _("article")

    @property
    def listing_meta(self):
        """Kind and date, for cards and lists."""
        from django.utils.formats import date_format

        return f"{self.get_kind_display()} · {date_format(self.date)}"

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
        links = self.related_pages.select_related("page_link").filter(page_link__live=True)
        context.update(
            authors=self.live_authors(),
            themes=self.live_themes(),
            related_links=[link.page_link for link in links],
        )
        self._authors = context["authors"]  # the JSON-LD reads the same rows
        return context

    def schema_org(self, absolute, organisation_id):
        """schema.org NewsArticle (organisation.seo adds it to the page's JSON-LD)."""
        authors = getattr(self, "_authors", None)
        if authors is None:
            authors = self.live_authors()
        data = {
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "url": absolute(self),
            "publisher": {"@id": organisation_id},
        }
        if authors:
            data["author"] = [person.schema_org() for person in authors]
        return data


class ArticleAuthor(AuthorLink):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")


class ArticleTheme(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(
        "programmes.Theme", on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [FieldPanel("theme")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "theme")]


class ArticleRelatedPage(Orderable):
    """A programme, priority or partner the article is about; the article is listed there."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_pages")
    page_link = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="article_links",
        verbose_name=_("page"),
    )

    panels = [
        PageChooserPanel(
            "page_link",
            ["programmes.ProgrammePage", "organisation.PriorityPage", "partners.PartnerPage"],
        )
    ]

    class Meta(Orderable.Meta):
        unique_together = [("page", "page_link")]
