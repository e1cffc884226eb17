"""Sections that list items (the newsroom, the publications library, the directories) join
the main menu once they have something to list.

The seed creates the newsroom and the library empty; a menu entry leading to "Nothing is
listed here yet" sends visitors away. A page type that lists its children names their type
(`listed_page_type = "news.ArticlePage"`); such a section is left out of the main menu
while no live item of that type stands below it, and appears as soon as one is published
(publishing starts a new content generation, so the front cache shows it: core.cache).
Whether it has items is a column of the chrome's one query (core.chrome), not a query of
its own.
"""

from functools import cache

from django.apps import apps
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When

from wagtail.models import Page, get_page_models


@cache
def listed_types():
    """{(app label, model name) of a listing section's type: its items' (app label, model name)}"""
    found = {}
    for model in get_page_models():
        listed = getattr(model, "listed_page_type", None)
        if listed:
            item = apps.get_model(listed)
            found[(model._meta.app_label, model._meta.model_name)] = (
                item._meta.app_label,
                item._meta.model_name,
            )
    return found


def _of_type(app_label, model_name):
    return Q(content_type__app_label=app_label, content_type__model=model_name)


def has_items():
    """An expression over page rows: False for a listing section with no live item below
    it, True for every other page."""
    cases = [
        When(
            _of_type(*section),
            then=Exists(
                Page.objects.filter(
                    _of_type(*item),
                    path__startswith=OuterRef("path"),
                    depth=OuterRef("depth") + 1,
                    live=True,
                )
            ),
        )
        for section, item in listed_types().items()
    ]
    if not cases:
        return Value(True, output_field=BooleanField())
    return Case(*cases, default=Value(True), output_field=BooleanField())


def in_menu(page):
    """Whether a page is in the main menu: editors ticked *Show in menus*, and a listing
    section has something to list."""
    return page.show_in_menus and getattr(page, "has_items", True) is not False
