"""The portal's page view: Wagtail's own view, with the route found from the chrome's rows.

wagtail-modeltranslation replaces every page type's route() with one that loads every child
of each page on the way (all the programmes to serve one), and Wagtail's serve then costs
12 to 21 queries a page (README "Performance"). Here the page and its ancestors come from
their stored per-language URL paths, in the query that loads the site (core.chrome);
Wagtail's serve then finds the route already made (request._wagtail_route_for_request) and
does the rest as always: view restrictions, before_serve_page hooks, the page's serve().

The route is Wagtail's: a live routable page answers its own routes before its children's
slugs, a non-live page on the way is passed through, a proxy model's page is served as the
proxy; where the stored URL paths cannot tell, Wagtail walks the tree.
tests/test_serve_contract.py holds both views to the same responses.
"""

from django.http import Http404

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from core.chrome import Chrome, prime_request


def serve(request, path):
    """wagtail.views.serve, on a request primed and routed by the chrome."""
    from wagtail import views  # loads models at import: not before the app registry is ready

    site = prime_request(request, path)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        try:
            request._wagtail_route_for_request = route(Chrome.for_request(request), path)
        except Http404:
            request._wagtail_route_for_request = None
    return views.serve(request, path)


def route(chrome, path):
    """Wagtail's RouteResult for the path below the site's root page (Http404 if none)."""
    home = chrome.home
    components = [component for component in path.split("/") if component]
    if not components:
        return _known(chrome, home.route(chrome.request, []))
    found = chrome.find(home, components)
    if found is None:
        return home.route(chrome.request, components)  # let Wagtail walk
    page, remaining = found
    on_the_way = _on_the_way(chrome, page)
    if on_the_way is None:
        return home.route(chrome.request, components)  # let Wagtail walk
    # Wagtail tries a live routable page's own routes before its children's slugs.
    for each in on_the_way:
        rest = components[each.depth - home.depth :]
        if _takes(chrome, each, rest):
            return _known(chrome, chrome.specific([each])[0].route(chrome.request, rest))
    if page is None or (remaining and not _is_routable(page)):
        raise Http404  # every page along the path was looked up: none is there
    # Specific in one query with the chrome pages (the JSON-LD names them).
    page = chrome.specific([page])[0]
    return _known(chrome, page.route(chrome.request, remaining))  # Wagtail's: is it live?


def _on_the_way(chrome, page):
    """The pages from the root page down to `page`'s parent (the root page alone when `page`
    is None); None when they are not all known to the chrome."""
    if page is None:
        return [chrome.home]
    trail = chrome.ancestors(page)
    if trail is None or chrome.home not in trail:
        return None
    return trail[trail.index(chrome.home) :]


def _is_routable(page):
    return issubclass(page.specific_class or Page, RoutablePageMixin)


def _takes(chrome, page, components):
    """Whether the page is live and routable, with a route for these components."""
    if not (_is_routable(page) and page.live):
        return False
    page = chrome.specific([page])[0]
    try:
        page.resolve_subpage("/" + "".join(f"{component}/" for component in components))
    except Http404:
        return False
    return True


def _known(chrome, result):
    """The route, its page marked public when it and its ancestors are known to be."""
    page = result.page if result is not None else None
    trail = chrome.ancestors(page) if page is not None else None
    if (
        trail is not None
        and chrome.is_public(page)
        and not any(each.alias_of_id for each in [*trail, page])
    ):
        page._known_public = True  # core.models.KnownPublicMixin: no restriction query
    return result
