"""Rows of an inline panel (Wagtail's Orderable) each in their place.

The seed once created its rows (figures, phases, partners, links…) without a sort_order.
Ordered by a column that is NULL everywhere, a page's rows came in whatever order the database
returned them, which PostgreSQL changes when a row is rewritten, and the admin's form could
list them in another order than the page.
"""

from django.db.models import F


def number_rows(rows):
    """Give each of `rows` (model instances not yet saved) its place, where it has none."""
    for position, row in enumerate(rows):
        if getattr(row, "sort_order", False) is None:
            row.sort_order = position
    return rows


def number_unordered_rows(apps, app_label):
    """In a data migration: number the rows of `app_label`'s orderables whose parent has rows
    without a sort_order, keeping the order they had (sort_order first, then creation)."""
    from modelcluster.fields import ParentalKey

    for model in apps.get_app_config(app_label).get_models():
        names = {field.name for field in model._meta.fields}
        parents = [field for field in model._meta.fields if isinstance(field, ParentalKey)]
        if "sort_order" not in names or len(parents) != 1:
            continue
        parent = parents[0].attname
        unordered = model.objects.filter(sort_order=None).values_list(parent, flat=True)
        for parent_id in set(unordered):
            rows = model.objects.filter(**{parent: parent_id}).order_by(
                F("sort_order").asc(nulls_last=True), "pk"
            )
            for position, pk in enumerate(rows.values_list("pk", flat=True)):
                model.objects.filter(pk=pk).update(sort_order=position)
