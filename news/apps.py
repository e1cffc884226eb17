from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Newsroom")

    def ready(self):
        from core import related

        from .related import latest_articles, latest_rows_annotation

        related.register(latest_articles)
        related.register_annotations(latest_rows_annotation)

        from core import listing_options

        from .models import ArticlePage, ArticleRelatedPage, ArticleTheme

        listing_options.watch(ArticlePage, ArticleTheme, ArticleRelatedPage)
