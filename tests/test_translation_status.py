"""Translators see, per language, what is translated, missing or stale, and fix it."""

from django.urls import reverse

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from programmes.models import ProgrammeIndexPage, ProgrammePage, Theme
from translations.status import build_report

from .helpers import publish

pytestmark = pytest.mark.django_db

REPORT = "/admin/translation-status/"


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("tina", "tina@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


def locale(code, **filters):
    return next(s for s in build_report(**filters).locales if s.code == code)


def stale_fields_in_report(page, language="ru"):
    rows = build_report(language=language).rows
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return {issue.field for row in rows if row.edit_url == url for issue in row.stale}


def test_seed_russian_is_complete_and_german_untouched(seeded_site):
    russian, german = locale("ru"), locale("de")
    assert german.needed == russian.needed > 0
    assert (russian.percent, russian.missing, russian.stale) == (100, 0, 0)
    assert (german.percent, german.translated, german.missing) == (0, 0, german.needed)


def test_a_new_snippet_counts_exactly_its_non_empty_fields(seeded_site):
    before_ru, before_de = locale("ru"), locale("de")
    theme = Theme.objects.create(name_en="Soil health", slug="soil-health")
    ru, de = locale("ru"), locale("de")
    assert (ru.needed, ru.missing) == (before_ru.needed + 1, before_ru.missing + 1)
    assert (de.needed, de.missing) == (before_de.needed + 1, before_de.missing + 1)
    assert ru.translated == before_ru.translated

    theme.name_ru = "Здоровье почв"
    theme.save()
    ru = locale("ru")
    assert (ru.translated, ru.missing) == (before_ru.translated + 1, before_ru.missing)
    assert locale("de").missing == before_de.missing + 1


def test_empty_english_fields_are_not_counted(seeded_site, programme):
    before = locale("de")
    assert not programme.seo_title_en
    page = ProgrammePage(title_en="Quiet page", slug_en="quiet-page", summary_en="Short.")
    ProgrammeIndexPage.objects.get().add_child(instance=page)
    page.save_revision().publish()
    after = locale("de")
    assert after.needed == before.needed + 2  # title and summary; the rest is empty


def test_changing_the_english_marks_the_russian_stale(admin_client, programme):
    publish(programme, summary_en=programme.summary_en + " Now in 90 cities.")
    assert stale_fields_in_report(programme) == {"summary"}
    assert locale("ru").stale == 1
    assert locale("de").stale == 0  # nothing was translated into German

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk]))
    assertContains(response, 'data-field="summary" data-language="ru"')
    assertNotContains(response, 'data-field="title" data-language="ru"')

    response = admin_client.get(REPORT, {"locale": "ru", "state": "stale"})
    assertContains(response, 'class="stale" data-field="summary"')


def test_updating_the_russian_clears_the_stale_mark(programme):
    publish(programme, summary_en="A new English summary.")
    publish(programme, summary_ru="Новое русское резюме.")
    assert stale_fields_in_report(programme) == set()


def test_confirming_the_translation_clears_the_stale_mark(admin_client, programme):
    publish(programme, summary_en="A new English summary.")
    report = admin_client.get(REPORT, {"locale": "ru"})
    row = next(r for r in report.context["page_obj"].object_list if r.stale)
    confirm_url = reverse("translation_status_confirm", args=row.stale[0].confirm_args)
    assertContains(admin_client.get(confirm_url), "Is the translation still correct?")

    response = admin_client.post(confirm_url, {"next": REPORT})
    assert response.status_code == 302
    assert stale_fields_in_report(programme) == set()
    assert locale("ru").stale == 0


def test_a_draft_does_not_make_anything_stale(programme):
    page = programme.get_latest_revision_as_object()
    page.summary_en = "A draft nobody has published."
    page.save_revision()
    assert stale_fields_in_report(programme) == set()


def test_the_stale_mark_survives_later_publishing(programme):
    publish(programme, summary_en="A new English summary.")
    publish(programme, iclei_role_en=programme.iclei_role_en)  # publish again, unrelated
    publish(programme, body_ru=programme.body_ru)
    assert stale_fields_in_report(programme) == {"summary"}


def test_existing_translations_without_marks_are_up_to_date(programme):
    from translations.models import TranslationMark

    TranslationMark.objects.all().delete()  # content from before the feature
    assert locale("ru").stale == 0
    publish(programme, summary_en="Changed right after the feature arrived.")
    assert stale_fields_in_report(programme) == {"summary"}


def test_filters_narrow_the_report_and_bad_values_fall_back(admin_client, seeded_site):
    Theme.objects.create(name_en="Soil health", slug="soil-health")
    response = admin_client.get(REPORT, {"locale": "de", "app": "programmes", "state": "missing"})
    rows = response.context["page_obj"].object_list
    assert rows and {(r.language, r.app_label) for r in rows} == {("de", "programmes")}
    assert all(r.missing for r in rows)

    response = admin_client.get(REPORT, {"locale": "ru", "state": "missing"})
    assert [r.label for r in response.context["page_obj"].object_list] == ["Soil health"]

    response = admin_client.get(REPORT, {"locale": "xx", "app": "<script>", "state": "1", "p": "z"})
    assert response.status_code == 200
    assert response.context["filters"] == {"locale": "", "app": "", "state": ""}


def test_items_link_to_their_edit_views(seeded_site):
    Theme.objects.create(name_en="Soil health", slug="soil-health")
    urls = {r.model_label: r.edit_url for r in build_report(language="de").rows}
    assert urls["programmes.Theme"].startswith("/admin/snippets/programmes/theme/edit/")
    assert urls["programmes.ProgrammePage"].startswith("/admin/pages/")
    assert urls["programmes.ProgrammePhase"].startswith("/admin/pages/")
    assert urls["organisation.OrganisationSettings"].startswith("/admin/settings/")


def test_the_report_costs_the_same_queries_for_more_pages(
    admin_client, seeded_site, django_assert_max_num_queries
):
    admin_client.get(REPORT)  # warm caches (content types, session, permissions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as seed_queries:
        admin_client.get(REPORT)
    index = ProgrammeIndexPage.objects.get()
    for number in range(30):
        page = ProgrammePage(
            title_en=f"Extra {number}", slug_en=f"extra-{number}", summary_en="Extra."
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    with django_assert_max_num_queries(len(seed_queries)):
        response = admin_client.get(REPORT)
    assert response.context["row_count"] > 30


def test_the_dashboard_shows_translation_status(admin_client, seeded_site):
    response = admin_client.get("/admin/")
    assertContains(response, 'id="translation-status')
    assertContains(response, f"{REPORT}?locale=de")
    assertContains(response, f"{REPORT}?locale=zh-hans")


def test_anonymous_visitors_are_sent_to_login(client, seeded_site):
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
