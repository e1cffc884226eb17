"""Admin hooks for PO export and import: the "Translation exchange" view and menu item."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import po_views


@hooks.register("register_admin_urls")
def register_po_urls():
    return [path("translations/exchange/", po_views.exchange, name="translations_po_exchange")]


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
