"""Add many live pages under a parent quickly, as published pages look in the database.

Creating a page through Wagtail (`add_child`, a revision, `publish`) takes tens of queries
and signal handlers; ten thousand of them take many minutes. Here one multi-row INSERT adds
the base rows of a batch and one more their types' own rows, with tree paths and
every language's URL path set as Wagtail and modeltranslation would set them. No revisions
are written (visitors never see them) and the search index is rebuilt by the caller.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Locale, Page

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def add_pages(parent, model, rows, batch_size=500):
    """Add live `model` pages under `parent`, one per dict of field values in `rows`.

    Each row gives `slug` and `title` as {language: value} (English required; a language
    without its own slug uses the English one) and the model's other fields. Returns the
    new pages (specific instances).
    """
    rows = list(rows)
    parent = Page.objects.get(pk=parent.pk)  # fresh numchild and path
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    now = timezone.now()
    base_names = {field.attname for field in Page._meta.concrete_fields}
    created = []
    with transaction.atomic():
        for start in range(0, len(rows), batch_size):
            pages = []
            for row in rows[start : start + batch_size]:
                step += 1
                pages.append(_page(parent, model, row, step, content_type, locale, now))
            bases = Page.objects.bulk_create(
                [
                    Page(**{name: getattr(page, name) for name in base_names if name != "id"})
                    for page in pages
                ]
            )
            for page, base in zip(pages, bases, strict=True):
                page.id = page.page_ptr_id = base.pk
            # The type's own rows in one INSERT, as bulk_create does for a model without
            # parents (it refuses multi-table models: their base rows are made above).
            model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, raw=True)
            created.extend(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(rows))
    return created


def _page(parent, model, row, step, content_type, locale, now):
    row = dict(row)
    slugs, titles = row.pop("slug"), row.pop("title")
    page = model(**row)
    page.path = Page._get_path(parent.path, parent.depth + 1, step)
    page.depth = parent.depth + 1
    page.numchild = 0
    page.content_type = content_type
    page.locale = locale
    page.translation_key = uuid.uuid4()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    page.slug = slugs["en"]
    page.title = page.draft_title = titles["en"]
    for code in LANGUAGES:
        field = build_localized_fieldname
        setattr(page, field("title", code), titles.get(code) or None)
        setattr(page, field("slug", code), slugs.get(code) or None)
        parent_path = getattr(parent, field("url_path", code)) or parent.url_path_en
        setattr(page, field("url_path", code), f"{parent_path}{slugs.get(code) or slugs['en']}/")
    page.url_path = page.url_path_en
    return page
