"""Admin hooks of the translation status: report, dashboard panel, stale notes on edit views."""

from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import registry, views
from .roles import restricted_languages
from .stale import remembered_stale
from .status import build_report


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("translation-status/", views.status_report, name="translation_status"),
        path(
            "translation-status/confirm/<int:content_type_id>/<str:object_id>/<str:field>/"
            "<str:language>/",
            views.confirm_translation,
            name="translation_status_confirm",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return MenuItem(
        _("Translation status"), reverse("translation_status"), icon_name="globe", order=850
    )


class TranslationStatusPanel(Component):
    """Per language: how much is translated, what is missing or stale, with links."""

    name = "translation_status"
    order = 250
    template_name = "translations/home_panel.html"

    def get_context_data(self, parent_context):
        report_url = reverse("translation_status")
        return {
            "locales": [
                (summary, f"{report_url}?{urlencode({'locale': summary.code})}")
                for summary in build_report().locales
            ]
        }


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    panels.append(TranslationStatusPanel())


def _stale_items(entry, pk, stale, label=""):
    names = registry.language_names()
    ct_id = ContentType.objects.get_for_model(entry.model).pk
    return [
        (
            field,
            language,
            f"{label}{entry.field_label(field)}",
            names[language],
            reverse("translation_status_confirm", args=[ct_id, str(pk), field, language]),
        )
        for field, language in sorted(stale)
    ]


def warn_stale_translations(request, instance):
    """On an edit view (GET), list the stale translations of the saved object at the top.

    The lookup (the object and its child rows, as saved) is remembered on `instance`, the
    object the edit view's form is then built for: the marks beside the fields reuse it."""
    entry = registry.for_model(type(instance))
    if request.method != "GET" or entry is None or instance.pk is None:
        return
    children = []
    for child in registry.children_of(entry.model):
        rows = child.model._base_manager.filter(**{child.parent_field: instance.pk})
        children.append((child, list(rows.order_by("pk"))))
    stale = remembered_stale(
        instance,
        pks={entry.model: [instance.pk]},
        saved={child.model: rows for child, rows in children},
    )
    items = _stale_items(entry, instance.pk, stale.get(entry.model, {}).get(str(instance.pk), ()))
    for child, rows in children:
        for row in rows:
            found = stale.get(child.model, {}).get(str(row.pk))
            if found:
                label = f"{child.model._meta.verbose_name} “{row}”: "
                items += _stale_items(child, row.pk, found, label=label)
    languages = restricted_languages(request.user)
    if languages:  # a language translator: only their languages concern them
        items = [item for item in items if item[1] in languages]
    if not items:
        return
    next_url = request.get_full_path()
    listing = format_html_join(
        "",
        '<li class="translation-stale" data-field="{}" data-language="{}">{} ({}) — '
        '<a href="{}?{}">{}</a></li>',
        (
            (
                field,
                language,
                label,
                language_name,
                url,
                urlencode({"next": next_url}),
                _("Confirm translation is still correct"),
            )
            for field, language, label, language_name, url in items
        ),
    )
    messages.warning(
        request,
        format_html(
            "{}<ul>{}</ul>",
            _("The English changed since these translations were written:"),
            listing,
        ),
    )


@hooks.register("before_edit_page")
def stale_on_page_edit(request, page):
    warn_stale_translations(request, page)


@hooks.register("before_edit_snippet")
def stale_on_snippet_edit(request, instance):
    warn_stale_translations(request, instance)


@hooks.register("before_edit_setting")
def stale_on_setting_edit(request, instance):
    warn_stale_translations(request, instance)
