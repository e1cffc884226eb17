"""A translator opens an edit view after the English changed: the stale translation is marked
beside its own field, with a way to confirm it is still correct; unchanged fields carry no mark.
"""

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.images import get_image_model

import pytest
from bs4 import BeautifulSoup

from programmes.models import ProgrammePage, Theme
from translations.stale import stale_fields

from .helpers import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("tina", "t@example.org", "x"))
    return client


@pytest.fixture
def programme(seeded_site):
    return ProgrammePage.objects.get(slug_en="urban-leds")


def field_of(response, input_id):
    """The admin field (label, help, input) around the input `input_id`."""
    soup = BeautifulSoup(response.content, "html.parser")
    widget = soup.find(id=input_id)
    assert widget is not None, f"no input {input_id}"
    return widget.find_parent(attrs={"data-field": True})


def stale_mark(response, input_id):
    return field_of(response, input_id).select_one(".translation-stale-mark")


def page_edit(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response


def test_after_an_english_edit_the_russian_field_is_marked_stale(admin_client, programme):
    publish(programme, summary_en=programme.summary_en + " Now in 90 cities.")

    response = page_edit(admin_client, programme)

    mark = stale_mark(response, "id_summary_ru")
    assert mark is not None
    assert "English changed" in mark.get_text()
    assert stale_mark(response, "id_summary_en") is None
    assert stale_mark(response, "id_summary_de") is None, "nothing was translated into German"
    assert stale_mark(response, "id_iclei_role_ru") is None, "its English did not change"


def test_an_unpublished_english_draft_marks_nothing(admin_client, programme):
    page = programme.get_latest_revision_as_object()
    page.summary_en = "A draft nobody has published."
    page.save_revision()

    assert stale_mark(page_edit(admin_client, programme), "id_summary_ru") is None


def test_confirming_beside_the_field_clears_the_mark_and_returns_to_the_page(
    admin_client, programme
):
    publish(programme, summary_en="A new English summary.")
    edit_url = reverse("wagtailadmin_pages:edit", args=[programme.pk])
    link = field_of(page_edit(admin_client, programme), "id_summary_ru").select_one(
        "a.translation-stale-confirm"
    )

    question = admin_client.get(link["href"])
    assert "Is the translation still correct?" in question.content.decode()
    answer = admin_client.post(link["href"], {"next": question.context["next"]})

    assert answer.status_code == 302
    assert answer["Location"] == edit_url
    assert stale_mark(page_edit(admin_client, programme), "id_summary_ru") is None
    assert stale_fields(ProgrammePage.objects.get(pk=programme.pk)) == []


def test_a_stale_phase_name_is_marked_in_its_row(admin_client, programme):
    phase = programme.phases.order_by("sort_order", "pk").first()
    page = programme.get_latest_revision_as_object()
    rows = list(page.phases.all())
    for row in rows:
        if row.pk == phase.pk:
            row.name_en = f"{row.name_en} (renamed)"
    page.phases = rows
    page.save_revision().publish()

    response = page_edit(admin_client, programme)

    rows = [form.instance.pk for form in response.context["form"].formsets["phases"].forms]
    row = rows.index(phase.pk)
    assert stale_mark(response, f"id_phases-{row}-name_ru") is not None
    assert stale_mark(response, f"id_phases-{row}-name_en") is None


def test_a_language_translator_sees_marks_only_in_their_language(
    client, django_user_model, programme
):
    publish(programme, summary_de="Deutsche Zusammenfassung.")
    publish(programme, summary_en="A new English summary.")  # Russian and German now stale
    translator = django_user_model.objects.create_user("hans", "h@example.org", "x")
    translator.groups.add(Group.objects.get(name="Translators (Deutsch)"))
    client.force_login(translator)

    response = page_edit(client, programme)

    assert stale_mark(response, "id_summary_de") is not None
    assert 'id="id_summary_ru"' not in response.content.decode(), "not their language: no field"
    assert 'data-language="ru"' not in response.content.decode(), "nor in the list at the top"
    assert 'data-field="summary" data-language="de"' in response.content.decode()
    help_text = field_of(response, "id_summary_de").get_text()
    assert "English: A new English summary." in help_text, "the source stays beside the mark"


def test_a_stale_snippet_name_is_marked_in_the_snippet_edit_view(admin_client, seeded_site):
    theme = Theme.objects.get(slug="air-quality")
    assert theme.name_ru
    draft = theme.get_latest_revision_as_object()
    draft.name_en = "Air quality and health"
    draft.save_revision().publish()

    response = admin_client.get(reverse("wagtailsnippets_programmes_theme:edit", args=[theme.pk]))

    assert stale_mark(response, "id_name_ru") is not None
    assert stale_mark(response, "id_name_en") is None


def test_a_stale_alt_text_is_marked_in_the_image_edit_view(admin_client, seeded_site):
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="School roof",
        file=get_test_image_file(),
        description_en="Solar panels on a school roof",
        description_ru="Солнечные панели на крыше школы",
        description_fr="Panneaux solaires sur le toit d’une école",
    )
    url = reverse("wagtailimages:edit", args=[image.pk])
    assert stale_mark(admin_client.get(url), "id_description_ru") is None

    image.description_en = "Solar panels on a school roof in Bonn"
    image.save()
    image.description_fr = "Panneaux solaires sur le toit d’une école à Bonn"
    image.save()  # the French is brought up to date, the Russian is not

    response = admin_client.get(url)
    assert stale_mark(response, "id_description_ru") is not None
    assert stale_mark(response, "id_description_fr") is None
