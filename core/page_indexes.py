"""Indexes on Wagtail's page table for the lookups core.chrome makes on every request, and
for the listings.

The chrome finds the pages along a URL by their URL path in the visitor's language
(`url_path_<language>`) and the home page's sections by their depth. A listing's counts and
filters (programmes.listing) take every live child of the index page: with (id, live, depth,
path) in one index, PostgreSQL picks them in an index-only scan instead of reading each
page's wide row (titles, slugs and URL paths in nine languages), which at 10,000 pages
halves a filtered listing's time in the database. The sitemap index dates itself by the
latest publication, which an index on `last_published_at` finds without a scan. Wagtail
indexes none of these, and the per-language columns are not in any migration:
modeltranslation adds them after the migrations have run (`migrate` syncs them). So after
every migration run this adds any missing page translation column itself, the way that sync
would (the sync then finds nothing to do), and then the indexes, for every language in
settings.LANGUAGES: a language added later gets its index at the next `migrate`.
"""

import io
from contextlib import redirect_stdout

from django.conf import settings
from django.db import connections

from modeltranslation.utils import build_localized_fieldname

INDEXED = [
    ("core_page_depth", ("depth",)),
    ("core_page_live_children", ("id", "live", "depth", "path")),
    ("core_page_last_published", ("last_published_at",)),
] + [
    (
        f"core_page_url_path_{code.replace('-', '_')}",
        (build_localized_fieldname("url_path", code),),
    )
    for code, _name in settings.LANGUAGES
]


def ensure_page_indexes(using="default", **kwargs):
    from wagtail_modeltranslation.management.commands.sync_page_translation_fields import (
        Command as SyncPageTranslationFields,
    )

    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if "wagtailcore_page" not in tables:
        return
    with redirect_stdout(io.StringIO()):  # it reports each column it adds
        SyncPageTranslationFields().handle(interactive=False)
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, "wagtailcore_page")
        }
        for name, indexed in INDEXED:
            if set(indexed) <= columns:
                listed = ", ".join(f'"{column}"' for column in indexed)
                cursor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON wagtailcore_page ({listed})'
                )
