"""The footer's menus and social links, and the site notice (organisation.models.navigation)."""

from django import template

from core.chrome import Chrome
from organisation.models import ImpressumPage, NavigationSettings, SiteNotice

register = template.Library()


def _links(stream, request):
    """(label, url) of each menu link whose page is live (the page's title when no label)."""
    links = []
    for block in stream or ():
        value = block.value
        page = value.get("page")
        if page is not None:
            if not page.live:
                continue
            url = page.get_url(request=request)
            label = value.get("label") or page.title
        else:
            url, label = value.get("url"), value.get("label")
        if url and label:
            links.append({"label": label, "url": url})
    return links


def _impressum(request):
    """The published Impressum under the home page, if any (found among the home page's
    children the chrome loaded with the site: no query of its own)."""
    chrome = Chrome.for_request(request)
    if chrome is not None and chrome.home is not None:
        children = chrome.home_children()
        return next((page for page in children if page.specific_class is ImpressumPage), None)
    return ImpressumPage.objects.live().public().first()


def privacy_notice(request):
    """The privacy notice page chosen in the settings, when it is live and public."""
    page = NavigationSettings.for_request(request).privacy_notice
    if page is None or not page.live:
        return None
    chrome = Chrome.for_request(request)
    return page if chrome is None or chrome.is_public(page) is not False else None


@register.simple_tag(takes_context=True, name="privacy_notice")
def privacy_notice_tag(context):
    request = context.get("request")
    return privacy_notice(request) if request is not None else None


@register.simple_tag(takes_context=True)
def footer_menus(context):
    """{"footer": links, "legal": links}: the settings' menus, the Impressum last once live."""
    request = context.get("request")
    if request is None:
        return {"footer": [], "legal": []}
    navigation = NavigationSettings.for_request(request)
    legal = _links(navigation.legal_links, request)
    for page in (privacy_notice(request), _impressum(request)):
        if page is not None:
            url = page.get_url(request=request)
            if all(link["url"] != url for link in legal):
                legal.append({"label": page.title, "url": url})
    return {"footer": _links(navigation.footer_links, request), "legal": legal}


@register.simple_tag(takes_context=True)
def site_notice(context):
    """The site notice when one is set for now, else None."""
    request = context.get("request")
    if request is None:
        return None
    notice = SiteNotice.for_request(request)
    return notice if notice.is_shown() else None
