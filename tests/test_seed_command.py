"""The seed command builds the site once and never undoes an editor's work."""

import io

from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page, Revision

import pytest

from core.models import SeedRecord
from organisation.models import OrganisationSettings, Pollutant, PriorityPage
from programmes.models import ProgrammePage, Theme

pytestmark = pytest.mark.django_db


def run_seed():
    out = io.StringIO()
    call_command("load_seed_content", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "url_path_en", "url_path_ru", "live")),
        "revisions": Revision.objects.count(),
        "records": SeedRecord.objects.count(),
        "themes": sorted(Theme.objects.values_list("slug", "name_en", "name_ru")),
        "pollutants": Pollutant.objects.count(),
    }


def test_the_seed_built_the_whole_tree(seeded_site):
    # root, home, 8 sections (news and publications empty), 5 partners, 4 tools, 3 events,
    # 4 programmes, 5 priorities, the privacy notice
    assert Page.objects.count() == 1 + 1 + 8 + 5 + 4 + 3 + 4 + 5 + 1
    assert not Page.objects.filter(depth__gt=1, live=False).exists()
    assert Page.objects.filter(depth__gt=1, title_ru="").count() == 0


def test_running_the_seed_twice_changes_nothing(seeded_site):
    before = snapshot()

    output = run_seed()

    assert snapshot() == before
    assert "0 created" in output


def test_the_seed_reports_its_progress(db):
    SeedRecord.objects.filter(key__startswith="theme:").delete()
    Theme.objects.all().delete()

    output = run_seed()

    assert "created theme:air-quality" in output
    assert "4 created" in output


def test_the_seed_keeps_an_editors_change_to_a_page(seeded_site):
    programme = ProgrammePage.objects.get(slug_en="urban-leds")
    programme.summary_ru = "Текст редактора."
    programme.title_en = "Urban-LEDS (edited)"
    programme.save_revision().publish()

    run_seed()

    programme.refresh_from_db()
    assert programme.summary_ru == "Текст редактора."
    assert programme.title_en == "Urban-LEDS (edited)"
    assert ProgrammePage.objects.filter(slug_en="urban-leds").count() == 1


def test_the_seed_keeps_an_editors_draft(seeded_site, client):
    programme = ProgrammePage.objects.get(slug_en="ecomobility-alliance")
    programme.summary_en = "A draft the editor has not published."
    programme.save_revision()

    run_seed()

    programme = ProgrammePage.objects.get(pk=programme.pk)
    assert programme.has_unpublished_changes
    draft = programme.get_latest_revision_as_object()
    assert draft.summary_en == "A draft the editor has not published."


def test_the_seed_does_not_bring_back_a_page_an_editor_deleted(seeded_site):
    PriorityPage.objects.get(number=5).delete()

    run_seed()

    assert not PriorityPage.objects.filter(number=5).exists()


def test_the_seed_does_not_undo_a_renamed_snippet_or_setting(seeded_site):
    theme = Theme.objects.get(slug="air-quality")
    theme.name_en = "Clean air"
    theme.save()
    settings = OrganisationSettings.objects.get()
    settings.locality_ru = "г. Бонн"
    settings.save()

    run_seed()

    assert Theme.objects.get(pk=theme.pk).name_en == "Clean air"
    assert OrganisationSettings.objects.get().locality_ru == "г. Бонн"
    assert Theme.objects.count() == 4


def test_seeded_titles_stay_english_in_the_page_explorer(seeded_site):
    with translation.override("ru"):
        priority = PriorityPage.objects.get(number=1)
        assert priority.title == "Многоуровневое управление через группу LGMA"
    # The base columns the admin's page explorer lists are the default language.
    row = Page.objects.filter(pk=priority.pk).values("draft_title").get()
    assert row["draft_title"] == "Multilevel governance through the LGMA constituency"


def test_seeded_rows_keep_the_seeds_order(seeded_site, client, django_user_model):
    # Rows without a place came in whatever order the database returned them: the edit form
    # could list Urban-LEDS's figures in another order than its page.
    from django.apps import apps
    from django.urls import reverse

    from wagtail.models import Orderable

    from organisation import seed_content
    from tests.helpers import person

    unordered = {
        model._meta.label: model.objects.filter(sort_order=None).count()
        for model in apps.get_models()
        if issubclass(model, Orderable) and not model._meta.abstract
    }
    assert {label: n for label, n in unordered.items() if n} == {}

    programme = ProgrammePage.objects.get(slug_en="urban-leds")
    labels = [figure.label_en for figure in programme.figures.all()]
    seeded = dict(seed_content.PROGRAMMES)["urban-leds"]["figures"]
    assert labels == [figure["label"].en for figure in seeded]
    client.force_login(person("erin", "Editors"))
    form = client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk])).context["form"]
    assert [row.instance.label_en for row in form.formsets["figures"].forms] == labels
