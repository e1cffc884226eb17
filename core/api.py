"""The read-only JSON API (Wagtail API v2), answering in the language asked for with ?lang=."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation

from wagtail.api.v2.views import PagesAPIViewSet


class LanguagePagesAPIViewSet(PagesAPIViewSet):
    """Pages with their translated fields: `?lang=ru` (default: English).

    Wagtail already answers unknown query parameters with a 400 and a message.
    """

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["lang"])

    def dispatch(self, request, *args, **kwargs):
        language = request.GET.get("lang", settings.LANGUAGE_CODE)
        if language not in dict(settings.LANGUAGES):
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            return JsonResponse(
                {"message": f"lang: unknown language '{language}'. Use one of: {codes}."},
                status=400,
            )
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # while the language is still active
        return response
