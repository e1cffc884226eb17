from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_safe

from wagtail.models import Site

from .forms import SearchForm
from .query import find, present, promotions


def page_number(value):
    """The requested results page; anything but a plain positive number means the first."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 6:
        return max(1, int(value))
    return 1


@require_safe
def search(request):
    """Site search in the visitor's language: /<lang>/search/?q=…&page=…"""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, "query": query, "results": [], "page_obj": None, "promotions": []}
    if query:
        language = translation.get_language()
        site = Site.find_for_request(request)
        paginator = Paginator(find(query, language, site), settings.SEARCH_RESULTS_PER_PAGE)
        page_obj = paginator.get_page(page_number(request.GET.get("page")))
        context.update(
            page_obj=page_obj,
            results=present(page_obj.object_list, query, language, request),
        )
        if page_obj.number == 1:
            context["promotions"] = promotions(query, request, site)
    status = 400 if form.errors else 200
    return TemplateResponse(request, "search/search.html", context, status=status)
