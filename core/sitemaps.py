"""sitemap.xml: every live page in every language, each with its hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from wagtail.models import Page, Site


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True  # the default language's URL
    languages = [code for code, _name in settings.LANGUAGES]

    def __init__(self, request=None):
        super().__init__()
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request) if self.request else None
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return Page.objects.none()
        return (
            Page.objects.live()
            .public()
            .descendant_of(site.root_page, inclusive=True)
            .order_by("path")
            .specific()
        )

    def location(self, page):
        # Called under each language in turn: modeltranslation gives that language's path.
        return page.get_url_parts(request=self.request)[2]

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, *args, **kwargs):
        # Django strips the default language's prefix for x-default, but every URL here
        # carries its prefix (and its own slugs): x-default is the default language's URL.
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            by_language = {alt["lang_code"]: alt["location"] for alt in url["alternates"]}
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls
