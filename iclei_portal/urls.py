from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import TemplateView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import identity, routing
from core import views as core_views
from core.sitemaps import PageSitemap, RouteSitemap
from iclei_portal.api import api_router
from news.feeds import NewsAtomFeed, NewsRssFeed
from search import views as search_views


def sitemaps(request):
    """The sitemap's sections: pages, and the routes of routable pages (core.sitemaps)."""
    return {"pages": PageSitemap(request), "routes": RouteSitemap(request)}


def sitemap_index(request):
    sections = sitemaps(request)
    if not sections["routes"].items():
        del sections["routes"]  # no archive yet: no empty file in the index
    response = sitemap_views.index(request, sitemaps=sections, sitemap_url_name="sitemap-section")
    for item in response.context_data["sitemaps"]:
        item.location = sections["pages"].index_location(item.location)
    return response


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, sitemaps=sitemaps(request), section=section)


# Admin and documents are language-neutral; public pages live under /<lang>/.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    # An index of sitemap files, each listing a fixed number of pages (core.sitemaps).
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_section, name="sitemap-section"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Icons from the logo or the wordmark (core.identity): never a 404.
    path("favicon.ico", identity.favicon, name="favicon"),
    path("favicon-32x32.png", identity.icon, {"size": 32}, name="icon-32"),
    path("apple-touch-icon.png", identity.icon, {"size": 180}, name="apple-touch-icon"),
    path("icon-192.png", identity.icon, {"size": 192}, name="icon-192"),
    path("icon-512.png", identity.icon, {"size": 512}, name="icon-512"),
    path("site.webmanifest", identity.default_manifest, name="manifest-default"),
    path("api/v2/", api_router.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own URLs, its page view wrapped by core.routing.serve: the site, its home page and
# site settings load in one query, and routing finds the page in the chrome's one query.
wagtail_page_urls = [
    re_path(pattern.pattern.regex.pattern, routing.serve, name=pattern.name)
    if getattr(pattern, "name", None) == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("site.webmanifest", identity.manifest, name="manifest"),
    # The newsroom's feeds, one per language (news.feeds).
    path("feeds/news.rss", NewsRssFeed(), name="news-rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news-atom"),
    path("", include(wagtail_page_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
