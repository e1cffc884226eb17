"""The listing's country index (ProgrammeCountry) says where each programme works, whichever
way programmes arrive: the seed, generated load content, or a site upgraded to it."""

import importlib
import io
from types import SimpleNamespace

from django.apps import apps
from django.core.management import call_command
from django.db import connection

import pytest
from bs4 import BeautifulSoup

from loadtest.content import SLUG_PREFIX
from programmes.models import ProgrammeCountry, ProgrammePage, ProgrammePhase

pytestmark = pytest.mark.django_db

LISTING = "/en/programmes/"


def indexed():
    """{programme pk: {codes}} as the index holds them."""
    rows = {}
    for pk, code in ProgrammeCountry.objects.values_list("page", "code"):
        rows.setdefault(pk, set()).add(code)
    return rows


def working():
    """{programme pk: {codes}} from the programmes' own and their phases' countries."""
    return {
        page.pk: set(page.working_country_codes())
        for page in ProgrammePage.objects.prefetch_related("phases")
        if page.working_country_codes()
    }


def listed(response):
    return {
        link.get_text(strip=True)
        for link in BeautifulSoup(response.content, "html.parser").select(".card__title a")
    }


def test_the_seeded_programmes_are_indexed_with_their_phases_countries(seeded_site):
    index = indexed()

    assert index == working()
    urban_leds = ProgrammePage.objects.get(slug_en="urban-leds")
    assert {"BD", "IN", "ZA"} <= index[urban_leds.pk]


def test_upgrading_a_site_indexes_the_programmes_it_already_has(seeded_site):
    migration = importlib.import_module("programmes.migrations.0002_programme_country_index")
    expected = indexed()
    ProgrammeCountry.objects.all().delete()  # as before the migration

    migration.index_existing_programmes(apps, SimpleNamespace(connection=connection))

    assert indexed() == expected


def test_generated_load_content_can_be_filtered_by_country(client, seeded_site):
    call_command("generate_load_content", pages=20, verbosity=0, stdout=io.StringIO())
    generated = ProgrammePage.objects.filter(slug_en__startswith=SLUG_PREFIX)
    assert generated.count() >= 10

    assert indexed() == working()
    programme = generated.order_by("pk").first()
    code = programme.country_codes[0]
    shown = listed(client.get(LISTING, {"country": code}))
    assert programme.title in shown
    in_country = [page.title for page in generated if code in page.working_country_codes()]
    assert set(in_country) <= shown


def test_a_programme_copied_live_is_found_by_its_phases_countries(client, seeded_site):
    urban_leds = ProgrammePage.objects.get(slug_en="urban-leds")
    urban_leds.phases.add(ProgrammePhase(name_en="Pilot", start_year=2024, countries=["FR"]))
    urban_leds.save_revision().publish()
    urban_leds = ProgrammePage.objects.get(pk=urban_leds.pk)  # as the admin's copy view loads it

    copy = urban_leds.copy(
        update_attrs={
            "slug_en": "urban-leds-copy",
            "slug_ru": "urban-leds-kopiya",
            "title_en": "Urban-LEDS copy",
        },
        keep_live=True,
    )

    assert indexed()[copy.pk] == indexed()[urban_leds.pk]
    assert "FR" in indexed()[copy.pk]
    assert listed(client.get(LISTING, {"country": "FR"})) == {"Urban-LEDS", "Urban-LEDS copy"}


def test_a_publish_that_keeps_the_countries_leaves_the_index_rows_alone(seeded_site):
    urban_leds = ProgrammePage.objects.get(slug_en="urban-leds")
    rows = set(ProgrammeCountry.objects.filter(page=urban_leds).values_list("pk", "code"))

    urban_leds.summary_en = "A new summary."
    urban_leds.save_revision().publish()

    assert set(ProgrammeCountry.objects.filter(page=urban_leds).values_list("pk", "code")) == rows
