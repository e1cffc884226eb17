"""The portal's URLs with Wagtail's own page view (wagtail.views.serve) in place of
core.routing.serve: the reference the serve contract compares the portal's path with."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path
from django.urls.resolvers import LocalePrefixPattern

from wagtail import urls as wagtail_urls

from iclei_portal import urls as portal
from search import views as search_views

urlpatterns = [
    pattern
    for pattern in portal.urlpatterns
    if not (isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern))
]
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = portal.handler404
