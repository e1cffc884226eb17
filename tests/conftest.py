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


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (local memory, one per test worker): a test's
    rolled-back rows must not live on in what was cached from them, such as Wagtail's site
    root paths after a test that added a second Site (links then became absolute)."""
    from django.core.cache import cache

    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: the test client's requests leave the
    last page's language active in the thread, which would leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def refreshed(settings):
    """The URLs refreshed in the front cache during the test (a recording backend)."""
    from tests.helpers import REFRESHED

    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.helpers.RecordingBackend"}}
    REFRESHED.clear()
    return REFRESHED


def release_languages(*codes):
    """Staff release these languages in Settings › Languages (English always is)."""
    from wagtail.models import Site

    from core.models import LanguageSettings

    languages = LanguageSettings.for_site(Site.objects.get(is_default_site=True))
    languages.released_languages = list(codes)
    languages.save()


@pytest.fixture
def all_languages_released(seeded_site):
    """Every language released, as once its translators are done (core.languages): for
    stories about German, French or Arabic visitors. The seed releases English and Russian."""
    from django.conf import settings

    release_languages(*(code for code, _name in settings.LANGUAGES))
