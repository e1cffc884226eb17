"""An editor sees the draft in the editor's preview panel, for every page type and snippet and
in every language, while visitors' pages keep the strict policy: framed by nobody, scripts
only with the response's nonce. (The test client does not enforce CSP; the browser tests in
tests/browser/test_admin_preview.py show the panel itself.)"""

import re

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from wagtail.users.models import UserProfile

import pytest

from tests.admin_forms import browser_form_data
from tests.helpers import html_lang
from tests.test_security import csp

pytestmark = pytest.mark.django_db

PAGE_FORM = "page-edit-form"
SNIPPET_FORM = "w-editor-form"
PAGE_TYPES = (
    "organisation.HomePage",
    "organisation.PriorityIndexPage",
    "organisation.PriorityPage",
    "organisation.OfficePage",
    "programmes.ProgrammeIndexPage",
    "programmes.ProgrammePage",
    "partners.PartnerIndexPage",
    "partners.PartnerPage",
    "partners.ToolIndexPage",
    "partners.ToolPage",
    "partners.EventIndexPage",
    "partners.EventPage",
)
# A 1×1 PNG: an avatar a user uploads.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def preview_in_panel(client, edit_url, preview_url, form_id, mode, **changes):
    """What the preview panel does: post the form as it stands, then frame the preview."""
    form = browser_form_data(client.get(edit_url), form_id)
    form.update(changes)
    assert client.post(preview_url, form).json()["is_valid"]
    return client.get(preview_url, {"mode": mode, "in_preview_panel": "true"})


def assert_framed_by_the_admin_only(response):
    policy = csp(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # Everything else is the visitor's policy: no inline script but the nonce's.
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    nonces = {source[7:-1] for source in policy["script-src"] if source.startswith("'nonce-")}
    for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode()):
        nonce = re.search(r'nonce="([^"]+)"', attributes)
        assert 'type="application/json"' in attributes or (nonce and nonce[1] in nonces)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_an_editor_previews_a_draft_of_every_page_type_in_the_panel_in_each_language(
    admin_client, seeded_site, page_type
):
    page = apps.get_model(page_type).objects.live().first()
    form = browser_form_data(
        admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))), PAGE_FORM
    )
    form.update(title_ru="Черновик для проверки", title_ar="مسودة للمراجعة")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert admin_client.post(preview_url, form).json()["is_valid"]

    for language, title in (
        ("en", page.title_en),
        ("ru", "Черновик для проверки"),
        ("ar", "مسودة للمراجعة"),
    ):
        mode = next(mode for mode, _name in page.preview_modes if mode.endswith(language))
        response = admin_client.get(preview_url, {"mode": mode, "in_preview_panel": "true"})

        assert response.status_code == 200
        assert html_lang(response) == language
        assert escape(title) in response.content.decode()
        assert_framed_by_the_admin_only(response)


def test_an_editor_previews_a_pollutant_in_the_panel_in_russian(admin_client, seeded_site):
    pollutant = apps.get_model("organisation.Pollutant").objects.first()
    url_names = "wagtailsnippets_organisation_pollutant"
    response = preview_in_panel(
        admin_client,
        reverse(f"{url_names}:edit", args=(pollutant.pk,)),
        reverse(f"{url_names}:preview_on_edit", args=(pollutant.pk,)),
        SNIPPET_FORM,
        "ru",
        name_ru="Метан (черновик)",
    )

    assert response.status_code == 200
    assert html_lang(response) == "ru"
    assert escape("Метан (черновик)") in response.content.decode()
    assert_framed_by_the_admin_only(response)


def test_after_a_preview_visitors_still_get_a_page_nobody_may_frame(
    admin_client, client, seeded_site
):
    programme = apps.get_model("programmes.ProgrammePage").objects.get(slug_en="urban-leds")
    preview = preview_in_panel(
        admin_client,
        reverse("wagtailadmin_pages:edit", args=(programme.pk,)),
        reverse("wagtailadmin_pages:preview_on_edit", args=(programme.pk,)),
        PAGE_FORM,
        "en",
    )
    assert csp(preview)["frame-ancestors"] == ["'self'"]

    for response in (client.get("/en/programmes/urban-leds/"), admin_client.get("/en/")):
        assert csp(response)["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
        assert "'unsafe-inline'" not in csp(response)["script-src"]


def test_avatars_are_never_fetched_from_gravatar(admin_client, admin_user):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "gravatar" not in html
    assert 'src="/static/wagtailadmin/images/default-user-avatar' in html


def test_an_uploaded_avatar_is_served_from_the_site_itself(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.avatar = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    profile.save()

    response = admin_client.get(reverse("wagtailadmin_home"))

    assert f'src="{profile.avatar.url}"' in response.content.decode()
    assert profile.avatar.url.startswith("/media/")  # 'self' in the admin's img-src
    assert "'self'" in csp(response)["img-src"]
