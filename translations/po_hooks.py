"""Admin hooks for PO export and import: the "Translation exchange" view and menu item, and
a "Download for translation" link on each page (edit view) and snippet (listing)."""

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import po, po_views


@hooks.register("register_admin_urls")
def register_po_urls():
    return [
        path("translations/exchange/", po_views.exchange, name="translations_po_exchange"),
        path(
            "translations/exchange/submit/",
            po_views.submit_imported,
            name="translations_po_submit",
        ),
    ]


class ExchangeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_po_menu_item():
    return ExchangeMenuItem(
        _("Translation exchange"),
        reverse("translations_po_exchange"),
        name="translation-exchange",
        icon_name="doc-full",
        order=900,
    )


def download_button(**query):
    return Button(
        _("Download for translation"),
        url=f"{reverse('translations_po_exchange')}?{urlencode(query)}",
        icon_name="doc-full",
        attrs={"data-translation-download": ""},
        priority=90,
    )


@hooks.register("register_page_header_buttons")
def page_download_button(page, user, view_name, next_url=None):
    """In the page edit view's "more" menu: this page's content for one language."""
    if view_name == "edit" and page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield download_button(page=page.pk)


@hooks.register("register_snippet_listing_buttons")
def snippet_download_button(snippet, user, next_url=None):
    """In a snippet listing's "more" menu: this snippet's content for one language."""
    model = type(snippet)
    if model not in po.lookup_models().values():
        return
    meta = model._meta
    if user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
        yield download_button(snippet=f"{po.model_key(model)}:{snippet.pk}")
