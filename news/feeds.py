"""RSS 2.0 and Atom feeds of the newest articles, one per language (/<lang>/feeds/news.rss,
/<lang>/feeds/news.atom), built with Django's syndication framework.

Every URL in them is absolute on the Wagtail Site record (core.canonical), never on the
request's Host header: the front cache keeps one copy for every reader.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from wagtail.models import Site

from core import canonical
from core.chrome import public

from .models import ORDER, ArticlePage, NewsIndexPage

ITEMS = 20


class _Context:
    def __init__(self, request):
        self.request = request
        self.language = translation.get_language()
        site = Site.find_for_request(request)
        index = NewsIndexPage.objects.live()
        if site is not None:
            index = index.descendant_of(site.root_page, inclusive=True)
        self.index = index.first()


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = "news-rss"

    def get_object(self, request, *args, **kwargs):
        return _Context(request)

    def title(self, obj):
        return obj.index.title if obj.index else str(ArticlePage._meta.verbose_name_plural)

    def description(self, obj):
        return obj.index.search_description if obj.index else ""

    def link(self, obj):
        path = obj.index.get_url(request=obj.request) if obj.index else "/"
        return canonical.absolute_url(obj.request, path)

    def feed_url(self, obj):
        return canonical.absolute_url(obj.request, reverse(self.url_name))

    def items(self, obj):
        if obj.index is None:
            return []
        articles = ArticlePage.objects.child_of(obj.index).live()
        items = list(public(articles, obj.request).defer_streamfields().order_by(*ORDER)[:ITEMS])
        for item in items:  # the feed instance serves every request: no request kept on it
            item.feed_link = canonical.absolute_url(obj.request, item.get_url(obj.request))
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    url_name = "news-atom"

    def subtitle(self, obj):
        return self.description(obj)
