"""An editor's form packs the body's block library once per admin language, not once per
language field (issue 14: nine packings were most of the editor's edit view), and each
editor still gets it in their own admin language, whoever opened a form before them."""

import json

from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db


def body_definitions(user):
    client = Client()
    client.force_login(user)
    page = ProgrammePage.objects.get(slug_en="urban-leds")
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {  # (as text: the JSON escapes Cyrillic)
        element["id"]: json.dumps(
            json.loads(element["data-w-block-data-value"]), ensure_ascii=False
        )
        for element in soup.select("[data-w-block-data-value]")
        if element["id"].startswith("body_")
    }


def test_every_language_body_offers_the_whole_block_library_in_the_editors_language(
    admin_user, django_user_model
):
    russian_editor = django_user_model.objects.create_superuser("ru-editor", "ru@example.org")
    profile = UserProfile.get_for_user(russian_editor)
    profile.preferred_language = "ru"
    profile.save()

    english = body_definitions(admin_user)
    russian = body_definitions(russian_editor)
    english_again = body_definitions(admin_user)

    assert {"body_en", "body_ru", "body_de", "body_ar"} <= set(english)
    assert set(english_again) == set(english)
    for name, definition in english_again.items():
        assert "Choose an image" in definition, name
        assert "Выберите изображение" not in definition, name
        (_group, children), *_ = json.loads(definition)["_args"][1]
        blocks = {child["_args"][0] for child in children}
        assert {"heading", "paragraph", "table", "key_figure", "embed"} <= blocks, name
    assert set(russian) == set(english)
    for name, definition in russian.items():
        assert "Выберите изображение" in definition, name
