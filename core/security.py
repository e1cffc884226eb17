"""Content-Security-Policy: a strict policy for public pages, a looser one the admin needs,
and none at all for a downloaded file to act on."""

from django.conf import settings

from csp.constants import HEADER
from csp.middleware import CSPMiddleware

# A file sent as a download (a document, a form-submissions export) must never run as a page
# of this site, whatever it holds: nothing loads, no script runs, its origin is opaque.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY under /admin/ and
    PREVIEW_CONTENT_SECURITY_POLICY on previews.

    Wagtail's admin relies on inline scripts and styles; public pages get no
    'unsafe-inline' at all and use nonces instead. A preview is rendered by a request Wagtail
    makes up for the page's public URL (`make_preview_request`), so the path alone would
    give it the public policy, whose `frame-ancestors 'none'` keeps it out of the editor's
    preview panel: Wagtail marks that request `is_dummy`, which no visitor can set.
    """

    def process_response(self, request, response):
        if response.get("Content-Disposition", "").startswith("attachment"):
            response[HEADER] = DOWNLOAD_POLICY  # django-csp leaves a header already set
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None:
            if self.is_preview(request):
                parts.config = settings.PREVIEW_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            elif self.is_admin(request):
                parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts

    @staticmethod
    def is_preview(request):
        return getattr(request, "is_dummy", False) is True

    @staticmethod
    def is_admin(request):
        return request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
