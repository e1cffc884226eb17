"""Django's LocaleMiddleware, except that the JSON API's 404s stay JSON 404s.

For a 404 at an address without a language prefix, LocaleMiddleware tries the address under
the visitor's language prefix and redirects there if it resolves. Under /<lang>/ every
address resolves (Wagtail's page route takes any path), so a missing page of the API
(`/api/v2/pages/999/`, `find/?html_path=…` of no page) became a 302 to an HTML 404 page at
`/en/api/v2/…`: no answer a JSON client can read. A JSON 404 is kept as it is.
"""

from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and response.get("Content-Type", "").startswith(
            "application/json"
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
