"""The portal's URLs with Wagtail's own page view (wagtail.views.serve) in place of
core.routing.serve: the reference the serve contract compares the portal's path with."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path
from django.urls.resolvers import LocalePrefixPattern

from wagtail import urls as wagtail_urls

from iclei_portal import urls as portal


def _is_locale_prefixed(pattern):
    return isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern)


urlpatterns = [pattern for pattern in portal.urlpatterns if not _is_locale_prefixed(pattern)]
# The portal's own language-prefixed URLs (search, feeds, manifest), with Wagtail's page view
# in place of the last one, the portal's page serving.
(localised,) = [pattern for pattern in portal.urlpatterns if _is_locale_prefixed(pattern)]
urlpatterns += i18n_patterns(
    *localised.url_patterns[:-1],
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = portal.handler404
