"""Partner sites read programmes, partners, priorities and the profile as JSON, in every
released language."""

import pytest

from tests.conftest import release_languages
from tests.helpers import person

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/"


def items(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_programmes_come_with_their_facts(client, seeded_site):
    (urban_leds,) = [
        item
        for item in items(
            client, type="programmes.ProgrammePage", fields="summary,country_codes,phases,status"
        )
        if item["title"] == "Urban-LEDS"
    ]

    assert urban_leds["status"] == "completed"
    assert set(urban_leds["country_codes"]) == {"BR", "IN", "ID", "ZA", "BD", "CO", "LA", "RW"}
    assert [(p["start_year"], p["end_year"]) for p in urban_leds["phases"]] == [
        (2013, 2015),
        (2017, 2021),
    ]
    assert urban_leds["summary"].startswith("ICLEI's flagship project")


def test_lang_returns_the_russian_translation(client, seeded_site):
    partners = items(client, type="partners.PartnerPage", fields="acronym,since_year", lang="ru")

    by_acronym = {item["acronym"]: item for item in partners if item["acronym"]}
    assert by_acronym["РКИК ООН"]["title"] == "Рамочная конвенция ООН об изменении климата"
    assert by_acronym["CCAC"]["since_year"] == 2014
    assert by_acronym["CCAC"]["meta"]["html_url"].endswith("/ru/partnery/ccac/")


def test_the_profile_and_priorities_are_there(client, seeded_site):
    (home,) = items(client, type="organisation.HomePage", fields="key_figures,commitment_year")
    assert [figure["formatted_value"] for figure in home["key_figures"]] == [
        "1,750+",
        "100+",
        "2014",
    ]
    assert home["commitment_year"] == 2030

    priorities = items(
        client, type="organisation.PriorityPage", fields="number,pollutant_names", order="id"
    )
    assert sorted(item["number"] for item in priorities) == [1, 2, 3, 4, 5]
    (second,) = [item for item in priorities if item["number"] == 2]
    assert "Fine particulate matter (PM2.5)" in second["pollutant_names"]


def test_a_language_without_translation_falls_back_to_english(client, seeded_site):
    release_languages("ru", "de")

    (home,) = items(client, type="organisation.HomePage", fields="commitment", lang="de")

    assert home["commitment"].startswith("Enable local and regional governments")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"colour": "green"}, "query parameter is not an operation or a recognised field: colour"),
        ({"lang": "xx"}, "lang: unknown language 'xx'. Use one of: en, ru."),
        # Wagtail's own language filter (wagtail.locales) is not this site's.
        ({"locale": "ru"}, "locale: choose the language with lang. Use one of: en, ru."),
        ({"type": "programmes.Nope"}, "type doesn't exist"),
    ],
)
def test_bad_requests_get_a_400_with_a_message(client, seeded_site, params, message):
    response = client.get(API, params)

    assert response.status_code == 400
    assert message in response.json()["message"]


def test_drafts_are_not_published_through_the_api(client, seeded_site):
    from programmes.models import ProgrammePage

    programme = ProgrammePage.objects.get(slug_en="ecomobility-alliance")
    programme.summary_en = "An unpublished draft."
    programme.save_revision()

    (item,) = [
        i
        for i in items(client, type="programmes.ProgrammePage", fields="summary")
        if i["id"] == programme.pk
    ]
    assert item["summary"] != "An unpublished draft."


@pytest.mark.parametrize("language", ["de", "ar", "zh-hans"])
def test_a_language_not_yet_released_is_refused_as_on_the_pages(client, seeded_site, language):
    for url, params in [
        (API, {"lang": language}),
        (f"{API}find/", {"lang": language, "html_path": "/programmes/urban-leds/"}),
        (f"{API}find/", {"html_path": f"/{language}/programmes/urban-leds/"}),
    ]:
        response = client.get(url, params)

        assert response.status_code == 400
        assert response.json() == {
            "message": f"lang: '{language}' is not published yet. Use one of: en, ru."
        }


def test_a_page_is_found_by_its_address_on_the_site_in_its_language(client, seeded_site):
    response = client.get(f"{API}find/", {"html_path": "/ru/programmy/urban-leds/"}, follow=True)

    assert response.status_code == 200
    assert response.json()["meta"]["html_url"].endswith("/ru/programmy/urban-leds/")
    assert response["Content-Language"] == "ru"
    english = client.get(f"{API}find/", {"html_path": "/en/programmes/urban-leds/"}, follow=True)
    assert english.json()["title"] == "Urban-LEDS"
    assert english["Content-Language"] == "en"
    mixed = client.get(f"{API}find/", {"html_path": "/ru/programmy/urban-leds/", "lang": "en"})
    assert mixed.status_code == 400


def test_a_released_language_is_served_once_staff_release_it(client, seeded_site):
    assert client.get(API, {"lang": "de"}).status_code == 400

    release_languages("ru", "de")

    response = client.get(API, {"lang": "de", "type": "programmes.ProgrammePage"})
    assert response.status_code == 200
    assert response["Content-Language"] == "de"


def test_a_translator_signed_in_reads_an_unreleased_language(client, seeded_site):
    client.force_login(person("dieter", "Translators (Deutsch)"))

    partners = items(client, type="partners.PartnerPage", lang="de")

    assert partners
    assert all("/de/" in item["meta"]["html_url"] for item in partners)


@pytest.mark.parametrize("accept", ["de", "ru", "ar,de;q=0.8"])
def test_the_browsers_language_does_not_change_the_answer(client, seeded_site, accept):
    response = client.get(API, {"type": "partners.PartnerPage"}, HTTP_ACCEPT_LANGUAGE=accept)

    titles = {item["title"] for item in response.json()["items"]}
    assert "United Nations Framework Convention on Climate Change" in titles
    assert response["Content-Language"] == "en"  # what it is in, not what was asked for
    russian = client.get(API, {"lang": "ru"}, HTTP_ACCEPT_LANGUAGE=accept)
    assert russian["Content-Language"] == "ru"


@pytest.mark.parametrize(
    "url",
    [f"{API}999999/", f"{API}find/?html_path=/no-such-page/", f"{API}find/?html_path=/en/nope/"],
)
def test_a_missing_page_is_a_json_404_not_a_redirect_to_a_web_page(client, seeded_site, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 404
    assert response.json()["message"]
    assert response["Content-Language"] == "en"
