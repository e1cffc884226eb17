import io

from django.core.management import call_command

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the test database once; every test then runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_seed_content", stdout=io.StringIO())


@pytest.fixture
def seeded_site(db):
    """The whole portal as the seed command builds it, in English and Russian."""


@pytest.fixture
def home_page(seeded_site):
    from organisation.models import HomePage

    return HomePage.objects.get()
