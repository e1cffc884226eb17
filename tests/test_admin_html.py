"""The admin's pages arrive without the indentation of Wagtail's templates (issue 14: a
translator's edit form was 265 KB, mostly whitespace), and nothing else about them changes."""

import json

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

import pytest
from bs4 import BeautifulSoup

from core.admin_html import compact
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db


def test_whitespace_between_tags_is_folded_but_not_where_it_counts():
    html = (
        "<div>\n    <p>Text  with   spaces</p>\n\n    <span>a</span> <span>b</span>\n</div>"
        "<pre>\n  <b>kept</b>\n    as is</pre><textarea name=t>\n\n  x</textarea>"
        "<script>if (a >  <b) {}</script>"
    )

    folded = compact(html)

    assert folded.startswith("<div>\n<p>Text  with   spaces</p>\n<span>a</span> <span>b</span>")
    assert "<pre>\n  <b>kept</b>\n    as is</pre>" in folded
    assert "<textarea name=t>\n\n  x</textarea>" in folded
    assert "<script>if (a >  <b) {}</script>" in folded


def edit_view(user):
    client = Client()
    client.force_login(user)
    page = ProgrammePage.objects.get(slug_en="urban-leds")
    return client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


def test_a_translators_edit_form_is_smaller_and_keeps_its_inputs(
    django_user_model, seeded_site, settings
):
    greta = django_user_model.objects.create_user("greta", "greta@example.org", "x")
    greta.groups.add(Group.objects.get(name="Translators (Deutsch)"))

    folded = edit_view(greta)
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "core.admin_html.AdminHTMLMiddleware"
    ]
    plain = edit_view(greta)

    assert folded.status_code == plain.status_code == 200
    assert len(folded.content) < 0.85 * len(plain.content)
    assert folded.content.count(b"<input") == plain.content.count(b"<input")
    assert folded.content.count(b"<textarea") == plain.content.count(b"<textarea")


def test_json_in_attributes_is_single_quoted_and_reads_the_same():
    definition = '{"label": "Page", "html": "<div>\\n\\n    <b>x</b>\\n</div>"}'
    value = '["line one\\n\\n    line two"]'  # content: its white space is kept
    html = (
        f'<div data-w-block-data-value="{escape(definition)}" '
        f'data-w-block-arguments-value="{escape(value)}" title="it&#x27;s &quot;x&quot;"></div>'
    )

    folded = compact(html)
    element = BeautifulSoup(folded, "html.parser").div

    assert "&quot;" not in folded.split("title=")[0]
    assert json.loads(element["data-w-block-data-value"]) == {
        "label": "Page",
        "html": "<div>\n<b>x</b>\n</div>",
    }
    assert element["data-w-block-arguments-value"] == value
    assert element["title"] == 'it\'s "x"'
