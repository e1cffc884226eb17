"""An editor renames a page in one language; old links in every language keep working."""

from wagtail.contrib.redirects.models import Redirect

import pytest

from partners.models import PartnerIndexPage, PartnerPage

pytestmark = pytest.mark.django_db


def test_a_changed_russian_slug_redirects_the_old_russian_address(client, seeded_site):
    partner = PartnerPage.objects.get(slug_en="unfccc")
    partner.slug_ru = "ramochnaya-konvenciya"
    partner.save_revision().publish()

    response = client.get("/ru/partnery/rkik-oon/")

    assert response.status_code == 301
    assert response["Location"] == "/ru/partnery/ramochnaya-konvenciya/"
    assert client.get(response["Location"]).status_code == 200
    # The English address did not change and is not redirected.
    assert client.get("/en/partners/unfccc/").status_code == 200


def test_renaming_a_section_redirects_the_pages_below_it_in_that_language(
    client, seeded_site, all_languages_released
):
    directory = PartnerIndexPage.objects.get()
    directory.slug_en = "network"
    directory.save_revision().publish()

    assert client.get("/en/partners/")["Location"] == "/en/network/"
    moved = client.get("/en/partners/ccac/")
    assert moved.status_code == 301
    assert moved["Location"] == "/en/network/ccac/"
    # German has no slug of its own and follows English: its old links are redirected too.
    assert client.get("/de/partners/ccac/")["Location"] == "/de/network/ccac/"
    # Russian slugs did not change.
    assert client.get("/ru/partnery/ccac/").status_code == 200


def test_saving_a_draft_or_republishing_unchanged_creates_no_redirect(seeded_site):
    partner = PartnerPage.objects.get(slug_en="cdp")
    partner.slug_ru = "cdp-draft"
    partner.save_revision()  # a draft: visitors still see the old address
    PartnerPage.objects.get(slug_en="ccac").save_revision().publish()

    assert not Redirect.objects.exists()
