from django.http import HttpResponseNotFound
from django.template import loader


def page_not_found(request, exception=None):
    """The translated 404 page; its language switcher leads to each language's home page."""
    body = loader.render_to_string("404.html", {"error_page": True}, request)
    return HttpResponseNotFound(body)
