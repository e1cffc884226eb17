"""The read-only JSON API (Wagtail API v2), answering in the language asked for with ?lang=.

Only the released languages are offered (core.languages.serves, the check the pages make):
`?lang=` with a language not yet released is a 400 naming the ones there are, as an unknown
language is. The answer is English without `?lang=`, whatever the client's Accept-Language,
and its Content-Language header names the language it is in. `find/?html_path=` takes the
site's addresses as they are, language prefix included.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from core.languages import released_languages, serves

# Past the last page the answer is empty anyway; beyond a 64-bit integer the database
# itself fails (SQLite: "datatype mismatch", PostgreSQL: "bigint out of range").
MAX_OFFSET = 2**31 - 1


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset pagination, with an offset the database can take."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            too_far = int(request.GET.get("offset", 0)) > MAX_OFFSET
        except ValueError:
            too_far = False  # Wagtail answers that one: "offset must be a positive integer"
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class LanguagePagesAPIViewSet(PagesAPIViewSet):
    """Pages with their translated fields: `?lang=ru` (default: English), in a released
    language (staff signed in to the admin also get the others, as on the pages).

    Wagtail already answers unknown query parameters with a 400 and a message.
    """

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["lang"])
    pagination_class = BoundedPagination

    def dispatch(self, request, *args, **kwargs):
        # No database takes a NUL character in a query (SQLite's full-text search: "unterminated
        # string"; PostgreSQL refuses it in any string), so no parameter may hold one.
        if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            return JsonResponse(
                {"message": "Query parameters cannot contain NUL characters."}, status=400
            )
        # Wagtail passes it to the search backend unchecked, which raises (a 500).
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            return JsonResponse({"message": "search_operator: use 'and' or 'or'."}, status=400)
        # find/?html_path= as the site writes its addresses, with their language prefix
        # (Wagtail's own form has none): the prefix is the language asked for.
        path = request.GET.get("html_path", "")
        prefixed = translation.get_language_from_path(path)
        if prefixed:
            if request.GET.get("lang", prefixed) != prefixed:
                message = f"lang: '{request.GET['lang']}' is not the language of html_path."
                return JsonResponse({"message": message}, status=400)
            request.GET = request.GET.copy()
            request.GET["lang"] = prefixed
            request.GET["html_path"] = path.removeprefix(f"/{prefixed}") or "/"
        # Wagtail's ?locale= filters by wagtail.locales, which this site does not use (its
        # languages are modeltranslation's): a 404 page for any value but "en".
        if "locale" in request.GET:
            return JsonResponse(
                {"message": f"locale: choose the language with lang. {self.offered(request)}"},
                status=400,
            )
        language = request.GET.get("lang", settings.LANGUAGE_CODE)
        if language not in dict(settings.LANGUAGES):
            return JsonResponse(
                {"message": f"lang: unknown language '{language}'. {self.offered(request)}"},
                status=400,
            )
        if not serves(language, request):
            message = f"lang: '{language}' is not published yet. {self.offered(request)}"
            return JsonResponse({"message": message}, status=400)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # while the language is still active
        response.headers["Content-Language"] = language
        return response

    @staticmethod
    def offered(request):
        return "Use one of: " + ", ".join(released_languages(request)) + "."
