"""Fields translated per language (modeltranslation). Every Page subclass is listed."""

from modeltranslation.translator import TranslationOptions, register

from .models import ArticlePage, NewsIndexPage


@register(NewsIndexPage)
class NewsIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ArticlePage)
class ArticlePageTR(TranslationOptions):
    fields = ("summary", "body", "hero_alt")
