"""Content-Security-Policy: a strict policy for public pages, a looser one the admin needs."""

from django.conf import settings

from csp.middleware import CSPMiddleware


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY under /admin/.

    Wagtail's admin (and page previews, served from admin URLs) relies on inline scripts
    and styles; public pages get no 'unsafe-inline' at all and use nonces instead.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and self.is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts

    @staticmethod
    def is_admin(request):
        return request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
