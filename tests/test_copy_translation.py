"""Translators copy one language's body into another, also while creating a page."""

import json

from django.urls import reverse

import pytest

from programmes.models import ProgrammeIndexPage

pytestmark = pytest.mark.django_db


def copy_url(parent):
    return reverse(
        "copy_translation_content_on_create", args=("programmes", "programmepage", parent.pk)
    )


def english_body_as_posted():
    # What the browser serialises for a one-paragraph English body.
    return [
        {"name": "body_en-count", "value": "1"},
        {"name": "body_en-0-type", "value": "paragraph"},
        {"name": "body_en-0-value", "value": '{"blocks":[{"text":"Hello"}],"entityMap":{}}'},
        {"name": "body_en-0-deleted", "value": ""},
        {"name": "body_en-0-order", "value": "0"},
        {"name": "body_en-0-id", "value": ""},
    ]


def test_the_body_is_copied_into_chinese_on_the_create_view(admin_client, seeded_site):
    parent = ProgrammeIndexPage.objects.get()

    response = admin_client.post(
        copy_url(parent),
        {
            "origin_field_name": "body_en",
            "target_field_name": "body_zh_hans",
            "serializedOriginField": json.dumps(english_body_as_posted()),
        },
    )

    assert response.status_code == 200
    html = response.json()
    assert 'id="body_zh_hans"' in html  # the Chinese field's widget, filled
    assert "body_en" not in html
    assert "Hello" in html


@pytest.mark.parametrize("target", ["title_ru", "body_xx", "summary_de"])
def test_only_translated_streamfields_can_be_copied(admin_client, seeded_site, target):
    parent = ProgrammeIndexPage.objects.get()

    response = admin_client.post(
        copy_url(parent),
        {
            "origin_field_name": "body_en",
            "target_field_name": target,
            "serializedOriginField": "[]",
        },
    )

    assert response.status_code == 400


def test_malformed_field_data_is_a_clear_400(admin_client, seeded_site):
    parent = ProgrammeIndexPage.objects.get()

    response = admin_client.post(
        copy_url(parent),
        {
            "origin_field_name": "body_en",
            "target_field_name": "body_ru",
            "serializedOriginField": "{not json",
        },
    )

    assert response.status_code == 400


def test_visitors_cannot_use_the_copy_view(client, seeded_site):
    parent = ProgrammeIndexPage.objects.get()

    response = client.post(copy_url(parent), {})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_fixed_copy_script_replaces_the_packages_own():
    from django.conf import settings
    from django.contrib.staticfiles import finders

    found = finders.find("wagtail_modeltranslation/js/copy_stream_fields.js")

    assert found.startswith(str(settings.BASE_DIR / "static"))
    assert "zh_hans" in open(found, encoding="utf-8").read()  # noqa: SIM115
