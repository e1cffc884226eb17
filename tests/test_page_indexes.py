"""Routing stays an index lookup, and a listing an index scan, however many pages there
are (core.page_indexes)."""

from django.conf import settings
from django.db import connection

from modeltranslation.utils import build_localized_fieldname

import pytest

pytestmark = pytest.mark.django_db


def indexed_columns(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {tuple(each["columns"]) for each in constraints.values() if each["index"]}


def test_every_languages_url_path_and_the_depth_of_pages_are_indexed_after_migrate():
    indexed = indexed_columns("wagtailcore_page")

    for code, _name in settings.LANGUAGES:
        assert (build_localized_fieldname("url_path", code),) in indexed, code
    assert ("depth",) in indexed


def test_a_listings_live_children_can_be_read_from_an_index_alone():
    assert ("id", "live", "depth", "path") in indexed_columns("wagtailcore_page")


def test_the_sitemap_finds_the_latest_publication_from_an_index():
    assert ("last_published_at",) in indexed_columns("wagtailcore_page")


def test_partners_are_indexed_by_relationship_for_the_memberships_every_page_names():
    assert ("relationship",) in indexed_columns("partners_partnerpage")
